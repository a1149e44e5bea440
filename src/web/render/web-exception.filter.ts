import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DuplicateError } from '../../core/errors/domain-errors';
import type { ErrorPages } from '../../core/http/error-pages';
import { isWebRoute } from '../web-paths';
import { clearSessionCookie, SESSION_COOKIE } from '../session/session-cookie';
import { browserPath, browserUrl, WebPages } from './web-pages.service';

const TITLES: Record<number, string> = {
  400: 'There is a problem with this page',
  403: 'You do not have access to this page',
  404: 'Page not found',
  409: 'This record has changed',
  429: 'Too many requests',
  503: 'Sorry, the service is unavailable',
};

/**
 * Errors on web pages, the GOV.UK way: no session sends the browser to sign in (remembering
 * where it was going), no permission is a 403 page, a record outside the user's units is the same
 * 404 page as one that does not exist, and anything unexpected is a plain "sorry" page that says
 * nothing about the inside. The JSON API keeps its own filter.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter, ErrorPages {
  private readonly logger = new Logger('Web');

  constructor(private readonly pages: WebPages) {}

  /** A web address that reached the global filter: one that matches no page. */
  handles(req: FastifyRequest): boolean {
    return isWebRoute(req.url);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    // A duplicate that no form turned into a field error is a bare conflict page, as it always was.
    const httpError = exception instanceof HttpException && !(exception instanceof DuplicateError) ? exception : null;
    let status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const body = httpError ? (httpError.getResponse() as Record<string, unknown> | string) : null;

    if (status === HttpStatus.UNAUTHORIZED) {
      const hadSession = typeof req.cookies?.[SESSION_COOKIE] === 'string';
      clearSessionCookie(req, reply);
      const next = req.method === 'GET' ? browserUrl(req) : browserPath(req);
      const query = new URLSearchParams({ ...(next !== '/' ? { next } : {}), ...(hadSession ? { expired: '1' } : {}) }).toString();
      void this.pages.redirect(reply, `/sign-in${query ? `?${query}` : ''}`);
      return;
    }
    if (status === HttpStatus.FORBIDDEN && typeof body === 'object' && body?.mustEnrolTotp) {
      void this.pages.redirect(reply, '/account/second-factor');
      return;
    }
    if (!(exception instanceof HttpException)) {
      const code = String((exception as { code?: string })?.code ?? '');
      if (exception instanceof QueryFailedError && code === '23505') status = HttpStatus.CONFLICT;
      else if (
        code.startsWith('08') ||
        code.startsWith('57') ||
        /ECONNREFUSED|Connection terminated|timeout exceeded/i.test(String((exception as Error)?.message))
      )
        status = 503;
    }
    if (status >= 500) this.logger.error({ err: exception, requestId: req.id }, `web page failed: ${(exception as Error)?.message ?? exception}`);
    const message =
      status === 403 && typeof body === 'object' && body?.csrf
        ? String(body.message)
        : status === 403
          ? 'Your role does not allow this. If you think it should, ask your supervisor or the Haven administrator.'
          : status === 404
            ? 'If you typed the web address, check it is correct. If you followed a link, the record may not exist or may belong to a unit you cannot see.'
            : status < 500 && body
              ? String(typeof body === 'string' ? body : Array.isArray(body.message) ? body.message[0] : (body.message ?? ''))
              : status === 503
                ? 'Try again in a few minutes.'
                : 'Try again later. Nothing you entered on this page has been saved.';
    void this.pages.render(
      reply,
      'error',
      { title: TITLES[status] ?? (status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem'), message, status, requestId: req.id },
      status,
    );
  }
}
