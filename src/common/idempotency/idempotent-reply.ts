import type { FastifyReply } from 'fastify';
import type { IdempotentResponse } from './idempotency.service.js';

/** The header that tells a client it received the stored answer to an earlier request. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Sends an idempotent response with its own status (a replay keeps the first answer's status),
 * marking a replay with `Idempotent-Replayed: true`. For handlers that take `@Res()`: Nest would
 * otherwise set the route's default status over the stored one.
 */
export async function sendIdempotent<T>(
  reply: FastifyReply,
  response: IdempotentResponse<T>,
): Promise<void> {
  if (response.replayed) void reply.header(REPLAYED_HEADER, 'true');
  await reply.status(response.status).send(response.body);
}
