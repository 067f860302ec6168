import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';

/** Validates a UUID path parameter: `@Param('id', UuidParam) id: string`. */
export const UuidParam = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () =>
    new AppError('bad_request', 'INVALID_ID', 'The id in the path is not a UUID.'),
});
