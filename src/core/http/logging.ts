import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * JSON logs with the request id on every line. Credentials and tokens are redacted: a password
 * or token never reaches a log, whatever logs the request.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req) => (req as unknown as { id: string }).id,
      customProps: (req) => ({ requestId: (req as unknown as { id: string }).id }),
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.passwordHash', '*.accessToken'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
      // Request lines are info-level: when the level hides them, skip the work of making them.
      autoLogging: ['fatal', 'error', 'warn', 'silent'].includes(config.LOG_LEVEL) ? false : { ignore: (req) => req.url === '/health' },
    },
  };
}
