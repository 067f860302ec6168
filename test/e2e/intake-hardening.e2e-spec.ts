import { randomUUID } from 'node:crypto';
import { IdempotencyRetention } from '../../src/common/idempotency/idempotency-retention.js';
import { bearer, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;
interface Answer {
  id: string;
  version: number;
  status: string;
  code: string;
  person: { id: string };
  case: { id: string };
  details: { fields: Record<string, string[]> };
}
/** A response's JSON body, as these tests read it. */
const body = (response: { body: unknown }) => response.body as Answer;

/**
 * Edges of intake and cases: input that must be a 400 (not a database error), reads that must be
 * audited however they happen, a case triaged after it was assigned, and how long idempotency
 * keys (whose stored answers hold a contact's notes) are kept.
 */
describe('Intake and cases: edges', () => {
  let t: TestApp;
  let handler: Signed;
  let lead: Signed;
  const consent = { given: true, method: 'verbal', scope: 'all_partners' };
  const contact = (body: object) =>
    t
      .http()
      .post('/api/contacts')
      .set(bearer(handler.accessToken))
      .set('Idempotency-Key', randomUUID())
      .send({ channel: 'phone', reason: 'Needs help with bills', ...body });
  const views = async (personId: string, via: string) => {
    const rows = await t.asOwner<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log
        WHERE action = 'person.viewed' AND entity_id = $1 AND details->>'via' = $2`,
      [personId, via],
    );
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    t = await startTestApp();
    handler = await signedIn(t, 'call_handler');
    lead = await signedIn(t, 'team_lead');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses person: null, a time that is not a calendar time, and NUL characters with 400', async () => {
    const [before] = await t.asOwner<{ n: string }>(`SELECT count(*) AS n FROM intake_contacts`);
    const nullPerson = await contact({ person: null, consent });
    expect(nullPerson.status).toBe(400);
    expect(body(nullPerson)).toMatchObject({ code: 'VALIDATION_FAILED' });

    const weekDate = await contact({
      person: { firstName: 'Winifred', lastName: 'Weekdate' },
      consent,
      startedAt: '2026-W01',
    });
    expect(weekDate.status).toBe(400);
    expect(Object.keys(body(weekDate).details.fields)).toContain('startedAt');

    const nul = await contact({
      person: { firstName: 'Nul\u0000', lastName: 'Character' },
      consent,
    });
    expect(nul.status).toBe(400);
    expect(body(nul).details.fields).toEqual({
      'person.firstName': ['must not contain a NUL character'],
    });
    const [after] = await t.asOwner<{ n: string }>(`SELECT count(*) AS n FROM intake_contacts`);
    expect(after.n).toBe(before.n);
  });

  it('refuses a page past any real list with 400, not a database error', async () => {
    const response = await t
      .http()
      .get('/api/cases?page=200000000')
      .set(bearer(handler.accessToken));
    expect(response.status).toBe(400);
    expect(Object.keys(body(response).details.fields)).toEqual(['page']);
  });

  it('audits a PATCH that changes nothing as a view: its answer shows the record', async () => {
    const created = await t
      .http()
      .post('/api/people')
      .set(bearer(handler.accessToken))
      .send({ firstName: 'Percival', lastName: 'Unchanged', dateOfBirth: '1960-02-03' });
    expect(created.status).toBe(201);
    const id = body(created).id;
    const patched = await t
      .http()
      .patch(`/api/people/${id}`)
      .set(bearer(handler.accessToken))
      .send({ version: body(created).version });
    expect(patched.status).toBe(200);
    expect(await views(id, 'update')).toBe(1);
  });

  it('audits the candidates a duplicate refusal reveals, though the refused call stores nothing', async () => {
    const first = await contact({
      person: { firstName: 'Millicent', lastName: 'Fothergill', dateOfBirth: '1949-07-21' },
      consent,
    });
    expect(first.status).toBe(201);
    const existing = body(first).person.id;
    const again = await contact({
      person: { firstName: 'Milicent', lastName: 'Fothergill', dateOfBirth: '1949-07-21' },
      consent,
    });
    expect(again.status).toBe(409);
    expect(body(again).code).toBe('PERSON_POSSIBLE_DUPLICATE');
    expect(await views(existing, 'duplicate_check')).toBe(1);

    const direct = await t
      .http()
      .post('/api/people')
      .set(bearer(handler.accessToken))
      .send({ firstName: 'Millicent', lastName: 'Fothergil', dateOfBirth: '1949-07-21' });
    expect(direct.status).toBe(409);
    expect(await views(existing, 'duplicate_check')).toBe(2);
  });

  it('makes a case assigned before its triage active when it is triaged', async () => {
    const opened = await contact({
      person: { firstName: 'Augustus', lastName: 'Preassigned', dateOfBirth: '1970-11-30' },
      consent,
    });
    const caseId = body(opened).case.id;
    const worker = await signedIn(t, 'caseworker');
    const assigned = await t
      .http()
      .post(`/api/cases/${caseId}/assign`)
      .set(bearer(lead.accessToken))
      .send({ ownerId: worker.id });
    expect(assigned.status).toBe(200);
    expect(body(assigned).status).toBe('new');
    const triaged = await t
      .http()
      .post(`/api/cases/${caseId}/triage`)
      .set(bearer(handler.accessToken))
      .send({ needs: [{ code: 'money.debt', severity: 2 }], risks: [], safeguarding: false });
    expect(triaged.status).toBe(201);
    expect(body(triaged).status).toBe('active');
  });

  it('deletes idempotency keys, and the answers they hold, after 24 hours', async () => {
    const recent = await contact({
      person: { firstName: 'Horatio', lastName: 'Keykeeper', dateOfBirth: '1955-05-05' },
      consent,
    });
    expect(recent.status).toBe(201);
    const [{ n: keysBefore }] = await t.asOwner<{ n: string }>(
      `SELECT count(*) AS n FROM idempotency_keys`,
    );
    await t.asOwner(
      `INSERT INTO idempotency_keys (user_id, key, route, request_hash, response_status, response_body, created_at)
       VALUES ($1, 'old-key', 'POST /api/contacts', repeat('0', 64), 201, '{}', now() - interval '25 hours')`,
      [handler.id],
    );
    const purged = await t.app.get(IdempotencyRetention).purge();
    expect(purged).toBe(1);
    const [{ n: keysAfter }] = await t.asOwner<{ n: string }>(
      `SELECT count(*) AS n FROM idempotency_keys`,
    );
    expect(keysAfter).toBe(keysBefore);
  });
});
