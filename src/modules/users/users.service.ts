import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActorCacheService } from '../../core/auth/actor-cache.service';
import { LoginThrottleService } from '../../core/auth/login-throttle.service';
import { PasswordService } from '../../core/auth/password.service';
import { passwordProblem } from '../../core/auth/password-policy';
import type { RequestContext } from '../../core/context/request-context';
import { fieldError, unusableReference } from '../../core/http/field-errors';
import { ListQuery, Page, RecordStore, RecordStoreOptions } from '../../core/records/record-store';
import { UnitsService } from '../units/units.service';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './entities/user.entity';

export type PublicUser = Omit<User, 'passwordHash' | 'totpSecret' | 'totpLastStep' | 'unit'>;

/** How the store reads and writes User records (also read by the SQL snapshots, docs/sql/). */
export const USER_STORE: RecordStoreOptions = {
  entityType: 'user',
  // Credentials never leave the server, not even encrypted.
  hidden: ['passwordHash', 'totpSecret', 'totpLastStep'],
  filterable: ['unitId', 'role'],
  sortable: ['username', 'createdAt'],
  defaultSort: 'username',
  defaultDirection: 'asc',
};

@Injectable()
export class UsersService {
  private readonly store: RecordStore<User>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly units: UnitsService,
    private readonly throttle: LoginThrottleService,
    private readonly actors: ActorCacheService,
  ) {
    this.store = new RecordStore(dataSource, User, USER_STORE);
  }

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<PublicUser> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw fieldError('password', problem);
    if (!(await this.units.exists(dto.unitId))) throw unusableReference('unitId', 'no such unit');
    const passwordHash = await this.passwords.hash(dto.password);
    const { password: _omit, ...rest } = dto;
    // The hash goes in, but the audit diff and the answer never carry it (it is a hidden column).
    return this.store.create(ctx, { ...rest, passwordHash } as Partial<User>);
  }

  list(ctx: RequestContext, q: ListQuery): Promise<Page<PublicUser>> {
    return this.store.list(ctx, q);
  }

  get(ctx: RequestContext, id: string): Promise<PublicUser> {
    return this.store.get(ctx, id);
  }

  /**
   * Disable, re-role, move, rename or reset a password. Anything that changes what the user's
   * tokens stand for bumps tokenVersion, so those tokens stop working at once.
   */
  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<PublicUser> {
    const { version, password, unlock, resetTotp, ...fields } = dto;
    const patch: Partial<User> = { ...fields };
    if (unlock) Object.assign(patch, { lockedAt: null, failedLogins: 0 });
    if (resetTotp) Object.assign(patch, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    if (fields.unitId && !(await this.units.exists(fields.unitId))) throw unusableReference('unitId', 'no such unit');
    if (password !== undefined) {
      const problem = passwordProblem(password, await this.usernameOf(id));
      if (problem) throw fieldError('password', problem);
      patch.passwordHash = await this.passwords.hash(password);
    }
    const revokes = password !== undefined || fields.disabled === true || fields.role !== undefined || fields.unitId !== undefined || resetTotp === true;
    const updated = await this.store.update(ctx, id, version, patch, {
      action: password !== undefined ? 'password.reset' : unlock ? 'unlock' : resetTotp ? 'totp.reset' : 'update',
      extraSets: revokes ? ['"token_version" = "token_version" + 1'] : [],
    });
    // This instance forgets the user at once; the others on PostgreSQL's change notification.
    this.actors.evict(id);
    // An unlocked account starts with a clean slate in the shared sign-in throttle too.
    if (unlock) await this.throttle.clear(this.throttle.keys(updated.username, null).user);
    return updated;
  }

  private async usernameOf(id: string): Promise<string> {
    const rows: { username: string }[] = await this.dataSource.query('SELECT username FROM users WHERE id = $1::uuid', [id]);
    return rows[0]?.username ?? '';
  }
}
