import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { readOrCreateSecret } from '../common/secret-file.js';

/** Thrown when the environment is missing or has a wrong setting; the message says what to set. */
export class ConfigError extends Error {}

export interface AppConfig {
  port: number;
  host: string;
  /** The database to use; absent means "start the embedded PostgreSQL in dataDir". */
  databaseUrl: string | undefined;
  /** The tables' owner, for migrations; absent means migrate as DATABASE_URL's user. */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  /** Absent only when running on the embedded database: then it is generated and kept in dataDir. */
  tokenSecret: string | undefined;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginFailureWindowSeconds: number;
  rateLimitPerMinute: number;
  /** Messages a user may send over the live queue's sockets per minute (resync and the like). */
  liveMessagesPerMinute: number;
  /** false, a number of proxy hops to trust, or the proxies' addresses/CIDR ranges. */
  trustProxy: false | number | string[];
  dbPoolSize: number;
  /** Whether each connection prepares the statements it runs repeatedly (PreparingClient). */
  dbPreparedStatements: boolean;
  /** Whether the Open Referral UK feed (`/api/hsds/`) is open to anyone, or to signed-in users only. */
  hsdsFeedPublic: boolean;
  /** The triage rules a council edits (risks, priorities and their targets, rules); read at start. */
  triageRulesFile: string;
}

/** The resolved configuration the application runs with: the database and secret are known. */
export interface ResolvedConfig extends AppConfig {
  /** The application's connection: on the embedded database, a role that owns nothing. */
  databaseUrl: string;
  /** The owner's connection, for migrations (the same as databaseUrl unless told otherwise). */
  migrationDatabaseUrl: string;
  tokenSecret: string;
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}; it is "${raw}". Set ${name} to such a number, or unset it to use ${fallback}.`,
    );
  }
  return Number(raw);
}

function trustProxy(env: Env, name: string): false | number | string[] {
  const raw = text(env, name);
  if (raw === undefined || raw.toLowerCase() === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw) && Number(raw) <= 10) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  if (
    raw.toLowerCase() !== 'true' &&
    entries.every((entry) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry))
  ) {
    return entries;
  }
  throw new ConfigError(
    `${name} must be false, the number of proxies in front of the service (e.g. 1), or their addresses (e.g. 10.0.0.0/8); it is "${raw}". "true" is refused: it would let any caller choose its own address.`,
  );
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError(
    `${name} must be true or false; it is "${raw}". Unset it to use ${String(fallback)}.`,
  );
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; it is "${raw}".`);
  }
  return raw as T;
}

function postgresUrl(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(
      `${name} is not a URL. Set it to postgres://USER:PASSWORD@HOST:PORT/DATABASE, or unset it to use the embedded PostgreSQL.`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(
      `${name} must start with postgres:// (it starts with ${parsed.protocol}//). Set it to postgres://USER:PASSWORD@HOST:PORT/DATABASE.`,
    );
  }
  return raw;
}

function origins(env: Env, name: string): string[] {
  const raw = text(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((origin) => {
    const value = origin.trim();
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(
        `${name} must be a comma-separated list of origins such as https://console.example.gov.uk; "${value}" is not one.`,
      );
    }
    if (parsed.origin !== value) {
      throw new ConfigError(
        `${name}: "${value}" is not an origin (scheme://host[:port], no path or trailing slash); did you mean "${parsed.origin}"?`,
      );
    }
    return value;
  });
}

/** A file the operator names (relative to the working directory), or the project's own default. */
function configFile(env: Env, name: string, fallback: string): string {
  const raw = text(env, name);
  if (raw === undefined) return join(projectRoot(), fallback);
  const path = resolve(raw);
  if (!existsSync(path)) {
    throw new ConfigError(
      `${name} names a file that does not exist: ${path}. Set it to an existing file, or unset it to use ${fallback}.`,
    );
  }
  return path;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the environment once. Throws ConfigError with a sentence saying what to set. */
export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = postgresUrl(env, 'DATABASE_URL');
  const migrationDatabaseUrl = postgresUrl(env, 'OFD_MIGRATION_DATABASE_URL');
  if (migrationDatabaseUrl !== undefined && databaseUrl === undefined) {
    throw new ConfigError(
      "OFD_MIGRATION_DATABASE_URL goes with DATABASE_URL: set DATABASE_URL to the application's own connection too, or unset both to use the embedded PostgreSQL.",
    );
  }
  const tokenSecret = text(env, 'OFD_TOKEN_SECRET');
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    throw new ConfigError(
      "OFD_TOKEN_SECRET must be at least 32 characters long. Generate one with: node -e \"console.log(require('crypto').randomBytes(48).toString('base64url'))\"",
    );
  }
  if (databaseUrl !== undefined && tokenSecret === undefined) {
    throw new ConfigError(
      'OFD_TOKEN_SECRET is not set. With DATABASE_URL the token signing secret must come from the environment: set OFD_TOKEN_SECRET to a random string of at least 32 characters.',
    );
  }
  const adminEmail = text(env, 'OFD_ADMIN_EMAIL')?.toLowerCase();
  if (adminEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) {
    throw new ConfigError(`OFD_ADMIN_EMAIL must be an email address; it is "${adminEmail}".`);
  }
  const adminPassword = env.OFD_ADMIN_PASSWORD === '' ? undefined : env.OFD_ADMIN_PASSWORD;
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError(
      'OFD_ADMIN_EMAIL and OFD_ADMIN_PASSWORD go together: set both to create the first admin, or neither.',
    );
  }
  return {
    port: integer(env, 'PORT', 3000, 1, 65535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    databaseUrl,
    migrationDatabaseUrl,
    dataDir: resolve(text(env, 'OFD_DATA_DIR') ?? './data'),
    embeddedPostgresPort: integer(env, 'OFD_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    tokenSecret,
    accessTokenTtlSeconds: integer(env, 'OFD_ACCESS_TOKEN_TTL_SECONDS', 900, 30, 3600),
    sessionTtlSeconds: integer(env, 'OFD_SESSION_TTL_SECONDS', 43200, 300, 2592000),
    corsOrigins: origins(env, 'OFD_CORS_ORIGINS'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    adminEmail,
    adminPassword,
    loginMaxFailuresPerAccount: integer(env, 'OFD_LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginMaxFailuresPerAddress: integer(env, 'OFD_LOGIN_MAX_FAILURES_PER_ADDRESS', 30, 1, 100000),
    loginFailureWindowSeconds: integer(env, 'OFD_LOGIN_FAILURE_WINDOW_SECONDS', 900, 10, 86400),
    rateLimitPerMinute: integer(env, 'OFD_RATE_LIMIT_PER_MINUTE', 1200, 1, 10000000),
    liveMessagesPerMinute: integer(env, 'OFD_LIVE_MESSAGES_PER_MINUTE', 60, 1, 100000),
    trustProxy: trustProxy(env, 'OFD_TRUST_PROXY'),
    dbPoolSize: integer(env, 'OFD_DB_POOL_SIZE', 10, 1, 200),
    dbPreparedStatements: flag(env, 'OFD_DB_PREPARED_STATEMENTS', true),
    hsdsFeedPublic: flag(env, 'OFD_HSDS_FEED_PUBLIC', true),
    triageRulesFile: configFile(env, 'OFD_TRIAGE_RULES_FILE', 'config/triage-rules.json'),
  };
}

/** The token secret for the embedded database: generated once and kept in the data folder. */
export function embeddedTokenSecret(dataDir: string): string {
  return readOrCreateSecret(dataDir, 'token-secret');
}
