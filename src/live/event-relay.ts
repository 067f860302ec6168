import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { PUBLISH_BATCH, PUBLISH_SQL, type PublishedRow } from './live.queries.js';
import { RepeatingRun } from './repeating-run.js';

/**
 * Publishes the event log: numbers committed events (`seq`) and notifies every instance. The
 * instance that leads (see LiveListener) runs it when told events were written; every instance
 * runs it each second in case a notice was lost or the leader is gone. Runs never overlap within
 * an instance, and the numbering lock keeps them apart across instances.
 */
@Injectable()
export class EventRelay {
  private readonly logger = new Logger(EventRelay.name);
  private readonly runs = new RepeatingRun(() => this.publishBatch(), PUBLISH_BATCH);
  /** Told of each batch this instance publishes, in order. */
  published: ((rows: PublishedRow[]) => void) | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Publishes everything committed and not yet published; a call during a run makes it run again. */
  publish(): Promise<void> {
    return this.runs.run();
  }

  /** Takes no more work; resolves when the run in progress, if any, has finished. */
  stop(): Promise<void> {
    return this.runs.stop();
  }

  /** One batch: how many events it published (handed to `published` as they are). */
  private async publishBatch(): Promise<number> {
    const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
    try {
      const results = (await pool.query(PUBLISH_SQL)) as unknown as pg.QueryResult<PublishedRow>[];
      const rows = results[1]?.rows ?? [];
      if (rows.length > 0) this.published?.(rows);
      return rows.length;
    } catch (error) {
      this.logger.error(`Publishing events failed; retrying on the next notice: ${String(error)}`);
      return 0;
    }
  }
}
