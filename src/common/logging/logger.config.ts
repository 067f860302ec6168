import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedConfig } from '../../config/app-config.js';

/** Fields that may hold secrets or personal data, wherever they appear in a log line. */
const SENSITIVE_KEYS = [
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'email',
  'name',
  'firstName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'phone',
  'address',
  'postcode',
  'notes',
];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  // Database errors can quote the values they refused.
  'err.parameters',
  'err.detail',
  'err.query',
  'err.driverError',
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`]),
];

/** Structured JSON request logs: method, path (never the query string), status, time, ids. */
export function loggerParams(config: ResolvedConfig): Params {
  return {
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (request: IncomingMessage & { id?: string }) => ({
          id: request.id,
          method: request.method,
          path: (request.url ?? '').split('?')[0],
        }),
        res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      },
      customLogLevel: (_request, response, error) =>
        error !== undefined || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
    },
  };
}
