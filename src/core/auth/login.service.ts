import { ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { updateReturning } from '../database/returning';
import { AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';
import type { Actor } from './actor';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { passwordProblem } from './password-policy';
import { fieldError } from '../http/field-errors';
import type { Role } from './roles';
import { TotpService } from './totp.service';

interface LoginRow {
  id: string;
  username: string;
  role: Role;
  unit_id: string;
  disabled: boolean;
  locked_at: Date | null;
  password_hash: string;
  totp_enabled_at: Date | null;
  must_change_password: boolean;
  unit_kind: string;
}

const USERNAME_SHAPE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Every refusal looks the same from outside (unknown user, wrong password, disabled, locked, a
 * missing or wrong second-factor code), so it never tells whether a username exists or whether
 * the password was right.
 */
const badLogin = () => new UnauthorizedException('Invalid username or password');

export interface LoginResult {
  actor: Actor;
  /** True when the role must use a second factor and the user has not set one up yet. */
  mustEnrolTotp: boolean;
}

/**
 * Sign-in: throttled per username and per ip (shared in PostgreSQL), locked after repeated
 * failures until an admin unlocks, a second factor when the user has one, and every attempt
 * audited before the answer leaves.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly totp: TotpService,
    private readonly config: AppConfig,
  ) {}

  /**
   * With `newPassword`, the same checks prove who is asking, and the password is replaced instead
   * of signing in (the only way past a one-time password; see replacePassword).
   */
  async login(ctx: RequestContext, username: string, password: string, totpCode?: string, newPassword?: string): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    const attempted = USERNAME_SHAPE.test(name) ? name : '(not a username)';
    const keys = this.throttle.keys(attempted, ctx.ip);
    const anonymous = new RequestContext(null, ctx.requestId, ctx.ip, ctx.purpose);
    const fail = async (reason: string, userId: string | null) => {
      await this.audit.write(anonymous, {
        action: 'login',
        entityType: 'user',
        entityId: userId,
        outcome: 'failure',
        details: { username: attempted, reason },
      });
    };

    const blockedFor = await this.throttle.blockedFor([keys.user, keys.ip]);
    if (blockedFor > 0) {
      await fail('throttled', null);
      throw new HttpException({ message: 'Too many failed sign-ins: try again later', retryAfterSeconds: blockedFor }, HttpStatus.TOO_MANY_REQUESTS);
    }

    const rows: LoginRow[] = USERNAME_SHAPE.test(name)
      ? await this.dataSource.query(
          `SELECT u.id, u.username, u.role, u.unit_id, u.disabled, u.locked_at, u.password_hash, u.totp_enabled_at, u.must_change_password, un.kind AS unit_kind
             FROM users u JOIN units un ON un.id = u.unit_id WHERE u.username = $1`,
          [name],
        )
      : [];
    const user = rows[0];
    const passwordOk = await this.passwords.verify(user?.password_hash ?? null, password);
    const refusal = !user ? 'unknown user' : !passwordOk ? 'wrong password' : user.disabled ? 'account disabled' : user.locked_at ? 'account locked' : null;
    if (refusal) {
      await this.throttle.recordFailure(keys);
      if (user && !passwordOk) await this.countWrongPassword(anonymous, user.id);
      await fail(refusal, user?.id ?? null);
      throw badLogin();
    }
    if (user.totp_enabled_at) {
      const ok = totpCode ? await this.totp.acceptCode(user.id, totpCode) : false;
      if (!ok) {
        await this.throttle.recordFailure(keys);
        await fail(totpCode ? 'wrong second factor' : 'second factor missing', user.id);
        // The same answer as a wrong password: anything else tells a guesser the password was right.
        throw badLogin();
      }
    }

    const actor: Actor = { id: user.id, username: user.username, role: user.role, unitId: user.unit_id, central: user.unit_kind === 'central' };
    if (newPassword !== undefined) {
      await this.replacePassword(new RequestContext(actor, ctx.requestId, ctx.ip, ctx.purpose), user, password, newPassword);
      await this.throttle.clear(keys.user);
      return { actor, mustEnrolTotp: false };
    }
    // A one-time password (set by an admin, who therefore knows it) opens nothing but its own replacement.
    if (user.must_change_password) {
      await fail('one-time password not yet changed', user.id);
      throw new ForbiddenException({
        message:
          'Your password is a one-time password: choose a new one first (POST /api/v1/account/password with username, password and newPassword, or the web page /account/password), then sign in with it',
        mustChangePassword: true,
      });
    }
    const mustEnrolTotp = !user.totp_enabled_at && this.totpRequiredFor(user.role);
    await this.throttle.clear(keys.user);
    await this.dataSource.transaction(async (em) => {
      await em.query('UPDATE users SET last_login_at = now(), failed_logins = 0 WHERE id = $1', [user.id]);
      await this.audit.write(
        new RequestContext(actor, ctx.requestId, ctx.ip, ctx.purpose),
        {
          action: 'login',
          entityType: 'user',
          entityId: user.id,
          outcome: 'success',
          details: { secondFactor: Boolean(user.totp_enabled_at), mustEnrolTotp },
        },
        em,
      );
    });
    return { actor, mustEnrolTotp };
  }

  /**
   * The user's own new password: the password policy, and never the one it replaces. Bumps the
   * token version (every earlier session ends) and clears the one-time mark; audited with the change.
   */
  private async replacePassword(ctx: RequestContext, user: LoginRow, current: string, next: string): Promise<void> {
    const problem = passwordProblem(next, user.username);
    if (problem) throw fieldError('newPassword', problem);
    if (next === current) throw fieldError('newPassword', 'newPassword must be different from the password it replaces');
    const hash = await this.passwords.hash(next);
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `UPDATE users SET password_hash = $2, must_change_password = false, token_version = token_version + 1,
                version = version + 1, updated_at = now(), updated_by = $1 WHERE id = $1`,
        [user.id, hash],
      );
      await this.audit.write(
        ctx,
        {
          action: 'password.change',
          entityType: 'user',
          entityId: user.id,
          outcome: 'success',
          changes: { passwordHash: ['(hidden)', '(changed)'], ...(user.must_change_password ? { mustChangePassword: [true, false] } : {}) },
        },
        em,
      );
    });
  }

  totpRequiredFor(role: Role): boolean {
    return (this.config.REQUIRE_TOTP_FOR ?? '').split(',').includes(role);
  }

  /** Consecutive wrong passwords lock the account; only an admin unlocks it. */
  private async countWrongPassword(ctx: RequestContext, userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const rows = await updateReturning<{ failed_logins: number; locked: boolean }>(
        em,
        `UPDATE users SET failed_logins = failed_logins + 1,
                locked_at = CASE WHEN locked_at IS NULL AND failed_logins + 1 >= $2 THEN now() ELSE locked_at END
          WHERE id = $1 RETURNING failed_logins, (locked_at IS NOT NULL) AS locked`,
        [userId, this.config.ACCOUNT_LOCK_AFTER_FAILURES],
      );
      if (rows[0]?.locked && rows[0].failed_logins === this.config.ACCOUNT_LOCK_AFTER_FAILURES) {
        await this.audit.write(
          ctx,
          { action: 'account.locked', entityType: 'user', entityId: userId, outcome: 'success', details: { failedLogins: rows[0].failed_logins } },
          em,
        );
      }
    });
  }
}
