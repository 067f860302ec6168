import { DEMO_PARTNERS, DEMO_PASSWORD, DEMO_USERS } from '../../scripts/demo/borough.js';
import { seedDemoBorough } from '../../scripts/demo/seed.js';
import { bearer, login, startTestApp, type TestApp } from '../support/app.js';

describe('npm run seed:demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates the front door, about twenty partners and one user of each role, who can sign in', async () => {
    const created = await t.db.transaction((manager) => seedDemoBorough(manager));
    expect(created).toEqual({ organisations: DEMO_PARTNERS.length + 1, users: 5 });
    expect(DEMO_PARTNERS.length).toBeGreaterThanOrEqual(20);
    const roles = await t.db.query<{ role: string }[]>(
      'SELECT role::text FROM users ORDER BY role::text',
    );
    expect(roles.map((r) => r.role)).toEqual([
      'admin',
      'call_handler',
      'caseworker',
      'partner',
      'team_lead',
    ]);
    for (const user of DEMO_USERS) {
      const tokens = await login(t, { email: user.email, password: DEMO_PASSWORD });
      const me = await t.http().get('/api/auth/me').set(bearer(tokens.accessToken));
      expect(me.body).toMatchObject({ email: user.email, role: user.role });
    }
  });

  it('run again, duplicates nothing and keeps what was there', async () => {
    const before = await t.db.query<{ organisations: string; users: string }[]>(
      'SELECT (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM users) AS users',
    );
    const again = await t.db.transaction((manager) => seedDemoBorough(manager));
    expect(again).toEqual({ organisations: 0, users: 0 });
    const after = await t.db.query<{ organisations: string; users: string }[]>(
      'SELECT (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM users) AS users',
    );
    expect(after).toEqual(before);
  });
});
