import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebExceptionFilter } from './render/web-exception.filter';
import { CsrfGuard } from './session/csrf';
import { SessionRefreshInterceptor } from './session/session-refresh.interceptor';
import { WEB_MOUNT } from './web-paths';

/**
 * A controller of web pages: mounted under the internal web prefix (see web-paths.ts), left out of
 * the OpenAPI document, every POST checked for its CSRF token, errors shown as GOV.UK pages, and
 * the session's idle timeout slid forward on activity. Routes still declare @Allow or @Public.
 */
export function WebController(path = '') {
  return applyDecorators(
    Controller(path ? `${WEB_MOUNT}/${path}` : WEB_MOUNT),
    ApiExcludeController(),
    UseGuards(CsrfGuard),
    UseFilters(WebExceptionFilter),
    UseInterceptors(SessionRefreshInterceptor),
  );
}
