import type { ResolvedConfig } from '../config/app-config.js';
import { grantApplicationAccess, roleOf } from './app-role.js';
import { runMigrations } from './data-source.js';
import { applyReferenceData } from '../service-directory/reference-data.js';

/**
 * Applies pending migrations and the reference data of config/ as the owner, then, when the application connects as a role of its
 * own, gives that role its (narrower) rights on the tables. Returns the migrations applied.
 */
export async function migrateDatabase(config: ResolvedConfig): Promise<string[]> {
  const applied = await runMigrations(config.migrationDatabaseUrl);
  await applyReferenceData(config.migrationDatabaseUrl);
  const appRole = roleOf(config.databaseUrl);
  if (appRole !== roleOf(config.migrationDatabaseUrl)) {
    await grantApplicationAccess(config.migrationDatabaseUrl, appRole);
  }
  return applied;
}
