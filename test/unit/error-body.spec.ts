import { BadRequestException, HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from '../../src/common/errors/app-error.js';
import { toErrorResponse } from '../../src/common/errors/error-body.js';

describe('toErrorResponse', () => {
  it('maps each kind of AppError to its status and keeps its code, details and headers', () => {
    const cases = [
      ['bad_request', 400],
      ['unauthenticated', 401],
      ['forbidden', 403],
      ['not_found', 404],
      ['conflict', 409],
      ['unprocessable', 422],
      ['too_many_requests', 429],
      ['payload_too_large', 413],
    ] as const;
    for (const [kind, status] of cases) {
      const response = toErrorResponse(
        new AppError(kind, 'SOME_CODE', 'A sentence.', { a: 1 }, { 'retry-after': '5' }),
        'cid',
      );
      expect(response).toEqual({
        status,
        body: {
          code: 'SOME_CODE',
          message: 'A sentence.',
          details: { a: 1 },
          correlationId: 'cid',
        },
        headers: { 'retry-after': '5' },
        internal: false,
      });
    }
  });

  it('hides SQL, values and stacks of an unexpected failure behind a 500', () => {
    const error = new QueryFailedError(
      'INSERT INTO people (name) VALUES ($1)',
      ['Jane Doe'],
      new Error('duplicate key value violates unique constraint'),
    );
    const response = toErrorResponse(error, 'cid');
    expect(response.status).toBe(500);
    expect(response.internal).toBe(true);
    expect(JSON.stringify(response.body)).not.toMatch(/INSERT|Jane|duplicate|at /);
    expect(response.body).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side.',
      correlationId: 'cid',
    });
  });

  it('hides the message of a 5xx HttpException too', () => {
    const response = toErrorResponse(new HttpException('pool exhausted at db-1:5432', 500), 'cid');
    expect(response.body.message).toBe('Something went wrong on our side.');
  });

  it('gives HTTP-level failures stable codes', () => {
    expect(toErrorResponse(new BadRequestException(), 'cid').body.code).toBe('BAD_REQUEST');
    expect(toErrorResponse(new HttpException('x', 404), 'cid').body.code).toBe('NOT_FOUND');
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(
      toErrorResponse(new HttpException('x', 413, { cause: tooLarge }), 'cid').body,
    ).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const badJson = Object.assign(new Error('Body is not valid JSON'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });
    expect(toErrorResponse(badJson, 'cid').body).toMatchObject({ code: 'MALFORMED_JSON' });
  });
});
