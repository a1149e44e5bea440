import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canSeeUnit } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { NotFoundInScopeError } from '../../core/errors/domain-errors';
import { fieldError } from '../../core/http/field-errors';
import { addFigures, FIGURE_KEYS, FigureKey, Figures, percentChange, zeroFigures } from '../figures/figures';
import { FiguresService } from '../figures/figures.service';
import { addWeeks, formatIsoWeek, IsoWeek, mondayOf, parseIsoWeek, sameWeekLastYear } from '../figures/iso-week';
import { WeeklyReturnStep } from './entities/weekly-return-step.entity';
import { ReturnStatus, WeeklyReturn } from './entities/weekly-return.entity';
import { figuresHash, pickFigures } from './figures-hash';
import { WeeklyReturnAccess } from './weekly-return-access.service';
import type { Comparisons, ReturnView, SeriesView, StoredReturnView, SummaryView, UnitRef } from './weekly-return.views';

export const MAX_SERIES_WEEKS = 260;
const WEEK_MS = 7 * 86_400_000;

function changes(before: Figures, now: Figures): Record<FigureKey, number | null> {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, percentChange(before[k], now[k])])) as Record<FigureKey, number | null>;
}

/** A submitted or approved return whose figures no longer hash the same as the live ones. */
export function isStale(r: { status: ReturnStatus; figuresHash: string | null }, liveHash: string): boolean {
  return !!r.figuresHash && (r.status === 'submitted' || r.status === 'approved') && r.figuresHash !== liveHash;
}

/** A week already checked by the DTO; parsing again only narrows the type. */
function weekOf(text: string, field = 'week'): IsoWeek {
  const w = parseIsoWeek(text);
  if (!w) throw fieldError(field, `${field} must be a real ISO week as YYYY-Www`);
  return w;
}

/**
 * The read side of weekly returns: a unit's week (live figures beside the stored return), the
 * force-wide summary and series of weeks, each with its comparisons. The public methods audit
 * the read before returning it; the build* methods are shared with the exports, which audit
 * themselves as exports.
 */
