import { Injectable, Logger } from '@nestjs/common';
import type { PublishedEvent } from './live-events.js';
import { LivePool } from './live-pool.js';
import { LAST_SEQ_SQL, PUBLISHED_AFTER_SQL, type PublishedRow } from './live.queries.js';
import { RepeatingRun } from './repeating-run.js';

const PAGE = 500;

export function toPublished(row: PublishedRow): PublishedEvent {
  return {
    event: { seq: Number(row.seq), type: row.type, at: row.at.toISOString(), data: row.data },
    organisationId: row.organisation_id,
    partnerSeq: row.partner_seq === null ? null : Number(row.partner_seq),
  };
}

/**
 * This instance's view of the published log: reads newly published events, in `seq` order, and
 * hands each batch to its listener (the gateway). `cursor` is the last `seq` handed over; every
 * event up to it has been delivered to this instance's live rooms.
 */
@Injectable()
export class EventFeed {
  private readonly logger = new Logger(EventFeed.name);
  private last = 0;
  private listener: ((events: PublishedEvent[]) => void) | undefined;
  private readonly runs = new RepeatingRun(() => this.readPage(), PAGE);

  constructor(private readonly pool: LivePool) {}

  get cursor(): number {
    return this.last;
  }

  /** Starts from what is published now: earlier events are for resync to replay. */
  async start(listener: (events: PublishedEvent[]) => void): Promise<void> {
    this.listener = listener;
    this.last = await this.lastPublished();
  }

  async lastPublished(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string }>(LAST_SEQ_SQL);
    return Number(rows[0].seq);
  }

  /** Reads and hands over everything published after the cursor; resolves when caught up. */
  pull(): Promise<void> {
    return this.runs.run();
  }

  /** Takes no more work; resolves when the run in progress, if any, has finished. */
  stop(): Promise<void> {
    return this.runs.stop();
  }

  private async readPage(): Promise<number> {
    let rows: PublishedRow[];
    try {
      ({ rows } = await this.pool.query<PublishedRow>(PUBLISHED_AFTER_SQL, [this.last, PAGE]));
    } catch (error) {
      this.logger.error(`Reading published events failed; retrying shortly: ${String(error)}`);
      return 0;
    }
    if (rows.length === 0) return 0;
    this.handOver(rows, true);
    return rows.length;
  }

  /**
   * Events this instance has just published itself, straight from the relay: handed over at once
   * when they follow the cursor (else the next read brings them, in order).
   */
  offer(rows: PublishedRow[]): void {
    if (this.listener === undefined || this.runs.isStopped) return;
    this.handOver(rows, false);
  }

  /** Hands over those of `rows` after the cursor, in order; the cursor moves with them. */
  private handOver(rows: PublishedRow[], read: boolean): void {
    const events = rows.map(toPublished).filter((published) => published.event.seq > this.last);
    if (events.length === 0) return;
    if (events[0].event.seq !== this.last + 1) {
      if (!read) return;
      this.logger.error(
        `Published events jump from seq ${this.last} to ${events[0].event.seq}; delivering on`,
      );
    }
    this.last = events[events.length - 1].event.seq;
    this.listener?.(events);
  }
}
