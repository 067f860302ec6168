import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { EVENTS_WRITTEN } from './event-log.js';
import { EventFeed } from './event-feed.js';
import { EventRelay } from './event-relay.js';
import type { PublishedEvent } from './live-events.js';
import { LiveListener, type Channel } from './live-listener.js';
import {
  EVENTS_PUBLISHED_CHANNEL,
  EVENTS_WRITTEN_CHANNEL,
  EVENTS_WRITTEN_NOTICE_SQL,
  SESSIONS_ENDED_CHANNEL,
} from './live.queries.js';

export interface LiveHandlers {
  /** Newly published events, in order. */
  events: (events: PublishedEvent[]) => void;
  /** Sessions that have just ended (logout, user disabled, role changed...). */
  sessionsEnded: (sessionIds: string[]) => void;
  /** Listening again after the connection was lost: notices of ended sessions may have been missed. */
  resumed: () => void;
}

/** Checks for work a lost notification would have announced. */
const SAFETY_TICK_MS = 1000;

/**
 * Wires the live queue's moving parts on each instance: the listener's notifications start the
 * relay (on the instance that leads; every instance on its one-second tick) and the feed (on every
 * instance), and the feed's events and
 * ended sessions go to whoever `connect`ed (the gateway). Nothing here knows about sockets.
 */
@Injectable()
export class LiveService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(LiveService.name);
  private handlers: LiveHandlers | undefined;
  private tick: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listener: LiveListener,
    private readonly relay: EventRelay,
    private readonly feed: EventFeed,
  ) {}

  /** Hears of every commit of a transaction that wrote events (EventLog.append marks it). */
  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        const data = event.queryRunner.data as Record<string, unknown>;
        if (event.queryRunner.isTransactionActive || data[EVENTS_WRITTEN] !== true) return;
        data[EVENTS_WRITTEN] = false;
        this.eventsWritten();
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /**
   * Events were committed here: the relay publishes them at once if this instance is the one
   * that publishes; else it is told, after the commit.
   */
  private eventsWritten(): void {
    if (this.stopped) return;
    if (this.listener.isLeader) {
      void this.relay.publish();
      return;
    }
    const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
    pool.query(EVENTS_WRITTEN_NOTICE_SQL).catch((error: unknown) => {
      this.logger.warn(`Telling the relay of new events failed: ${String(error)}`);
    });
  }

  connect(handlers: LiveHandlers): void {
    this.handlers = handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.feed.start((events) => this.handlers?.events(events));
    this.relay.published = (rows) => this.feed.offer(rows);
    await this.listener.start({
      notified: (channel, payload) => this.notified(channel, payload),
      connected: () => {
        this.catchUp();
        this.handlers?.resumed();
      },
    });
    this.tick = setInterval(() => this.catchUp(), SAFETY_TICK_MS);
    this.tick.unref();
  }

  private notified(channel: Channel, payload: string): void {
    switch (channel) {
      case EVENTS_WRITTEN_CHANNEL:
        if (this.listener.isLeader) void this.relay.publish();
        return;
      case EVENTS_PUBLISHED_CHANNEL:
        // The instance that published has delivered its batch already; others read it.
        if (!(Number(payload) <= this.feed.cursor)) void this.feed.pull();
        return;
      case SESSIONS_ENDED_CHANNEL:
        this.handlers?.sessionsEnded(payload.split(',').filter((id) => id !== ''));
        return;
    }
  }

  /**
   * Every instance publishes on its tick, not only the leader: should the leader's host vanish
   * without closing its connection, its lock lingers until PostgreSQL notices, and meanwhile the
   * others still publish within a second (the numbering lock keeps them apart).
   */
  private catchUp(): void {
    void this.relay.publish();
    void this.feed.pull();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.tick);
    await Promise.all([this.relay.stop(), this.feed.stop()]);
  }
}
