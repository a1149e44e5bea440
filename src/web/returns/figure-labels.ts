import type { FigureKey } from '../../modules/figures/figures';

export const FIGURE_LABELS: Record<FigureKey, string> = {
  warrantsExecuted: 'Warrants executed',
  arrests: 'Arrests',
  childrenSafeguarded: 'Children safeguarded',
  exhibitsSeized: 'Exhibits seized',
  safeguardingVisits: 'Safeguarding visits',
  referralsReceived: 'Referrals received',
};
