import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditOutcome } from '../../core/audit/audit-entry';
import { AuditService } from '../../core/audit/audit.service';
import { canSeeUnit } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import type { UnitRef } from './weekly-return.views';

export const ENTITY_TYPE = 'weekly_return';

/**
 * Who may see which unit's returns, in one place: a unit the actor cannot see is answered
 * exactly like one that does not exist (404), and force-wide figures are for the central team.
 * Every refusal is audited before it is thrown.
 */
@Injectable()
export class WeeklyReturnAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The unit, if it exists and the actor may see it; otherwise 404 (audited as not_found). */
  async unit(ctx: RequestContext, unitId: string, action: string, details: Record<string, unknown>): Promise<UnitRef> {
    const actor = ctx.requireActor();
    // Units are reference data read by id only; the units module offers no unaudited lookup by id with names.
    const rows: UnitRef[] = canSeeUnit(actor, unitId) ? await this.dataSource.query('SELECT id, code, name FROM units WHERE id = $1::uuid', [unitId]) : [];
    if (!rows[0]) {
      await this.refuse(ctx, action, 'not_found', null, details);
      throw new NotFoundException('unit not found');
    }
    return rows[0];
  }

  /** Every unit, by code: the rows of the force-wide return. */
  allUnits(): Promise<UnitRef[]> {
    return this.dataSource.query('SELECT id, code, name FROM units ORDER BY code');
  }

  /** Force-wide figures (every unit) are for central-team staff only. */
  async requireForceWide(ctx: RequestContext, action: string, details: Record<string, unknown>): Promise<void> {
    if (ctx.requireActor().central) return;
    await this.refuse(ctx, action, 'denied', null, details);
    throw new ForbiddenException('force-wide figures are for the central team only');
  }

  /** Audits a refused request as its own committed event (the refused change itself rolled back). */
  refuse(ctx: RequestContext, action: string, outcome: AuditOutcome, entityId: string | null, details: Record<string, unknown>): Promise<void> {
    return this.audit.write(ctx, { action, entityType: ENTITY_TYPE, entityId, outcome, details });
  }

  /** Audits a successful read before its result is returned. */
  read(ctx: RequestContext, action: string, entityId: string | null, details: Record<string, unknown>): Promise<void> {
    return this.audit.write(ctx, { action, entityType: ENTITY_TYPE, entityId, outcome: 'success', details });
  }
}
