import type { FastifyInstance } from 'fastify';
import { findEmbeddedContent } from './embedded-content';

/** 64 KiB: far more than any Haven record needs, far less than any file worth smuggling. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Input rules that hold before any route runs: only JSON bodies (so no multipart or file upload
 * can reach a handler) and no string anywhere in a body or query that looks like file content.
 */
/** A paging cursor is Haven's own opaque token (long base64url by nature), checked when decoded. */
function withoutCursor(query: unknown): unknown {
  if (!query || typeof query !== 'object') return null;
  const { cursor: _cursor, ...rest } = query as Record<string, unknown>;
  return rest;
}

export function registerMetadataOnlyHooks(fastify: FastifyInstance): void {
  // Fastify parses JSON (and, by default, text/plain); anything else is 415 before a handler.
  fastify.removeContentTypeParser('text/plain');
  // Synchronous, and nothing to walk for a GET without a query string: most requests are reads.
  fastify.addHook('preHandler', (req, reply, done) => {
    const query = req.query as Record<string, unknown> | undefined;
    const hasQuery = !!query && typeof query === 'object' && Object.keys(query).length > 0;
    if ((req.body === undefined || req.body === null) && !hasQuery) return done();
    const problems = [
      ...findEmbeddedContent(req.body ?? null),
      ...findEmbeddedContent(withoutCursor(query)).map((p) => ({ ...p, field: `query.${p.field}` })),
    ];
    if (!problems.length) return done();
    const byField = new Map<string, string[]>();
    for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
    void reply.code(400).send({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: [...byField].map(([field, messages]) => ({ field, messages })),
      requestId: req.id,
    });
  });
}
