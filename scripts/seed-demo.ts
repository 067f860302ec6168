/**
 * npm run seed:demo: a demo borough (the front door, about twenty partner organisations, one
 * user of each role, a service directory of about sixty services at twenty locations, and the
 * front door's work: people with their consent, triaged cases, and referrals in every state).
 * Running it again changes nothing. Prints the logins.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { migrateDatabase } from '../src/database/migrate.js';
import { openDatabase } from '../src/database/open-database.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/borough.js';
import { seedDemoBorough } from './demo/seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl !== undefined && process.env.OFD_ALLOW_DEMO_SEED !== 'true') {
    throw new ConfigError(
      'seed:demo creates users with a published password. On a DATABASE_URL server it runs only with OFD_ALLOW_DEMO_SEED=true.',
    );
  }
  const database = await openDatabase(config, (message) => console.log(message));
  try {
    await migrateDatabase(database.config);
    const dataSource = new DataSource(dataSourceOptions(database.config.databaseUrl, 1));
    await dataSource.initialize();
    try {
      const created = await dataSource.transaction((manager) =>
        seedDemoBorough(manager, { triageRulesFile: config.triageRulesFile }),
      );
      console.log(
        `Demo borough: ${created.organisations} organisations, ${created.users} users, ${created.services} services, ${created.locations} locations, ${created.cases} people with cases and ${created.referrals} referrals created (existing ones kept).`,
      );
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
  console.log(`\nDemo logins (password for all: "${DEMO_PASSWORD}"):`);
  for (const user of DEMO_USERS) {
    console.log(
      `  ${user.role.padEnd(13)} ${user.email}${user.partner === undefined ? '' : `  (${user.partner})`}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
