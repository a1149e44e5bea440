import { ForbiddenException, HttpException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditOutcome } from '../../core/audit/audit-entry';
import { AuditService } from '../../core/audit/audit.service';
import { canSeeUnit } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { NotFoundInScopeError } from '../../core/errors/domain-errors';
import { auditingRefusals, RefusedWrite } from '../../core/records/refused-write';
import type { UnitRef } from './weekly-return.views';

export const ENTITY_TYPE = 'weekly_return';

/**
 * Who may see which unit's returns, in one place: a unit the actor cannot see is answered
 * exactly like one that does not exist (404), and force-wide figures are for the central team.
 * Every refusal is a RefusedWrite, audited by refusalsAudited() before it is answered (after the
 * rollback, when it was thrown inside a transaction), as the record store does.
 */
@Injectable()
export class WeeklyReturnAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The unit, if it exists and the actor may see it; otherwise 404 (audited as not_found). */
  unit(ctx: RequestContext, unitId: string, action: string, details: Record<string, unknown>): Promise<UnitRef> {
    return this.refusalsAudited(ctx, async () => {
      const actor = ctx.requireActor();
      // Units are reference data read by id only; the units module offers no unaudited lookup by id with names.
      const rows: UnitRef[] = canSeeUnit(actor, unitId) ? await this.dataSource.query('SELECT id, code, name FROM units WHERE id = $1::uuid', [unitId]) : [];
      if (!rows[0]) throw this.refusal(action, 'not_found', null, details, new NotFoundInScopeError('unit'));
      return rows[0];
    });
  }

  /** Every unit, by code: the rows of the force-wide return. */
  allUnits(): Promise<UnitRef[]> {
    return this.dataSource.query('SELECT id, code, name FROM units ORDER BY code');
  }

  /** Force-wide figures (every unit) are for central-team staff only. */
  requireForceWide(ctx: RequestContext, action: string, details: Record<string, unknown>): Promise<void> {
    return this.refusalsAudited(ctx, async () => {
      if (ctx.requireActor().central) return;
      throw this.refusal(action, 'denied', null, details, new ForbiddenException('force-wide figures are for the central team only'));
    });
  }

  /** A refused weekly-return request, to throw inside refusalsAudited(). */
  refusal(action: string, outcome: AuditOutcome, entityId: string | null, details: Record<string, unknown>, response: HttpException): RefusedWrite {
    return new RefusedWrite({ action, entityType: ENTITY_TYPE, entityId, outcome, details }, response);
  }

  /**
   * Runs `work` (a transaction, or checks outside one); a RefusedWrite from it is audited as its
   * own committed event, then answered. `step` fills in the entity id and details the refusal
   * left out (a sign-off step's own, under the refusal's).
   */
  refusalsAudited<R>(ctx: RequestContext, work: () => Promise<R>, step: { entityId?: string | null; details?: Record<string, unknown> } = {}): Promise<R> {
    return auditingRefusals(
      (entry) =>
        this.audit.write(ctx, {
          ...entry,
          entityId: entry.entityId ?? step.entityId ?? null,
          details: step.details ? { ...step.details, ...entry.details } : entry.details,
        }),
      work,
    );
  }

  /** Audits a successful read before its result is returned. */
  read(ctx: RequestContext, action: string, entityId: string | null, details: Record<string, unknown>): Promise<void> {
    return this.audit.write(ctx, { action, entityType: ENTITY_TYPE, entityId, outcome: 'success', details });
  }
}
