import pg from 'pg';

/**
 * Runs `work` in one transaction on a connection of its own to `url` (the tables' owner, outside
 * the application's pool): committed if it resolves, rolled back if it throws.
 */
export async function inTransactionAs(
  url: string,
  work: (client: pg.Client) => Promise<void>,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
