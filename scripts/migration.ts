/**
 * npm run migration:run | migration:revert | migration:generate -- VerbNoun | migration:check
 * On DATABASE_URL, or on the embedded PostgreSQL in OFD_DATA_DIR when it is not set.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { migrateDatabase } from '../src/database/migrate.js';
import { migrationSource, schemaDiff } from '../src/database/migration-generator.js';
import { openDatabase } from '../src/database/open-database.js';
import { projectRoot } from '../src/common/project-root.js';

async function revert(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

function generate(name: string | undefined, diff: { up: string[]; down: string[] }): string {
  if (name === undefined || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new ConfigError(
      'Name the migration in VerbNoun form: npm run migration:generate -- CreateReferrals',
    );
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const root = projectRoot();
  const file = `${timestamp}-${name}`;
  writeFileSync(
    join(root, 'migrations', `${file}.ts`),
    migrationSource(className, className, diff),
  );
  const indexPath = join(root, 'migrations', 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(
      /^(\/\/ imports: new ones go above this line)$/m,
      `import { ${className} } from './${file}.js';\n$1`,
    )
    .replace(/^(\s*\/\/ migrations: new ones go above this line)$/m, `  ${className},\n$1`);
  writeFileSync(indexPath, index);
  return `migrations/${file}.ts`;
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const database = await openDatabase(config, (message) => console.log(message));
  try {
    // Schema changes are the owner's.
    const url = database.config.migrationDatabaseUrl;
    switch (command) {
      case 'run': {
        const applied = await migrateDatabase(database.config);
        console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
        break;
      }
      case 'revert':
        await revert(url);
        console.log('Reverted the last migration.');
        break;
      case 'generate':
      case 'check': {
        await migrateDatabase(database.config);
        const diff = await schemaDiff(url);
        if (diff.up.length === 0) {
          console.log('The entities and the migrations agree: nothing to generate.');
        } else if (command === 'check') {
          console.error(`The entities and the migrations disagree:\n${diff.up.join(';\n')}`);
          process.exitCode = 1;
        } else {
          console.log(`Wrote ${generate(name, diff)}; read it, then add it to git.`);
        }
        break;
      }
      default:
        console.error('Usage: migration.js run | revert | generate VerbNoun | check');
        process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
