import { bearer, makeUser, signedIn, startTestApp, type TestApp } from '../support/app.js';

interface AuditRow {
  action: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorRole: string | null;
  entityType: string;
  entityId: string | null;
  correlationId: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
}

describe('Audit trail', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const entriesFor = async (entityId: string): Promise<AuditRow[]> => {
    const response = await t
      .http()
      .get(`/api/audit?entityId=${entityId}&perPage=100`)
      .set(bearer(admin.accessToken));
    expect(response.status).toBe(200);
    return (response.body as { items: AuditRow[] }).items;
  };

  it('records logins and failed logins, with who, when (UTC) and the correlation id', async () => {
    const user = await makeUser(t, 'caseworker');
    await t
      .http()
      .post('/api/auth/login')
      .set('X-Correlation-Id', 'failed-login-0001')
      .send({ email: user.email, password: 'wrong password here' });
    const ok = await t
      .http()
      .post('/api/auth/login')
      .set('X-Correlation-Id', 'good-login-00001')
      .send({ email: user.email, password: user.password });
    const sessionId = (
      JSON.parse(
        Buffer.from(
          (ok.body as { accessToken: string }).accessToken.split('.')[1],
          'base64url',
        ).toString(),
      ) as { sid: string }
    ).sid;

    const failed = await entriesFor(user.id);
    expect(failed).toEqual([
      expect.objectContaining({
        action: 'auth.login_failed',
        entityType: 'user',
        correlationId: 'failed-login-0001',
        details: { reason: 'wrong_password' },
      }),
    ]);
    const login = await entriesFor(sessionId);
    expect(login).toEqual([
      expect.objectContaining({
        action: 'auth.login',
        actorUserId: user.id,
        actorOrganisationId: user.organisationId,
        actorRole: 'caseworker',
        correlationId: 'good-login-00001',
      }),
    ]);
    expect(login[0].occurredAt).toMatch(/Z$/);
    expect(Math.abs(new Date(login[0].occurredAt).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('records user creation, role changes and disabling, by whom', async () => {
    const created = await t.http().post('/api/users').set(bearer(admin.accessToken)).send({
      email: 'audited@test.example',
      name: 'Audited Person',
      password: 'saffron beacon tidal 3',
      role: 'call_handler',
      organisationId: admin.organisationId,
    });
    const id = (created.body as { id: string }).id;
    await t
      .http()
      .patch(`/api/users/${id}`)
      .set(bearer(admin.accessToken))
      .send({ role: 'team_lead' });
    await t.http().patch(`/api/users/${id}`).set(bearer(admin.accessToken)).send({ active: false });
    const actions = (await entriesFor(id)).map((entry) => [
      entry.action,
      entry.actorUserId,
      entry.details,
    ]);
    expect(actions).toEqual([
      ['user.disabled', admin.id, {}],
      ['user.role_changed', admin.id, { from: 'call_handler', to: 'team_lead' }],
      ['user.created', admin.id, { role: 'call_handler', organisationId: admin.organisationId }],
    ]);
  });

  it('keeps personal data out of the audit details', async () => {
    const rows = await t.db.query<{ details: unknown }[]>('SELECT details FROM audit_log');
    const text = JSON.stringify(rows);
    expect(text).not.toContain('@test.example');
    expect(text).not.toContain('Audited Person');
  });

  it("cannot be changed, removed or unguarded through the application's connection", async () => {
    const count = () => t.db.query<{ count: string }[]>('SELECT count(*) FROM audit_log');
    const before = await count();
    const attempts = [
      `UPDATE audit_log SET action = 'tampered'`,
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete',
      'DROP TRIGGER audit_log_no_update_or_delete ON audit_log',
      'DROP TABLE audit_log',
      `SET session_replication_role = replica`,
    ];
    for (const sql of attempts) {
      await expect(t.db.query(sql)).rejects.toThrow(/permission denied|must be owner|append-only/);
    }
    expect(await count()).toEqual(before);
  });

  it('refuses changes even to its owner, by trigger', async () => {
    await expect(t.asOwner(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.asOwner('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.asOwner('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('is for administrators only', async () => {
    const lead = await signedIn(t, 'team_lead');
    expect((await t.http().get('/api/audit').set(bearer(lead.accessToken))).status).toBe(403);
  });
});
