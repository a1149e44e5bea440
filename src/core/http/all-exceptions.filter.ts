import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ERROR_PAGES, type ErrorPages } from './error-pages';

interface PgError {
  code?: string;
  message?: string;
  constraint?: string;
}

/** SQLSTATE → what the caller gets. Classes 08 and 57 mean the database is away: 503. */
function fromDatabase(err: PgError): { status: number; message: string } | null {
  const code = err.code ?? '';
  if (code === '23505') return { status: 409, message: 'That already exists' };
  if (code === '23503') return { status: 422, message: 'A referenced record does not exist' };
  if (
    code === '22P02' ||
    code === '22007' ||
    code === '22008' ||
    code === '22009' ||
    code === '22003' ||
    code === '23514' ||
    code === '22001' ||
    code === '23502'
  )
    return { status: 400, message: 'A value is not valid' };
  if (code === '40001' || code === '40P01') return { status: 409, message: 'A concurrent change got there first: try again' };
  if (code.startsWith('08') || code.startsWith('57') || code === '53300') return { status: 503, message: 'The database is unavailable: try again shortly' };
  return null;
}

const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|Query read timeout|connect ETIMEDOUT|the database system is (starting up|shutting down)|query runner (was )?already released|is not queryable/i;

/**
 * Every error leaves as JSON with the request id; a 5xx says nothing about the inside. A browser
 * address of the web front office that matches no page is handed to its error pages.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(@Optional() @Inject(ERROR_PAGES) private readonly pages?: ErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    if (this.pages?.handles(req)) return this.pages.catch(exception, host);
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let body: Record<string, unknown> = { message: 'Internal error' };

    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const r = exception.getResponse();
      body = typeof r === 'string' ? { message: r } : { ...(r as Record<string, unknown>) };
    } else if (exception instanceof QueryFailedError || (exception as PgError)?.code) {
      const mapped = fromDatabase(exception as unknown as PgError);
      if (mapped) {
        status = mapped.status;
        body = { message: mapped.message };
      }
    } else if (typeof (exception as { statusCode?: number })?.statusCode === 'number') {
      // Fastify's own errors: body too large (413), bad JSON (400), unsupported media type (415).
      const fe = exception as { statusCode: number; message: string; code?: string };
      if (fe.statusCode >= 400 && fe.statusCode < 500) {
        status = fe.statusCode;
        body = { message: fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Only application/json bodies are accepted' : fe.message };
      }
    }
    if (status === 500 && UNAVAILABLE.test(String((exception as Error)?.message ?? ''))) {
      status = 503;
      body = { message: 'The database is unavailable: try again shortly' };
    }
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, `request failed: ${(exception as Error)?.message ?? exception}`);
    }
    delete body.statusCode;
    delete body.error;
    if (status === 503) void reply.header('retry-after', '5');
    void reply.status(status).send({
      statusCode: status,
      error:
        HttpStatus[status]
          ?.toString()
          .replace(/_/g, ' ')
          .toLowerCase()
          .replace(/^\w/, (c) => c.toUpperCase()) ?? 'Error',
      ...body,
      requestId: req.id,
    });
  }
}
