import { randomUUID } from 'node:crypto';
import { caseQueueSql } from '../../src/cases/case.queries.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;

// ---------------------------------------------------------------- factories (rows as owner)

interface PersonSpec {
  firstName?: string;
  lastName?: string;
  preferredName?: string | null;
  areaCode?: string | null;
  createdBy: string;
}

async function makePerson(t: TestApp, spec: PersonSpec): Promise<string> {
  const [row] = await t.asOwner<{ id: string }>(
    `INSERT INTO people (first_name, last_name, preferred_name, date_of_birth, postcode, area_code, flags, created_by)
     VALUES ($1, $2, $3, '1950-04-02', 'PR25 1DH', $4, '{lives_alone}', $5) RETURNING id`,
    [
      spec.firstName ?? 'Margaret',
      spec.lastName ?? `Case${randomUUID().slice(0, 6)}`,
      spec.preferredName ?? null,
      spec.areaCode ?? 'RV-LEY-C',
      spec.createdBy,
    ],
  );
  return row.id;
}

interface CaseSpec {
  openedBy: string;
  personId?: string;
  status?: 'new' | 'triaged' | 'active' | 'closed';
  priority?: 'P1' | 'P2' | 'P3' | 'P4' | null;
  dueAt?: Date | null;
  ownerId?: string | null;
  areaCode?: string | null;
  needs?: { code: string; severity: number }[];
  safeguarding?: boolean;
  openedAt?: Date;
}

async function makeCase(t: TestApp, spec: CaseSpec): Promise<{ id: string; personId: string }> {
  const personId =
    spec.personId ??
    (await makePerson(t, { createdBy: spec.openedBy, areaCode: spec.areaCode ?? 'RV-LEY-C' }));
  const needs = spec.needs ?? [];
  const status = spec.status ?? 'new';
  const [row] = await t.asOwner<{ id: string }>(
    `INSERT INTO cases (person_id, status, priority, due_at, owner_user_id, area_code, needs, need_codes,
                        risks, safeguarding, opened_by, opened_at, closed_at, close_reason, close_notes, closed_by)
     VALUES ($1, $2::case_status, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
             CASE WHEN $2::case_status = 'closed' THEN now() END,
             CASE WHEN $2::case_status = 'closed' THEN 'support_complete'::case_close_reason END,
             CASE WHEN $2::case_status = 'closed' THEN 'Done.' END,
             CASE WHEN $2::case_status = 'closed' THEN $11::uuid END)
     RETURNING id`,
    [
      personId,
      status,
      spec.priority ?? null,
      spec.dueAt ?? null,
      spec.ownerId ?? null,
      spec.areaCode === undefined ? 'RV-LEY-C' : spec.areaCode,
      JSON.stringify(needs),
      needs.map((need) => need.code),
      spec.safeguarding === true ? ['adult_safeguarding'] : [],
      spec.safeguarding ?? false,
      spec.openedBy,
      spec.openedAt ?? new Date(),
    ],
  );
  return { id: row.id, personId };
}

async function makeService(t: TestApp, name: string): Promise<string> {
  const organisation = await makeOrganisation(t, 'partner');
  const [row] = await t.asOwner<{ id: string }>(
    `INSERT INTO services (organisation_id, receiving_organisation_id, name) VALUES ($1, $1, $2) RETURNING id`,
    [organisation.id, name],
  );
  return row.id;
}

const minutesFrom = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  details: Record<string, unknown>;
}

async function auditsBy(t: TestApp, userId: string): Promise<AuditRow[]> {
  return t.asOwner<AuditRow>(
    `SELECT action, entity_type, entity_id, details FROM audit_log WHERE actor_user_id = $1 AND action NOT LIKE 'auth.%' ORDER BY id`,
    [userId],
  );
}

// ---------------------------------------------------------------- tests

