import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import {
  EVENTS_PUBLISHED_CHANNEL,
  EVENTS_WRITTEN_CHANNEL,
  RELAY_LEADER_LOCK,
  SESSIONS_ENDED_CHANNEL,
} from './live.queries.js';

export type Channel =
  typeof EVENTS_WRITTEN_CHANNEL | typeof EVENTS_PUBLISHED_CHANNEL | typeof SESSIONS_ENDED_CHANNEL;
const CHANNELS: readonly Channel[] = [
  EVENTS_WRITTEN_CHANNEL,
  EVENTS_PUBLISHED_CHANNEL,
  SESSIONS_ENDED_CHANNEL,
];

export interface ListenerHandlers {
  /** A notification on one of the channels. */
  notified: (channel: Channel, payload: string) => void;
  /** (Re)connected and listening: anything notified while disconnected was missed. */
  connected: () => void;
}

/** How often an instance that does not lead asks again to lead; also the reconnection delay. */
const RETRY_MS = 2000;

/**
 * Each instance's own PostgreSQL connection for LISTEN, kept open (and reopened after a failure).
 * The instance whose connection holds the relay's advisory lock is the one that publishes: when
 * that connection ends, with its process or not, the lock goes, and another instance takes it.
 */
@Injectable()
export class LiveListener implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveListener.name);
  private client: pg.Client | undefined;
  private handlers: ListenerHandlers | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private leading = false;

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  /** Whether this instance holds the relay's lock now. */
  get isLeader(): boolean {
    return this.leading;
  }

  async start(handlers: ListenerHandlers): Promise<void> {
    this.handlers = handlers;
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.config.databaseUrl,
      application_name: 'one-front-door live',
      connectionTimeoutMillis: 10_000,
      // Both ends notice a vanished peer within about half a minute, not the system's two hours:
      // the server then drops the connection, and with it the relay's lock for another to take.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
    });
    client.on('notification', (message) => {
      this.handlers?.notified(message.channel as Channel, message.payload ?? '');
    });
    client.on('error', (error) => {
      this.logger.warn(`Live connection to PostgreSQL lost: ${error.message}`);
      this.dropped(client);
    });
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      await this.tryToLead();
      this.handlers?.connected();
    } catch (error) {
      this.logger.warn(`Live connection to PostgreSQL failed: ${String(error)}`);
      this.dropped(client);
      await client.end().catch(() => undefined);
    }
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client && this.client !== undefined) return;
    if (this.client === client) void client.end().catch(() => undefined);
    this.client = undefined;
    this.leading = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.retry !== undefined) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.client === undefined) void this.connect();
      else void this.tryToLead();
    }, RETRY_MS);
    this.retry.unref();
  }

  private async tryToLead(): Promise<void> {
    const client = this.client;
    if (client === undefined || this.leading) return;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(${RELAY_LEADER_LOCK}) AS locked`,
      );
      this.leading = rows[0]?.locked === true;
      if (this.leading) this.logger.log('This instance now publishes the event log');
    } catch (error) {
      this.logger.warn(`Could not ask to publish the event log: ${String(error)}`);
    }
    if (!this.leading) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.leading = false;
    await client?.end().catch(() => undefined);
  }
}
