import type { FastifyInstance, FastifyRequest } from 'fastify';
import { embeddedContentProblem, findEmbeddedContent } from './embedded-content';
import type { FieldError } from './field-errors';

/** 64 KiB: far more than any Haven record needs, far less than any file worth smuggling. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** The stated purpose of access goes into every audit event's `purpose` (varchar 200), for ever. */
export const MAX_PURPOSE_LENGTH = 200;
const PURPOSE_HEADER = 'x-purpose';

/** A paging cursor is Haven's own opaque token (long base64url by nature), checked when decoded. */
function withoutCursor(query: unknown): Record<string, unknown> | null {
  if (!query || typeof query !== 'object') return null;
  const { cursor: _cursor, ...rest } = query as Record<string, unknown>;
  return Object.keys(rest).length ? rest : null;
}

function purposeProblems(req: FastifyRequest): FieldError[] {
  const raw = req.headers[PURPOSE_HEADER];
  if (raw === undefined) return [];
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  const messages: string[] = [];
  if (value.length > MAX_PURPOSE_LENGTH) {
    messages.push(`X-Purpose must be at most ${MAX_PURPOSE_LENGTH} characters: a short reason for access, such as "Preparing the file for CPS"`);
  } else {
    const problem = embeddedContentProblem(value);
    if (problem) messages.push(`X-Purpose ${problem}`);
  }
  return messages.length ? [{ field: 'X-Purpose', messages }] : [];
}

const PROBLEMS = Symbol('haven.contentProblems');
type Judged = FastifyRequest & { [PROBLEMS]?: FieldError[] };

/**
 * What in a request looks like file content (its body, its query but the cursor, its X-Purpose
 * header), judged once per request however many hooks ask: the web pages' hook and the API's
 * share the answer. Empty for a clean request.
 */
export function contentProblems(req: FastifyRequest): FieldError[] {
  const judged = req as Judged;
  if (judged[PROBLEMS]) return judged[PROBLEMS];
  const query = withoutCursor(req.query);
  const found = [
    ...(req.body === undefined || req.body === null ? [] : findEmbeddedContent(req.body)),
    ...(query ? findEmbeddedContent(query).map((p) => ({ ...p, field: `query.${p.field}` })) : []),
  ];
  const byField = new Map<string, string[]>();
  for (const p of found) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  const problems = [...[...byField].map(([field, messages]) => ({ field, messages })), ...purposeProblems(req)];
  judged[PROBLEMS] = problems;
  return problems;
}

/**
 * Input rules that hold before any route runs: only JSON bodies (so no multipart or file upload
 * can reach a handler) and no string anywhere in a body, query or stated purpose that looks like
 * file content. The per-address rate limit (rate-limit.ts) runs before the body is even read.
 */
export function registerMetadataOnlyHooks(fastify: FastifyInstance): void {
  // Fastify parses JSON (and, by default, text/plain); anything else is 415 before a handler.
  fastify.removeContentTypeParser('text/plain');
  // Synchronous, and nothing to walk for a GET without a query string: most requests are reads.
  fastify.addHook('preHandler', (req, reply, done) => {
    const query = req.query as Record<string, unknown> | undefined;
    const hasQuery = !!query && typeof query === 'object' && Object.keys(query).length > 0;
    if ((req.body === undefined || req.body === null) && !hasQuery && req.headers[PURPOSE_HEADER] === undefined) return done();
    const errors = contentProblems(req);
    if (!errors.length) return done();
    void reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors, requestId: req.id });
  });
}
