import { AppError } from '../common/errors/app-error.js';

export const LiveErrors = {
  /** No token, a bad or expired one, or a session that is no longer live: all look the same. */
  unauthenticated: () =>
    new AppError(
      'unauthenticated',
      'UNAUTHENTICATED',
      'Connect with a valid access token in the handshake: auth: { token }.',
    ),
  seqUnknown: (since: number, last: number) =>
    new AppError(
      'conflict',
      'RESYNC_SEQ_UNKNOWN',
      'No event with that seq has been published; load the queue again (GET /api/queue) and resync from its seq.',
      { since, lastSeq: last },
    ),
  resyncTooFar: (since: number, last: number) =>
    new AppError(
      'unprocessable',
      'RESYNC_TOO_FAR',
      'Too many events have happened since then to replay; load the queue again (GET /api/queue, or the inbox) and resync from there.',
      { since, lastSeq: last },
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(
      'too_many_requests',
      'RATE_LIMITED',
      'Too many messages; wait a moment and try again.',
      { retryAfterSeconds },
    ),
  unknownMessage: (name: string) =>
    new AppError('bad_request', 'UNKNOWN_MESSAGE', 'The server knows no such message.', {
      message: name.slice(0, 60),
    }),
};
