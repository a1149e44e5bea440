import type { LoggerService } from '@nestjs/common';
import { publicWebPath, WEB_MOUNT } from '../web/web-paths';

/**
 * Nest's start-up wiring (modules loaded, every route mapped) is for developers: at debug level,
 * so the operator's first lines are what Haven says about itself. Everything else passes through.
 */
const WIRING = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'NestApplicationContext']);

const API_PREFIX = '/api/v1';

/**
 * Nest logs a web page's route with the global prefix it is excluded from and the internal web
 * mount ("Mapped {/api/v1/web/operations, GET}"); the browser's path is "/operations".
 */
export function realRoutePath(message: string): string {
  return message.replace(/\{(\/[^,}]*)/, (_m, path: string) => {
    const internal = path.startsWith(`${API_PREFIX}/${WEB_MOUNT}`) ? path.slice(API_PREFIX.length) : path;
    return `{${internal === `/${WEB_MOUNT}` || internal.startsWith(`/${WEB_MOUNT}/`) ? publicWebPath(internal) : path}`;
  });
}

export class StartupQuietLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && WIRING.has(context)) {
      const text = typeof message === 'string' ? realRoutePath(message) : message;
      this.inner.debug?.(text, ...rest);
      return;
    }
    this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
