import { createTestDatabase } from '../support/database.js';
import { login, startTestApp } from '../support/app.js';

describe('First admin from OFD_ADMIN_EMAIL and OFD_ADMIN_PASSWORD', () => {
  const adminEmail = 'First.Admin@Borough.Example';
  const adminPassword = 'harbour lights at dusk';

  it('creates the admin and the front-door organisation on an empty database, once', async () => {
    const database = await createTestDatabase();
    const databaseUrl = database.appUrl;
    const migrationDatabaseUrl = database.ownerUrl;
    const first = await startTestApp({
      databaseUrl,
      migrationDatabaseUrl,
      adminEmail,
      adminPassword,
    });
    try {
      const tokens = await login(first, {
        email: 'first.admin@borough.example',
        password: adminPassword,
      });
      const me = await first
        .http()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${tokens.accessToken}`);
      expect(me.body).toMatchObject({ role: 'admin' });
      const organisations = await first.db.query<{ kind: string }[]>(
        'SELECT kind FROM organisations',
      );
      expect(organisations).toEqual([{ kind: 'front_door' }]);
    } finally {
      await first.close();
    }
    // A restart, even with another password in the environment, creates nobody.
    const second = await startTestApp({
      databaseUrl,
      migrationDatabaseUrl,
      adminEmail,
      adminPassword: 'another quite long password',
    });
    try {
      expect(await second.db.query('SELECT id FROM users')).toHaveLength(1);
      await login(second, { email: adminEmail, password: adminPassword });
    } finally {
      await second.close();
    }
  });

  it('refuses to start with a weak admin password, saying which setting is wrong', async () => {
    await expect(startTestApp({ adminEmail, adminPassword: 'password' })).rejects.toThrow(
      /OFD_ADMIN_PASSWORD/,
    );
  });
});
