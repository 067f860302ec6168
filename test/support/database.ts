import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ensureLoginRole, grantApplicationAccess } from '../../src/database/app-role.js';
import { runMigrations } from '../../src/database/data-source.js';
import { applyReferenceData } from '../../src/service-directory/reference-data.js';

const TEMPLATE = 'ofd_template';
/** The tests' application role: owns nothing, like the application's role in production. */
const APP_ROLE = 'ofd_test_app';
const APP_PASSWORD = 'test-only-application-role';

export interface TestDatabase {
  /** The application's connection (a role that owns nothing). */
  appUrl: string;
  /** The owner's connection (migrations, and tests that must reach behind the application). */
  ownerUrl: string;
}
/** Any fixed number: one worker at a time builds the template or copies it. */
const LOCK_KEY = 7_140_319;

function adminUrl(): string {
  const url = process.env.OFD_TEST_ADMIN_URL;
  if (url === undefined)
    throw new Error('OFD_TEST_ADMIN_URL is not set: run the e2e tests through jest (global setup)');
  return url;
}

export function urlFor(database: string, role?: { name: string; password: string }): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  if (role !== undefined) {
    url.username = role.name;
    url.password = role.password;
  }
  return url.toString();
}

/**
 * A fresh database for one test file, copied from a template built once per run by the real
 * migrations (never synchronize), with the application's role granted as in production.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (exists.rowCount === 0) {
      const building = `${TEMPLATE}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      await ensureLoginRole(adminUrl(), APP_ROLE, APP_PASSWORD);
      await runMigrations(urlFor(building));
      await applyReferenceData(urlFor(building));
      await grantApplicationAccess(urlFor(building), APP_ROLE);
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE}`);
    }
    const name = `ofd_test_${randomUUID().replaceAll('-', '')}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
    return {
      appUrl: urlFor(name, { name: APP_ROLE, password: APP_PASSWORD }),
      ownerUrl: urlFor(name),
    };
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await admin.end();
  }
}
