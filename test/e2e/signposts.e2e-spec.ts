import { randomUUID } from 'node:crypto';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;

interface SignpostBody {
  id: string;
  caseId: string;
  serviceId: string;
  serviceName: string;
  notes: string | null;
  givenAt: string;
  givenBy: string;
  givenByName: string;
  code?: string;
  details?: { fields: Record<string, string[]> };
}

/** A person and a new case for them, as SQL. */
async function makeCase(t: TestApp, openedBy: string): Promise<string> {
  const [person] = await t.asOwner<{ id: string }>(
    `INSERT INTO people (first_name, last_name, area_code, created_by)
     VALUES ('Test', 'Person', 'RV-LEY-C', $1) RETURNING id`,
    [openedBy],
  );
  const [opened] = await t.asOwner<{ id: string }>(
    `INSERT INTO cases (person_id, area_code, opened_by) VALUES ($1, 'RV-LEY-C', $2) RETURNING id`,
    [person.id, openedBy],
  );
  return opened.id;
}

describe('Signposting: information given about a service, recorded on the case', () => {
  let t: TestApp;
  let handler: Signed;
  let caseworker: Signed;
  let partner: Signed;
  let debtLine: string;
  let foodBank: string;
  let closedService: string;

  const give = async (token: string, caseId: string, body: object) => {
    const response = await t
      .http()
      .post(`/api/cases/${caseId}/signposts`)
      .set(bearer(token))
      .send(body);
    return { status: response.status, body: response.body as SignpostBody };
  };
  const list = async (token: string, caseId: string) => {
    const response = await t.http().get(`/api/cases/${caseId}/signposts`).set(bearer(token));
    return { status: response.status, body: response.body as { items: SignpostBody[] } };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await signedIn(t, 'admin');
    handler = await signedIn(t, 'call_handler');
    caseworker = await signedIn(t, 'caseworker');
    partner = await signedIn(t, 'partner');
    const organisation = await makeOrganisation(t, 'partner', 'Leyland Advice Centre');
    const create = async (body: object) => {
      const response = await t
        .http()
        .post('/api/services')
        .set(bearer(admin.accessToken))
        .send({ organisationId: organisation.id, areas: ['RV'], ...body });
      expect(response.status).toBe(201);
      return (response.body as { id: string }).id;
    };
    debtLine = await create({ name: 'National debt line', needs: ['money.debt'] });
    foodBank = await create({ name: 'Vale food bank', needs: ['food'] });
    closedService = await create({ name: 'Old advice shop', needs: ['money'], status: 'defunct' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records what was given, by whom and when, with no referral', async () => {
    const caseId = await makeCase(t, handler.id);
    const before = Date.now();
    const { status, body } = await give(handler.accessToken, caseId, {
      serviceId: debtLine,
      notes: 'Gave the phone number; will call tomorrow.',
    });
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.any(String) as string,
      caseId,
      serviceId: debtLine,
      serviceName: 'National debt line',
      notes: 'Gave the phone number; will call tomorrow.',
      givenAt: expect.any(String) as string,
      givenBy: handler.id,
      givenByName: 'Test call_handler',
    });
    expect(new Date(body.givenAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [stored] = await t.asOwner<Record<string, unknown>>(
      `SELECT case_id, service_id, notes, given_by FROM signposts WHERE id = $1`,
      [body.id],
    );
    expect(stored).toEqual({
      case_id: caseId,
      service_id: debtLine,
      notes: 'Gave the phone number; will call tomorrow.',
      given_by: handler.id,
    });
    // Signposting changes nothing else about the case.
    const [current] = await t.asOwner<{ status: string; version: number }>(
      `SELECT status, version FROM cases WHERE id = $1`,
      [caseId],
    );
    expect(current).toEqual({ status: 'new', version: 1 });
  });

  it('audits it with ids only, never the notes', async () => {
    const caseId = await makeCase(t, handler.id);
    const { body } = await give(caseworker.accessToken, caseId, {
      serviceId: foodBank,
      notes: 'Her children have not eaten today.',
    });
    const audit = await t.asOwner<{ actor_user_id: string; details: object }>(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'case.signposted' AND entity_id = $1`,
      [caseId],
    );
    expect(audit).toEqual([
      { actor_user_id: caseworker.id, details: { signpostId: body.id, serviceId: foodBank } },
    ]);
  });

  it("lists a case's signposts, oldest first, as a view of the case", async () => {
    const caseId = await makeCase(t, handler.id);
    const first = await give(handler.accessToken, caseId, { serviceId: debtLine });
    const second = await give(caseworker.accessToken, caseId, { serviceId: foodBank, notes: null });
    const other = await makeCase(t, handler.id);
    await give(handler.accessToken, other, { serviceId: foodBank });

    const { status, body } = await list(caseworker.accessToken, caseId);
    expect(status).toBe(200);
    expect(body.items.map((item) => [item.id, item.serviceName, item.givenBy, item.notes])).toEqual(
      [
        [first.body.id, 'National debt line', handler.id, null],
        [second.body.id, 'Vale food bank', caseworker.id, null],
      ],
    );
    const views = await t.asOwner<{ actor_user_id: string; details: object }>(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'case.viewed' AND entity_id = $1`,
      [caseId],
    );
    expect(views).toEqual([
      { actor_user_id: caseworker.id, details: { view: 'signposts', signposts: 2 } },
    ]);
  });

  it.each([
    ['no such service', () => ({ serviceId: randomUUID() }), { serviceId: ['no such service'] }],
    [
      'a service that is not active',
      () => ({ serviceId: closedService }),
      { serviceId: ['the service is not active'] },
    ],
    [
      'a service id that is not a UUID',
      () => ({ serviceId: 'debt' }),
      { serviceId: ['must be a UUID'] },
    ],
    ['no service', () => ({ notes: 'x' }), { serviceId: ['must be a UUID'] }],
  ])('refuses %s with a field error, storing nothing', async (_case, body, fields) => {
    const caseId = await makeCase(t, handler.id);
    const { status, body: answer } = await give(handler.accessToken, caseId, body());
    expect(status).toBe(400);
    expect(answer.code).toBe('VALIDATION_FAILED');
    expect(answer.details?.fields).toEqual(fields);
    expect(await t.asOwner(`SELECT id FROM signposts WHERE case_id = $1`, [caseId])).toEqual([]);
    expect(await t.asOwner(`SELECT id FROM audit_log WHERE entity_id = $1`, [caseId])).toEqual([]);
  });

  it('refuses a closed case (409), answers 404 for no such case, 403 for partner users', async () => {
    const caseId = await makeCase(t, handler.id);
    await t.asOwner(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [
      caseId,
    ]);
    const closed = await give(handler.accessToken, caseId, { serviceId: debtLine });
    expect([closed.status, closed.body.code]).toEqual([409, 'CASE_CLOSED']);
    // What was given before closing can still be read.
    expect((await list(handler.accessToken, caseId)).status).toBe(200);

    const missing = await give(handler.accessToken, randomUUID(), { serviceId: debtLine });
    expect([missing.status, missing.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect((await list(handler.accessToken, randomUUID())).status).toBe(404);

    const open = await makeCase(t, handler.id);
    expect((await give(partner.accessToken, open, { serviceId: debtLine })).status).toBe(403);
    expect((await list(partner.accessToken, open)).status).toBe(403);
    expect(await t.asOwner(`SELECT id FROM signposts WHERE case_id = $1`, [open])).toEqual([]);
  });
});
