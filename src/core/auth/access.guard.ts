import { ExecutionContext, ForbiddenException, HttpException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { contextFromRequest } from '../context/request-context';
import { ENROLMENT_KEY, PERMISSION_KEY, PUBLIC_KEY } from './access.decorator';
import { Permission } from './permissions';
import { roleHas } from './roles';

/**
 * The one global guard. Deny by default: a route passes only if it is @Public() or the signed-in
 * user's role holds the permission the route declares with @Allow(). Refusals are audited.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      this.logger.error(`route ${context.getClass().name}.${context.getHandler().name} declares no permission: refused`);
      throw new ForbiddenException('Forbidden');
    }
    await super.canActivate(context);
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = req.user;
    if (!actor) throw new UnauthorizedException();
    if (actor.enrolOnly && !this.reflector.getAllAndOverride<boolean>(ENROLMENT_KEY, targets)) {
      throw new ForbiddenException({ message: 'Set up your second factor first (POST /api/v1/auth/totp/setup)', mustEnrolTotp: true });
    }
    if (!roleHas(actor.role, permission)) {
      await this.audit.write(contextFromRequest(req), {
        action: 'access.denied',
        outcome: 'denied',
        details: { method: req.method, route: req.routeOptions?.url ?? req.url, permission },
      });
      throw new ForbiddenException(`Your role may not do this (needs ${permission})`);
    }
    return true;
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    // A failure to check the token (the database away) is not a bad token: let it through to the
    // error filter (503), so signed-in users are not told to sign in again during an outage.
    if (err && !(err instanceof HttpException)) throw err;
    if (err || !user) throw new UnauthorizedException('Sign in first: no valid access token');
    return user;
  }
}
