import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';

/**
 * What a service needs to know about the request it serves: who acts, and the request's id, ip
 * and stated purpose for the audit log. Controllers pass it as the first argument of every
 * service call (like Vendure's RequestContext), so nothing depends on ambient state.
 */
export class RequestContext {
  constructor(
    readonly actor: Actor | null,
    readonly requestId: string | null,
    readonly ip: string | null,
    readonly purpose: string | null = null,
  ) {}

  /** For work Haven does by itself (seeding, the CLI): audited as the system. */
  static system(purpose: string | null = null): RequestContext {
    return new RequestContext(null, null, null, purpose);
  }

  requireActor(): Actor {
    if (!this.actor) throw new Error('this operation needs a signed-in actor');
    return this.actor;
  }
}

const PURPOSE_HEADER = 'x-purpose';

/**
 * The request's stated purpose (UK DPA 2018 s.62): its own X-Purpose header, else the purpose
 * chosen for the session at sign-in. Record reads with neither fall back to the record's operation.
 */
export function contextFromRequest(req: FastifyRequest): RequestContext {
  const raw = req.headers[PURPOSE_HEADER];
  const actor = (req.user as Actor | undefined) ?? null;
  const stated = typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, 200) : null;
  return new RequestContext(actor, String(req.id), req.ip, stated ?? actor?.sessionPurpose ?? null);
}

/** `@Ctx() ctx: RequestContext` in a controller handler. */
export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext) => contextFromRequest(host.switchToHttp().getRequest<FastifyRequest>()));

declare module 'fastify' {
  interface FastifyRequest {
    user?: Actor;
  }
}
