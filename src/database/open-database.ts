import { embeddedTokenSecret, type AppConfig, type ResolvedConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface OpenDatabase {
  config: ResolvedConfig;
  /** Stops the embedded server if one was started; does nothing for DATABASE_URL. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: use that server and start nothing. Otherwise start the embedded PostgreSQL
 * in OFD_DATA_DIR, and keep a generated token secret there unless OFD_TOKEN_SECRET is given.
 */
export async function openDatabase(
  config: AppConfig,
  log: (message: string) => void,
): Promise<OpenDatabase> {
  if (config.databaseUrl !== undefined && config.tokenSecret !== undefined) {
    return {
      config: { ...config, databaseUrl: config.databaseUrl, tokenSecret: config.tokenSecret },
      close: () => Promise.resolve(),
    };
  }
  log(
    `Starting the embedded PostgreSQL (data in ${config.dataDir}, port ${config.embeddedPostgresPort})`,
  );
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    database: 'one_front_door',
  });
  return {
    config: {
      ...config,
      databaseUrl: embedded.url,
      tokenSecret: config.tokenSecret ?? embeddedTokenSecret(config.dataDir),
    },
    close: () => embedded.stop(),
  };
}
