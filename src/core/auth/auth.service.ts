import { Injectable, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import type { RequestContext } from '../context/request-context';
import type { Actor } from './actor';
import { ActorCacheService, CachedActor } from './actor-cache.service';
import type { Role } from './roles';

export const JWT_ISSUER = 'haven';
export const JWT_AUDIENCE = 'haven-api';
/** However often a token is refreshed, the user signs in again after this long. */
export const MAX_SESSION_SECONDS = 12 * 3600;

export interface TokenClaims {
  sub: string;
  /** The user's token version when issued; a bump (disable, password change) revokes the token. */
  tv: number;
  /** When the user signed in (seconds since the epoch), kept across refreshes. */
  at: number;
  /**
   * The session: one sign-in and every token refreshed from it. Signing out ends it (see
   * session_revocations), on every instance at once.
   */
  sid: string;
  /** Present on a token that may only set up a second factor. */
  enrol?: true;
  /** The session's stated purpose of access, if one was given at sign-in. */
  pur?: string;
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  unit_id: string;
  disabled: boolean;
  token_version: number;
  unit_kind: string;
}

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Access tokens: short-lived, revocable at once, refreshable up to a maximum session length. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly actors: ActorCacheService,
  ) {}

  async issueToken(actor: Actor, authTime = Math.floor(Date.now() / 1000)): Promise<IssuedToken> {
    const [{ token_version }] = await this.dataSource.query('SELECT token_version FROM users WHERE id = $1', [actor.id]);
    const claims: TokenClaims = {
      sub: actor.id,
      tv: token_version,
      at: authTime,
      // A sign-in starts a session; a refresh carries the token's own.
      sid: actor.sessionId ?? randomUUID(),
      ...(actor.enrolOnly ? { enrol: true as const } : {}),
      ...(actor.sessionPurpose ? { pur: actor.sessionPurpose } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS };
  }

  /** A fresh token for a still-valid one, until MAX_SESSION_SECONDS after sign-in. */
  async refresh(ctx: RequestContext): Promise<IssuedToken> {
    const actor = ctx.requireActor();
    const authTime = actor.authTime ?? 0;
    if (Date.now() / 1000 - authTime > MAX_SESSION_SECONDS) {
      await this.audit.write(ctx, {
        action: 'token.refresh',
        entityType: 'user',
        entityId: actor.id,
        outcome: 'denied',
        details: { reason: 'session too old' },
      });
      throw new UnauthorizedException('Session expired: sign in again');
    }
    const token = await this.issueToken(actor, authTime);
    await this.audit.write(ctx, { action: 'token.refresh', entityType: 'user', entityId: actor.id, outcome: 'success' });
    return token;
  }

  /**
   * Signs the request's session out: every token of it (this one, earlier ones, any a refresh
   * would make) is refused from now on, here at once and on other instances as soon as
   * PostgreSQL's notification reaches them. The revocation and its audit event commit together.
   */
  async endSession(ctx: RequestContext, via: 'api' | 'web'): Promise<void> {
    const actor = ctx.requireActor();
    const sid = actor.sessionId;
    if (!sid) throw new UnauthorizedException();
    const authTime = actor.authTime ?? Math.floor(Date.now() / 1000);
    const expiresAtMs = (authTime + MAX_SESSION_SECONDS) * 1000;
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO session_revocations (session_id, user_id, expires_at, reason) VALUES ($1::uuid, $2::uuid, to_timestamp($3::double precision / 1000), 'signed out')
         ON CONFLICT (session_id) DO NOTHING`,
        [sid, actor.id, expiresAtMs],
      );
      await this.audit.write(ctx, { action: 'logout', entityType: 'user', entityId: actor.id, outcome: 'success', details: { sessionId: sid, via } }, em);
    });
    this.actors.endSession(sid, expiresAtMs);
  }

  /** Whether the session was signed out, asked of the database (while notifications are down). */
  private async sessionEndedInDatabase(sid: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM session_revocations WHERE session_id = $1::uuid', [sid]);
    return rows.length > 0;
  }

  /** The actor a valid token speaks for, read fresh so a disabled user's tokens stop at once. */
  async actorForToken(claims: TokenClaims): Promise<Actor | null> {
    // The common case answers from memory without an await; the database only when notifications are down.
    const ended = this.actors.sessionEnded(claims.sid);
    if (ended === true || (ended === null && (await this.sessionEndedInDatabase(claims.sid)))) return null;
    let entry: CachedActor | null = this.actors.get(claims.sub);
    if (!entry) {
      const rows: UserRow[] = await this.dataSource.query(
        `SELECT u.id, u.username, u.role, u.unit_id, u.disabled, u.token_version, un.kind AS unit_kind
           FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1`,
        [claims.sub],
      );
      const user = rows[0];
      if (!user) return null;
      entry = {
        actor: { id: user.id, username: user.username, role: user.role, unitId: user.unit_id, central: user.unit_kind === 'central' },
        tokenVersion: user.token_version,
        disabled: user.disabled,
      };
      this.actors.set(claims.sub, entry);
    }
    if (entry.disabled || entry.tokenVersion !== claims.tv) return null;
    return {
      ...entry.actor,
      authTime: claims.at,
      sessionId: claims.sid,
      ...(typeof claims.pur === 'string' ? { sessionPurpose: claims.pur.slice(0, 200) } : {}),
      ...(claims.enrol ? { enrolOnly: true } : {}),
    };
  }
}
