import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * What SQL would bring the database in line with the entities. Empty when the migrations and
 * the entities agree (the drift check in the tests relies on this).
 */
export async function schemaDiff(url: string): Promise<SchemaDiff> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((query) => query.query),
      down: sql.downQueries.map((query) => query.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}

/** The text of a migration file for the given diff, in the project's migration style. */
export function migrationSource(className: string, name: string, diff: SchemaDiff): string {
  const lines = (queries: string[]) =>
    queries
      .map((query) => `    await queryRunner.query(\`${query.replace(/[`\\]/g, '\\$&')}\`);`)
      .join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${name}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}
