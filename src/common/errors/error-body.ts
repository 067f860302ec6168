import { HttpException } from '@nestjs/common';
import { AppError, statusForKind } from './app-error.js';

/** The body of every error response (API.md, "Errors"). */
export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  correlationId: string;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True when the failure is ours (a 5xx): it is logged with its stack, and hidden from the caller. */
  internal: boolean;
}

/** Codes for failures that come from HTTP itself rather than from a feature. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  503: 'NOT_READY',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/** Fastify's own errors (body parsing and the like) carry a statusCode and an FST_* code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Fastify's error, thrown as it is or wrapped by Nest in an HttpException's `cause`. */
function fastifyError(error: unknown): FastifyLikeError | undefined {
  const candidate = error instanceof HttpException ? error.cause : error;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { statusCode, code } = candidate as FastifyLikeError;
  return typeof statusCode === 'number' && typeof code === 'string' && code.startsWith('FST_')
    ? candidate
    : undefined;
}

/** Turns anything thrown while serving a request into the contract's error response. */
export function toErrorResponse(error: unknown, correlationId: string): ErrorResponse {
  if (error instanceof AppError) {
    return {
      status: statusForKind(error.kind),
      body: { code: error.code, message: error.message, details: error.details, correlationId },
      headers: error.headers ?? {},
      internal: false,
    };
  }
  const fastify = fastifyError(error);
  if (fastify?.statusCode !== undefined && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    let code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
    let message = fastify.message ?? 'The request could not be read.';
    if (status === 413) message = 'The request body is larger than the 1 MB limit.';
    if (fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      code = 'MALFORMED_JSON';
      message = 'The request body is not valid JSON.';
    } else if (fastify.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      code = 'MALFORMED_JSON';
      message = 'The request says it has a JSON body but the body is empty.';
    } else if (status === 415) {
      message = 'Send the request body as application/json.';
    } else if (status === 429) {
      message = 'Too many requests; wait a moment and try again.';
    }
    return { status, body: { code, message, correlationId }, headers: {}, internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const payload = typeof response === 'object' && response !== null ? response : {};
    const { code, message, details } = payload as Partial<ErrorBody>;
    return {
      status,
      body: {
        code: code ?? CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'ERROR'),
        message:
          status === 503
            ? 'Not ready: the database does not answer or migrations are pending.'
            : status >= 500
              ? 'Something went wrong on our side.'
              : (message ?? error.message),
        // A 5xx (readiness included) says nothing of the servers behind it.
        details: status >= 500 ? undefined : details,
        correlationId,
      },
      headers: {},
      // 503 is "not ready" (health), not a fault of ours to hide.
      internal: status >= 500 && status !== 503,
    };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.', correlationId },
    headers: {},
    internal: true,
  };
}
