import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventFeed } from './event-feed.js';
import { EventRelay } from './event-relay.js';
import type { PublishedEvent } from './live-events.js';
import { LiveListener, type Channel } from './live-listener.js';
import {
  EVENTS_PUBLISHED_CHANNEL,
  EVENTS_WRITTEN_CHANNEL,
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
export class LiveService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private handlers: LiveHandlers | undefined;
  private tick: NodeJS.Timeout | undefined;

  constructor(
    private readonly listener: LiveListener,
    private readonly relay: EventRelay,
    private readonly feed: EventFeed,
  ) {}

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
        void this.feed.pull();
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
    clearInterval(this.tick);
    await Promise.all([this.relay.stop(), this.feed.stop()]);
  }
}
