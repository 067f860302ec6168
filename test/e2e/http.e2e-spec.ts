import { bearer, signedIn, startTestApp, type TestApp } from '../support/app.js';

describe('HTTP behaviour every route shares', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await startTestApp({ corsOrigins: ['https://console.borough.example'] });
    admin = await signedIn(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses unknown fields with 400 and names them', async () => {
    const response = await t
      .http()
      .post('/api/organisations')
      .set(bearer(admin.accessToken))
      .send({ name: 'Extra Field Trust', kind: 'partner', isAdmin: true });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: { isAdmin: [expect.stringContaining('should not exist')] } },
    });
    const stored = await t.db.query(`SELECT 1 FROM organisations WHERE name = 'Extra Field Trust'`);
    expect(stored).toHaveLength(0);
  });

  it('refuses wrong types and out-of-range values with 400 and field errors', async () => {
    const response = await t.http().post('/api/users').set(bearer(admin.accessToken)).send({
      email: 'not-an-email',
      name: 42,
      password: 'long enough password',
      role: 'superuser',
      organisationId: 'nope',
    });
    expect(response.status).toBe(400);
    const fields = (response.body as { details: { fields: Record<string, string[]> } }).details
      .fields;
    expect(Object.keys(fields).sort()).toEqual(['email', 'name', 'organisationId', 'role']);
    const query = await t
      .http()
      .get('/api/users?perPage=500&page=zero')
      .set(bearer(admin.accessToken));
    expect(query.status).toBe(400);
    expect(
      Object.keys((query.body as { details: { fields: object } }).details.fields).sort(),
    ).toEqual(['page', 'perPage']);
  });

  it('transforms query values to their types', async () => {
    const response = await t
      .http()
      .get('/api/organisations?page=1&perPage=2&active=true')
      .set(bearer(admin.accessToken));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, perPage: 2 });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.example", "password": ');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('answers a 2 MB body with 413', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('gives every error the contract body with a correlation id, echoed in a header', async () => {
    const response = await t
      .http()
      .get('/api/no-such-thing')
      .set('X-Correlation-Id', 'call-2026-0001');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      code: 'NOT_FOUND',
      message: expect.any(String),
      correlationId: 'call-2026-0001',
    });
    expect(response.headers['x-correlation-id']).toBe('call-2026-0001');

    const generated = await t.http().get('/api/auth/me');
    const id = (generated.body as { correlationId: string }).correlationId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-correlation-id']).toBe(id);
  });

  it('ignores a correlation id that is not a plain token', async () => {
    const response = await t
      .http()
      .get('/api/auth/me')
      .set('X-Correlation-Id', '<script>alert(1)</script>');
    expect((response.body as { correlationId: string }).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await t.http().get('/api/health/live');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('allows cross-origin calls only from the configured origins', async () => {
    const allowed = await t
      .http()
      .options('/api/auth/me')
      .set('Origin', 'https://console.borough.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.borough.example');
    const foreign = await t
      .http()
      .options('/api/auth/me')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reports liveness and readiness without a token', async () => {
    expect((await t.http().get('/api/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, migrations: { status: 'up' } },
    });
  });

  it('answers 503 on readiness when a migration is pending', async () => {
    const [last] = await t.asOwner<{ id: number; timestamp: string; name: string }>(
      'SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1',
    );
    await t.asOwner('DELETE FROM migrations WHERE id = $1', [last.id]);
    try {
      const ready = await t.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({
        code: 'NOT_READY',
        message: expect.any(String),
        correlationId: expect.any(String),
      });
    } finally {
      await t.asOwner('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [
        last.id,
        last.timestamp,
        last.name,
      ]);
    }
    expect((await t.http().get('/api/health/ready')).status).toBe(200);
  });
});

describe('General rate limit', () => {
  let t: TestApp;
  let user: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 5 });
    // Signed in first: the login itself counts against the address.
    user = await signedIn(t, 'caseworker');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 in the contract shape past the limit', async () => {
    const statuses: number[] = [];
    let last: { body: unknown; headers: Record<string, string> } | undefined;
    for (let i = 0; i < 7; i++) {
      const response = await t.http().get('/api/health/live');
      statuses.push(response.status);
      last = response;
    }
    // Five a minute for this address, one of them spent on signing in above.
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toEqual([429, 429, 429]);
    expect(last?.body).toMatchObject({ code: 'RATE_LIMITED', correlationId: expect.any(String) });
  });

  it('counts made-up Authorization headers against the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await t
        .http()
        .get('/api/health/live')
        .set('Authorization', `Bearer made.up.${i}`);
      statuses.push(response.status);
    }
    // The address already spent its allowance above.
    expect(statuses.every((status) => status === 429)).toBe(true);
  });

  it('counts a signed-in user on their own allowance', async () => {
    expect((await t.http().get('/api/auth/me').set(bearer(user.accessToken))).status).toBe(200);
  });
});
