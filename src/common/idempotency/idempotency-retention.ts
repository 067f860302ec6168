import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long a key and its stored answer are kept: a client retries within minutes, not days. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes the keys older than the retention, whose stored answers can hold a contact's notes. */
export const PURGE_EXPIRED_KEYS_SQL = `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`;

/**
 * Stored answers hold personal data (a contact's reason and notes), so keys do not outlive their
 * use: every instance deletes the expired ones at start and then hourly (a delete by the
 * `created_at` index; several instances doing it at once is harmless).
 */
@Injectable()
export class IdempotencyRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyRetention.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    void this.purge();
    this.timer = setInterval(() => void this.purge(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Deletes the expired keys; answers how many went. */
  async purge(): Promise<number> {
    try {
      const [, count] = await this.dataSource.query<[unknown[], number]>(PURGE_EXPIRED_KEYS_SQL, [
        IDEMPOTENCY_RETENTION_HOURS,
      ]);
      return count;
    } catch (error) {
      this.logger.warn(`Deleting expired idempotency keys failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