describe('Cases: the queue, a case, its timeline, notes and closing', () => {
  let t: TestApp;
  let handler: Signed;
  let caseworker1: Signed;
  let caseworker2: Signed;
  let partner: Signed;

  beforeAll(async () => {
    t = await startTestApp();
    handler = await signedIn(t, 'call_handler');
    caseworker1 = await signedIn(t, 'caseworker');
    caseworker2 = await signedIn(t, 'caseworker');
    partner = await signedIn(t, 'partner');
    await t.asOwner(`UPDATE users SET name = 'Cath Worker' WHERE id = $1`, [caseworker1.id]);
  });
  afterAll(async () => {
    await t.close();
  });

  // Runs first, on a database holding only its own cases.
  describe('GET /api/cases: the team queue', () => {
    const ids: Record<string, string> = {};
    const people: Record<string, string> = {};
    let order: string[];
    const now = new Date();
    const sameDue = minutesFrom(now, 60);

    const list = async (query: string, token = handler.accessToken) => {
      const response = await t.http().get(`/api/cases?${query}`).set(bearer(token));
      return response;
    };
    const listed = async (query: string) => {
      const response = await list(query);
      expect(response.status).toBe(200);
      return (response.body as { items: { id: string }[] }).items.map((item) => {
        const name = Object.entries(ids).find(([, id]) => id === item.id)?.[0];
        return name ?? item.id;
      });
    };

    beforeAll(async () => {
      const specs: Record<string, Omit<CaseSpec, 'openedBy'>> = {
        A: {
          status: 'triaged',
          priority: 'P2',
          dueAt: minutesFrom(now, 120),
          areaCode: 'RV-LEY-C',
          needs: [{ code: 'money.debt', severity: 2 }],
        },
        B: {
          status: 'triaged',
          priority: 'P2',
          dueAt: sameDue,
          areaCode: 'RV-PEN-E',
          needs: [{ code: 'housing.homelessness', severity: 3 }],
        },
        G: {
          status: 'triaged',
          priority: 'P2',
          dueAt: sameDue,
          areaCode: 'RV-PEN-W',
          needs: [{ code: 'housing.repairs', severity: 1 }],
        },
        C: {
          status: 'active',
          priority: 'P1',
          dueAt: minutesFrom(now, -60),
          areaCode: 'RV-LEY-S',
          ownerId: caseworker1.id,
          safeguarding: true,
          needs: [{ code: 'safety.domestic_abuse', severity: 3 }],
        },
        D: { status: 'new', areaCode: 'RV-LEY-C' },
        E: {
          status: 'closed',
          priority: 'P3',
          dueAt: minutesFrom(now, -2 * 24 * 60),
          areaCode: 'RV-BAM-B',
          ownerId: caseworker2.id,
          needs: [{ code: 'money.benefits', severity: 1 }],
        },
        F: {
          status: 'active',
          priority: 'P3',
          dueAt: minutesFrom(now, 3 * 24 * 60),
          areaCode: 'RV-RUR-L',
          ownerId: caseworker2.id,
          needs: [
            { code: 'money.budgeting', severity: 1 },
            { code: 'food', severity: 2 },
          ],
        },
      };
      for (const [name, spec] of Object.entries(specs)) {
        const personId = await makePerson(t, {
          createdBy: handler.id,
          firstName: `First${name}`,
          lastName: `Last${name}`,
          preferredName: name === 'C' ? 'Peggy' : null,
          areaCode: spec.areaCode ?? null,
        });
        const made = await makeCase(t, { ...spec, openedBy: handler.id, personId });
        ids[name] = made.id;
        people[name] = personId;
      }
      const [first, second] = [ids.B, ids.G].sort();
      const sameDueInIdOrder = [first === ids.B ? 'B' : 'G', second === ids.B ? 'B' : 'G'];
      order = ['C', ...sameDueInIdOrder, 'A', 'E', 'F', 'D'];
    });

    it('orders P1 first, untriaged last, then by due time, then id; with the page and total', async () => {
      const response = await list('');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 7, page: 1, perPage: 20 });
      expect(await listed('')).toEqual(order);
      expect(await listed('perPage=2&page=2')).toEqual(order.slice(2, 4));
      // An empty filter (as a form sends it) is no filter.
      expect(await listed('status=&priority=&need=')).toEqual(order);
      expect((await list('perPage=2&page=2')).body).toMatchObject({ total: 7, perPage: 2 });
      const past = await list('page=9');
      expect(past.body).toMatchObject({ items: [], total: 7 });
    });

    it('shows what a queue row needs: owner, overdue, needs, person’s display name', async () => {
      const response = await list('priority=P1');
      const [item] = (response.body as { items: Record<string, unknown>[] }).items;
      expect(item).toEqual({
        id: ids.C,
        status: 'active',
        priority: 'P1',
        dueAt: minutesFrom(now, -60).toISOString(),
        overdue: true,
        owner: { id: caseworker1.id, name: 'Cath Worker' },
        areaCode: 'RV-LEY-S',
        needs: [{ code: 'safety.domestic_abuse', severity: 3 }],
        risks: ['adult_safeguarding'],
        safeguarding: true,
        openedAt: expect.any(String),
        person: { id: people.C, displayName: 'Peggy LastC' },
        version: 1,
      });
      const untriaged = (await list('status=new')).body as { items: Record<string, unknown>[] };
      expect(untriaged.items[0]).toMatchObject({
        id: ids.D,
        priority: null,
        dueAt: null,
        overdue: false,
        owner: null,
        person: { displayName: 'FirstD LastD' },
      });
    });

    it('filters by status and priority, each and together (the queue index case)', async () => {
      expect(await listed('status=triaged&priority=P2')).toEqual(
        order.filter((name) => ['A', 'B', 'G'].includes(name)),
      );
      expect(await listed('status=triaged,active')).toEqual(
        order.filter((name) => ['C', 'B', 'G', 'A', 'F'].includes(name)),
      );
      expect(await listed('status=closed')).toEqual(['E']);
      expect(await listed('priority=P3')).toEqual(['E', 'F']);
      expect(await listed('priority=P1&priority=P3')).toEqual(['C', 'E', 'F']);
    });

    it('filters by owner (or none), overdue, area with the areas inside it, need with the needs under it', async () => {
      expect(await listed(`ownerId=${caseworker2.id}`)).toEqual(['E', 'F']);
      expect(await listed('ownerId=none')).toEqual(order.filter((name) => 'ABGD'.includes(name)));
      expect(await listed('overdue=true')).toEqual(['C']);
      expect(await listed('overdue=false')).toEqual(order.filter((name) => name !== 'C'));
      expect(await listed('area=RV-LEY')).toEqual(['C', 'A', 'D']);
      expect(await listed('area=RV-LEY-C')).toEqual(['A', 'D']);
      expect(await listed('area=RV-PEN')).toEqual(order.filter((name) => 'BG'.includes(name)));
      expect(await listed('area=RV')).toEqual(order);
      expect(await listed('need=money')).toEqual(['A', 'E', 'F']);
      expect(await listed('need=money.debt')).toEqual(['A']);
      expect(await listed('need=food,safety')).toEqual(['C', 'F']);
    });

    it('combines filters', async () => {
      expect(await listed(`status=active&need=money&ownerId=${caseworker2.id}`)).toEqual(['F']);
      expect(await listed('area=RV-LEY&status=triaged')).toEqual(['A']);
      expect(await listed('priority=P2&area=RV-PEN&need=housing.homelessness')).toEqual(['B']);
      expect(await listed('overdue=true&status=triaged')).toEqual([]);
      const none = await list('status=active&ownerId=none');
      expect(none.body).toMatchObject({ items: [], total: 0 });
    });

    it('refuses bad filters with field errors', async () => {
      const cases: [string, string, string][] = [
        ['perPage=1000', 'VALIDATION_FAILED', 'perPage'],
        ['perPage=0', 'VALIDATION_FAILED', 'perPage'],
        ['status=open', 'VALIDATION_FAILED', 'status'],
        ['status=new,pending', 'VALIDATION_FAILED', 'status'],
        ['priority=P9', 'VALIDATION_FAILED', 'priority'],
        ['ownerId=someone', 'VALIDATION_FAILED', 'ownerId'],
        ['overdue=maybe', 'VALIDATION_FAILED', 'overdue'],
        ['need=Money!', 'VALIDATION_FAILED', 'need'],
        ['need=money.gold', 'NEED_UNKNOWN', 'need'],
        ['area=ZZ-NOWHERE', 'AREA_UNKNOWN', 'area'],
        ['colour=red', 'VALIDATION_FAILED', 'colour'],
      ];
      for (const [query, code, field] of cases) {
        const response = await list(query);
        expect({
          query,
          status: response.status,
          code: (response.body as { code: string }).code,
        }).toEqual({ query, status: 400, code });
        expect(response.body).toHaveProperty(['details', 'fields', field]);
      }
    });

    it('audits a view of each person listed, in the actor’s name', async () => {
      const viewer = await signedIn(t, 'team_lead');
      const response = await list('status=triaged&priority=P2&perPage=2', viewer.accessToken);
      expect(response.status).toBe(200);
      const shown = order.filter((name) => 'ABG'.includes(name)).slice(0, 2);
      const audits = await auditsBy(t, viewer.id);
      expect(audits.filter((row) => row.action === 'person.listed')).toEqual(
        expect.arrayContaining(
          shown.map((name) => ({
            action: 'person.listed',
            entity_type: 'person',
            entity_id: people[name],
            details: { via: 'case_list' },
          })),
        ),
      );
      expect(audits.filter((row) => row.action === 'person.listed')).toHaveLength(2);
    });
  });

  describe('GET /api/cases/:id and the timeline', () => {
    let caseId: string;
    let personId: string;
    let serviceId: string;
    const base = new Date(Date.now() - 3 * 60 * 60_000);

    beforeAll(async () => {
      personId = await makePerson(t, {
        createdBy: handler.id,
        firstName: 'Joan',
        lastName: 'Whittle',
        preferredName: 'Jo',
        areaCode: 'RV-LEY-C',
      });
      ({ id: caseId } = await makeCase(t, {
        openedBy: handler.id,
        personId,
        status: 'triaged',
        priority: 'P2',
        dueAt: minutesFrom(base, 24 * 60),
        needs: [{ code: 'money.debt', severity: 2 }],
        openedAt: base,
      }));
      // A contact that began before the record was made, as calls do.
      await t.asOwner(
        `INSERT INTO intake_contacts (person_id, case_id, channel, reason, notes, caller_name, caller_relationship, handler_user_id, started_at, ended_at)
         VALUES ($1, $2, 'phone', 'Bailiff letter', 'Worried about the rent', 'Dr Shah', 'GP', $3, $4, $5)`,
        [personId, caseId, handler.id, minutesFrom(base, -5), minutesFrom(base, 10)],
      );
      await t.asOwner(
        `INSERT INTO triages (case_id, needs, risks, safeguarding, notes, priority, due_at, rule, triaged_by, triaged_at)
         VALUES ($1, $2, '{}', false, 'first look', 'P3', $3, 'default', $4, $5),
                ($1, $6, '{homeless_tonight}', false, null, 'P2', $7, 'homeless_tonight', $4, $8)`,
        [
          caseId,
          JSON.stringify([{ code: 'money', severity: 1 }]),
          minutesFrom(base, 5 * 24 * 60),
          handler.id,
          minutesFrom(base, 15),
          JSON.stringify([{ code: 'money.debt', severity: 2 }]),
          minutesFrom(base, 24 * 60),
          minutesFrom(base, 20),
        ],
      );
      serviceId = await makeService(t, 'Leyland debt clinic');
      await t.asOwner(
        `INSERT INTO signposts (case_id, service_id, notes, given_by, given_at) VALUES ($1, $2, 'Gave the number', $3, $4)`,
        [caseId, serviceId, handler.id, minutesFrom(base, 25)],
      );
      // Then, through the API: an assignment, a note, a measure, and the close.
      const assign = await t
        .http()
        .post(`/api/cases/${caseId}/assign`)
        .set(bearer(handler.accessToken))
        .send({ ownerId: caseworker1.id });
      expect(assign.status).toBe(200);
      const note = await t
        .http()
        .post(`/api/cases/${caseId}/notes`)
        .set(bearer(caseworker1.accessToken))
        .send({ body: 'Rang back; letter is from the council tax office.' });
      expect(note.status).toBe(201);
      const measure = await t
        .http()
        .post(`/api/cases/${caseId}/outcome-measures`)
        .set(bearer(caseworker1.accessToken))
        .send({ measure: 'coping', stage: 'baseline', score: 3 });
      expect(measure.status).toBe(201);
    });

    it('shows the case with the person, contacts, signposts, triage, assignments and measures; audited', async () => {
      const viewer = await signedIn(t, 'caseworker');
      const response = await t.http().get(`/api/cases/${caseId}`).set(bearer(viewer.accessToken));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: caseId,
        status: 'active',
        priority: 'P2',
        dueAt: minutesFrom(base, 24 * 60).toISOString(),
        overdue: false,
        owner: { id: caseworker1.id, name: 'Cath Worker' },
        areaCode: 'RV-LEY-C',
        needs: [{ code: 'money.debt', severity: 2 }],
        openedAt: base.toISOString(),
        openedBy: { id: handler.id, name: 'Test call_handler' },
        person: {
          id: personId,
          firstName: 'Joan',
          lastName: 'Whittle',
          preferredName: 'Jo',
          displayName: 'Jo Whittle',
          dateOfBirth: '1950-04-02',
          postcode: 'PR25 1DH',
          areaCode: 'RV-LEY-C',
          flags: ['lives_alone'],
        },
        contacts: [
          {
            channel: 'phone',
            reason: 'Bailiff letter',
            notes: 'Worried about the rent',
            callerName: 'Dr Shah',
            callerRelationship: 'GP',
            callerOrganisation: null,
            handler: { id: handler.id },
            startedAt: minutesFrom(base, -5).toISOString(),
            endedAt: minutesFrom(base, 10).toISOString(),
          },
        ],
        signposts: [
          {
            service: { id: serviceId, name: 'Leyland debt clinic' },
            notes: 'Gave the number',
            givenBy: { id: handler.id },
          },
        ],
        triage: {
          count: 2,
          latest: {
            priority: 'P2',
            rule: 'homeless_tonight',
            risks: ['homeless_tonight'],
            needs: [{ code: 'money.debt', severity: 2 }],
            triagedAt: minutesFrom(base, 20).toISOString(),
          },
        },
        assignments: [
          {
            from: null,
            to: { id: caseworker1.id, name: 'Cath Worker' },
            assignedBy: { id: handler.id },
            overrideReason: null,
          },
        ],
        outcomeMeasures: [
          {
            measure: 'coping',
            baseline: { score: 3 },
            latestFollowUp: null,
            change: null,
            higherIsBetter: true,
          },
        ],
        closed: null,
        version: 2,
      });
      const audits = await auditsBy(t, viewer.id);
      expect(audits).toEqual([
        { action: 'case.viewed', entity_type: 'case', entity_id: caseId, details: { via: 'case' } },
        {
          action: 'person.viewed',
          entity_type: 'person',
          entity_id: personId,
          details: { via: 'case', caseId },
        },
      ]);
    });

    it('tells everything that happened, oldest first, with who did it; audited as a view', async () => {
      const close = await t
        .http()
        .post(`/api/cases/${caseId}/close`)
        .set(bearer(caseworker1.accessToken))
        .send({ reason: 'signposted', notes: 'Debt clinic has it in hand.' });
      expect(close.status).toBe(200);

      const viewer = await signedIn(t, 'call_handler');
      const response = await t
        .http()
        .get(`/api/cases/${caseId}/timeline`)
        .set(bearer(viewer.accessToken));
      expect(response.status).toBe(200);
      const body = response.body as {
        caseId: string;
        items: { at: string; type: string; actor: { id: string; name: string }; data: object }[];
      };
      expect(body.caseId).toBe(caseId);
      expect(body.items.map((entry) => entry.type)).toEqual([
        'contact',
        'opened',
        'triage',
        'triage',
        'signpost',
        'assignment',
        'note',
        'outcome_measure',
        'closed',
      ]);
      const times = body.items.map((entry) => Date.parse(entry.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const [contact, opened, firstTriage, triage, signpost, assignment, note, measure, closed] =
        body.items;
      expect(contact).toMatchObject({
        at: minutesFrom(base, -5).toISOString(),
        actor: { id: handler.id, name: 'Test call_handler' },
        data: { channel: 'phone', reason: 'Bailiff letter', callerRelationship: 'GP' },
      });
      expect(opened).toMatchObject({ at: base.toISOString(), data: { personId } });
      expect(firstTriage.data).toMatchObject({ priority: 'P3', rule: 'default', needs: ['money'] });
      expect(triage.data).toMatchObject({
        priority: 'P2',
        rule: 'homeless_tonight',
        needs: ['money.debt'],
        risks: ['homeless_tonight'],
        dueAt: minutesFrom(base, 24 * 60).toISOString(),
      });
      expect(signpost.data).toMatchObject({ serviceId, serviceName: 'Leyland debt clinic' });
      expect(assignment).toMatchObject({
        actor: { id: handler.id },
        data: { from: null, to: { id: caseworker1.id, name: 'Cath Worker' } },
      });
      expect(note).toMatchObject({
        actor: { id: caseworker1.id, name: 'Cath Worker' },
        data: { body: 'Rang back; letter is from the council tax office.' },
      });
      expect(measure.data).toMatchObject({ measure: 'coping', stage: 'baseline', score: 3 });
      expect(closed).toMatchObject({
        actor: { id: caseworker1.id },
        data: { reason: 'signposted', notes: 'Debt clinic has it in hand.' },
      });

      expect(await auditsBy(t, viewer.id)).toEqual([
        {
          action: 'case.viewed',
          entity_type: 'case',
          entity_id: caseId,
          details: { via: 'case_timeline' },
        },
        {
          action: 'person.viewed',
          entity_type: 'person',
          entity_id: personId,
          details: { via: 'case_timeline', caseId },
        },
      ]);
    });
  });

  describe('POST /api/cases/:id/notes', () => {
    it('adds a note, audited without its words', async () => {
      const { id } = await makeCase(t, { openedBy: handler.id });
      const writer = await signedIn(t, 'caseworker');
      const response = await t
        .http()
        .post(`/api/cases/${id}/notes`)
        .set(bearer(writer.accessToken))
        .send({ body: '  Neighbour says she has not been seen for days.  ' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        caseId: id,
        body: 'Neighbour says she has not been seen for days.',
        writtenBy: { id: writer.id, name: 'Test caseworker' },
        writtenAt: expect.any(String),
      });
      const [stored] = await t.asOwner<{ body: string; written_by: string }>(
        `SELECT body, written_by FROM case_notes WHERE case_id = $1`,
        [id],
      );
      expect(stored).toEqual({
        body: 'Neighbour says she has not been seen for days.',
        written_by: writer.id,
      });
      const audits = await auditsBy(t, writer.id);
      expect(audits).toEqual([
        {
          action: 'case.note_added',
          entity_type: 'case',
          entity_id: id,
          details: { noteId: (response.body as { id: string }).id },
        },
      ]);
      expect(JSON.stringify(audits)).not.toContain('Neighbour');
    });

    it('refuses an empty note, and notes on a closed case', async () => {
      const { id } = await makeCase(t, { openedBy: handler.id });
      for (const body of [{}, { body: '   ' }, { body: 42 }, { body: 'ok', extra: 1 }]) {
        const response = await t
          .http()
          .post(`/api/cases/${id}/notes`)
          .set(bearer(handler.accessToken))
          .send(body);
        expect(response.status).toBe(400);
      }
      const closed = await makeCase(t, { openedBy: handler.id, status: 'closed' });
      const response = await t
        .http()
        .post(`/api/cases/${closed.id}/notes`)
        .set(bearer(handler.accessToken))
        .send({ body: 'Late news' });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'CASE_CLOSED' });
      const notes = await t.asOwner(`SELECT 1 FROM case_notes WHERE case_id = ANY($1::uuid[])`, [
        [id, closed.id],
      ]);
      expect(notes).toHaveLength(0);
    });
  });

  describe('POST /api/cases/:id/close', () => {
    it('closes with a reason and a note, once; announced and audited', async () => {
      const { id } = await makeCase(t, {
        openedBy: handler.id,
        status: 'active',
        priority: 'P3',
        dueAt: minutesFrom(new Date(), -10),
        ownerId: caseworker2.id,
        areaCode: 'RV-BAM-W',
      });
      const closer = await signedIn(t, 'caseworker');
      const response = await t
        .http()
        .post(`/api/cases/${id}/close`)
        .set(bearer(closer.accessToken))
        .send({ reason: 'support_complete', notes: 'Debts now in a payment plan.' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id,
        status: 'closed',
        overdue: false,
        owner: { id: caseworker2.id },
        closedAt: expect.any(String),
        version: 2,
      });
      const [row] = await t.asOwner<Record<string, unknown>>(
        `SELECT status, close_reason, close_notes, closed_by FROM cases WHERE id = $1`,
        [id],
      );
      expect(row).toEqual({
        status: 'closed',
        close_reason: 'support_complete',
        close_notes: 'Debts now in a payment plan.',
        closed_by: closer.id,
      });
      const events = await t.asOwner<{ type: string; data: Record<string, unknown> }>(
        `SELECT type, data FROM events WHERE entity_id = $1 ORDER BY id`,
        [id],
      );
      expect(events).toEqual([
        {
          type: 'case.closed',
          data: {
            caseId: id,
            status: 'closed',
            priority: 'P3',
            ownerId: caseworker2.id,
            areaCode: 'RV-BAM-W',
          },
        },
      ]);
      expect(await auditsBy(t, closer.id)).toEqual([
        {
          action: 'case.closed',
          entity_type: 'case',
          entity_id: id,
          details: { reason: 'support_complete' },
        },
      ]);

      const again = await t
        .http()
        .post(`/api/cases/${id}/close`)
        .set(bearer(closer.accessToken))
        .send({ reason: 'duplicate', notes: 'Again' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CASE_CLOSED' });
    });

    it('needs a known reason and a note; a stale version is refused; nothing changes', async () => {
      const { id } = await makeCase(t, { openedBy: handler.id });
      const bodies: [object, string][] = [
        [{ reason: 'support_complete' }, 'notes'],
        [{ reason: 'support_complete', notes: '  ' }, 'notes'],
        [{ reason: 'bored', notes: 'x' }, 'reason'],
        [{ notes: 'x' }, 'reason'],
      ];
      for (const [body, field] of bodies) {
        const response = await t
          .http()
          .post(`/api/cases/${id}/close`)
          .set(bearer(handler.accessToken))
          .send(body);
        expect(response.status).toBe(400);
        expect(response.body).toHaveProperty(['details', 'fields', field]);
      }
      const stale = await t
        .http()
        .post(`/api/cases/${id}/close`)
        .set(bearer(handler.accessToken))
        .send({ reason: 'duplicate', notes: 'Same as the other one', version: 7 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'CASE_VERSION_CONFLICT' });
      const [row] = await t.asOwner<{ status: string }>(`SELECT status FROM cases WHERE id = $1`, [
        id,
      ]);
      expect(row.status).toBe('new');
      const events = await t.asOwner(`SELECT 1 FROM events WHERE entity_id = $1`, [id]);
      expect(events).toHaveLength(0);
    });
  });

  describe('who may, and what does not exist', () => {
    it('refuses partner users on every cases route', async () => {
      const { id } = await makeCase(t, { openedBy: handler.id });
      const routes: [string, string, object?][] = [
        ['get', '/api/cases'],
        ['get', `/api/cases/${id}`],
        ['get', `/api/cases/${id}/timeline`],
        ['post', `/api/cases/${id}/notes`, { body: 'x' }],
        ['post', `/api/cases/${id}/assign`, { ownerId: caseworker1.id }],
        ['post', '/api/cases/reassign', { fromUserId: caseworker1.id, toUserId: caseworker2.id }],
        [
          'post',
          `/api/cases/${id}/outcome-measures`,
          { measure: 'coping', stage: 'baseline', score: 5 },
        ],
        ['post', `/api/cases/${id}/close`, { reason: 'other', notes: 'x' }],
        ['get', '/api/caseload'],
        ['put', `/api/caseload/${caseworker1.id}/limit`, { limit: 10 }],
      ];
      for (const [method, path, body] of routes) {
        const request =
          method === 'get'
            ? t.http().get(path)
            : method === 'put'
              ? t.http().put(path).send(body)
              : t.http().post(path).send(body);
        const response = await request.set(bearer(partner.accessToken));
        expect({ route: `${method} ${path}`, status: response.status }).toEqual({
          route: `${method} ${path}`,
          status: 403,
        });
      }
      const [row] = await t.asOwner<{ version: number }>(
        `SELECT version FROM cases WHERE id = $1`,
        [id],
      );
      expect(row.version).toBe(1);
      expect(await auditsBy(t, partner.id)).toEqual([]);
    });

    it('answers 404 for a case that does not exist, 400 for an id that is not one', async () => {
      const missing = randomUUID();
      const routes: [string, string, object?][] = [
        ['get', `/api/cases/${missing}`],
        ['get', `/api/cases/${missing}/timeline`],
        ['post', `/api/cases/${missing}/notes`, { body: 'x' }],
        ['post', `/api/cases/${missing}/assign`, { ownerId: caseworker1.id }],
        [
          'post',
          `/api/cases/${missing}/outcome-measures`,
          { measure: 'coping', stage: 'baseline', score: 5 },
        ],
        ['post', `/api/cases/${missing}/close`, { reason: 'other', notes: 'x' }],
      ];
      for (const [method, path, body] of routes) {
        const response =
          method === 'get'
            ? await t.http().get(path).set(bearer(handler.accessToken))
            : await t.http().post(path).set(bearer(handler.accessToken)).send(body);
        expect({
          path,
          status: response.status,
          code: (response.body as { code: string }).code,
        }).toEqual({ path, status: 404, code: 'CASE_NOT_FOUND' });
      }
      const malformed = await t
        .http()
        .get('/api/cases/not-a-case')
        .set(bearer(handler.accessToken));
      expect(malformed.status).toBe(400);
    });
  });
  // Runs last: it fills the database.
  describe('the queue over a large caseload', () => {
    interface PlanNode {
      'Node Type': string;
      'Index Name'?: string;
      'Relation Name'?: string;
      Plans?: PlanNode[];
    }
    const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

    beforeAll(async () => {
      await t.asOwner(
        `INSERT INTO people (first_name, last_name, area_code, created_by)
         SELECT 'Bulk', 'Person' || i, (ARRAY['RV-LEY-C','RV-PEN-E','RV-BAM-B','RV-RUR-L'])[1 + i % 4], $1
           FROM generate_series(1, 50000) AS i`,
        [handler.id],
      );
      await t.asOwner(
        `INSERT INTO cases (person_id, status, priority, due_at, area_code, need_codes, opened_by)
         SELECT p.id, s.status, CASE WHEN s.status = 'new' THEN NULL ELSE s.priority END,
                CASE WHEN s.status = 'new' THEN NULL ELSE now() + make_interval(mins => (p.i * 7907 % 86400)::int - 43200) END,
                p.area_code, ARRAY[(ARRAY['money.debt','food','housing.repairs'])[1 + p.i % 3]], $1
           FROM (SELECT id, area_code, row_number() OVER (ORDER BY id) AS i FROM people WHERE first_name = 'Bulk') p,
           LATERAL (SELECT (CASE WHEN p.i % 100 < 60 THEN 'closed' WHEN p.i % 100 < 68 THEN 'new'
                                 WHEN p.i % 100 < 82 THEN 'triaged' ELSE 'active' END)::case_status AS status,
                           (CASE WHEN p.i * 13 % 100 < 3 THEN 'P1' WHEN p.i * 13 % 100 < 20 THEN 'P2'
                                 WHEN p.i * 13 % 100 < 80 THEN 'P3' ELSE 'P4' END)::case_priority AS priority) s`,
        [handler.id],
      );
      await t.asOwner('VACUUM ANALYZE cases, people');
    }, 120_000);

    it('reads the triaged P2 page and its count from IDX_cases_queue, never sorting the queue', async () => {
      const { sql, params } = caseQueueSql({
        statuses: ['triaged'],
        priorities: ['P2'],
        owner: null,
        overdue: null,
        areaCodes: null,
        needCodes: null,
        limit: 20,
        offset: 0,
      });
      const [
        {
          'QUERY PLAN': [plan],
        },
      ] = await t.asOwner<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      const all = nodes(plan.Plan);
      const onCases = all.filter((node) => node['Relation Name'] === 'cases');
      expect(onCases.map((node) => [node['Node Type'], node['Index Name']])).toEqual(
        expect.arrayContaining([
          ['Index Only Scan', 'IDX_cases_queue'],
          ['Index Scan', 'IDX_cases_queue'],
        ]),
      );
      expect(onCases).toHaveLength(2);
      // The only sort is of the 20 rows of the page, above the limit.
      const limit = all.find((node) => node['Node Type'] === 'Limit');
      expect(limit).toBeDefined();
      expect(nodes(limit as PlanNode).some((node) => node['Node Type'] === 'Sort')).toBe(false);

      const response = await t
        .http()
        .get('/api/cases?status=triaged&priority=P2')
        .set(bearer(handler.accessToken));
      expect(response.status).toBe(200);
      const [{ count }] = await t.asOwner<{ count: string }>(
        `SELECT count(*) FROM cases WHERE status = 'triaged' AND priority = 'P2'`,
      );
      expect(response.body).toMatchObject({ total: Number(count) });
      expect((response.body as { items: unknown[] }).items).toHaveLength(20);
    });

    it('merges the statuses in index order for the whole queue', async () => {
      const { sql, params } = caseQueueSql({
        statuses: null,
        priorities: null,
        owner: null,
        overdue: null,
        areaCodes: null,
        needCodes: null,
        limit: 20,
        offset: 0,
      });
      const [
        {
          'QUERY PLAN': [plan],
        },
      ] = await t.asOwner<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      const all = nodes(plan.Plan);
      const merge = all.find((node) => node['Node Type'] === 'Merge Append');
      expect(merge).toBeDefined();
      const scans = nodes(merge as PlanNode).filter((node) => node['Relation Name'] === 'cases');
      expect(scans.map((node) => node['Index Name'])).toEqual(Array(4).fill('IDX_cases_queue'));
    });
  });
});
