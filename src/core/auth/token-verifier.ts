import { createSecretKey, type KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { Strategy } from 'passport-strategy';
import type { TokenClaims } from './auth.service';

export interface TokenVerifierOptions {
  secret: string;
  issuer: string;
  audience: string;
  /** Verified tokens remembered at most (the oldest is forgotten first). */
  remember?: number;
}

/**
 * Checks access tokens with jsonwebtoken (HS256 only, issuer, audience, expiry), and remembers
 * the tokens it has already checked until they expire: a signed-in user sends the same token on
 * every request, and verifying its signature again each time cost a tenth of a request's CPU.
 * Only the exact token string is remembered, so nothing about a different token is ever assumed;
 * whether the token's user and token version are still good is checked on every request after
 * this (AuthService.actorForToken), so revocation is unaffected.
 */
export class TokenVerifier {
  private readonly key: KeyObject;
  private readonly remembered = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();
  private readonly limit: number;

  constructor(private readonly opts: TokenVerifierOptions) {
    // A ready KeyObject: given a string, jsonwebtoken re-parses it on every verify.
    this.key = createSecretKey(Buffer.from(opts.secret, 'utf8'));
    this.limit = opts.remember ?? 10_000;
  }

  /** The token's claims, or an error saying why it is refused. */
  verify(token: string, nowMs = Date.now()): TokenClaims {
    const known = this.remembered.get(token);
    if (known) {
      if (nowMs < known.expiresAtMs) return known.claims;
      this.remembered.delete(token);
    }
    const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: this.opts.issuer, audience: this.opts.audience }) as TokenClaims &
      jwt.JwtPayload;
    // A token without an expiry is not one Haven issues: check it every time, never remember it.
    if (typeof claims.exp === 'number') {
      if (this.remembered.size >= this.limit) this.remembered.delete(this.remembered.keys().next().value!);
      this.remembered.set(token, { claims, expiresAtMs: claims.exp * 1000 });
    }
    return claims;
  }

  /** How many verified tokens are remembered (for tests). */
  get size(): number {
    return this.remembered.size;
  }
}

type Verified = (err: unknown, user?: unknown, info?: unknown) => void;

/**
 * The 'jwt' Passport strategy: takes the token from the request, checks it with a TokenVerifier,
 * and hands the claims to the strategy's validate (via @nestjs/passport's callback).
 */
export class VerifiedTokenStrategy extends Strategy {
  constructor(
    // (The request is Fastify's; passport's types name Express's.)
    private readonly options: { verifier: TokenVerifier; fromRequest: (req: never) => string | null },
    private readonly validateClaims: (claims: TokenClaims, done: Verified) => void,
  ) {
    super();
  }

  override authenticate(req: object): void {
    const token = this.options.fromRequest(req as never);
    if (!token) return this.fail(new Error('No auth token'), 401);
    let claims: TokenClaims;
    try {
      claims = this.options.verifier.verify(token);
    } catch (e) {
      return this.fail(e, 401);
    }
    this.validateClaims(claims, (err, user, info) => {
      if (err) return this.error(err as Error);
      if (!user) return this.fail(info, 401);
      return this.success(user, info as object);
    });
  }
}
