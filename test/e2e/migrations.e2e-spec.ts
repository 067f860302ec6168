import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { schemaDiff } from '../../src/database/migration-generator.js';
import { migrations } from '../../migrations/index.js';
import { createTestDatabase } from '../support/database.js';

describe('Migrations', () => {
  it('agree with the entities: generating a migration on the migrated schema yields nothing', async () => {
    const url = (await createTestDatabase()).ownerUrl;
    const diff = await schemaDiff(url);
    expect(diff.up).toEqual([]);
  });

  it('revert all the way down and apply again cleanly', async () => {
    const url = (await createTestDatabase()).ownerUrl;
    const dataSource = new DataSource(dataSourceOptions(url, 1));
    await dataSource.initialize();
    try {
      for (let i = 0; i < migrations.length; i++)
        await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
      );
      expect(tables).toEqual([]);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied).toHaveLength(migrations.length);
    } finally {
      await dataSource.destroy();
    }
    expect((await schemaDiff(url)).up).toEqual([]);
  });
});
