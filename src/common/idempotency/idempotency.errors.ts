import { AppError } from '../errors/app-error.js';

export const IdempotencyErrors = {
  keyRequired: () =>
    new AppError(
      'bad_request',
      'IDEMPOTENCY_KEY_REQUIRED',
      'This request needs an Idempotency-Key header: a unique value (e.g. a UUID) that a retry repeats.',
    ),
  keyInvalid: () =>
    new AppError(
      'bad_request',
      'IDEMPOTENCY_KEY_INVALID',
      'The Idempotency-Key header must be 1 to 200 printable ASCII characters.',
    ),
  keyReused: () =>
    new AppError(
      'unprocessable',
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
    ),
  keyInFlight: () =>
    new AppError(
      'conflict',
      'IDEMPOTENCY_KEY_IN_FLIGHT',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
    ),
};
