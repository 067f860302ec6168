import { Injectable, Logger } from '@nestjs/common';
import { LivePool } from './live-pool.js';
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

  constructor(private readonly pool: LivePool) {}

  /** Publishes everything committed and not yet published; a call during a run makes it run again. */
  publish(): Promise<void> {
    return this.runs.run();
  }

  /** A run is under way: what it numbers is handed to `published` when it has. */
  get isPublishing(): boolean {
    return this.runs.isRunning;
  }

  /** Takes no more work; resolves when the run in progress, if any, has finished. */
  stop(): Promise<void> {
    return this.runs.stop();
  }

  /** One batch: how many events it published (handed to `published` as they are). */
  private async publishBatch(): Promise<number> {
    try {
      const results = await this.pool.queryAll<PublishedRow>(PUBLISH_SQL);
      const rows = results[1]?.rows ?? [];
      if (rows.length > 0) this.published?.(rows);
      return rows.length;
    } catch (error) {
      this.logger.error(`Publishing events failed; retrying on the next notice: ${String(error)}`);
      return 0;
    }
  }
}
