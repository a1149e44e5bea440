import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuditEntry } from '../../core/audit/audit-entry';
import { ActorCacheService } from '../../core/auth/actor-cache.service';
import { scopeParam } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { ListQuery, Page, RecordStore } from '../../core/records/record-store';
import { auditingRefusals, RefusedWrite } from '../../core/records/refused-write';
import { UserChangeRequest } from './entities/user-change-request.entity';

export type NewChangeRequest = Pick<UserChangeRequest, 'userId' | 'unitId' | 'kind' | 'role' | 'fromRole' | 'fromUnitId' | 'userVersion'>;

interface LockedRequest {
  id: string;
  user_id: string;
  unit_id: string;
  kind: 'create' | 'change';
  role: string;
  from_role: string | null;
  from_unit_id: string | null;
  user_version: number;
  status: string;
  created_by: string;
}

/**
 * Four eyes on account standing: the pending-change records, and their approval or refusal by a
 * second admin. Approval is refused to the requester, to the account itself, and to any admin whose
 * own admin standing the requester helped bring about (their `admin_vouchers`), so an admin cannot
 * make a second admin account to approve their own requests. Every read, list and decision, and
 * every refusal, is audited.
 */
@Injectable()
export class UserChangeRequestsService {
  private readonly store: RecordStore<UserChangeRequest>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly actors: ActorCacheService,
  ) {
    this.store = new RecordStore(dataSource, UserChangeRequest, {
      entityType: 'user_change_request',
      // A borough admin sees and decides their own unit's requests; the central team's, all.
      scopeProperty: 'unitId',
      filterable: ['status', 'userId', 'unitId'],
      sortable: ['createdAt'],
      defaultSort: 'createdAt',
      defaultDirection: 'asc',
    });
  }

  /** Records a request inside the caller's transaction (with its create audit event). */
  open(ctx: RequestContext, em: EntityManager, req: NewChangeRequest): Promise<UserChangeRequest> {
    return this.store.create(ctx, { ...req, status: 'pending' }, em);
  }

  list(ctx: RequestContext, q: ListQuery): Promise<Page<UserChangeRequest>> {
    return this.store.list(ctx, q);
  }

  get(ctx: RequestContext, id: string): Promise<UserChangeRequest> {
    return this.store.get(ctx, id);
  }

  /**
   * Applies the requested change to the account, at the account version it was asked for (a
   * changed account gets 409 and the request stays pending), and closes the request: one
   * transaction with both audit events.
   */
  approve(ctx: RequestContext, id: string): Promise<UserChangeRequest> {
    const actor = ctx.requireActor();
    return this.decided(ctx, 'approve', id, async (em, r) => {
      const refuse = (reason: string, message: string): never => {
        throw new RefusedWrite(this.refusal('approve', id, 'denied', { reason }), new ForbiddenException(message));
      };
      if (r.created_by === actor.id) refuse('own request', 'You asked for this change: another administrator must approve it');
      if (r.user_id === actor.id) refuse('own account', 'This change is to your own account: another administrator must approve it');
      const [me] = await em.query('SELECT $2::uuid = ANY(admin_vouchers) AS vouched FROM users WHERE id = $1::uuid', [actor.id, r.created_by]);
      if (me?.vouched)
        refuse(
          'approver vouched for by requester',
          "Your own administrator account was made with this requester's help, so you may not approve their requests: ask another administrator",
        );
      const [user] = await em.query('SELECT id, version, role, unit_id FROM users WHERE id = $1::uuid FOR UPDATE', [r.user_id]);
      if (!user || Number(user.version) !== Number(r.user_version)) {
        throw new RefusedWrite(
          this.refusal('approve', id, 'conflict', {
            reason: 'account changed since the request',
            expectedVersion: r.user_version,
            currentVersion: user?.version ?? null,
          }),
          new ConflictException('The account has changed since this was asked for: refuse this request and ask again'),
        );
      }
      const params: unknown[] = [r.user_id, actor.id];
      const sets =
        r.kind === 'create'
          ? ['"disabled" = false', '"awaiting_approval" = false']
          : (params.push(r.role, r.unit_id), ['"role" = $3', '"unit_id" = $4::uuid', '"token_version" = "token_version" + 1']);
      // Who brought this admin about (requester, approver), and who brought them about: none of
      // them may lean on it. Any other standing keeps no vouchers.
      let vouchers = `'{}'::uuid[]`;
      if (r.role === 'admin') {
        params.push(r.created_by);
        const q = `$${params.length}::uuid`;
        vouchers = `(SELECT coalesce(array_agg(DISTINCT v), '{}') FROM (SELECT unnest(ARRAY[${q}, $2::uuid]) AS v
                      UNION SELECT unnest(admin_vouchers) FROM users WHERE id IN (${q}, $2::uuid)) s)`;
      }
      await em.query(
        `UPDATE users SET ${sets.join(', ')}, "admin_vouchers" = ${vouchers}, "version" = "version" + 1, "updated_at" = now(), "updated_by" = $2::uuid WHERE id = $1::uuid`,
        params,
      );
      const changes: AuditEntry['changes'] =
        r.kind === 'create'
          ? { disabled: [true, false], awaitingApproval: [true, false] }
          : { ...(user.role !== r.role ? { role: [user.role, r.role] } : {}), ...(user.unit_id !== r.unit_id ? { unitId: [user.unit_id, r.unit_id] } : {}) };
      await this.audit.write(
        ctx,
        {
          action: r.kind === 'create' ? 'create.approved' : 'update',
          entityType: 'user',
          entityId: r.user_id,
          outcome: 'success',
          changes,
          details: { changeRequest: id, requestedBy: r.created_by },
        },
        em,
      );
      return { status: 'approved' as const };
    });
  }

  /** Closes the request unapplied. The requester may withdraw their own; an account made for it stays disabled. */
  refuse(ctx: RequestContext, id: string, reason: string): Promise<UserChangeRequest> {
    return this.decided(ctx, 'refuse', id, async (em, r) => {
      if (r.kind === 'create') {
        await em.query(
          `UPDATE users SET "awaiting_approval" = false, "version" = "version" + 1, "updated_at" = now(), "updated_by" = $2::uuid WHERE id = $1::uuid`,
          [r.user_id, ctx.requireActor().id],
        );
        await this.audit.write(
          ctx,
          {
            action: 'create.refused',
            entityType: 'user',
            entityId: r.user_id,
            outcome: 'success',
            changes: { awaitingApproval: [true, false] },
            details: { changeRequest: id },
          },
          em,
        );
      }
      return { status: 'refused' as const, reason };
    });
  }

  /** Locks a pending, visible request, runs the decision, closes the request; refusals audited after rollback. */
  private decided(
    ctx: RequestContext,
    action: 'approve' | 'refuse',
    id: string,
    work: (em: EntityManager, r: LockedRequest) => Promise<{ status: 'approved' | 'refused'; reason?: string }>,
  ): Promise<UserChangeRequest> {
    const actor = ctx.requireActor();
    return auditingRefusals(
      (entry) => this.audit.write(ctx, entry),
      () =>
        this.dataSource.transaction(async (em) => {
          const [r]: LockedRequest[] = await em.query(
            `SELECT id, user_id, unit_id, kind, role, from_role, from_unit_id, user_version, status, created_by FROM user_change_requests
              WHERE id = $1::uuid AND ($2::uuid[] IS NULL OR unit_id = ANY($2::uuid[])) FOR UPDATE`,
            [id, scopeParam(actor)],
          );
          if (!r) throw new RefusedWrite(this.refusal(action, id, 'not_found'), new NotFoundException('user_change_request not found'));
          if (r.status !== 'pending')
            throw new RefusedWrite(this.refusal(action, id, 'conflict', { status: r.status }), new ConflictException(`This request was already ${r.status}`));
          const outcome = await work(em, r);
          await em.query(
            `UPDATE user_change_requests SET status = $2, decided_by = $3::uuid, decided_at = now(), decision_reason = $4,
                    version = version + 1, updated_at = now(), updated_by = $3::uuid WHERE id = $1::uuid`,
            [r.id, outcome.status, actor.id, outcome.reason ?? null],
          );
          await this.audit.write(
            ctx,
            {
              action,
              entityType: 'user_change_request',
              entityId: r.id,
              outcome: 'success',
              changes: { status: ['pending', outcome.status], ...(outcome.reason ? { decisionReason: [null, outcome.reason] } : {}) },
            },
            em,
          );
          return r.id;
        }),
    ).then(async (requestId) => {
      const decided = await this.readBack(requestId);
      // This instance forgets the account at once; the others on PostgreSQL's change notification.
      this.actors.evict(decided.userId);
      return decided;
    });
  }

  /** The decided request as stored (not a user's read: the decision's audit event covers it). */
  private async readBack(id: string): Promise<UserChangeRequest> {
    const row = await this.dataSource.getRepository(UserChangeRequest).findOneByOrFail({ id });
    return row;
  }

  private refusal(action: string, id: string, outcome: AuditEntry['outcome'], details?: Record<string, unknown>): AuditEntry {
    return { action, entityType: 'user_change_request', entityId: id, outcome, details: details ?? null };
  }
}
