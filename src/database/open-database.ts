import { embeddedTokenSecret, type AppConfig, type ResolvedConfig } from '../config/app-config.js';
import { readOrCreateSecret } from '../common/secret-file.js';
import { ensureLoginRole } from './app-role.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** The login role the application uses on the embedded database. */
export const EMBEDDED_APP_ROLE = 'ofd_app';
const EMBEDDED_DATABASE = 'one_front_door';

export interface OpenDatabase {
  config: ResolvedConfig;
  /** Stops the embedded server if one was started; does nothing for DATABASE_URL. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: use that server and start nothing. Otherwise start the embedded PostgreSQL
 * in OFD_DATA_DIR, migrate as its superuser and run the application as a role that owns nothing,
 * and keep a generated token secret there unless OFD_TOKEN_SECRET is given.
 */
export async function openDatabase(
  config: AppConfig,
  log: (message: string) => void,
): Promise<OpenDatabase> {
  if (config.databaseUrl !== undefined) {
    if (config.tokenSecret === undefined) {
      // loadConfig already refuses this; kept so the types say so too.
      throw new Error('OFD_TOKEN_SECRET is required with DATABASE_URL');
    }
    return {
      config: {
        ...config,
        databaseUrl: config.databaseUrl,
        migrationDatabaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl,
        tokenSecret: config.tokenSecret,
      },
      close: () => Promise.resolve(),
    };
  }
  log(
    `Starting the embedded PostgreSQL (data in ${config.dataDir}, port ${config.embeddedPostgresPort})`,
  );
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    database: EMBEDDED_DATABASE,
    log,
  });
  try {
    const appPassword = readOrCreateSecret(config.dataDir, 'app-password');
    await ensureLoginRole(embedded.url, EMBEDDED_APP_ROLE, appPassword);
    const appUrl = new URL(embedded.url);
    appUrl.username = EMBEDDED_APP_ROLE;
    appUrl.password = appPassword;
    return {
      config: {
        ...config,
        databaseUrl: appUrl.toString(),
        migrationDatabaseUrl: embedded.url,
        tokenSecret: config.tokenSecret ?? embeddedTokenSecret(config.dataDir),
      },
      close: () => embedded.stop(),
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
