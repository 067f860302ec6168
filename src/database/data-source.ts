import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { entities } from './entities.js';
import { PreparingClient } from './preparing-client.js';

/**
 * Options shared by the application, the migration commands and the tests. Never synchronize.
 * `preparedStatements`: each connection prepares the statements it runs repeatedly (PreparingClient).
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  preparedStatements = true,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; extensions are created by migrations only.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: poolSize,
      application_name: 'one-front-door',
      ...(preparedStatements ? { Client: PreparingClient } : {}),
    },
  };
}

/** Any fixed number: the advisory lock key that makes concurrent starts migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_140_317;

/**
 * Applies pending migrations, one process at a time (several instances may start together),
 * each migration in its own transaction. Returns the names of those applied.
 */
export async function runMigrations(url: string): Promise<string[]> {
  // The lock and its release go through one held connection; the migrations use the other.
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

/** Names of migrations known to the code but not recorded as applied in the database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations');
  const applied = new Set(rows.map((row) => row.name));
  return migrations
    .map((migration) => new migration().name ?? migration.name)
    .filter((name) => !applied.has(name));
}
