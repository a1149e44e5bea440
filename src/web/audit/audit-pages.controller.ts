import { Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { AuditService } from '../../core/audit/audit.service';
import { ChainVerifierService } from '../../core/audit/chain/chain-verifier.service';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { AuditExportService } from '../../modules/audit-log/audit-export.service';
import type { AuditItem } from '../../modules/audit-log/audit-rows';
import { AuditSearchService } from '../../modules/audit-log/audit-search.service';
import { RECORD_AUDIT_TYPES } from '../../modules/record-types';
import { AUDIT_OUTCOMES, AuditExportQueryDto, AuditHistoryParamDto, AuditSearchQueryDto, EXPORT_FORMATS } from '../../modules/audit-log/dto/audit-query.dto';
import { errorsByField, FieldDef, FieldError, FormValues, Option, pickValues, str, toFieldErrors, validateDto } from '../forms/form-fields';
import { formatDateTime, isRealDate, londonToIso } from '../forms/london-time';
import { humanise } from '../render/nunjucks-env';
import { WebPages } from '../render/web-pages.service';
import { query } from '../records/record-web.controller';
import { WebController } from '../web-controller.decorator';

/** What the audit log's entity types are called: the record types' own labels, then the rest. */
const TYPE_OPTIONS: Option[] = [
  ...RECORD_AUDIT_TYPES.map((t) => ({ value: t.entityType, text: t.label })),
  ...['weekly_return', 'user', 'unit', 'audit_event', 'audit_chain'].map((t) => ({ value: t, text: humanise(t) })),
];
export const ENTITY_TYPES = TYPE_OPTIONS.map((o) => o.value);

const DATE_HINT = 'A date, for example 2021-03-01 (London time)';
export const FILTER_FIELDS: FieldDef[] = [
  { name: 'entityType', label: 'Record type', kind: 'select', options: TYPE_OPTIONS, emptyText: 'Any' },
  { name: 'entityId', label: 'Record id', kind: 'text', hint: 'The id in the record’s web address', classes: 'govuk-!-width-full haven-mono' },
  { name: 'actorId', label: 'Who (user id)', kind: 'text', classes: 'govuk-!-width-full haven-mono' },
  { name: 'action', label: 'Action', kind: 'text', hint: 'For example view, list, create, update, void, login, export', classes: 'govuk-input--width-20' },
  { name: 'outcome', label: 'Outcome', kind: 'select', options: AUDIT_OUTCOMES.map((o) => ({ value: o, text: humanise(o) })), emptyText: 'Any' },
  { name: 'from', label: 'From', kind: 'text', hint: DATE_HINT, classes: 'govuk-input--width-10' },
  { name: 'to', label: 'To (inclusive)', kind: 'text', hint: DATE_HINT, classes: 'govuk-input--width-10' },
];
const EXPORT_FIELDS: FieldDef[] = [
  ...FILTER_FIELDS,
  {
    name: 'format',
    label: 'Format',
    kind: 'radios',
    options: EXPORT_FORMATS.map((f) => ({ value: f, text: f === 'csv' ? 'CSV (spreadsheet)' : 'NDJSON (one JSON object a line)' })),
  },
  {
    name: 'reason',
    label: 'Why is this export needed?',
    kind: 'text',
    required: true,
    hint: 'Recorded in the audit log with the export (UK DPA 2018 s.62)',
    classes: 'govuk-!-width-full',
    emptyMessage: 'Enter why the export is needed',
    spellcheck: true,
  },
];
const HISTORY_FIELDS: FieldDef[] = [FILTER_FIELDS[0], FILTER_FIELDS[1]];

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * The filter form's values as the API's query: empty fields left out, dates (London) turned into
 * instants — "to" is inclusive on the form, so it becomes the next day's midnight.
 */
function toQuery(values: FormValues, fields: FieldDef[]): { input: Record<string, string>; errors: FieldError[] } {
  const input: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const f of fields) {
    const v = (values[f.name] ?? '').trim();
    if (!v) continue;
    if (f.name === 'from' || f.name === 'to') {
      const m = DATE.exec(v);
      const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
      if (!m || !isRealDate(y, mo, d)) {
        errors.push({ field: f.name, href: f.name, text: `${f.label} must be a real date, like 2021-03-01` });
        continue;
      }
      const day = f.name === 'to' ? new Date(Date.UTC(y, mo - 1, d + 1)) : new Date(Date.UTC(y, mo - 1, d));
      input[f.name] = londonToIso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0);
      continue;
    }
    input[f.name] = f.name === 'entityId' || f.name === 'actorId' ? v.toLowerCase() : v;
  }
  return { input, errors };
}

function rows(items: (AuditItem & { kind?: string })[]) {
  return items.map((e) => ({
    seq: e.seq,
    at: formatDateTime(e.at),
    who: e.actorId ? `${humanise(e.actorRole)} ${e.actorId}` : 'Nobody signed in',
    actorId: e.actorId,
    action: e.action,
    kind: e.kind,
    entityType: e.entityType,
    entityId: e.entityId,
    historyHref: e.entityType && e.entityId ? `/audit/history${query({ entityType: e.entityType, entityId: e.entityId })}` : null,
    outcome: e.outcome,
    purpose: e.purpose,
    details: summarise(e.changes ?? e.details),
    sealed: !!e.hash,
  }));
}

