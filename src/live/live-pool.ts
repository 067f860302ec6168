import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PreparingClient } from '../database/preparing-client.js';

/**
 * The relay's and the feed's own connections, apart from the application's pool: under load every
 * pooled connection can be held by a request's transaction, and publishing must not queue behind
 * them (each event would wait for a request to finish before any dashboard heard of it).
 */
@Injectable()
export class LivePool implements OnApplicationShutdown {
  private readonly logger = new Logger(LivePool.name);
  private readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    this.pool = new pg.Pool({
      connectionString: config.databaseUrl,
      application_name: 'one-front-door live',
      ...(config.dbPreparedStatements ? { Client: PreparingClient } : {}),
      // One for publishing, one for reading what other instances published.
      max: 2,
      connectionTimeoutMillis: 10_000,
    });
    this.pool.on('error', (error) => {
      this.logger.warn(`An idle live connection to PostgreSQL failed: ${error.message}`);
    });
  }

  query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, values);
  }

  /** A multi-statement query (simple protocol, one implicit transaction): each statement's result. */
  async queryAll<R extends pg.QueryResultRow>(sql: string): Promise<pg.QueryResult<R>[]> {
    return (await this.pool.query(sql)) as unknown as pg.QueryResult<R>[];
  }

  /** After the relay and the feed have stopped (they stop before application shutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
