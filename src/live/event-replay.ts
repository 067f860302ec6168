import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { toPublished } from './event-feed.js';
import { isFrontDoor, type LiveEvent, type LiveViewer } from './live-events.js';
import { FRONT_DOOR_REPLAY_SQL, PARTNER_REPLAY_SQL, type PublishedRow } from './live.queries.js';

const PAGE = 500;

/** Reads back, from the log, the published events a viewer may see. */
@Injectable()
export class EventReplay {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Hands over, page by page and in order, every event after `since` up to `upto` that the viewer
   * may see (the front door everything; a partner its organisation's referral events); returns
   * how many.
   */
  async replay(
    viewer: LiveViewer,
    since: number,
    upto: number,
    deliver: (events: LiveEvent[]) => void,
  ): Promise<number> {
    const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
    let from = since;
    let count = 0;
    for (;;) {
      const { rows } = isFrontDoor(viewer)
        ? await pool.query<PublishedRow>(FRONT_DOOR_REPLAY_SQL, [from, upto, PAGE])
        : await pool.query<PublishedRow>(PARTNER_REPLAY_SQL, [
            from,
            upto,
            PAGE,
            viewer.organisationId,
          ]);
      if (rows.length === 0) return count;
      const events = rows.map((row) => toPublished(row).event);
      deliver(events);
      count += events.length;
      if (rows.length < PAGE) return count;
      from = events[events.length - 1].seq;
    }
  }
}
