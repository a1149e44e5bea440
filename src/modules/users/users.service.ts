import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { ActorCacheService } from '../../core/auth/actor-cache.service';
import { LoginThrottleService } from '../../core/auth/login-throttle.service';
import { PasswordService } from '../../core/auth/password.service';
import { passwordProblem } from '../../core/auth/password-policy';
import { canSeeUnit } from '../../core/auth/unit-scope';
import type { RequestContext } from '../../core/context/request-context';
import { fieldError, unusableReference } from '../../core/http/field-errors';
import { ListQuery, Page, RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { RefusedWrite } from '../../core/records/refused-write';
import { UnitsService } from '../units/units.service';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { UserChangeRequest } from './entities/user-change-request.entity';
import { needsApproval } from './separation-of-duties';
import { UserChangeRequestsService } from './user-change-requests.service';

export type PublicUser = Omit<User, 'passwordHash' | 'totpSecret' | 'totpLastStep' | 'adminVouchers' | 'unit'>;

/** How the store reads and writes User records (also read by the SQL snapshots, docs/sql/). */
export const USER_STORE: RecordStoreOptions = {
  entityType: 'user',
  // A borough admin sees and manages their own unit's accounts; the central team's, all.
  scopeProperty: 'unitId',
  // Credentials never leave the server, not even encrypted.
  hidden: ['passwordHash', 'totpSecret', 'totpLastStep', 'adminVouchers'],
  filterable: ['unitId', 'role'],
  sortable: ['username', 'createdAt'],
  defaultSort: 'username',
  defaultDirection: 'asc',
};

/** An update that was not applied but asked for: a second admin decides (see UserChangeRequestsService). */
export interface PendingChange {
  pendingChange: UserChangeRequest;
}

export function isPendingChange(r: PublicUser | PendingChange): r is PendingChange {
  return 'pendingChange' in r;
}

/**
 * User accounts. Separation of duties is enforced here, whatever surface calls it: nobody changes
 * their own role or unit; every password an admin sets is one-time; a borough admin manages only
 * their own unit's accounts (the store's unit scope); and an account reaching a broad standing
 * (admin, auditor, central case role) or leaving admin for a case role waits for a second admin.
 */
@Injectable()
export class UsersService {
  private readonly store: RecordStore<User>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly units: UnitsService,
    private readonly throttle: LoginThrottleService,
    private readonly actors: ActorCacheService,
    private readonly audit: AuditService,
    private readonly requests: UserChangeRequestsService,
  ) {
    this.store = new RecordStore(dataSource, User, USER_STORE);
  }

  /**
   * A new account with a one-time password. In a role one admin may not grant alone it is created
   * disabled and awaiting approval, with its request, in one transaction.
   */
  async create(ctx: RequestContext, dto: CreateUserDto): Promise<PublicUser & { pendingChange?: UserChangeRequest }> {
    const unit = await this.checkNewAccount(ctx, dto);
    const passwordHash = await this.passwords.hash(dto.password);
    const { password: _omit, ...rest } = dto;
    // The hash goes in, but the audit diff and the answer never carry it (it is a hidden column).
    if (!needsApproval(null, { role: dto.role, central: unit.kind === 'central' })) {
      return this.store.create(ctx, { ...rest, passwordHash, mustChangePassword: true } as Partial<User>);
    }
    return this.dataSource.transaction(async (em) => {
      const user = await this.store.create(
        ctx,
        { ...rest, passwordHash, mustChangePassword: true, disabled: true, awaitingApproval: true } as Partial<User>,
        em,
      );
      const pendingChange = await this.requests.open(ctx, em, {
        userId: user.id,
        unitId: user.unitId,
        kind: 'create',
        role: user.role,
        fromRole: null,
        fromUnitId: null,
        userVersion: user.version,
      });
      return { ...user, pendingChange };
    });
  }

  /**
   * An account made by the operator on the server (the CLI, the demo seed), outside the web and
   * the API: ready at once. Nothing reachable over HTTP calls this.
   */
  async createByOperator(ctx: RequestContext, dto: CreateUserDto, opts: { oneTimePassword?: boolean } = {}): Promise<PublicUser> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw fieldError('password', problem);
    if (!(await this.units.exists(dto.unitId))) throw unusableReference('unitId', 'no such unit');
    const passwordHash = await this.passwords.hash(dto.password);
    const { password: _omit, ...rest } = dto;
    return this.dataSource.transaction((em) =>
      this.store.create(ctx, { ...rest, passwordHash, mustChangePassword: opts.oneTimePassword ?? false } as Partial<User>, em),
    );
  }

  list(ctx: RequestContext, q: ListQuery): Promise<Page<PublicUser>> {
    return this.store.list(ctx, q);
  }

  get(ctx: RequestContext, id: string): Promise<PublicUser> {
    return this.store.get(ctx, id);
  }

  /**
   * Disable, re-role, move, rename or reset a password. Anything that changes what the user's
   * tokens stand for bumps tokenVersion, so those tokens stop working at once. A change of role or
   * unit that needs a second admin is not applied: it becomes a pending request (PendingChange).
   */
  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<PublicUser | PendingChange> {
    const actor = ctx.requireActor();
    const { version, password, unlock, resetTotp, ...fields } = dto;
    if (id === actor.id && (fields.role !== undefined || fields.unitId !== undefined)) {
      await this.refuse(ctx, id, 'update', 'own role or unit');
      throw new ForbiddenException('You may not change your own role or unit: another administrator must do it');
    }
    if (fields.unitId && !(await this.units.exists(fields.unitId))) throw unusableReference('unitId', 'no such unit');
    if (fields.role !== undefined || fields.unitId !== undefined) {
      const pending = await this.requestIfNeeded(ctx, id, dto);
      if (pending) return pending;
    }
    const patch: Partial<User> = { ...fields };
    if (unlock) Object.assign(patch, { lockedAt: null, failedLogins: 0 });
    if (resetTotp) Object.assign(patch, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    if (password !== undefined) {
      const problem = passwordProblem(password, await this.usernameOf(id));
      if (problem) throw fieldError('password', problem);
      // A password an admin sets is one-time: the admin knows it, so its owner must replace it.
      Object.assign(patch, { passwordHash: await this.passwords.hash(password), mustChangePassword: true });
    }
    const revokes = password !== undefined || fields.disabled === true || fields.role !== undefined || fields.unitId !== undefined || resetTotp === true;
    const action = password !== undefined ? 'password.reset' : unlock ? 'unlock' : resetTotp ? 'totp.reset' : 'update';
    const extraSets = revokes ? ['"token_version" = "token_version" + 1'] : [];
    // Whoever sets an admin's password could sign in as that admin, so that admin may never approve
    // their requests ($2 is the acting user in the store's update; SET reads the role before the update).
    if (password !== undefined)
      extraSets.push(
        `"admin_vouchers" = CASE WHEN "role" = 'admin' AND NOT $2::uuid = ANY("admin_vouchers") THEN array_append("admin_vouchers", $2::uuid) ELSE "admin_vouchers" END`,
      );
    const updated = await this.store.update(ctx, id, version, patch, {
      action,
      extraSets,
      check: (current) => {
        // Enabling is not a way round the second admin.
        if (current.awaitingApproval && fields.disabled === false) {
          throw new RefusedWrite(
            { action, entityType: 'user', entityId: id, outcome: 'conflict', details: { reason: 'awaiting approval' } },
            new ConflictException('This account is waiting for a second administrator to approve it: it cannot be enabled before then'),
          );
        }
      },
    });
    // This instance forgets the user at once; the others on PostgreSQL's change notification.
    this.actors.evict(id);
    // An unlocked account starts with a clean slate in the shared sign-in throttle too.
    if (unlock) await this.throttle.clear(this.throttle.keys(updated.username, null).user);
    return updated;
  }

  /** The request for a role or unit change that one admin may not make alone; null when they may. */
  private async requestIfNeeded(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<PendingChange | null> {
    const actor = ctx.requireActor();
    const rows: { role: User['role']; unit_id: string; version: number; central: boolean; awaiting_approval: boolean }[] = await this.dataSource.query(
      `SELECT u.role, u.unit_id, u.version, un.kind = 'central' AS central, u.awaiting_approval FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1::uuid`,
      [id],
    );
    const current = rows[0];
    // Out of scope or absent: the store's update answers (404, audited) exactly as for any change.
    if (!current || !canSeeUnit(actor, current.unit_id)) return null;
    const role = dto.role ?? current.role;
    const unitId = dto.unitId ?? current.unit_id;
    const nextUnit = unitId === current.unit_id ? { kind: current.central ? 'central' : 'borough' } : await this.units.exists(unitId);
    if (!needsApproval({ role: current.role, central: current.central }, { role, central: nextUnit?.kind === 'central' })) return null;
    if (!canSeeUnit(actor, unitId)) return null; // the store refuses it (403)
    const others = Object.entries(dto).filter(([k, v]) => v !== undefined && !['version', 'role', 'unitId'].includes(k));
    if (others.length)
      throw fieldError('role', 'This change of role or unit needs a second administrator: send it on its own, and the other changes separately');
    if (current.awaiting_approval) {
      await this.refuse(ctx, id, 'update', 'awaiting approval', 'conflict');
      throw new ConflictException('This account is already waiting for approval: decide that request first');
    }
    if (Number(current.version) !== dto.version) {
      await this.refuse(ctx, id, 'update', 'stale version', 'conflict');
      throw new ConflictException({ message: 'user was changed by someone else: reload it and try again', currentVersion: current.version });
    }
    const pendingChange = await this.dataSource.transaction((em) =>
      this.requests.open(ctx, em, {
        userId: id,
        unitId,
        kind: 'change',
        role,
        fromRole: current.role,
        fromUnitId: current.unit_id,
        userVersion: current.version,
      }),
    );
    return { pendingChange };
  }

  /** The checks a new account passes before anything is written; the unit it goes in. */
  private async checkNewAccount(ctx: RequestContext, dto: CreateUserDto): Promise<{ id: string; kind: string }> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw fieldError('password', problem);
    const unit = await this.units.exists(dto.unitId);
    if (!unit) throw unusableReference('unitId', 'no such unit');
    if (!canSeeUnit(ctx.requireActor(), dto.unitId)) {
      await this.refuse(ctx, null, 'create', 'unit outside your own');
      throw new ForbiddenException('You may only create accounts in your own unit');
    }
    return unit;
  }

  private async refuse(ctx: RequestContext, id: string | null, action: string, reason: string, outcome: 'denied' | 'conflict' = 'denied'): Promise<void> {
    await this.audit.write(ctx, { action, entityType: 'user', entityId: id, outcome, details: { reason } });
  }

  private async usernameOf(id: string): Promise<string> {
    const rows: { username: string }[] = await this.dataSource.query('SELECT username FROM users WHERE id = $1::uuid', [id]);
    return rows[0]?.username ?? '';
  }
}
