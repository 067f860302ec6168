import { randomUUID } from 'node:crypto';
import { bearer, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;
interface ContactAnswer {
  contact: {
    id: string;
    personId: string;
    caseId: string;
    channel: string;
    caller: {
      name: string | null;
      relationship: string | null;
      organisation: string | null;
    } | null;
    reason: string;
    notes: string | null;
    handlerUserId: string;
    startedAt: string;
    endedAt: string | null;
  };
  case: {
    id: string;
    personId: string;
    status: string;
    priority: string | null;
    dueAt: string | null;
    opened: boolean;
  };
  person: { id: string; areaCode: string | null; version: number; created: boolean };
  consent: { id: string; given: boolean; state: string; personId: string } | null;
}
interface ErrorBody {
  code: string;
  details?: { fields?: Record<string, string[]>; candidates?: object[] };
}

describe('Contacts: one call in one transaction, safe to retry', () => {
  let t: TestApp;
  let handler: Signed;
  let otherHandler: Signed;
  let caseworker: Signed;
  let partner: Signed;

  const post = (body: object, key: string | null = randomUUID(), token = handler.accessToken) => {
    const request = t.http().post('/api/contacts').set(bearer(token));
    if (key !== null) void request.set('Idempotency-Key', key);
    return request.send(body);
  };
  const counts = async () => {
    const [row] = await t.asOwner<Record<string, string>>(
      `SELECT (SELECT count(*) FROM people) AS people,
              (SELECT count(*) FROM person_equality) AS equality,
              (SELECT count(*) FROM consents) AS consents,
              (SELECT count(*) FROM cases) AS cases,
              (SELECT count(*) FROM intake_contacts) AS contacts,
              (SELECT count(*) FROM events) AS events,
              (SELECT count(*) FROM audit_log) AS audit,
              (SELECT count(*) FROM idempotency_keys) AS keys`,
    );
    return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, Number(value)]));
  };
  let serial = 0;
  /** A new person no one else in this file resembles (name and date of birth). */
  const newPerson = (extra: object = {}) => {
    serial += 1;
    const names = [
      'Agnes',
      'Bartholomew',
      'Cuthbert',
      'Dorothea',
      'Ebenezer',
      'Florence',
      'Gideon',
      'Hermione',
      'Ignatius',
      'Josephine',
      'Kenelm',
      'Lavinia',
      'Mortimer',
      'Nerys',
      'Octavia',
      'Peregrine',
      'Quentin',
      'Rosalind',
      'Septimus',
      'Tabitha',
    ];
    return {
      firstName: names[serial % names.length],
      lastName: `Contact${'x'.repeat(serial)}`,
      dateOfBirth: `19${String(40 + serial).padStart(2, '0')}-0${(serial % 9) + 1}-1${serial % 10}`,
      ...extra,
    };
  };
  const consent = { given: true, method: 'verbal', scope: 'all_partners' };

  beforeAll(async () => {
    t = await startTestApp();
    handler = await signedIn(t, 'call_handler');
    otherHandler = await signedIn(t, 'call_handler');
    caseworker = await signedIn(t, 'caseworker');
    partner = await signedIn(t, 'partner');
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a call from a new person: person, equality, consent, case, contact, audit and event together', async () => {
    const before = await counts();
    const response = await post({
      person: newPerson({
        postcode: 'PR25 3AB',
        phone: '07700 900321',
        flags: ['carer'],
        equality: { ageBand: '75+' },
      }),
      channel: 'professional_referral',
      caller: { name: 'Dr A. Patel', relationship: 'GP', organisation: 'Leyland Health Centre' },
      reason: 'Struggling to heat the house; carer for her husband',
      notes: 'Prefers calls in the morning',
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      consent,
    });
    expect(response.status).toBe(201);
    const answer = response.body as ContactAnswer;
    expect(answer.person).toEqual({
      id: expect.any(String),
      areaCode: 'RV-LEY-S',
      version: 1,
      created: true,
    });
    expect(answer.case).toMatchObject({
      personId: answer.person.id,
      status: 'new',
      priority: null,
      dueAt: null,
      opened: true,
    });
    expect(answer.contact).toMatchObject({
      personId: answer.person.id,
      caseId: answer.case.id,
      channel: 'professional_referral',
      caller: { name: 'Dr A. Patel', relationship: 'GP', organisation: 'Leyland Health Centre' },
      reason: 'Struggling to heat the house; carer for her husband',
      notes: 'Prefers calls in the morning',
      handlerUserId: handler.id,
    });
    expect(Date.parse(answer.contact.endedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(answer.contact.startedAt),
    );
    expect(answer.consent).toMatchObject({
      personId: answer.person.id,
      given: true,
      state: 'given',
    });

    const after = await counts();
    expect(after).toEqual({
      ...before,
      people: before.people + 1,
      equality: before.equality + 1,
      consents: before.consents + 1,
      cases: before.cases + 1,
      contacts: before.contacts + 1,
      events: before.events + 1,
      audit: before.audit + 4,
      keys: before.keys + 1,
    });
    const audit = await t.asOwner<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = ANY($1::text[]) ORDER BY id`,
      [[answer.person.id, answer.consent?.id, answer.case.id, answer.contact.id]],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'person.created',
      'consent.recorded',
      'case.opened',
      'contact.recorded',
    ]);
    const events = await t.asOwner(`SELECT type, data FROM events WHERE entity_id = $1`, [
      answer.case.id,
    ]);
    expect(events).toEqual([
      {
        type: 'case.created',
        data: { caseId: answer.case.id, status: 'new', areaCode: 'RV-LEY-S' },
      },
    ]);
  });

  describe('idempotency', () => {
    it('answers a retry with the same status and body, marked as a replay, and creates nothing', async () => {
      const key = randomUUID();
      const body = { person: newPerson(), channel: 'phone', reason: 'Rent arrears', consent };
      const first = await post(body, key);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const before = await counts();
      // Same meaning, fields in another order.
      const retry = await post(
        { consent, reason: 'Rent arrears', channel: 'phone', person: body.person },
        key,
      );
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.text).toBe(first.text);
      expect(await counts()).toEqual(before);
    });

    it('refuses the same key with a different body: 422 IDEMPOTENCY_KEY_REUSED, nothing created', async () => {
      const key = randomUUID();
      const first = await post(
        { person: newPerson(), channel: 'phone', reason: 'Food', consent },
        key,
      );
      expect(first.status).toBe(201);
      const before = await counts();
      const reused = await post(
        { person: newPerson(), channel: 'phone', reason: 'Food', consent },
        key,
      );
      expect(reused.status).toBe(422);
      expect((reused.body as ErrorBody).code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await counts()).toEqual(before);
    });

    it('keeps keys per user: another handler may use the same key', async () => {
      const key = randomUUID();
      const mine = await post(
        { person: newPerson(), channel: 'email', reason: 'Benefits', consent },
        key,
      );
      const theirs = await post(
        { person: newPerson(), channel: 'email', reason: 'Benefits', consent },
        key,
        otherHandler.accessToken,
      );
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect((theirs.body as ContactAnswer).contact.id).not.toBe(
        (mine.body as ContactAnswer).contact.id,
      );
    });

    it('creates exactly one contact for two concurrent requests with one key; both get the same 201', async () => {
      const key = randomUUID();
      const body = { person: newPerson(), channel: 'phone', reason: 'Concurrent retry', consent };
      const before = await counts();
      const [a, b] = await Promise.all([post(body, key), post(body, key)]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body).toEqual(b.body);
      const after = await counts();
      expect(after.contacts).toBe(before.contacts + 1);
      expect(after.people).toBe(before.people + 1);
      expect(after.cases).toBe(before.cases + 1);
      expect(after.consents).toBe(before.consents + 1);
      const replays = [a, b].filter(
        (response) => response.headers['idempotent-replayed'] === 'true',
      );
      expect(replays).toHaveLength(1);
    });

    it('requires a key of 1 to 200 printable characters', async () => {
      const before = await counts();
      const body = { person: newPerson(), channel: 'phone', reason: 'No key', consent };
      const missing = await post(body, null);
      expect(missing.status).toBe(400);
      expect((missing.body as ErrorBody).code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      const long = await post(body, 'k'.repeat(201));
      expect(long.status).toBe(400);
      expect((long.body as ErrorBody).code).toBe('IDEMPOTENCY_KEY_INVALID');
      expect(await counts()).toEqual(before);
    });

    it('leaves nothing after a failure mid-transaction, and the key can then be used', async () => {
      const first = (
        await post({ person: newPerson(), channel: 'phone', reason: 'First', consent })
      ).body as ContactAnswer;
      await t.asOwner(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [
        first.case.id,
      ]);
      const key = randomUUID();
      const before = await counts();
      const closed = await post(
        {
          personId: first.person.id,
          caseId: first.case.id,
          channel: 'phone',
          reason: 'Again',
          consent,
        },
        key,
      );
      expect(closed.status).toBe(409);
      expect((closed.body as ErrorBody).code).toBe('CASE_CLOSED');
      // The consent was written before the case was found closed: it was rolled back with the rest.
      expect(await counts()).toEqual(before);

      const retried = await post(
        { personId: first.person.id, channel: 'phone', reason: 'Again', consent },
        key,
      );
      expect(retried.status).toBe(201);
      expect((retried.body as ContactAnswer).case.id).not.toBe(first.case.id);
    });

    it('stores nothing for a new person when the named case is closed', async () => {
      const first = (
        await post({ person: newPerson(), channel: 'phone', reason: 'First', consent })
      ).body as ContactAnswer;
      await t.asOwner(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [
        first.case.id,
      ]);
      const before = await counts();
      const response = await post({
        person: newPerson(),
        caseId: first.case.id,
        channel: 'phone',
        reason: 'X',
        consent,
      });
      expect(response.status).toBe(409);
      expect(await counts()).toEqual(before);
    });
  });

  describe('existing people and open cases', () => {
    it('logs a contact for someone already recorded, without a consent answer, opening a new case', async () => {
      const first = (
        await post({ person: newPerson(), channel: 'phone', reason: 'First call', consent })
      ).body as ContactAnswer;
      const response = await post(
        { personId: first.person.id, channel: 'walk_in', reason: 'Came in person' },
        randomUUID(),
        caseworker.accessToken,
      );
      expect(response.status).toBe(201);
      const answer = response.body as ContactAnswer;
      expect(answer.person).toEqual({ ...first.person, created: false });
      expect(answer.consent).toBeNull();
      expect(answer.case.opened).toBe(true);
      expect(answer.case.id).not.toBe(first.case.id);
      expect(answer.contact).toMatchObject({
        handlerUserId: caseworker.id,
        caller: null,
        notes: null,
      });
    });

    it('adds a contact to an open case of the same person', async () => {
      const first = (
        await post({ person: newPerson(), channel: 'phone', reason: 'First call', consent })
      ).body as ContactAnswer;
      const before = await counts();
      const response = await post({
        personId: first.person.id,
        caseId: first.case.id,
        channel: 'email',
        reason: 'Follow-up email',
      });
      expect(response.status).toBe(201);
      const answer = response.body as ContactAnswer;
      expect(answer.case).toMatchObject({ id: first.case.id, opened: false });
      const after = await counts();
      expect(after.cases).toBe(before.cases);
      expect(after.events).toBe(before.events);
      expect(after.contacts).toBe(before.contacts + 1);
      const onCase = await t.asOwner(`SELECT id FROM intake_contacts WHERE case_id = $1`, [
        first.case.id,
      ]);
      expect(onCase).toHaveLength(2);
    });

    it("refuses another person's case (422 CASE_PERSON_MISMATCH) and an unknown case or person (404)", async () => {
      const a = (await post({ person: newPerson(), channel: 'phone', reason: 'A', consent }))
        .body as ContactAnswer;
      const b = (await post({ person: newPerson(), channel: 'phone', reason: 'B', consent }))
        .body as ContactAnswer;
      const before = await counts();
      const mismatch = await post({
        personId: a.person.id,
        caseId: b.case.id,
        channel: 'phone',
        reason: 'Wrong case',
      });
      expect(mismatch.status).toBe(422);
      expect((mismatch.body as ErrorBody).code).toBe('CASE_PERSON_MISMATCH');
      const newPersonOldCase = await post({
        person: newPerson(),
        caseId: a.case.id,
        channel: 'phone',
        reason: 'X',
        consent,
      });
      expect(newPersonOldCase.status).toBe(422);
      const noCase = await post({
        personId: a.person.id,
        caseId: randomUUID(),
        channel: 'phone',
        reason: 'X',
      });
      expect(noCase.status).toBe(404);
      expect((noCase.body as ErrorBody).code).toBe('CASE_NOT_FOUND');
      const nobody = await post({ personId: randomUUID(), channel: 'phone', reason: 'X' });
      expect(nobody.status).toBe(404);
      expect((nobody.body as ErrorBody).code).toBe('PERSON_NOT_FOUND');
      expect(await counts()).toEqual(before);
    });

    it('refuses a strong duplicate as a new person (409, ids only), unless the handler confirms', async () => {
      const person = newPerson();
      const first = (await post({ person, channel: 'phone', reason: 'First', consent }))
        .body as ContactAnswer;
      const before = await counts();
      const misspelt = { ...person, firstName: `${person.firstName}e` };
      const refused = await post({ person: misspelt, channel: 'phone', reason: 'Again', consent });
      expect(refused.status).toBe(409);
      const error = refused.body as ErrorBody;
      expect(error.code).toBe('PERSON_POSSIBLE_DUPLICATE');
      expect(error.details?.candidates).toEqual([
        {
          id: first.person.id,
          score: expect.any(Number),
          matched: ['name', 'dateOfBirth'],
          strength: 'strong',
        },
      ]);
      expect(JSON.stringify(error)).not.toContain(person.lastName);
      // Nothing of the call is stored; the one new row is the audit of the candidate revealed.
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
      const [revealed] = await t.asOwner<{ action: string; entity_id: string; via: string }>(
        `SELECT action, entity_id, details->>'via' AS via FROM audit_log ORDER BY id DESC LIMIT 1`,
      );
      expect(revealed).toEqual({
        action: 'person.viewed',
        entity_id: first.person.id,
        via: 'duplicate_check',
      });
      const confirmed = await post({
        person: { ...misspelt, confirmedNewPerson: true },
        channel: 'phone',
        reason: 'Again',
        consent,
      });
      expect(confirmed.status).toBe(201);
      expect((confirmed.body as ContactAnswer).person.id).not.toBe(first.person.id);
    });
  });

  describe('bad input: 400 with field errors, and nothing stored', () => {
    const future = () => new Date(Date.now() + 3_600_000).toISOString();
    it.each([
      [
        'a new person without a consent answer',
        () => ({ person: newPerson(), channel: 'phone', reason: 'X' }),
        'consent',
      ],
      [
        'neither personId nor person',
        () => ({ channel: 'phone', reason: 'X', consent }),
        'personId',
      ],
      [
        'both personId and person',
        () => ({
          personId: randomUUID(),
          person: newPerson(),
          channel: 'phone',
          reason: 'X',
          consent,
        }),
        'personId',
      ],
      [
        'a future date of birth',
        () => ({
          person: newPerson({
            dateOfBirth: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
          }),
          channel: 'phone',
          reason: 'X',
          consent,
        }),
        'person.dateOfBirth',
      ],
      [
        'a malformed phone',
        () => ({ person: newPerson({ phone: '12' }), channel: 'phone', reason: 'X', consent }),
        'person.phone',
      ],
      [
        'a malformed postcode',
        () => ({
          person: newPerson({ postcode: 'NOT A CODE' }),
          channel: 'phone',
          reason: 'X',
          consent,
        }),
        'person.postcode',
      ],
      [
        'an unknown flag',
        () => ({ person: newPerson({ flags: ['rich'] }), channel: 'phone', reason: 'X', consent }),
        'person.flags',
      ],
      [
        'an unknown channel',
        () => ({ person: newPerson(), channel: 'pigeon', reason: 'X', consent }),
        'channel',
      ],
      ['no reason', () => ({ person: newPerson(), channel: 'phone', consent }), 'reason'],
      [
        'a consent without an answer',
        () => ({
          person: newPerson(),
          channel: 'phone',
          reason: 'X',
          consent: { method: 'verbal', scope: 'all_partners' },
        }),
        'consent.given',
      ],
      [
        'named organisations without organisations',
        () => ({
          person: newPerson(),
          channel: 'phone',
          reason: 'X',
          consent: { ...consent, scope: 'named_organisations' },
        }),
        'consent.organisationIds',
      ],
      [
        'an end before the start',
        () => ({
          person: newPerson(),
          channel: 'phone',
          reason: 'X',
          consent,
          startedAt: '2026-01-01T10:00:00Z',
          endedAt: '2026-01-01T09:00:00Z',
        }),
        'endedAt',
      ],
      [
        'a start in the future',
        () => ({
          person: newPerson(),
          channel: 'phone',
          reason: 'X',
          consent,
          startedAt: future(),
        }),
        'startedAt',
      ],
      [
        'an unknown field',
        () => ({ person: newPerson(), channel: 'phone', reason: 'X', consent, priority: 'P1' }),
        'priority',
      ],
    ])('refuses %s', async (_label, body, field) => {
      const before = await counts();
      const response = await post(body());
      expect(response.status).toBe(400);
      const error = response.body as ErrorBody;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details?.fields).toHaveProperty([field]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a consent naming an organisation that is not a partner, storing nothing', async () => {
      const before = await counts();
      const response = await post({
        person: newPerson(),
        channel: 'phone',
        reason: 'X',
        consent: { ...consent, scope: 'named_organisations', organisationIds: [randomUUID()] },
      });
      expect(response.status).toBe(400);
      expect((response.body as ErrorBody).details?.fields).toHaveProperty([
        'consent.organisationIds',
      ]);
      expect(await counts()).toEqual(before);
    });
  });

  it('refuses partner users, storing nothing', async () => {
    const before = await counts();
    const response = await post(
      { person: newPerson(), channel: 'phone', reason: 'X', consent },
      randomUUID(),
      partner.accessToken,
    );
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