@Injectable()
export class WeeklyReturnsReportingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: FiguresService,
    private readonly access: WeeklyReturnAccess,
  ) {}

  async view(ctx: RequestContext, unitId: string, week: string): Promise<ReturnView> {
    const unit = await this.access.unit(ctx, unitId, 'view', { unitId, week });
    const v = await this.buildView(unit, week);
    await this.access.read(ctx, 'view', v.return?.id ?? null, { unitId, week, status: v.return?.status ?? null, stale: v.stale });
    return v;
  }

  async viewById(ctx: RequestContext, id: string): Promise<ReturnView> {
    const { stored, unit } = await this.access.refusalsAudited(ctx, async () => {
      const stored = await this.dataSource.getRepository(WeeklyReturn).findOne({ where: { id } });
      const unit = stored && canSeeUnit(ctx.requireActor(), stored.unitId) ? await this.unitRef(stored.unitId) : null;
      if (!stored || !unit) throw this.access.refusal('view', 'not_found', id, { id }, new NotFoundInScopeError('weekly return'));
      return { stored, unit };
    });
    const v = await this.buildView(unit, stored.week);
    await this.access.read(ctx, 'view', id, { unitId: stored.unitId, week: stored.week, status: stored.status, stale: v.stale });
    return v;
  }

  async summary(ctx: RequestContext, week: string): Promise<SummaryView> {
    await this.access.requireForceWide(ctx, 'summary', { week });
    const s = await this.buildSummary(week);
    await this.access.read(ctx, 'summary', null, { week });
    return s;
  }

  async series(ctx: RequestContext, q: { unitId?: string; from: string; to: string }): Promise<SeriesView> {
    const unit = await this.seriesUnit(ctx, 'series', q);
    const s = await this.buildSeries(unit, q.from, q.to);
    await this.access.read(ctx, 'series', null, { unitId: q.unitId ?? null, from: q.from, to: q.to });
    return s;
  }

  /** The unit a series is about, or null for every unit (central team only). */
  async seriesUnit(
    ctx: RequestContext,
    action: string,
    q: { unitId?: string; from: string; to: string },
    extra: Record<string, unknown> = {},
  ): Promise<UnitRef | null> {
    const details = { unitId: q.unitId ?? null, from: q.from, to: q.to, ...extra };
    this.seriesLength(q.from, q.to);
    if (q.unitId) return this.access.unit(ctx, q.unitId, action, details);
    await this.access.requireForceWide(ctx, action, details);
    return null;
  }

  async buildView(unit: UnitRef, week: string): Promise<ReturnView> {
    const w = weekOf(week);
    const one = (x: IsoWeek) => this.figures.total({ unitIds: [unit.id], fromMonday: mondayOf(x), weeks: 1 });
    const [live, stored] = await Promise.all([one(w), this.stored(unit.id, week)]);
    const comparisons = await this.comparisons(w, live, one);
    const liveHash = figuresHash(unit.id, week, live);
    const stale = stored ? isStale(stored, liveHash) : false;
    const approved = stored?.status === 'approved' && stored.figures ? stored.figures : null;
    return {
      unit,
      week,
      weekStarting: mondayOf(w),
      live,
      liveHash,
      return: stored,
      stale,
      approved,
      sideBySide: approved ? FIGURE_KEYS.map((k) => ({ figure: k, approved: approved[k], live: live[k], difference: live[k] - approved[k] })) : null,
      comparisons,
    };
  }

  async buildSummary(week: string): Promise<SummaryView> {
    const w = weekOf(week);
    const prevW = addWeeks(w, -1);
    const lastYearW = sameWeekLastYear(w);
    const perUnit = (x: IsoWeek) => this.figures.byUnit({ unitIds: null, fromMonday: mondayOf(x), weeks: 1 });
    const [units, now, prev, lastYear, stored] = await Promise.all([
      this.access.allUnits(),
      perUnit(w),
      perUnit(prevW),
      perUnit(lastYearW),
      this.dataSource.getRepository(WeeklyReturn).find({ where: { week } }),
    ]);
    const byUnit = new Map(stored.map((r) => [r.unitId, r]));
    const fig = (m: Map<string, Figures>, id: string) => m.get(id) ?? zeroFigures();
    const rows = units.map((unit) => {
      const figures = fig(now, unit.id);
      const r = byUnit.get(unit.id);
      const compare = (x: IsoWeek, m: Map<string, Figures>) => ({
        week: formatIsoWeek(x),
        figures: fig(m, unit.id),
        changePercent: changes(fig(m, unit.id), figures),
      });
      return {
        unit,
        figures,
        return: r ? { id: r.id, status: r.status, stale: isStale(r, figuresHash(unit.id, week, figures)) } : null,
        comparisons: { previousWeek: compare(prevW, prev), sameWeekLastYear: compare(lastYearW, lastYear) },
      };
    });
    const sum = (m: Map<string, Figures>) => [...m.values()].reduce(addFigures, zeroFigures());
    const total = sum(now);
    return {
      week,
      weekStarting: mondayOf(w),
      units: rows,
      total,
      comparisons: {
        previousWeek: { week: formatIsoWeek(prevW), figures: sum(prev), changePercent: changes(sum(prev), total) },
        sameWeekLastYear: { week: formatIsoWeek(lastYearW), figures: sum(lastYear), changePercent: changes(sum(lastYear), total) },
      },
    };
  }

  async buildSeries(unit: UnitRef | null, from: string, to: string): Promise<SeriesView> {
    const n = this.seriesLength(from, to);
    const first = weekOf(from, 'from');
    const before = addWeeks(first, -1);
    // One pass from the week before `from`, so the first week has a change too.
    const byMonday = await this.figures.byWeek({ unitIds: unit ? [unit.id] : null, fromMonday: mondayOf(before), weeks: n + 1 });
    let previous = byMonday.get(mondayOf(before)) ?? zeroFigures();
    let total = zeroFigures();
    const weeks = [];
    for (let i = 0; i < n; i++) {
      const wk = addWeeks(first, i);
      const monday = mondayOf(wk);
      const figures = byMonday.get(monday) ?? zeroFigures();
      weeks.push({ week: formatIsoWeek(wk), weekStarting: monday, figures, changePercent: changes(previous, figures) });
      total = addFigures(total, figures);
      previous = figures;
    }
    return { unit, from, to, weeks, total };
  }

  /** Weeks from `from` to `to` inclusive; 400 when reversed or longer than MAX_SERIES_WEEKS. */
  private seriesLength(from: string, to: string): number {
    const a = Date.parse(`${mondayOf(weekOf(from, 'from'))}T00:00:00Z`);
    const b = Date.parse(`${mondayOf(weekOf(to, 'to'))}T00:00:00Z`);
    if (b < a) throw fieldError('to', 'to must not be before from');
    const n = Math.round((b - a) / WEEK_MS) + 1;
    if (n > MAX_SERIES_WEEKS) throw fieldError('to', `a series covers at most ${MAX_SERIES_WEEKS} weeks`);
    return n;
  }

  private async comparisons(w: IsoWeek, now: Figures, figuresOf: (x: IsoWeek) => Promise<Figures>): Promise<Comparisons> {
    const prevW = addWeeks(w, -1);
    const lastYearW = sameWeekLastYear(w);
    const [prev, lastYear] = await Promise.all([figuresOf(prevW), figuresOf(lastYearW)]);
    return {
      previousWeek: { week: formatIsoWeek(prevW), figures: prev, changePercent: changes(prev, now) },
      sameWeekLastYear: { week: formatIsoWeek(lastYearW), figures: lastYear, changePercent: changes(lastYear, now) },
    };
  }

  private async stored(unitId: string, week: string): Promise<StoredReturnView | null> {
    const r = await this.dataSource.getRepository(WeeklyReturn).findOne({ where: { unitId, week } });
    if (!r) return null;
    const steps = await this.dataSource.getRepository(WeeklyReturnStep).find({ where: { returnId: r.id }, order: { at: 'ASC' } });
    const figures = r.figures ? pickFigures(r.figures) : null;
    return {
      id: r.id,
      status: r.status,
      figures,
      figuresHash: r.figuresHash,
      snapshotIntact: figures && r.figuresHash ? figuresHash(unitId, week, figures) === r.figuresHash : null,
      submittedBy: r.submittedBy,
      submittedAt: r.submittedAt,
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt,
      returnedBy: r.returnedBy,
      returnedAt: r.returnedAt,
      returnReason: r.returnReason,
      comment: r.comment,
      version: r.version,
      steps: steps.map((s) => ({ action: s.action, actorId: s.actorId, at: s.at, reason: s.reason, figuresHash: s.figuresHash, figures: s.figures })),
    };
  }

  private async unitRef(unitId: string): Promise<UnitRef | null> {
    const rows: UnitRef[] = await this.dataSource.query('SELECT id, code, name FROM units WHERE id = $1::uuid', [unitId]);
    return rows[0] ?? null;
  }
}
