import { createSecretKey } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { AppConfig } from '../config/app-config';
import { contextFromRequest } from '../context/request-context';
import type { Actor } from './actor';
import { AuthService, JWT_AUDIENCE, JWT_ISSUER, TokenClaims } from './auth.service';
import { LoginService } from './login.service';
import { sessionCookieExtractor } from '../../web/session/session-cookie';

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
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    config: AppConfig,
  ) {
    super({
      // A Bearer header, or on web pages only the browser's session cookie (never for the API).
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), sessionCookieExtractor]),
      // A ready KeyObject: given a string, jsonwebtoken re-parses it on every verify (first trying it
      // as a public key), which cost a fifth of the CPU of a request.
      // (passport-jwt's types say string | Buffer; it hands the value to jsonwebtoken, which takes a KeyObject.)
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) as unknown as Buffer,
      // Pinned: a token signed another way (alg "none", RS256 with our secret as a key) is refused.
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: TokenClaims): Promise<Actor> {
    if (typeof claims?.sub !== 'string' || typeof claims?.tv !== 'number' || typeof claims?.at !== 'number') throw new UnauthorizedException();
    const actor = await this.auth.actorForToken(claims);
    if (!actor) throw new UnauthorizedException('Token no longer valid');
    return actor;
  }
}
