import { randomUUID } from 'node:crypto';
import { bearer, makeUser, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;
type Status = 'new' | 'triaged' | 'active' | 'closed';

// ---------------------------------------------------------------- factories (rows as owner)

async function makePerson(t: TestApp, createdBy: string): Promise<string> {
  const [row] = await t.asOwner<{ id: string }>(
    `INSERT INTO people (first_name, last_name, area_code, created_by)
     VALUES ('Brian', $1, 'RV-LEY-C', $2) RETURNING id`,
    [`Load${randomUUID().slice(0, 6)}`, createdBy],
  );
  return row.id;
}

interface CaseSpec {
  openedBy: string;
  status?: Status;
  priority?: 'P1' | 'P2' | 'P3' | 'P4' | null;
  ownerId?: string | null;
}

async function makeCase(t: TestApp, spec: CaseSpec): Promise<string> {
  const status = spec.status ?? 'triaged';
  const priority = spec.priority === undefined ? (status === 'new' ? null : 'P3') : spec.priority;
  const [row] = await t.asOwner<{ id: string }>(
    `INSERT INTO cases (person_id, status, priority, due_at, owner_user_id, area_code, opened_by, closed_at)
     VALUES ($1, $2::case_status, $3, CASE WHEN $3::case_priority IS NULL THEN NULL ELSE now() + interval '2 days' END,
             $4, 'RV-LEY-C', $5, CASE WHEN $2::case_status = 'closed' THEN now() END)
     RETURNING id`,
    [await makePerson(t, spec.openedBy), status, priority, spec.ownerId ?? null, spec.openedBy],
  );
  return row.id;
}

/** `count` open cases held by `ownerId`, made in one statement. */
async function giveOpenCases(t: TestApp, ownerId: string, openedBy: string, count: number) {
  const personId = await makePerson(t, openedBy);
  await t.asOwner(
    `INSERT INTO cases (person_id, status, priority, due_at, owner_user_id, area_code, opened_by)
     SELECT $1, 'active', 'P3', now() + interval '1 day', $2, 'RV-LEY-C', $3 FROM generate_series(1, $4::int)`,
    [personId, ownerId, openedBy, count],
  );
}

async function openCasesOf(t: TestApp, userId: string): Promise<number> {
  const [row] = await t.asOwner<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases WHERE owner_user_id = $1 AND status <> 'closed'`,
    [userId],
  );
  return row.n;
}

async function auditsBy(t: TestApp, userId: string) {
  return t.asOwner<{ action: string; entity_id: string; details: Record<string, unknown> }>(
    `SELECT action, entity_id, details FROM audit_log
      WHERE actor_user_id = $1 AND action NOT LIKE 'auth.%' ORDER BY id`,
    [userId],
  );
}

// ---------------------------------------------------------------- tests

describe('Assignment and caseload', () => {
  let t: TestApp;
  let lead: Signed;
  let handler: Signed;
  let caseworker: Signed;

  const assign = (token: string, caseId: string, body: object) =>
    t.http().post(`/api/cases/${caseId}/assign`).set(bearer(token)).send(body);
  const reassign = (token: string, body: object) =>
    t.http().post('/api/cases/reassign').set(bearer(token)).send(body);
  const setLimit = (token: string, userId: string, body: object) =>
    t.http().put(`/api/caseload/${userId}/limit`).set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    lead = await signedIn(t, 'team_lead');
    handler = await signedIn(t, 'call_handler');
    caseworker = await signedIn(t, 'caseworker');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/cases/:id/assign', () => {
    it('gives a triaged case to a caseworker: it becomes active; row, event and audit written', async () => {
      const worker = await makeUser(t, 'caseworker');
      const caseId = await makeCase(t, { openedBy: handler.id, status: 'triaged', priority: 'P2' });
      const response = await assign(handler.accessToken, caseId, { ownerId: worker.id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: caseId,
        status: 'active',
        priority: 'P2',
        owner: { id: worker.id, name: 'Test caseworker' },
        version: 2,
      });
      const rows = await t.asOwner<Record<string, unknown>>(
        `SELECT from_user_id, to_user_id, assigned_by, override_reason FROM case_assignments WHERE case_id = $1`,
        [caseId],
      );
      expect(rows).toEqual([
        {
          from_user_id: null,
          to_user_id: worker.id,
          assigned_by: handler.id,
          override_reason: null,
        },
      ]);
      const events = await t.asOwner<{ type: string; data: Record<string, unknown> }>(
        `SELECT type, data FROM events WHERE entity_id = $1`,
        [caseId],
      );
      expect(events).toEqual([
        {
          type: 'case.assigned',
          data: {
            caseId,
            ownerId: worker.id,
            previousOwnerId: null,
            status: 'active',
            priority: 'P2',
            dueAt: expect.any(String),
            areaCode: 'RV-LEY-C',
          },
        },
      ]);
      const audits = await auditsBy(t, handler.id);
      expect(audits.filter((row) => row.entity_id === caseId)).toEqual([
        {
          action: 'case.assigned',
          entity_id: caseId,
          details: { ownerId: worker.id, previousOwnerId: null, assignmentId: expect.any(String) },
        },
      ]);
    });

    it('keeps a new case new until it is triaged; a team lead may hold cases; reassigning records who had it', async () => {
      const caseId = await makeCase(t, { openedBy: handler.id, status: 'new' });
      const first = await assign(handler.accessToken, caseId, { ownerId: caseworker.id });
      expect(first.body).toMatchObject({ status: 'new', owner: { id: caseworker.id } });
      const second = await assign(caseworker.accessToken, caseId, { ownerId: lead.id });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ status: 'new', owner: { id: lead.id }, version: 3 });
      const rows = await t.asOwner<{ from_user_id: string | null; to_user_id: string }>(
        `SELECT from_user_id, to_user_id FROM case_assignments WHERE case_id = $1 ORDER BY assigned_at`,
        [caseId],
      );
      expect(rows).toEqual([
        { from_user_id: null, to_user_id: caseworker.id },
        { from_user_id: caseworker.id, to_user_id: lead.id },
      ]);
      // The same owner again changes nothing.
      const same = await assign(lead.accessToken, caseId, { ownerId: lead.id });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ version: 3 });
      const count = await t.asOwner(`SELECT 1 FROM case_assignments WHERE case_id = $1`, [caseId]);
      expect(count).toHaveLength(2);
    });

    it('only gives cases to active caseworkers and team leads', async () => {
      const caseId = await makeCase(t, { openedBy: handler.id });
      const inactive = await makeUser(t, 'caseworker', { active: false });
      const partner = await makeUser(t, 'partner');
      const admin = await makeUser(t, 'admin');
      for (const ownerId of [handler.id, inactive.id, partner.id, admin.id, randomUUID()]) {
        const response = await assign(lead.accessToken, caseId, { ownerId });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { fields: { ownerId: ['must be an active caseworker or team lead'] } },
        });
      }
      const malformed = await assign(lead.accessToken, caseId, { ownerId: 'bob' });
      expect(malformed.status).toBe(400);
      const closed = await makeCase(t, { openedBy: handler.id, status: 'closed' });
      const onClosed = await assign(lead.accessToken, closed, { ownerId: caseworker.id });
      expect(onClosed.status).toBe(409);
      expect(onClosed.body).toMatchObject({ code: 'CASE_CLOSED' });
      const stale = await assign(lead.accessToken, caseId, { ownerId: caseworker.id, version: 9 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'CASE_VERSION_CONFLICT' });
      const rows = await t.asOwner(`SELECT 1 FROM case_assignments WHERE case_id = $1`, [caseId]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('caseload limits', () => {
    it('refuses past the configured default limit (50), until a team lead overrides with a reason', async () => {
      const worker = await makeUser(t, 'caseworker');
      await giveOpenCases(t, worker.id, handler.id, 49);
      const fiftieth = await makeCase(t, { openedBy: handler.id });
      expect((await assign(handler.accessToken, fiftieth, { ownerId: worker.id })).status).toBe(
        200,
      );

      const caseId = await makeCase(t, { openedBy: handler.id, status: 'triaged' });
      const refused = await assign(handler.accessToken, caseId, { ownerId: worker.id });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'CASELOAD_LIMIT_REACHED',
        details: { ownerId: worker.id, openCases: 50, limit: 50, adding: 1 },
      });
      const byLeadWithoutReason = await assign(lead.accessToken, caseId, { ownerId: worker.id });
      expect(byLeadWithoutReason.status).toBe(422);
      expect(await openCasesOf(t, worker.id)).toBe(50);

      const overridden = await assign(lead.accessToken, caseId, {
        ownerId: worker.id,
        overrideReason: 'Knows the family from last year',
      });
      expect(overridden.status).toBe(200);
      expect(overridden.body).toMatchObject({ status: 'active', owner: { id: worker.id } });
      expect(await openCasesOf(t, worker.id)).toBe(51);
      const [row] = await t.asOwner<{ override_reason: string; assigned_by: string }>(
        `SELECT override_reason, assigned_by FROM case_assignments WHERE case_id = $1`,
        [caseId],
      );
      expect(row).toEqual({
        override_reason: 'Knows the family from last year',
        assigned_by: lead.id,
      });
      const audits = await auditsBy(t, lead.id);
      expect(audits.filter((entry) => entry.entity_id === caseId)).toEqual([
        {
          action: 'case.assigned_over_limit',
          entity_id: caseId,
          details: { ownerId: worker.id, previousOwnerId: null, assignmentId: expect.any(String) },
        },
      ]);
    });

    it('lets only a team lead (or admin) override: a call handler or caseworker giving a reason gets 403', async () => {
      const worker = await makeUser(t, 'caseworker');
      const caseId = await makeCase(t, { openedBy: handler.id });
      for (const actor of [handler, caseworker]) {
        const response = await assign(actor.accessToken, caseId, {
          ownerId: worker.id,
          overrideReason: 'Please',
        });
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'CASELOAD_OVERRIDE_TEAM_LEAD_ONLY' });
      }
      expect(await openCasesOf(t, worker.id)).toBe(0);
      // Below the limit a team lead's reason is not needed, and not kept.
      const response = await assign(lead.accessToken, caseId, {
        ownerId: worker.id,
        overrideReason: 'Just in case',
      });
      expect(response.status).toBe(200);
      const [row] = await t.asOwner<{ override_reason: string | null }>(
        `SELECT override_reason FROM case_assignments WHERE case_id = $1`,
        [caseId],
      );
      expect(row.override_reason).toBeNull();
    });

    it('applies a worker’s own limit, set and cleared by a team lead; audited', async () => {
      const worker = await makeUser(t, 'caseworker');
      const set = await setLimit(lead.accessToken, worker.id, { limit: 2 });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({
        user: { id: worker.id, name: 'Test caseworker', role: 'caseworker' },
        openCases: 0,
        limit: 2,
        ownLimit: true,
        atLimit: false,
        overLimit: false,
        byPriority: { P1: 0, P2: 0, P3: 0, P4: 0, untriaged: 0 },
      });
      await giveOpenCases(t, worker.id, handler.id, 2);
      const caseId = await makeCase(t, { openedBy: handler.id });
      const refused = await assign(handler.accessToken, caseId, { ownerId: worker.id });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ details: { openCases: 2, limit: 2 } });

      const cleared = await setLimit(lead.accessToken, worker.id, { limit: null });
      expect(cleared.body).toMatchObject({ limit: 50, ownLimit: false, openCases: 2 });
      expect((await assign(handler.accessToken, caseId, { ownerId: worker.id })).status).toBe(200);

      const audits = await auditsBy(t, lead.id);
      expect(audits.filter((entry) => entry.entity_id === worker.id)).toEqual([
        {
          action: 'caseload.limit_set',
          entity_id: worker.id,
          details: { limit: 2, previousLimit: null },
        },
        {
          action: 'caseload.limit_set',
          entity_id: worker.id,
          details: { limit: null, previousLimit: 2 },
        },
      ]);
    });

    it('checks who may set a limit, and to what', async () => {
      const worker = await makeUser(t, 'caseworker');
      for (const body of [{ limit: 0 }, { limit: 501 }, { limit: 2.5 }, { limit: '10' }, {}]) {
        const response = await setLimit(lead.accessToken, worker.id, body);
        expect(response.status).toBe(400);
        expect(response.body).toHaveProperty(['details', 'fields', 'limit']);
      }
      const byCaseworker = await setLimit(caseworker.accessToken, worker.id, { limit: 10 });
      expect(byCaseworker.status).toBe(403);
      const byHandler = await setLimit(handler.accessToken, worker.id, { limit: 10 });
      expect(byHandler.status).toBe(403);
      const notAHolder = await setLimit(lead.accessToken, handler.id, { limit: 10 });
      expect(notAHolder.status).toBe(400);
      const unknown = await setLimit(lead.accessToken, randomUUID(), { limit: 10 });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'USER_NOT_FOUND' });
      const [row] = await t.asOwner<{ caseload_limit: number | null }>(
        `SELECT caseload_limit FROM users WHERE id = $1`,
        [worker.id],
      );
      expect(row.caseload_limit).toBeNull();
    });

    it('lets only one of concurrent assignments at the limit through', async () => {
      // Several workers one case short of their limit, each sent four cases at once.
      const workers = await Promise.all(Array.from({ length: 4 }, () => makeUser(t, 'caseworker')));
      for (const worker of workers) {
        await setLimit(lead.accessToken, worker.id, { limit: 3 });
        await giveOpenCases(t, worker.id, handler.id, 2);
      }
      const attempts = await Promise.all(
        workers.flatMap((worker) =>
          Array.from({ length: 4 }, async () => ({
            worker: worker.id,
            caseId: await makeCase(t, { openedBy: handler.id }),
          })),
        ),
      );
      const responses = await Promise.all(
        attempts.map(async ({ worker, caseId }) => ({
          worker,
          status: (await assign(handler.accessToken, caseId, { ownerId: worker })).status,
        })),
      );
      for (const worker of workers) {
        const statuses = responses
          .filter((response) => response.worker === worker.id)
          .map((response) => response.status)
          .sort();
        expect(statuses).toEqual([200, 422, 422, 422]);
        expect(await openCasesOf(t, worker.id)).toBe(3);
      }
    });
  });

  describe('POST /api/cases/reassign', () => {
    it('moves all of a worker’s open cases in one go, one event each', async () => {
      const from = await makeUser(t, 'caseworker');
      const to = await makeUser(t, 'caseworker');
      const open = [
        await makeCase(t, { openedBy: handler.id, status: 'active', ownerId: from.id }),
        await makeCase(t, { openedBy: handler.id, status: 'triaged', ownerId: from.id }),
        await makeCase(t, { openedBy: handler.id, status: 'new', ownerId: from.id }),
      ].sort();
      const closed = await makeCase(t, {
        openedBy: handler.id,
        status: 'closed',
        ownerId: from.id,
      });
      const response = await reassign(lead.accessToken, { fromUserId: from.id, toUserId: to.id });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ moved: 3, caseIds: open });
      expect(await openCasesOf(t, from.id)).toBe(0);
      expect(await openCasesOf(t, to.id)).toBe(3);
      const statuses = await t.asOwner<{ id: string; status: string; owner_user_id: string }>(
        `SELECT id, status, owner_user_id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id`,
        [[...open, closed]],
      );
      expect(statuses.find((row) => row.id === closed)?.owner_user_id).toBe(from.id);
      expect(
        statuses
          .filter((row) => row.id !== closed)
          .map((row) => row.status)
          .sort(),
      ).toEqual(['active', 'active', 'new']);
      const events = await t.asOwner<{
        entity_id: string;
        data: { ownerId: string; previousOwnerId: string };
      }>(
        `SELECT entity_id, data FROM events WHERE type = 'case.assigned' AND entity_id = ANY($1::uuid[]) ORDER BY entity_id`,
        [open],
      );
      expect(
        events.map((event) => [event.entity_id, event.data.ownerId, event.data.previousOwnerId]),
      ).toEqual(open.map((id) => [id, to.id, from.id]));
      const assignments = await t.asOwner(
        `SELECT 1 FROM case_assignments WHERE from_user_id = $1 AND to_user_id = $2`,
        [from.id, to.id],
      );
      expect(assignments).toHaveLength(3);
      const audits = await auditsBy(t, lead.id);
      expect(audits.filter((row) => open.includes(row.entity_id)).map((row) => row.action)).toEqual(
        ['case.assigned', 'case.assigned', 'case.assigned'],
      );
    });

    it('moves some; refuses (moving none) when one listed is not an open case of the worker', async () => {
      const from = await makeUser(t, 'caseworker');
      const to = await makeUser(t, 'team_lead');
      const a = await makeCase(t, { openedBy: handler.id, status: 'active', ownerId: from.id });
      const b = await makeCase(t, { openedBy: handler.id, status: 'active', ownerId: from.id });
      const some = await reassign(lead.accessToken, {
        fromUserId: from.id,
        toUserId: to.id,
        caseIds: [b],
      });
      expect(some.status).toBe(200);
      expect(some.body).toEqual({ moved: 1, caseIds: [b] });

      const elsewhere = await makeCase(t, { openedBy: handler.id, ownerId: caseworker.id });
      const closed = await makeCase(t, {
        openedBy: handler.id,
        status: 'closed',
        ownerId: from.id,
      });
      const missing = randomUUID();
      const refused = await reassign(lead.accessToken, {
        fromUserId: from.id,
        toUserId: to.id,
        caseIds: [a, elsewhere, closed, missing, b],
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: {
          fields: {
            caseIds: [elsewhere, closed, missing, b].map(
              (id) => `${id} is not an open case of fromUserId`,
            ),
          },
        },
      });
      const [{ owner_user_id: ownerOfA }] = await t.asOwner<{ owner_user_id: string }>(
        `SELECT owner_user_id FROM cases WHERE id = $1`,
        [a],
      );
      expect(ownerOfA).toBe(from.id);
      expect(await openCasesOf(t, from.id)).toBe(1);
      expect(await openCasesOf(t, to.id)).toBe(1);
    });

    it('checks the limit for the total moved; a team lead overrides with a reason', async () => {
      const from = await makeUser(t, 'caseworker');
      const to = await makeUser(t, 'caseworker');
      await setLimit(lead.accessToken, to.id, { limit: 2 });
      await giveOpenCases(t, to.id, handler.id, 1);
      const moving = [
        await makeCase(t, { openedBy: handler.id, status: 'active', ownerId: from.id }),
        await makeCase(t, { openedBy: handler.id, status: 'active', ownerId: from.id }),
      ].sort();
      const refused = await reassign(lead.accessToken, { fromUserId: from.id, toUserId: to.id });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'CASELOAD_LIMIT_REACHED',
        details: { openCases: 1, limit: 2, adding: 2 },
      });
      expect(await openCasesOf(t, from.id)).toBe(2);

      const overridden = await reassign(lead.accessToken, {
        fromUserId: from.id,
        toUserId: to.id,
        overrideReason: 'Covering a long absence',
      });
      expect(overridden.body).toEqual({ moved: 2, caseIds: moving });
      const rows = await t.asOwner<{ override_reason: string }>(
        `SELECT override_reason FROM case_assignments WHERE case_id = ANY($1::uuid[])`,
        [moving],
      );
      expect(rows.map((row) => row.override_reason)).toEqual([
        'Covering a long absence',
        'Covering a long absence',
      ]);
      const audits = await auditsBy(t, lead.id);
      expect(
        audits.filter((row) => moving.includes(row.entity_id)).map((row) => row.action),
      ).toEqual(['case.assigned_over_limit', 'case.assigned_over_limit']);
    });

    it('is for team leads and admins, between two different workers', async () => {
      const from = await makeUser(t, 'caseworker');
      const to = await makeUser(t, 'caseworker');
      for (const actor of [handler, caseworker]) {
        const response = await reassign(actor.accessToken, {
          fromUserId: from.id,
          toUserId: to.id,
        });
        expect(response.status).toBe(403);
      }
      const same = await reassign(lead.accessToken, { fromUserId: from.id, toUserId: from.id });
      expect(same.status).toBe(400);
      expect(same.body).toHaveProperty(['details', 'fields', 'toUserId']);
      const toHandler = await reassign(lead.accessToken, {
        fromUserId: from.id,
        toUserId: handler.id,
      });
      expect(toHandler.status).toBe(400);
      expect(toHandler.body).toHaveProperty(['details', 'fields', 'toUserId']);
      const fromNobody = await reassign(lead.accessToken, {
        fromUserId: randomUUID(),
        toUserId: to.id,
      });
      expect(fromNobody.status).toBe(400);
      expect(fromNobody.body).toHaveProperty(['details', 'fields', 'fromUserId']);
      const emptyList = await reassign(lead.accessToken, {
        fromUserId: from.id,
        toUserId: to.id,
        caseIds: [],
      });
      expect(emptyList.status).toBe(400);
      const nothingOpen = await reassign(lead.accessToken, {
        fromUserId: from.id,
        toUserId: to.id,
      });
      expect(nothingOpen.body).toEqual({ moved: 0, caseIds: [] });
    });
  });

  describe('GET /api/caseload', () => {
    it('shows each active caseworker and team lead, by name, with open cases by priority against the limit', async () => {
      const zoe = await makeUser(t, 'caseworker');
      const adam = await makeUser(t, 'team_lead');
      const gone = await makeUser(t, 'caseworker', { active: false });
      await t.asOwner(`UPDATE users SET name = 'Zoe Zephyr' WHERE id = $1`, [zoe.id]);
      await t.asOwner(`UPDATE users SET name = 'Adam Aardvark' WHERE id = $1`, [adam.id]);
      await setLimit(lead.accessToken, adam.id, { limit: 3 });
      for (const priority of ['P1', 'P2', 'P2', null] as const) {
        await makeCase(t, {
          openedBy: handler.id,
          status: priority === null ? 'new' : 'active',
          priority,
          ownerId: adam.id,
        });
      }
      await makeCase(t, { openedBy: handler.id, status: 'closed', ownerId: adam.id });
      await makeCase(t, {
        openedBy: handler.id,
        status: 'active',
        priority: 'P4',
        ownerId: zoe.id,
      });

      const viewer = await signedIn(t, 'call_handler');
      const response = await t.http().get('/api/caseload').set(bearer(viewer.accessToken));
      expect(response.status).toBe(200);
      const entries = response.body as { user: { id: string; name: string; role: string } }[];
      const names = entries.map((entry) => entry.user.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(names[0]).toBe('Adam Aardvark');
      expect(names.at(-1)).toBe('Zoe Zephyr');
      const ids = entries.map((entry) => entry.user.id);
      expect(ids).not.toContain(gone.id);
      expect(ids).not.toContain(handler.id);
      expect(entries.every((entry) => ['caseworker', 'team_lead'].includes(entry.user.role))).toBe(
        true,
      );
      expect(entries[0]).toEqual({
        user: { id: adam.id, name: 'Adam Aardvark', role: 'team_lead' },
        openCases: 4,
        limit: 3,
        ownLimit: true,
        atLimit: true,
        overLimit: true,
        byPriority: { P1: 1, P2: 2, P3: 0, P4: 0, untriaged: 1 },
      });
      expect(entries.at(-1)).toMatchObject({
        openCases: 1,
        limit: 50,
        overLimit: false,
        byPriority: { P4: 1 },
      });
    });
  });
});
