import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;
export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * The request's correlation id: the caller's own `X-Correlation-Id` when it is a plain token,
 * otherwise a new UUID. It becomes Fastify's request id, the log's `reqId` and the audit's
 * `correlation_id`, and is returned on every response and error body.
 */
export function correlationIdFor(request: IncomingMessage): string {
  const given = request.headers[CORRELATION_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}
