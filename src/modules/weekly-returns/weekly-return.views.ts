import type { FigureKey, Figures } from '../figures/figures';
import type { StepAction } from './entities/weekly-return-step.entity';
import type { ReturnStatus } from './entities/weekly-return.entity';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

/** Another week's figures and the change from them to this week's, in percent (null from zero). */
export interface Comparison {
  week: string;
  figures: Figures;
  changePercent: Record<FigureKey, number | null>;
}

export interface Comparisons {
  previousWeek: Comparison;
  sameWeekLastYear: Comparison;
}

export interface StepView {
  action: StepAction;
  actorId: string;
  at: Date;
  reason: string | null;
  figuresHash: string | null;
  figures: Figures | null;
}

export interface StoredReturnView {
  id: string;
  status: ReturnStatus;
  figures: Figures | null;
  figuresHash: string | null;
  /** Whether the stored figures still hash to the stored hash. */
  snapshotIntact: boolean | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  returnedBy: string | null;
  returnedAt: Date | null;
  returnReason: string | null;
  comment: string | null;
  version: number;
  steps: StepView[];
}

export interface SideBySideRow {
  figure: FigureKey;
  approved: number;
  live: number;
  difference: number;
}

/** A unit's week: live figures, the stored return if any, and whether it still matches them. */
export interface ReturnView {
  unit: UnitRef;
  week: string;
  /** Monday of the week (Europe/London calendar date). */
  weekStarting: string;
  live: Figures;
  liveHash: string;
  return: StoredReturnView | null;
  /** True when a submitted or approved return's figures no longer match the live ones. */
  stale: boolean;
  /** The locked figures of an approved return, with the live ones beside them. */
  approved: Figures | null;
  sideBySide: SideBySideRow[] | null;
  comparisons: Comparisons;
}

export interface SummaryUnitRow {
  unit: UnitRef;
  figures: Figures;
  return: { id: string; status: ReturnStatus; stale: boolean } | null;
  comparisons: Comparisons;
}

/** The force-wide return: every unit's live figures, their sum, and the sum's comparisons. */
export interface SummaryView {
  week: string;
  weekStarting: string;
  units: SummaryUnitRow[];
  total: Figures;
  comparisons: Comparisons;
}

export interface SeriesWeek {
  week: string;
  weekStarting: string;
  figures: Figures;
  /** Change from the week before, in percent (null from zero). */
  changePercent: Record<FigureKey, number | null>;
}

export interface SeriesView {
  /** null: every unit (force-wide). */
  unit: UnitRef | null;
  from: string;
  to: string;
  weeks: SeriesWeek[];
  total: Figures;
}
