import type { ResolvedConfig } from '../config/app-config.js';
import { grantApplicationAccess, roleOf } from './app-role.js';
import { runMigrations } from './data-source.js';

/**
 * Applies pending migrations as the owner, then, when the application connects as a role of its
 * own, gives that role its (narrower) rights on the tables. Returns the migrations applied.
 */
export async function migrateDatabase(config: ResolvedConfig): Promise<string[]> {
  const applied = await runMigrations(config.migrationDatabaseUrl);
  const appRole = roleOf(config.databaseUrl);
  if (appRole !== roleOf(config.migrationDatabaseUrl)) {
    await grantApplicationAccess(config.migrationDatabaseUrl, appRole);
  }
  return applied;
}
