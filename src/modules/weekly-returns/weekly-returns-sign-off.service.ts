import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { canSeeUnit } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { NotFoundInScopeError } from '../../core/errors/domain-errors';
import { fieldError } from '../../core/http/field-errors';
import { FiguresService } from '../figures/figures.service';
import { mondayOf, parseIsoWeek } from '../figures/iso-week';
import { StepAction, WeeklyReturnStep } from './entities/weekly-return-step.entity';
import { WeeklyReturn } from './entities/weekly-return.entity';
import { figuresHash } from './figures-hash';
import { ENTITY_TYPE, WeeklyReturnAccess } from './weekly-return-access.service';

/**
 * Compiling, submitting, approving and returning weekly returns. Each step locks the return's row
 * (SELECT … FOR UPDATE) so concurrent steps are serialised and only one of two racing approvals
 * can succeed; the change, its history step and its audit event commit in one transaction.
 * Figures are compiled outside the transaction, so it never waits on a second pooled connection.
 */
@Injectable()
export class WeeklyReturnsSignOffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: FiguresService,
    private readonly access: WeeklyReturnAccess,
    private readonly audit: AuditService,
  ) {}

  /** Compiles the unit's live figures for the week and submits them (a new or returned return). */
  async submit(ctx: RequestContext, dto: { unitId: string; week: string; comment?: string | null }): Promise<WeeklyReturn> {
    const actor = ctx.requireActor();
    const { unitId, week } = dto;
    await this.access.unit(ctx, unitId, 'submit', { unitId, week });
    await this.requireWeekOver(week);
    const figures = await this.liveFigures(unitId, week);
    const hash = figuresHash(unitId, week, figures);
    return this.step(ctx, null, { unitId, week }, async (em) => {
      // The row may not exist yet: create it as a draft (a concurrent submit waits here), then lock it.
      await em
        .createQueryBuilder()
        .insert()
        .into(WeeklyReturn)
        .values({ unitId, week, status: 'draft', createdBy: actor.id, updatedBy: actor.id })
        .orIgnore()
        .execute();
      const current = await em.getRepository(WeeklyReturn).findOneOrFail({ where: { unitId, week }, lock: { mode: 'pessimistic_write' } });
      if (current.status === 'submitted' || current.status === 'approved') {
        throw this.access.refusal(
          'submit',
          'conflict',
          current.id,
          { unitId, week, status: current.status },
          new ConflictException(`the return for ${week} is already ${current.status}`),
        );
      }
      const comment = dto.comment ?? null;
      await em.update(
        WeeklyReturn,
        { id: current.id },
        {
          status: 'submitted',
          figures,
          figuresHash: hash,
          submittedBy: actor.id,
          submittedAt: () => 'now()',
          returnedBy: null,
          returnedAt: null,
          returnReason: null,
          comment,
          updatedBy: actor.id,
        },
      );
      await this.record(em, ctx, current, 'submit', {
        step: { reason: comment, figuresHash: hash, figures },
        changes: { status: [current.status, 'submitted'], figuresHash: [current.figuresHash, hash], comment: [current.comment, comment] },
        details: { unitId, week, figures, resubmission: current.status === 'returned' },
      });
      return current.id;
    });
  }

  /** Four eyes: a supervisor who can see the unit approves a submitted return they did not submit. */
  async approve(ctx: RequestContext, id: string, dto: { figuresHash?: string }): Promise<WeeklyReturn> {
    const actor = ctx.requireActor();
    // Approval locks what was submitted and reviewed; whether the records have moved since is
    // noted in the audit event (and shows as staleness when the return is read).
    const before = await this.dataSource.getRepository(WeeklyReturn).findOne({ where: { id } });
    const liveHash = before ? figuresHash(before.unitId, before.week, await this.liveFigures(before.unitId, before.week)) : null;
    return this.step(ctx, id, { id }, async (em) => {
      const current = await this.lockSubmitted(ctx, em, id, 'approve');
      const details = { unitId: current.unitId, week: current.week, figuresHash: current.figuresHash };
      if (current.submittedBy === actor.id) {
        throw this.access.refusal(
          'approve',
          'denied',
          id,
          details,
          new ForbiddenException('the supervisor who submitted a return cannot approve it: another supervisor must'),
        );
      }
      if (dto.figuresHash && dto.figuresHash !== current.figuresHash) {
        throw this.access.refusal(
          'approve',
          'conflict',
          id,
          details,
          new ConflictException({ message: 'the return was resubmitted since you reviewed it: reload it', figuresHash: current.figuresHash }),
        );
      }
      await em.update(WeeklyReturn, { id }, { status: 'approved', approvedBy: actor.id, approvedAt: () => 'now()', updatedBy: actor.id });
      await this.record(em, ctx, current, 'approve', {
        step: { reason: null, figuresHash: current.figuresHash, figures: null },
        changes: { status: ['submitted', 'approved'] },
        details: { ...details, liveDiffered: liveHash !== current.figuresHash },
      });
      return id;
    });
  }

  /** Sends a submitted return back with a reason, so it can be corrected and submitted again. */
  async return(ctx: RequestContext, id: string, reason: string): Promise<WeeklyReturn> {
    const actor = ctx.requireActor();
    return this.step(ctx, id, { id, reason }, async (em) => {
      const current = await this.lockSubmitted(ctx, em, id, 'return');
      await em.update(WeeklyReturn, { id }, { status: 'returned', returnedBy: actor.id, returnedAt: () => 'now()', returnReason: reason, updatedBy: actor.id });
      await this.record(em, ctx, current, 'return', {
        step: { reason, figuresHash: current.figuresHash, figures: null },
        changes: { status: ['submitted', 'returned'], returnReason: [current.returnReason, reason] },
        details: { unitId: current.unitId, week: current.week, reason },
      });
      return id;
    });
  }

  /** Runs one sign-off step in a transaction; a refusal rolls back and is then audited (with the step's details). */
  private step(
    ctx: RequestContext,
    entityId: string | null,
    details: Record<string, unknown>,
    work: (em: EntityManager) => Promise<string>,
  ): Promise<WeeklyReturn> {
    return this.access.refusalsAudited(
      ctx,
      () => this.dataSource.transaction(async (em) => em.getRepository(WeeklyReturn).findOneOrFail({ where: { id: await work(em) } })),
      { entityId, details },
    );
  }

  private async lockSubmitted(ctx: RequestContext, em: EntityManager, id: string, action: StepAction): Promise<WeeklyReturn> {
    const current = await em.getRepository(WeeklyReturn).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!current || !canSeeUnit(ctx.requireActor(), current.unitId)) {
      throw this.access.refusal(action, 'not_found', id, {}, new NotFoundInScopeError('weekly return'));
    }
    if (current.status !== 'submitted') {
      const verb = action === 'approve' ? 'approved' : 'returned';
      const details = { unitId: current.unitId, week: current.week, status: current.status };
      throw this.access.refusal(
        action,
        'conflict',
        id,
        details,
        new ConflictException(`only a submitted return can be ${verb}; this one is ${current.status}`),
      );
    }
    return current;
  }

  /** The history step and the audit event, in the step's transaction. */
  private async record(
    em: EntityManager,
    ctx: RequestContext,
    current: WeeklyReturn,
    action: StepAction,
    e: { step: Pick<WeeklyReturnStep, 'reason' | 'figuresHash' | 'figures'>; changes: Record<string, [unknown, unknown]>; details: Record<string, unknown> },
  ): Promise<void> {
    // Stamped when the step happens (after the row lock), not when the transaction began: a step
    // that waited for the lock must not sort before the one it waited for.
    await em.insert(WeeklyReturnStep, { returnId: current.id, action, actorId: ctx.requireActor().id, ...e.step, at: () => 'clock_timestamp()' });
    await this.audit.write(ctx, { action, entityType: ENTITY_TYPE, entityId: current.id, outcome: 'success', changes: e.changes, details: e.details }, em);
  }

  private liveFigures(unitId: string, week: string) {
    return this.figures.total({ unitIds: [unitId], fromMonday: mondayOf(parseIsoWeek(week)!), weeks: 1 });
  }

  /** A return is compiled once its week is over (Sunday 24:00 Europe/London). */
  private async requireWeekOver(week: string): Promise<void> {
    const monday = mondayOf(parseIsoWeek(week)!);
    const [{ over }] = await this.dataSource.query(`SELECT (($1::date + 7)::timestamp AT TIME ZONE 'Europe/London') <= now() AS over`, [monday]);
    if (!over) throw fieldError('week', 'the week has not ended yet: a return is submitted once its week is over');
  }
}
