import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-body.js';

/** One filter for every error: the contract's body, a stable code, the correlation id, no internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const response = toErrorResponse(error, request.id);
    if (response.internal) {
      this.logger.error({ err: error, correlationId: request.id }, 'Request failed');
    }
    void reply.status(response.status).headers(response.headers).send(response.body);
  }
}
