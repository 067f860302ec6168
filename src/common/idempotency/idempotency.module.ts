import { Module } from '@nestjs/common';
import { IdempotencyRetention } from './idempotency-retention.js';
import { IdempotencyService } from './idempotency.service.js';

/** Idempotency-Key handling for requests that must be safe to retry. */
@Module({
  providers: [IdempotencyService, IdempotencyRetention],
  exports: [IdempotencyService, IdempotencyRetention],
})
export class IdempotencyModule {}
