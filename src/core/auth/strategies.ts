import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { AppConfig } from '../config/app-config';
import { contextFromRequest } from '../context/request-context';
import type { Actor } from './actor';
import { AuthService, JWT_AUDIENCE, JWT_ISSUER, TokenClaims } from './auth.service';
import { LoginService } from './login.service';
import { TokenVerifier, VerifiedTokenStrategy } from './token-verifier';
import { sessionCookieExtractor } from '../../web/session/session-cookie';

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly logins: LoginService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: FastifyRequest, username: string, password: string): Promise<Actor> {
    const { totp, purpose } = (req.body ?? {}) as { totp?: string; purpose?: string };
    const { actor, mustEnrolTotp } = await this.logins.login(contextFromRequest(req), username, password, totp);
    return { ...actor, ...(mustEnrolTotp ? { enrolOnly: true } : {}), ...(purpose ? { sessionPurpose: purpose.trim() } : {}) };
  }
}

@Injectable()
export class JwtStrategy extends PassportStrategy(VerifiedTokenStrategy, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    config: AppConfig,
  ) {
    super({
      // Pinned: HS256 only (alg "none", or RS256 with our secret as a key, is refused), issuer, audience, expiry.
      verifier: new TokenVerifier({ secret: config.JWT_SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE }),
      // A Bearer header, or on web pages only the browser's session cookie (never for the API).
      fromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), sessionCookieExtractor]),
    });
  }

  async validate(claims: TokenClaims): Promise<Actor> {
    // A token without a session id (made before sign-out could end sessions) cannot be signed out: refused.
    if (typeof claims?.sub !== 'string' || typeof claims?.tv !== 'number' || typeof claims?.at !== 'number' || !SESSION_ID.test(String(claims?.sid))) {
      throw new UnauthorizedException();
    }
    const actor = await this.auth.actorForToken(claims);
    if (!actor) throw new UnauthorizedException('Token no longer valid');
    return actor;
  }
}
