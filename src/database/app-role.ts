import pg from 'pg';
import { inTransactionAs } from './owner-transaction.js';

/** The database role the application connects as, read from its connection URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Gives the application's role what it needs and no more, after the owner has migrated: read and
 * write the tables, but not change the migrations table, and only read and append the audit
 * trail. Not being the owner, it cannot drop or disable the audit trail's triggers either.
 */
export async function grantApplicationAccess(ownerUrl: string, appRole: string): Promise<void> {
  const role = pg.escapeIdentifier(appRole);
  await inTransactionAs(ownerUrl, async (client) => {
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    );
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE ON migrations FROM ${role}`);
    await client.query(`REVOKE UPDATE, DELETE ON audit_log FROM ${role}`);
  });
}

/** Creates the application's login role if it does not exist yet (embedded database and tests). */
export async function ensureLoginRole(
  adminUrl: string,
  role: string,
  password: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
    await client.query(
      `${verb} ROLE ${pg.escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${pg.escapeLiteral(password)}`,
    );
  } finally {
    await client.end();
  }
}
