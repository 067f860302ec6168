import 'reflect-metadata';
import { createApp } from './app.setup.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { migrateDatabase } from './database/migrate.js';
import { openDatabase, type OpenDatabase } from './database/open-database.js';

/** Start-up messages before the structured logger exists, as JSON lines like the rest. */
function say(level: 'info' | 'error', msg: string): void {
  const line = JSON.stringify({ level, time: Date.now(), msg });
  if (level === 'error') console.error(line);
  else console.log(line);
}

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      say('error', `Configuration: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  let database: OpenDatabase | undefined;
  const stopDatabase = async () => {
    await database
      ?.close()
      .catch((error: unknown) => say('error', `Stopping PostgreSQL: ${String(error)}`));
  };
  try {
    database = await openDatabase(config, (message) => say('info', message));
    const applied = await migrateDatabase(database.config);
    say(
      'info',
      applied.length > 0 ? `Applied migrations: ${applied.join(', ')}` : 'The schema is up to date',
    );
    const app = await createApp(database.config);
    let closing = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (closing) return;
      closing = true;
      say('info', `${signal} received: finishing requests in flight, then stopping`);
      const forced = setTimeout(() => {
        say('error', 'Shutdown took longer than 20 s; stopping now');
        process.exit(1);
      }, 20_000);
      forced.unref();
      void app
        .close()
        .catch((error: unknown) => say('error', `Closing the application: ${String(error)}`))
        .then(stopDatabase)
        .then(() => {
          say('info', 'Stopped');
          process.exit(0);
        });
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutdown);
    await app.listen({ port: database.config.port, host: database.config.host });
    say(
      'info',
      `One Front Door is listening on http://localhost:${database.config.port} (API under /api, docs at /docs)`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    say('error', `Start-up failed: ${message}`);
    await stopDatabase();
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
}

void main();
