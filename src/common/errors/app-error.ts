/**
 * What kind of failure an expected condition is. The one global filter maps each kind to its HTTP
 * status (see `statusForKind`); services never throw HttpException or a bare Error for these.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many_requests'
  | 'payload_too_large';

/** An expected failure with a stable machine-readable code and a sentence a person can read. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function statusForKind(kind: ErrorKind): number {
  switch (kind) {
    case 'bad_request':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'unprocessable':
      return 422;
    case 'too_many_requests':
      return 429;
    case 'payload_too_large':
      return 413;
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown error kind ${String(unreachable)}`);
    }
  }
}
