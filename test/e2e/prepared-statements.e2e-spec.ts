import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { MAX_PREPARED_STATEMENTS, PreparingClient } from '../../src/database/preparing-client.js';
import { startTestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';

/** The statements prepared on this connection by the client (not by SQL PREPARE). */
const PREPARED_SQL = `SELECT name, statement FROM pg_prepared_statements
  WHERE NOT from_sql ORDER BY prepare_time, name`;

interface Prepared {
  name: string;
  statement: string;
}

describe('Prepared statements (PreparingClient)', () => {
  let url: string;
  let client: PreparingClient;

  beforeAll(async () => {
    url = (await createTestDatabase()).appUrl;
  });

  beforeEach(async () => {
    client = new PreparingClient({ connectionString: url });
    await client.connect();
  });

  afterEach(async () => {
    await client.end();
  });

  const prepared = async () => (await client.query<Prepared>(PREPARED_SQL)).rows;

  it('prepares a statement with parameters on its second run, and runs it by name after that', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect((await client.query<{ n: number }>(text, [1])).rows).toEqual([{ n: 2 }]);
    expect(await prepared()).toEqual([]);

    expect((await client.query<{ n: number }>(text, [2])).rows).toEqual([{ n: 3 }]);
    expect(await prepared()).toEqual([{ name: 'ofd_1', statement: text }]);

    expect((await client.query<{ n: number }>(text, [41])).rows).toEqual([{ n: 42 }]);
    expect(await prepared()).toEqual([{ name: 'ofd_1', statement: text }]);
  });

  it('leaves statements without parameters unnamed (BEGIN, COMMIT, multi-statement queries)', async () => {
    for (let i = 0; i < 3; i++) {
      await client.query('BEGIN');
      await client.query('SELECT 1; SELECT 2');
      await client.query('COMMIT');
      await client.query('SELECT now()', []);
    }
    expect(await prepared()).toEqual([]);
  });

  it('answers in every form pg offers: callback, config object, and through a pool', async () => {
    const text = 'SELECT $1::text AS v';
    const viaCallback = () =>
      new Promise<string>((resolve, reject) => {
        client.query<{ v: string }>(text, ['cb'], (error, result) => {
          if (error) reject(error);
          else resolve(result.rows[0].v);
        });
      });
    expect(await viaCallback()).toBe('cb');
    expect(await viaCallback()).toBe('cb');
    expect((await client.query<{ v: string }>({ text, values: ['config'] })).rows[0].v).toBe(
      'config',
    );
    expect(await prepared()).toEqual([{ name: 'ofd_1', statement: text }]);

    const pool = new pg.Pool({ connectionString: url, max: 1, Client: PreparingClient });
    try {
      for (const value of ['a', 'b', 'c']) {
        expect((await pool.query<{ v: string }>(text, [value])).rows[0].v).toBe(value);
      }
      const { rows } = await pool.query<Prepared>(PREPARED_SQL);
      expect(rows).toEqual([{ name: 'ofd_1', statement: text }]);
    } finally {
      await pool.end();
    }
  });

  it('keeps working after a rollback, and after a run that failed on its values', async () => {
    const text = 'SELECT $1::int * 2 AS n';
    await client.query(text, [1]);
    await client.query('BEGIN');
    expect((await client.query<{ n: number }>(text, [2])).rows).toEqual([{ n: 4 }]);
    await client.query('ROLLBACK');
    expect((await client.query<{ n: number }>(text, [3])).rows).toEqual([{ n: 6 }]);
    await expect(client.query(text, ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect((await client.query<{ n: number }>(text, [5])).rows).toEqual([{ n: 10 }]);
    expect(await prepared()).toEqual([{ name: 'ofd_1', statement: text }]);
  });

  it('prepares a statement again once a new column changed its result, after failing once', async () => {
    await client.query('CREATE TEMP TABLE notes (id int PRIMARY KEY, body text)');
    await client.query(`INSERT INTO notes VALUES (1, 'first')`);
    const text = 'SELECT n.* FROM notes n WHERE n.id = $1';
    await client.query(text, [1]);
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, body: 'first' }]);
    expect(await prepared()).toEqual([{ name: 'ofd_1', statement: text }]);

    await client.query('ALTER TABLE notes ADD COLUMN flagged boolean NOT NULL DEFAULT false');
    await expect(client.query(text, [1])).rejects.toMatchObject({
      code: '0A000',
      message: 'cached plan must not change result type',
    });
    await client.query(text, [1]);
    expect((await client.query(text, [1])).rows).toEqual([
      { id: 1, body: 'first', flagged: false },
    ]);
    expect((await prepared()).map((row) => row.name)).toEqual(['ofd_1', 'ofd_2']);
  });

  it(`prepares at most ${MAX_PREPARED_STATEMENTS} statements on one connection; the rest run unnamed`, async () => {
    const count = MAX_PREPARED_STATEMENTS + 5;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < count; i++) {
        const { rows } = await client.query<{ n: number }>(`SELECT $1::int + ${i} AS n`, [round]);
        expect(rows[0].n).toBe(round + i);
      }
    }
    const statements = await prepared();
    expect(statements).toHaveLength(MAX_PREPARED_STATEMENTS);
    expect(statements.at(-1)?.statement).toBe(
      `SELECT $1::int + ${MAX_PREPARED_STATEMENTS - 1} AS n`,
    );
  });

  it("is the application's: TypeORM's queries on one connection are prepared on their second run", async () => {
    const dataSource = new DataSource(dataSourceOptions(url, 1));
    await dataSource.initialize();
    try {
      const text = 'SELECT count(*)::int AS n FROM organisations WHERE id = $1';
      const id = '00000000-0000-4000-8000-000000000000';
      for (let i = 0; i < 3; i++) {
        expect(await dataSource.query(text, [id])).toEqual([{ n: 0 }]);
      }
      const rows = await dataSource.query<Prepared[]>(PREPARED_SQL);
      expect(rows).toContainEqual({ name: expect.stringMatching(/^ofd_\d+$/), statement: text });
    } finally {
      await dataSource.destroy();
    }
  });

  it.each([
    [true, 1],
    [false, 0],
  ])(
    'the application prepares on its connections when OFD_DB_PREPARED_STATEMENTS is %s',
    async (preparedStatements, expected) => {
      const t = await startTestApp({ dbPreparedStatements: preparedStatements });
      const runner = t.db.createQueryRunner();
      try {
        const text = 'SELECT count(*)::int AS n FROM users WHERE id = $1';
        const id = '00000000-0000-4000-8000-000000000000';
        for (let i = 0; i < 3; i++) expect(await runner.query(text, [id])).toEqual([{ n: 0 }]);
        const rows = (await runner.query(PREPARED_SQL)) as Prepared[];
        expect(rows.filter((row) => row.statement === text)).toHaveLength(expected);
      } finally {
        await runner.release();
        await t.close();
      }
    },
  );
});
