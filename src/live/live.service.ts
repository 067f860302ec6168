import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { EVENTS_WRITTEN } from './event-log.js';
import { EventFeed } from './event-feed.js';
import { EventRelay } from './event-relay.js';
import type { PublishedEvent } from './live-events.js';
import { LiveListener, type Channel } from './live-listener.js';
import { LivePool } from './live-pool.js';
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
  /** The highest `seq` a notice said was published. */
  private publishedSeq = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listener: LiveListener,
    private readonly relay: EventRelay,
    private readonly feed: EventFeed,
    private readonly pool: LivePool,
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
      this.publish();
      return;
    }
    this.pool.query(EVENTS_WRITTEN_NOTICE_SQL).catch((error: unknown) => {
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
        if (this.listener.isLeader) this.publish();
        return;
      case EVENTS_PUBLISHED_CHANNEL: {
        const seq = Number(payload);
        if (seq > this.publishedSeq) this.publishedSeq = seq;
        // While this instance publishes, the notice is usually its own, heard before its answer:
        // the run hands over what it numbered, and reads what others did once it is done.
        if (!this.relay.isPublishing) this.readIfBehind();
        return;
      }
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
    this.publish();
    void this.feed.pull();
  }

  private publish(): void {
    void this.relay.publish().then(() => this.readIfBehind());
  }

  /** Reads what other instances published, if a notice said there is more than was handed over. */
  private readIfBehind(): void {
    if (this.feed.cursor < this.publishedSeq) void this.feed.pull();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.tick);
    await Promise.all([this.relay.stop(), this.feed.stop()]);
  }
}
