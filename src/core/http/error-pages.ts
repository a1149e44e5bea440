import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Errors that should be answered with a page rather than JSON: the web front office provides
 * this, so a browser address that matches no page (which reaches the global filter, not the web
 * controllers' own) still gets the GOV.UK 404 page. Core code depends on this interface only.
 */
export const ERROR_PAGES = Symbol('ERROR_PAGES');

export interface ErrorPages {
  /** Whether this request is one of the pages'. */
  handles(req: FastifyRequest): boolean;
  catch(exception: unknown, host: ArgumentsHost): void;
}
