import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';
import type { Actor } from './actor';
import { PasswordService } from './password.service';
import type { Role } from './roles';

export const JWT_ISSUER = 'haven';
export const JWT_AUDIENCE = 'haven-api';

export interface TokenClaims {
  sub: string;
  /** The user's token version when issued; a bump (disable, password change) revokes the token. */
  tv: number;
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  unit_id: string;
  disabled: boolean;
  token_version: number;
  unit_kind: string;
  password_hash?: string;
}

const USERNAME_SHAPE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Fails every bad login the same way, so the answer does not tell whether a username exists. */
const badLogin = () => new UnauthorizedException('Invalid username or password');

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Checks a username and password; every attempt, good or bad, is audited before the answer. */
  async login(ctx: RequestContext, username: string, password: string): Promise<Actor> {
    const name = username.trim().toLowerCase();
    const rows: UserRow[] = USERNAME_SHAPE.test(name)
      ? await this.dataSource.query(
          `SELECT u.id, u.username, u.role, u.unit_id, u.disabled, u.token_version, u.password_hash, un.kind AS unit_kind
             FROM users u JOIN units un ON un.id = u.unit_id WHERE u.username = $1`,
          [name],
        )
      : [];
    const user = rows[0];
    const ok = await this.passwords.verify(user?.password_hash ?? null, password);
    const attempted = USERNAME_SHAPE.test(name) ? name : '(not a username)';
    if (!user || !ok || user.disabled) {
      const why = !user ? 'unknown user' : !ok ? 'wrong password' : 'account disabled';
      const failCtx = new RequestContext(null, ctx.requestId, ctx.ip, ctx.purpose);
      await this.audit.write(failCtx, {
        action: 'login',
        entityType: 'user',
        entityId: user?.id ?? null,
        outcome: 'failure',
        details: { username: attempted, reason: why },
      });
      throw badLogin();
    }
    const actor = this.toActor(user);
    const okCtx = new RequestContext(actor, ctx.requestId, ctx.ip, ctx.purpose);
    await this.dataSource.transaction(async (em) => {
      await em.query('UPDATE users SET last_login_at = now() WHERE id = $1', [user.id]);
      await this.audit.write(okCtx, { action: 'login', entityType: 'user', entityId: user.id, outcome: 'success' }, em);
    });
    return actor;
  }

  async issueToken(actor: Actor): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const [{ token_version }] = await this.dataSource.query('SELECT token_version FROM users WHERE id = $1', [actor.id]);
    const claims: TokenClaims = { sub: actor.id, tv: token_version };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS };
  }

  /** The actor a valid token speaks for, read fresh so a disabled user's tokens stop at once. */
  async actorForToken(claims: TokenClaims): Promise<Actor | null> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.role, u.unit_id, u.disabled, u.token_version, un.kind AS unit_kind
         FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1`,
      [claims.sub],
    );
    const user = rows[0];
    if (!user || user.disabled || user.token_version !== claims.tv) return null;
    return this.toActor(user);
  }

  private toActor(u: UserRow): Actor {
    return { id: u.id, username: u.username, role: u.role, unitId: u.unit_id, central: u.unit_kind === 'central' };
  }
}
