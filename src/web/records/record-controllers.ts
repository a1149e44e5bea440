import type { RequestContext } from '../../core/context/request-context';
import type { UnitRecordEntity } from '../../core/records/unit-record.entity';
import type { RecordService } from '../../core/records/record.service';
import { ArrestsService } from '../../modules/arrests/arrests.service';
import { ExhibitsService } from '../../modules/exhibits/exhibits.service';
import { OperationsService } from '../../modules/operations/operations.service';
import { ReferralsService } from '../../modules/referrals/referrals.service';
import { SafeguardingVisitsService } from '../../modules/safeguarding-visits/safeguarding-visits.service';
import { WarrantsService } from '../../modules/warrants/warrants.service';
import { WebPages } from '../render/web-pages.service';
import { WebController } from '../web-controller.decorator';
import { RecordChoices } from './record-choices.service';
import type { Column, RecordPageDef, Row } from './record-page';
import { ARREST_PAGES, EXHIBIT_PAGES, OPERATION_PAGES, REFERRAL_PAGES, VISIT_PAGES, WARRANT_PAGES } from './record-pages';
import { query, RecordWebController, RelatedSection } from './record-web.controller';

const RELATED_LIMIT = 200;

/** A related-records table: the records of `def` whose `key` is the given id, via their service's list. */
export async function relatedSection(
  ctx: RequestContext,
  service: RecordService<UnitRecordEntity>,
  def: RecordPageDef,
  filter: Record<string, string>,
  opts: { title: string; columns?: Column[]; add?: { text: string; prefill: Record<string, unknown> } | null },
): Promise<RelatedSection> {
  const page = await service.list(ctx, { filters: filter, limit: RELATED_LIMIT });
  const columns = opts.columns ?? def.columns;
  return {
    title: opts.title,
    headers: columns.map((c) => c.header),
    rows: (page.items as unknown as Row[]).map((r) => ({ href: `/${def.path}/${r.id}`, cells: columns.map((c) => c.value(r)) })),
    empty: `No ${def.plural.toLowerCase()} recorded yet.`,
    add: opts.add ? { text: opts.add.text, href: `/${def.path}/new${query(opts.add.prefill)}`, permission: def.write } : undefined,
  };
}

@WebController(OPERATION_PAGES.path)
export class OperationPagesController extends RecordWebController(OPERATION_PAGES) {
  constructor(
    protected readonly service: OperationsService,
    protected readonly pages: WebPages,
    protected readonly choices: RecordChoices,
    private readonly warrants: WarrantsService,
    private readonly referrals: ReferralsService,
  ) {
    super();
  }

  protected override async related(ctx: RequestContext, op: Row): Promise<RelatedSection[]> {
    const live = !op.voidedAt;
    const from = `/operations/${op.id}`;
    return [
      await relatedSection(
        ctx,
        this.warrants,
        WARRANT_PAGES,
        { operationId: String(op.id) },
        { title: 'Warrants', add: live ? { text: 'Add a warrant', prefill: { operationId: op.id, from } } : null },
      ),
      await relatedSection(
        ctx,
        this.referrals,
        REFERRAL_PAGES,
        { operationId: String(op.id) },
        { title: 'Referrals', add: live ? { text: 'Add a referral', prefill: { operationId: op.id, from } } : null },
      ),
    ];
  }
}

@WebController(WARRANT_PAGES.path)
export class WarrantPagesController extends RecordWebController(WARRANT_PAGES) {
  constructor(
    protected readonly service: WarrantsService,
    protected readonly pages: WebPages,
    protected readonly choices: RecordChoices,
    private readonly arrests: ArrestsService,
    private readonly exhibits: ExhibitsService,
    private readonly visits: SafeguardingVisitsService,
  ) {
    super();
  }

  /** A warrant's page is where a week of action is entered: what it led to, and links to add more. */
  protected override async related(ctx: RequestContext, w: Row): Promise<RelatedSection[]> {
    const live = !w.voidedAt;
    const from = `/warrants/${w.id}`;
    const base = { operationId: w.operationId, warrantId: w.id, from };
    const at = w.executedAt ?? undefined;
    const filter = { warrantId: String(w.id) };
    return [
      await relatedSection(ctx, this.arrests, ARREST_PAGES, filter, {
        title: 'Arrests',
        add: live ? { text: 'Add an arrest', prefill: { ...base, arrestedAt: at } } : null,
      }),
      await relatedSection(ctx, this.exhibits, EXHIBIT_PAGES, filter, {
        title: 'Exhibits seized',
        add: live ? { text: 'Add an exhibit', prefill: { ...base, seizedAt: at } } : null,
      }),
      await relatedSection(ctx, this.visits, VISIT_PAGES, filter, {
        title: 'Safeguarding visits',
        add: live ? { text: 'Add a safeguarding visit', prefill: { ...base, visitedAt: at } } : null,
      }),
    ];
  }
}
