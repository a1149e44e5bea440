import { Body, Get, HttpException, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { roleHas } from '../../core/auth/roles';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { FIGURE_KEYS, FigureKey } from '../../modules/figures/figures';
import { addWeeks, formatIsoWeek, isoWeekOfDate, mondayOf, parseIsoWeek } from '../../modules/figures/iso-week';
import { ApproveReturnDto, ReturnReturnDto, SubmitReturnDto, UnitWeekQueryDto, WeekQueryDto } from '../../modules/weekly-returns/dto/weekly-return.dto';
import type { ReturnView } from '../../modules/weekly-returns/weekly-return.views';
import { WeeklyReturnsReportingService } from '../../modules/weekly-returns/weekly-returns-reporting.service';
import { WeeklyReturnsSignOffService } from '../../modules/weekly-returns/weekly-returns-sign-off.service';
import { errorsByField, exceptionMessage, FieldDef, FieldError, formToDto, serviceFieldErrors, str, toFieldErrors, validateDto } from '../forms/form-fields';
import { formatDate, londonDate } from '../forms/london-time';
import { WebPages } from '../render/web-pages.service';
import { query, RecordIdPipe } from '../records/record-web.controller';
import { WebController } from '../web-controller.decorator';
import { FIGURE_LABELS } from './figure-labels';
import { columnChart } from './trend-chart';

const TREND_WEEKS = 12;
const COMMENT: FieldDef = { name: 'comment', label: 'Comment', kind: 'textarea', maxLength: 1000 };
const REASON: FieldDef = {
  name: 'reason',
  label: 'Reason',
  kind: 'textarea',
  required: true,
  maxLength: 500,
  emptyMessage: 'Enter why the return is going back',
};
const WEEK_FIELDS: FieldDef[] = [
  { name: 'week', label: 'Week', kind: 'text' },
  { name: 'unitId', label: 'Unit', kind: 'text' },
];

/** The last full ISO week in London (the one a return is usually about). */
export function lastWeek(now = new Date()): string {
  return formatIsoWeek(addWeeks(isoWeekOfDate(londonDate(now)), -1));
}

/** "1 to 7 March 2021" for an ISO week. */
function weekSpan(week: string): string {
  const monday = mondayOf(parseIsoWeek(week)!);
  const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  return `${formatDate(monday)} to ${formatDate(sunday)}`;
}

const weekHref = (unitId: string, week: string) => `/weekly-returns${query({ unitId, week })}`;

/**
 * The supervisor's desk: a unit's week (live figures, comparisons, a 12-week trend), and its
 * sign-off — submit, approve (four eyes), or return with a reason — through the API's services.
 */
@WebController('weekly-returns')
export class WeeklyReturnPagesController {
  constructor(
    private readonly reporting: WeeklyReturnsReportingService,
    private readonly signOff: WeeklyReturnsSignOffService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  @Allow(Permission.WeeklyReturnRead)
  async week(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const actor = ctx.requireActor();
    const unitId = str(q.unitId).trim() || actor.unitId;
    const week = str(q.week).trim().toUpperCase() || lastWeek();
    const { errors } = await validateDto(UnitWeekQueryDto, { unitId, week });
    if (errors.length) {
      const list = toFieldErrors(WEEK_FIELDS, errors);
      return this.pages.render(
        reply,
        'returns/week',
        { title: 'Weekly return', errors: list, fieldErrors: errorsByField(list), picker: { week, unitId } },
        400,
      );
    }
    return this.renderWeek(ctx, reply, unitId, week, {});
  }

  @Get('summary')
  @Allow(Permission.WeeklyReturnRead)
  async summary(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const week = str(q.week).trim().toUpperCase() || lastWeek();
    const { errors } = await validateDto(WeekQueryDto, { week });
    if (errors.length) {
      const list = toFieldErrors(WEEK_FIELDS, errors);
      return this.pages.render(reply, 'returns/summary', { title: 'Force-wide summary', errors: list, fieldErrors: errorsByField(list), week }, 400);
    }
    const s = await this.reporting.summary(ctx, week);
    const w = parseIsoWeek(week)!;
    return this.pages.render(reply, 'returns/summary', {
      title: `Force-wide summary, week ${week}`,
      week,
      span: weekSpan(week),
      keys: FIGURE_KEYS,
      labels: FIGURE_LABELS,
      units: s.units.map((u) => ({ ...u, href: weekHref(u.unit.id, week) })),
      total: s.total,
      comparisons: s.comparisons,
      previousHref: `/weekly-returns/summary${query({ week: formatIsoWeek(addWeeks(w, -1)) })}`,
      nextHref: `/weekly-returns/summary${query({ week: formatIsoWeek(addWeeks(w, 1)) })}`,
    });
  }

  @Post('submit')
  @Allow(Permission.WeeklyReturnSubmit)
  async submit(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = { comment: str(body.comment) };
    const unitId = str(body.unitId);
    const week = str(body.week);
    const { dto, errors } = await formToDto(SubmitReturnDto, [COMMENT, ...WEEK_FIELDS], values, 'create', { unitId, week });
    if (!dto) return this.renderWeekOrError(ctx, reply, unitId, week, { errors, comment: values.comment }, 400);
    try {
      await this.signOff.submit(ctx, dto);
      return this.pages.redirect(reply, weekHref(unitId, week), `The return for week ${week} has been submitted. Another supervisor must approve it.`);
    } catch (e) {
      if (!(e instanceof HttpException) || ![400, 409, 422].includes(e.getStatus())) throw e;
      const texts = (serviceFieldErrors([COMMENT, ...WEEK_FIELDS], e) ?? [{ text: exceptionMessage(e) }]).map((x) => x.text);
      return this.renderWeek(
        ctx,
        reply,
        unitId,
        week,
        { errors: texts.map((text) => ({ field: 'comment', href: 'submit-return', text })), comment: values.comment },
        e.getStatus(),
      );
    }
  }

  @Post(':id/approve')
  @Allow(Permission.WeeklyReturnApprove)
  async approve(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const back = weekHref(str(body.unitId), str(body.week));
    const { dto, errors } = await validateDto(ApproveReturnDto, { figuresHash: str(body.figuresHash) || undefined });
    if (errors.length) return this.pages.redirect(reply, back, 'The return could not be approved: reload the page and try again', 'error');
    try {
      const r = await this.signOff.approve(ctx, id, dto);
      return this.pages.redirect(reply, weekHref(r.unitId, r.week), `The return for week ${r.week} is approved. Its figures are now locked.`);
    } catch (e) {
      if (e instanceof HttpException && [HttpStatus.FORBIDDEN, HttpStatus.CONFLICT].includes(e.getStatus())) {
        return this.pages.redirect(reply, back, exceptionMessage(e), 'error');
      }
      throw e;
    }
  }

  @Get(':id/return')
  @Allow(Permission.WeeklyReturnApprove)
  async returnForm(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Res() reply: FastifyReply) {
    const v = await this.reporting.viewById(ctx, id);
    return this.pages.render(reply, 'returns/return', {
      title: `Return the ${v.unit.code} return for week ${v.week}`,
      id,
      unit: v.unit,
      week: v.week,
      values: {},
      fieldErrors: {},
    });
  }

  @Post(':id/return')
  @Allow(Permission.WeeklyReturnApprove)
  async return(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = { reason: str(body.reason) };
    const shown = { unit: { code: str(body.unitCode).slice(0, 16) }, week: str(body.week).slice(0, 8) };
    const again = (errors: FieldError[], status: number) =>
      this.pages.render(
        reply,
        'returns/return',
        { title: 'Return this weekly return', id, ...shown, values, errors, fieldErrors: errorsByField(errors) },
        status,
      );
    const { dto, errors } = await formToDto(ReturnReturnDto, [REASON], values, 'create');
    if (!dto) return again(errors, 400);
    try {
      const r = await this.signOff.return(ctx, id, dto.reason);
      return this.pages.redirect(reply, weekHref(r.unitId, r.week), `The return for week ${r.week} has gone back to be corrected and submitted again.`);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT)
        return again([{ field: 'reason', href: 'reason', text: exceptionMessage(e) }], 409);
      throw e;
    }
  }

  /** The week page again after a refused submit, or the plain error page when the week itself is wrong. */
  private async renderWeekOrError(
    ctx: RequestContext,
    reply: FastifyReply,
    unitId: string,
    week: string,
    extra: { errors: FieldError[]; comment?: string },
    status: number,
  ) {
    const ok = (await validateDto(UnitWeekQueryDto, { unitId, week })).errors.length === 0;
    if (!ok) throw new HttpException('That week or unit is not valid', HttpStatus.BAD_REQUEST);
    return this.renderWeek(ctx, reply, unitId, week, extra, status);
  }

  private async renderWeek(
    ctx: RequestContext,
    reply: FastifyReply,
    unitId: string,
    week: string,
    extra: { errors?: FieldError[]; comment?: string },
    status = 200,
  ) {
    const actor = ctx.requireActor();
    const v: ReturnView = await this.reporting.view(ctx, unitId, week);
    const w = parseIsoWeek(week)!;
    const series = await this.reporting.series(ctx, { unitId, from: formatIsoWeek(addWeeks(w, -(TREND_WEEKS - 1))), to: week });
    const stored = v.return;
    const rows = FIGURE_KEYS.map((k: FigureKey) => ({
      label: FIGURE_LABELS[k],
      live: v.live[k],
      stored: stored?.figures ? stored.figures[k] : null,
      previous: v.comparisons.previousWeek.figures[k],
      previousChange: v.comparisons.previousWeek.changePercent[k],
      lastYear: v.comparisons.sameWeekLastYear.figures[k],
      lastYearChange: v.comparisons.sameWeekLastYear.changePercent[k],
    }));
    const charts = FIGURE_KEYS.map((k) => ({
      label: FIGURE_LABELS[k],
      svg: columnChart(series.weeks, { id: `trend-${k}`, title: `${FIGURE_LABELS[k]} per week`, figure: k, current: week }),
    }));
    const can = (p: Permission) => roleHas(actor.role, p);
    const open = !stored || stored.status === 'draft' || stored.status === 'returned';
    const submittedByMe = stored?.submittedBy === actor.id;
    return this.pages.render(
      reply,
      'returns/week',
      {
        title: `Weekly return: ${v.unit.code}, week ${week}`,
        v,
        stored,
        span: weekSpan(week),
        rows,
        charts,
        trend: series.weeks,
        keys: FIGURE_KEYS,
        labels: FIGURE_LABELS,
        picker: { week, unitId },
        previousHref: weekHref(unitId, formatIsoWeek(addWeeks(w, -1))),
        nextHref: weekHref(unitId, formatIsoWeek(addWeeks(w, 1))),
        canSubmit: can(Permission.WeeklyReturnSubmit) && open,
        canDecide: can(Permission.WeeklyReturnApprove) && stored?.status === 'submitted' && !submittedByMe,
        awaitingOther: can(Permission.WeeklyReturnApprove) && stored?.status === 'submitted' && submittedByMe,
        steps: (stored?.steps ?? []).map((s) => ({ ...s, who: s.actorId === actor.id ? 'You' : 'Another supervisor' })),
        summaryHref: actor.central ? `/weekly-returns/summary${query({ week })}` : null,
        comment: extra.comment ?? '',
        errors: extra.errors ?? [],
        fieldErrors: errorsByField(extra.errors ?? []),
      },
      status,
    );
  }
}