function summarise(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/** The auditor's desk: search the log, a record's access history, verify the chain, export. */
@WebController('audit')
export class AuditPagesController {
  constructor(
    private readonly searcher: AuditSearchService,
    private readonly exporter: AuditExportService,
    private readonly verifier: ChainVerifierService,
    private readonly audit: AuditService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  @Allow(Permission.AuditRead)
  async search(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = pickValues(FILTER_FIELDS, q);
    const { input, errors: dateErrors } = toQuery(values, FILTER_FIELDS);
    const cursor = str(q.cursor);
    const { dto, errors } = await validateDto(AuditSearchQueryDto, { ...input, ...(cursor ? { cursor } : {}) });
    const all = [
      ...dateErrors,
      ...toFieldErrors(
        FILTER_FIELDS,
        errors.filter((e) => !dateErrors.some((d) => d.field === e.field)),
      ),
    ];
    const base = { title: 'Search the audit log', fields: FILTER_FIELDS, values, errors: all, fieldErrors: errorsByField(all) };
    if (all.length) return this.pages.render(reply, 'audit/search', base, 400);
    const page = await this.searcher.search(ctx, dto);
    return this.pages.render(reply, 'audit/search', {
      ...base,
      rows: rows(page.items),
      searched: true,
      nextHref: page.nextCursor ? `/audit${query({ ...values, cursor: page.nextCursor })}` : null,
      firstHref: cursor ? `/audit${query(values)}` : null,
    });
  }

  @Get('history')
  @Allow(Permission.AuditRead)
  async history(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = pickValues(HISTORY_FIELDS, q);
    const base = { title: "A record's access history", fields: HISTORY_FIELDS, values };
    if (!values.entityType && !values.entityId) return this.pages.render(reply, 'audit/history', { ...base, errors: [], fieldErrors: {} });
    const target = { entityType: values.entityType.trim(), entityId: values.entityId.trim().toLowerCase() };
    const cursor = str(q.cursor);
    const checked = await validateDto(AuditHistoryParamDto, target);
    const errors = toFieldErrors(
      HISTORY_FIELDS,
      checked.errors.map((e) => (values[e.field] ? e : { field: e.field, messages: [e.field === 'entityType' ? 'select record type' : 'enter record id'] })),
    );
    if (errors.length) return this.pages.render(reply, 'audit/history', { ...base, errors, fieldErrors: errorsByField(errors) }, 400);
    const page = await this.searcher.history(ctx, checked.dto, { limit: 50, ...(cursor ? { cursor } : {}) });
    return this.pages.render(reply, 'audit/history', {
      ...base,
      errors: [],
      fieldErrors: {},
      target,
      rows: rows(page.items),
      nextHref: page.nextCursor ? `/audit/history${query({ ...target, cursor: page.nextCursor })}` : null,
    });
  }

  /** Links everything committed so far, then walks the whole chain; the check is audited like the API's. */
  @Get('verify')
  @Allow(Permission.AuditVerify)
  async verify(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    if (q.run !== '1') return this.pages.render(reply, 'audit/verify', { title: 'Verify the audit chain' });
    const result = await this.verifier.verify();
    await this.audit.write(ctx, {
      action: 'audit.verify',
      entityType: 'audit_chain',
      outcome: 'success',
      details: { valid: result.valid, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq },
    });
    return this.pages.render(reply, 'audit/verify', { title: 'Verify the audit chain', result, at: formatDateTime(new Date()) });
  }

  @Get('export')
  @Allow(Permission.AuditExport)
  exportForm(@Res() reply: FastifyReply) {
    return this.pages.render(reply, 'audit/export', {
      title: 'Export the audit log',
      fields: EXPORT_FIELDS,
      values: { format: 'csv' },
      errors: [],
      fieldErrors: {},
    });
  }

  /** The file itself: streamed, and audited with its filter and reason before the first byte (the API's exporter). */
  @Get('export/download')
  @Allow(Permission.AuditExport)
  async download(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = pickValues(EXPORT_FIELDS, q);
    const { input, errors: dateErrors } = toQuery(values, EXPORT_FIELDS);
    const { dto, errors } = await validateDto(AuditExportQueryDto, input);
    const dtoErrors = toFieldErrors(
      EXPORT_FIELDS,
      errors.filter((e) => !dateErrors.some((d) => d.field === e.field)),
    ).map((e) => (e.field === 'reason' && !values.reason?.trim() ? { ...e, text: 'Enter why the export is needed' } : e));
    const all = [...dateErrors, ...dtoErrors];
    if (all.length)
      return this.pages.render(
        reply,
        'audit/export',
        { title: 'Export the audit log', fields: EXPORT_FIELDS, values, errors: all, fieldErrors: errorsByField(all) },
        400,
      );
    const out = await this.exporter.open(ctx, dto);
    return reply
      .header('content-type', out.contentType)
      .header('content-disposition', `attachment; filename="${out.filename}"`)
      .header('cache-control', 'no-store')
      .send(out.stream);
  }
}
