import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedConfig } from '../../config/app-config.js';

/**
 * Keys whose values never reach a log line, at any depth: secrets, personal data, and the parts of
 * a database error that can quote the values it refused.
 */
const SENSITIVE_KEYS = new Set(
  [
    'password',
    'passwordHash',
    'token',
    'accessToken',
    'refreshToken',
    'authorization',
    'cookie',
    'set-cookie',
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
    'parameters',
    'detail',
    'query',
    'driverError',
  ].map((key) => key.toLowerCase()),
);

const MAX_DEPTH = 8;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of the value with every sensitive key's value replaced by "[redacted]". Walks plain
 * objects and arrays only: requests, responses and errors are left to their serializers below,
 * which keep only safe fields (and redact what an error carries).
 */
export function redactSensitive(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactSensitive(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEYS.has(key.toLowerCase())
      ? '[redacted]'
      : redactSensitive(inner, depth + 1);
  }
  return copy;
}

/** The pino options of the application's logger (also used by the redaction test). */
export function pinoOptions(config: Pick<ResolvedConfig, 'logLevel'>) {
  return {
    level: config.logLevel,
    formatters: {
      log: (object: Record<string, unknown>) => redactSensitive(object) as Record<string, unknown>,
    },
    serializers: {
      req: (request: IncomingMessage & { id?: string }) => ({
        id: request.id,
        method: request.method,
        // The path only: a query string may carry personal data.
        path: (request.url ?? '').split('?')[0],
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      // Message and stack kept; what a database error quotes (SQL, values) redacted.
      err: (error: Error) => redactSensitive({ ...stdSerializers.err(error) }),
    },
  };
}

/** Structured JSON request logs: method, path, status, time, ids; nothing personal. */
export function loggerParams(config: ResolvedConfig): Params {
  return {
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      ...pinoOptions(config),
      customLogLevel: (_request, response, error) =>
        error !== undefined || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
    },
  };
}
