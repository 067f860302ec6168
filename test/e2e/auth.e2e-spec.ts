import { createHmac } from 'node:crypto';
import {
  bearer,
  login,
  makeUser,
  signedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../support/app.js';

describe('Sign-in, tokens and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with email and password, and the token identifies the user', async () => {
    const user = await makeUser(t, 'call_handler');
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const body = response.body as {
      accessToken: string;
      expiresAt: string;
      refreshToken: string;
      user: { id: string };
    };
    expect(body.user.id).toBe(user.id);
    const lifetime = new Date(body.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);

    const me = await t.http().get('/api/auth/me').set(bearer(body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: user.id,
      email: user.email,
      name: 'Test call_handler',
      role: 'call_handler',
      organisationId: user.organisationId,
    });
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const user = await makeUser(t, 'caseworker');
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not the password at all' });
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@test.example', password: TEST_PASSWORD });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
      expect(typeof (response.body as { correlationId: string }).correlationId).toBe('string');
    }
  });

  it('refuses a disabled user at login with the same 401', async () => {
    const user = await makeUser(t, 'caseworker', { active: false });
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
  });

  it('stores passwords as Argon2id with at least 19 MiB and 2 passes', async () => {
    const admin = await signedIn(t, 'admin');
    const created = await t.http().post('/api/users').set(bearer(admin.accessToken)).send({
      email: 'hash.check@test.example',
      name: 'Hash Check',
      password: 'quiet meadow river stone',
      role: 'team_lead',
      organisationId: admin.organisationId,
    });
    expect(created.status).toBe(201);
    const rows = await t.db.query<{ password_hash: string }[]>(
      'SELECT password_hash FROM users WHERE id = $1',
      [(created.body as { id: string }).id],
    );
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/.exec(rows[0].password_hash);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
  });

  describe('refresh', () => {
    it('rotates: each refresh gives a new pair and the old refresh token stops working', async () => {
      const user = await signedIn(t, 'team_lead');
      const first = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken });
      expect(first.status).toBe(200);
      const rotated = first.body as { accessToken: string; refreshToken: string };
      expect(rotated.refreshToken).not.toBe(user.refreshToken);
      expect((await t.http().get('/api/auth/me').set(bearer(rotated.accessToken))).status).toBe(
        200,
      );

      const second = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: rotated.refreshToken });
      expect(second.status).toBe(200);
      // The first refresh token, already used, is refused.
      const old = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken });
      expect(old.status).toBe(401);
    });

    it('treats a reused refresh token as theft: 401 and the whole session ends', async () => {
      const user = await signedIn(t, 'call_handler');
      const rotated = (
        await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })
      ).body as {
        accessToken: string;
        refreshToken: string;
      };
      const reuse = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.body).toMatchObject({ code: 'AUTH_REFRESH_REUSED' });
      // The thief's and the owner's tokens of that session all stop working.
      expect((await t.http().get('/api/auth/me').set(bearer(rotated.accessToken))).status).toBe(
        401,
      );
      expect((await t.http().get('/api/auth/me').set(bearer(user.accessToken))).status).toBe(401);
      expect(
        (await t.http().post('/api/auth/refresh').send({ refreshToken: rotated.refreshToken }))
          .status,
      ).toBe(401);
    });

    it('refuses an unknown refresh token', async () => {
      const response = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'AUTH_REFRESH_INVALID' });
    });
  });

  describe('revocation takes effect at once', () => {
    it('logout ends the session: its access and refresh tokens stop working', async () => {
      const user = await signedIn(t, 'caseworker');
      expect((await t.http().post('/api/auth/logout').set(bearer(user.accessToken))).status).toBe(
        204,
      );
      expect((await t.http().get('/api/auth/me').set(bearer(user.accessToken))).status).toBe(401);
      expect(
        (await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })).status,
      ).toBe(401);
    });

    it('logout ends only that session; another login of the same user goes on', async () => {
      const user = await makeUser(t, 'caseworker');
      const desk = await login(t, user);
      const laptop = await login(t, user);
      await t.http().post('/api/auth/logout').set(bearer(desk.accessToken));
      expect((await t.http().get('/api/auth/me').set(bearer(laptop.accessToken))).status).toBe(200);
    });

    it('disabling a user stops every token they hold', async () => {
      const admin = await signedIn(t, 'admin');
      const user = await signedIn(t, 'call_handler');
      const disabled = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(bearer(admin.accessToken))
        .send({ active: false });
      expect(disabled.status).toBe(200);
      expect((await t.http().get('/api/auth/me').set(bearer(user.accessToken))).status).toBe(401);
      expect(
        (await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })).status,
      ).toBe(401);
      expect(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ email: user.email, password: TEST_PASSWORD })
        ).status,
      ).toBe(401);
    });

    it('changing a role stops the old tokens; a new login carries the new role', async () => {
      const admin = await signedIn(t, 'admin');
      const user = await signedIn(t, 'call_handler', { organisationId: admin.organisationId });
      const changed = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(bearer(admin.accessToken))
        .send({ role: 'team_lead' });
      expect(changed.status).toBe(200);
      expect((await t.http().get('/api/auth/me').set(bearer(user.accessToken))).status).toBe(401);
      const again = await login(t, user);
      const me = await t.http().get('/api/auth/me').set(bearer(again.accessToken));
      expect(me.body).toMatchObject({ role: 'team_lead' });
    });
  });

  describe('bad tokens get 401', () => {
    const sign = (header: object, payload: object, secret: string) => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode(header)}.${encode(payload)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };
    const claimsOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
        string,
        unknown
      >;

    it('no token', async () => {
      const response = await t.http().get('/api/auth/me');
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'AUTH_TOKEN_MISSING' });
    });

    it('a token that has expired', async () => {
      const user = await signedIn(t, 'caseworker');
      const claims = claimsOf(user.accessToken);
      const now = Math.floor(Date.now() / 1000);
      const expired = sign(
        { alg: 'HS256', typ: 'JWT' },
        { ...claims, iat: now - 3600, exp: now - 60 },
        t.config.tokenSecret,
      );
      const response = await t.http().get('/api/auth/me').set(bearer(expired));
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    });

    it('a tampered token (role raised in the payload)', async () => {
      const user = await signedIn(t, 'partner');
      const [header, , signature] = user.accessToken.split('.');
      const payload = Buffer.from(
        JSON.stringify({ ...claimsOf(user.accessToken), role: 'admin' }),
      ).toString('base64url');
      const response = await t
        .http()
        .get('/api/users')
        .set(bearer(`${header}.${payload}.${signature}`));
      expect(response.status).toBe(401);
    });

    it('an unsigned token (alg: none)', async () => {
      const user = await signedIn(t, 'caseworker');
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claimsOf(user.accessToken), role: 'admin' })}.`;
      expect((await t.http().get('/api/auth/me').set(bearer(unsigned))).status).toBe(401);
    });

    it('a token signed with another secret', async () => {
      const user = await signedIn(t, 'caseworker');
      const forged = sign(
        { alg: 'HS256', typ: 'JWT' },
        claimsOf(user.accessToken),
        'some-other-secret-of-enough-length-123',
      );
      expect((await t.http().get('/api/auth/me').set(bearer(forged))).status).toBe(401);
    });

    it('garbage in the Authorization header', async () => {
      for (const header of ['Bearer', 'Bearer not.a.jwt', 'Basic dXNlcjpwYXNz', 'Bearer a b']) {
        expect((await t.http().get('/api/auth/me').set('Authorization', header)).status).toBe(401);
      }
    });
  });
});

describe('Throttling of failed sign-ins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      loginMaxFailuresPerAccount: 3,
      loginMaxFailuresPerAddress: 8,
      loginFailureWindowSeconds: 600,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses an account with 429 after repeated failures, even with the right password', async () => {
    const user = await makeUser(t, 'caseworker');
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ email: user.email, password: 'wrong password here' })
        ).status,
      ).toBe(401);
    }
    const blocked = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'AUTH_TOO_MANY_ATTEMPTS' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses an address with 429 after failures spread over many accounts', async () => {
    await t.db.query('DELETE FROM auth_login_failures');
    for (let i = 0; i < 8; i++) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: `nobody${i}@test.example`, password: 'wrong password here' });
    }
    const user = await makeUser(t, 'caseworker');
    const blocked = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
  });

  it('a successful sign-in clears the account count', async () => {
    await t.db.query('DELETE FROM auth_login_failures');
    const user = await makeUser(t, 'caseworker');
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) {
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: 'wrong password here' });
      }
      expect(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ email: user.email, password: TEST_PASSWORD })
        ).status,
      ).toBe(200);
    }
  });

  it('counts parallel guesses: at most the limit get a password check', async () => {
    await t.db.query('DELETE FROM auth_login_failures');
    const user = await makeUser(t, 'caseworker');
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: 'wrong password here' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
  });

  it('an administrator resetting the password lifts the lock-out', async () => {
    await t.db.query('DELETE FROM auth_login_failures');
    const admin = await signedIn(t, 'admin');
    const user = await makeUser(t, 'caseworker');
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: 'wrong password here' });
    }
    expect(
      (await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(429);
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(admin.accessToken))
      .send({ password: 'new harbour lamp 88' });
    expect(
      (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: 'new harbour lamp 88' })
      ).status,
    ).toBe(200);
  });

  it('records throttled attempts in the audit trail', async () => {
    const rows = await t.db.query<{ count: string }[]>(
      `SELECT count(*) FROM audit_log WHERE action = 'auth.login_throttled'`,
    );
    expect(Number(rows[0].count)).toBeGreaterThan(0);
  });

  it('does not take the address from X-Forwarded-For unless told to trust a proxy', async () => {
    await t.db.query('DELETE FROM auth_login_failures');
    for (let i = 0; i < 8; i++) {
      await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .send({ email: `spoof${i}@test.example`, password: 'wrong password here' });
    }
    const user = await makeUser(t, 'caseworker');
    const blocked = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
  });

  it('stores neither emails nor addresses in the throttle table', async () => {
    const rows = await t.db.query<{ key_hash: string }[]>(
      'SELECT key_hash FROM auth_login_failures',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
