import {
  bearer,
  login,
  makeOrganisation,
  signedIn,
  startTestApp,
  type TestApp,
} from '../support/app.js';

describe('Admin: users and organisations', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: `new.${Math.random().toString(36).slice(2, 10)}@test.example`,
    name: 'Robin Ahmed',
    password: 'amber kettle harbour nine',
    role: 'call_handler',
    organisationId: admin.organisationId,
    ...overrides,
  });

  it('creates a user who can then sign in, and lists and reads users', async () => {
    const body = newUser({ email: '  Robin.Ahmed@Test.Example ' });
    const created = await t.http().post('/api/users').set(bearer(admin.accessToken)).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'robin.ahmed@test.example',
      role: 'call_handler',
      active: true,
      version: 1,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const id = (created.body as { id: string }).id;

    await login(t, { email: 'robin.ahmed@test.example', password: body.password });
    const read = await t.http().get(`/api/users/${id}`).set(bearer(admin.accessToken));
    expect(read.body).toMatchObject({ id, name: 'Robin Ahmed' });
    const list = await t
      .http()
      .get('/api/users?role=call_handler&perPage=100')
      .set(bearer(admin.accessToken));
    expect((list.body as { items: { id: string }[] }).items.map((u) => u.id)).toContain(id);
    expect(
      (list.body as { items: { role: string }[] }).items.every((u) => u.role === 'call_handler'),
    ).toBe(true);
  });

  it('refuses short and common passwords, without composition rules', async () => {
    const short = await t
      .http()
      .post('/api/users')
      .set(bearer(admin.accessToken))
      .send(newUser({ password: 'elevenchars' }));
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({
      code: 'PASSWORD_TOO_SHORT',
      details: { fields: { password: expect.any(Array) } },
    });
    for (const common of ['password1234', 'qwertyuiopasdfgh', 'aaaaaaaaaaaa', 'abcdefghijklm']) {
      const response = await t
        .http()
        .post('/api/users')
        .set(bearer(admin.accessToken))
        .send(newUser({ password: common }));
      expect({
        common,
        status: response.status,
        code: (response.body as { code: string }).code,
      }).toEqual({
        common,
        status: 400,
        code: 'PASSWORD_TOO_COMMON',
      });
    }
    // Twelve lower-case letters and spaces, no digits or symbols: fine.
    const plain = await t
      .http()
      .post('/api/users')
      .set(bearer(admin.accessToken))
      .send(newUser({ password: 'plum tree sky' }));
    expect(plain.status).toBe(201);
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    const body = newUser();
    expect(
      (await t.http().post('/api/users').set(bearer(admin.accessToken)).send(body)).status,
    ).toBe(201);
    const again = await t
      .http()
      .post('/api/users')
      .set(bearer(admin.accessToken))
      .send({ ...body, email: body.email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'USER_EMAIL_TAKEN' });
  });

  it('keeps partner users in partner organisations and staff in the front door', async () => {
    const partnerOrganisation = await makeOrganisation(t, 'partner');
    const staffInPartner = await t
      .http()
      .post('/api/users')
      .set(bearer(admin.accessToken))
      .send(newUser({ role: 'caseworker', organisationId: partnerOrganisation.id }));
    expect(staffInPartner.status).toBe(400);
    expect(staffInPartner.body).toMatchObject({ code: 'USER_ROLE_ORGANISATION_MISMATCH' });
    const partnerInFrontDoor = await t
      .http()
      .post('/api/users')
      .set(bearer(admin.accessToken))
      .send(newUser({ role: 'partner' }));
    expect(partnerInFrontDoor.status).toBe(400);
    const partner = await t
      .http()
      .post('/api/users')
      .set(bearer(admin.accessToken))
      .send(newUser({ role: 'partner', organisationId: partnerOrganisation.id }));
    expect(partner.status).toBe(201);
    const promote = await t
      .http()
      .patch(`/api/users/${(partner.body as { id: string }).id}`)
      .set(bearer(admin.accessToken))
      .send({ role: 'team_lead' });
    expect(promote.status).toBe(400);
    const unknownOrganisation = await t
      .http()
      .post('/api/users')
      .set(bearer(admin.accessToken))
      .send(newUser({ organisationId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownOrganisation.status).toBe(400);
    expect(unknownOrganisation.body).toMatchObject({ code: 'USER_ORGANISATION_UNKNOWN' });
  });

  it('refuses a stale version with 409 and leaves the user as it was', async () => {
    const created = (
      await t.http().post('/api/users').set(bearer(admin.accessToken)).send(newUser())
    ).body as { id: string; version: number };
    const first = await t
      .http()
      .patch(`/api/users/${created.id}`)
      .set(bearer(admin.accessToken))
      .send({ name: 'First Edit', version: created.version });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: 'First Edit', version: created.version + 1 });
    const stale = await t
      .http()
      .patch(`/api/users/${created.id}`)
      .set(bearer(admin.accessToken))
      .send({ name: 'Stale Edit', version: created.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'USER_VERSION_CONFLICT' });
    const read = await t.http().get(`/api/users/${created.id}`).set(bearer(admin.accessToken));
    expect(read.body).toMatchObject({ name: 'First Edit' });
  });

  it('stops an admin disabling or demoting themselves', async () => {
    const disable = await t
      .http()
      .patch(`/api/users/${admin.id}`)
      .set(bearer(admin.accessToken))
      .send({ active: false });
    expect(disable.status).toBe(409);
    const demote = await t
      .http()
      .patch(`/api/users/${admin.id}`)
      .set(bearer(admin.accessToken))
      .send({ role: 'caseworker' });
    expect(demote.status).toBe(409);
    expect((await t.http().get('/api/auth/me').set(bearer(admin.accessToken))).status).toBe(200);
  });

  it("a password reset ends the user's sessions and the new password works", async () => {
    const user = await signedIn(t, 'caseworker', { organisationId: admin.organisationId });
    const reset = await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(admin.accessToken))
      .send({ password: 'granite willow copper 7' });
    expect(reset.status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(bearer(user.accessToken))).status).toBe(401);
    await login(t, { email: user.email, password: 'granite willow copper 7' });
  });

  it('answers 404 for an unknown user and 400 for an id that is not a UUID', async () => {
    const missing = await t
      .http()
      .get('/api/users/00000000-0000-4000-8000-000000000000')
      .set(bearer(admin.accessToken));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'USER_NOT_FOUND' });
    const malformed = await t.http().get('/api/users/123').set(bearer(admin.accessToken));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'INVALID_ID' });
  });

  describe('organisations', () => {
    it('creates, reads, lists and renames organisations; names are unique', async () => {
      const created = await t
        .http()
        .post('/api/organisations')
        .set(bearer(admin.accessToken))
        .send({ name: 'Northside Carers Centre', kind: 'partner' });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      const duplicate = await t
        .http()
        .post('/api/organisations')
        .set(bearer(admin.accessToken))
        .send({ name: 'Northside Carers Centre', kind: 'partner' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 'ORGANISATION_NAME_TAKEN' });
      const renamed = await t
        .http()
        .patch(`/api/organisations/${id}`)
        .set(bearer(admin.accessToken))
        .send({ name: 'Northside Carers Hub' });
      expect(renamed.body).toMatchObject({
        name: 'Northside Carers Hub',
        kind: 'partner',
        version: 2,
      });
      const handler = await signedIn(t, 'call_handler');
      const list = await t
        .http()
        .get('/api/organisations?kind=partner&perPage=100')
        .set(bearer(handler.accessToken));
      expect((list.body as { items: { id: string }[] }).items.map((o) => o.id)).toContain(id);
      expect(
        (await t.http().get(`/api/organisations/${id}`).set(bearer(handler.accessToken))).body,
      ).toMatchObject({ name: 'Northside Carers Hub' });
    });

    it('deactivating an organisation stops its users at once, and reactivating lets them back', async () => {
      const organisation = await makeOrganisation(t, 'partner');
      const partner = await signedIn(t, 'partner', { organisationId: organisation.id });
      const off = await t
        .http()
        .patch(`/api/organisations/${organisation.id}`)
        .set(bearer(admin.accessToken))
        .send({ active: false });
      expect(off.status).toBe(200);
      expect((await t.http().get('/api/auth/me').set(bearer(partner.accessToken))).status).toBe(
        401,
      );
      expect(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ email: partner.email, password: partner.password })
        ).status,
      ).toBe(401);
      await t
        .http()
        .patch(`/api/organisations/${organisation.id}`)
        .set(bearer(admin.accessToken))
        .send({ active: true });
      await login(t, partner);
    });

    it("reactivating an organisation does not bring its users' old tokens back", async () => {
      const organisation = await makeOrganisation(t, 'partner');
      const partner = await signedIn(t, 'partner', { organisationId: organisation.id });
      await t
        .http()
        .patch(`/api/organisations/${organisation.id}`)
        .set(bearer(admin.accessToken))
        .send({ active: false });
      await t
        .http()
        .patch(`/api/organisations/${organisation.id}`)
        .set(bearer(admin.accessToken))
        .send({ active: true });
      expect((await t.http().get('/api/auth/me').set(bearer(partner.accessToken))).status).toBe(
        401,
      );
      expect(
        (await t.http().post('/api/auth/refresh').send({ refreshToken: partner.refreshToken }))
          .status,
      ).toBe(401);
    });

    it('there is one front-door organisation; a second is refused', async () => {
      const response = await t
        .http()
        .post('/api/organisations')
        .set(bearer(admin.accessToken))
        .send({ name: 'Another Front Door', kind: 'front_door' });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'ORGANISATION_FRONT_DOOR_EXISTS' });
    });

    it('an admin cannot deactivate their own organisation', async () => {
      const response = await t
        .http()
        .patch(`/api/organisations/${admin.organisationId}`)
        .set(bearer(admin.accessToken))
        .send({ active: false });
      expect(response.status).toBe(409);
    });
  });
});
