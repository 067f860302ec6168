import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { toPublished } from './event-feed.js';
import { isFrontDoor, type LiveEvent, type LiveViewer } from './live-events.js';
import {
  FRONT_DOOR_REPLAY_SQL,
  PARTNER_LAST_SEQ_SQL,
  PARTNER_REPLAY_SQL,
  type PublishedRow,
} from './live.queries.js';

const PAGE = 500;

/**
 * Reads back, from the log, the published events a viewer may see, numbered as that viewer sees
 * them: the front door by `seq`, a partner by its own organisation's numbers.
 */
@Injectable()
export class EventReplay {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get pool(): pg.Pool {
    return (this.dataSource.driver as PostgresDriver).master as pg.Pool;
  }

  /** The viewer's last number among the events published up to (global) `upto`. */
  async lastSeq(viewer: LiveViewer, upto: number): Promise<number> {
    if (isFrontDoor(viewer)) return upto;
    const { rows } = await this.pool.query<{ seq: string }>(PARTNER_LAST_SEQ_SQL, [
      viewer.organisationId,
      upto,
    ]);
    return Number(rows[0].seq);
  }

  /**
   * Hands over, page by page and in order, every event after the viewer's number `since`, among
   * those published up to (global) `upto`, that the viewer may see, as the viewer numbers them;
   * stops early when `stillWanted` says so. Answers how many, and the last number handed over
   * (`since` if none).
   */
  async replay(
    viewer: LiveViewer,
    since: number,
    upto: number,
    deliver: (events: LiveEvent[]) => void,
    stillWanted: () => boolean,
  ): Promise<{ count: number; last: number }> {
    const frontDoor = isFrontDoor(viewer);
    let last = since;
    let count = 0;
    while (stillWanted()) {
      const { rows } = frontDoor
        ? await this.pool.query<PublishedRow>(FRONT_DOOR_REPLAY_SQL, [last, upto, PAGE])
        : await this.pool.query<PublishedRow>(PARTNER_REPLAY_SQL, [
            last,
            upto,
            PAGE,
            viewer.organisationId,
          ]);
      const events = rows.map((row) => {
        const { event, partnerSeq } = toPublished(row);
        return frontDoor ? event : { ...event, seq: partnerSeq ?? 0 };
      });
      if (events.length > 0) {
        deliver(events);
        count += events.length;
        last = events[events.length - 1].seq;
      }
      if (rows.length < PAGE) break;
    }
    return { count, last };
  }
}
