import { randomUUID } from 'node:crypto';
import { OverdueSweeper } from '../../src/referral/overdue-sweeper.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';
import {
  ACTION_BODY,
  makeCase,
  makeReferralWorld,
  makeService,
  moveTo,
  sendReferral,
  type ReferralBody,
  type ReferralWorld,
  type Signed,
} from '../support/referrals.js';

interface ListBody {
  items: { id: string; organisation: { id: string }; [field: string]: unknown }[];
  total: number;
  counts: Record<string, number>;
}

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  correlationId: string;
}

/** What a partner must not be able to change on another organisation's referral. */
interface Untouched {
  status: string;
  version: number;
  viewed_at: Date | null;
  updated_at: Date;
  messages: number;
  history: number;
  events: number;
  audits: number;
}

const NO_COUNTS = {
  sent: 0,
  accepted: 0,
  declined: 0,
  in_progress: 0,
  on_hold: 0,
  completed: 0,
  withdrawn: 0,
  overdue: 0,
};

/** The B-side referral each route is aimed at: one from which the action would be allowed. */
type Target = 'sent' | 'accepted' | 'onHold';

interface Route {
  name: string;
  method: 'get' | 'post';
  suffix: string;
  target: Target;
  /** The body (with the target's version when it is a transition). */
  body?: (version: number) => Record<string, unknown>;
}

const transition = (action: string, target: Target): Route => ({
  name: `POST /api/referrals/:id/${action}`,
  method: 'post',
  suffix: `/${action}`,
  target,
  body: (version) => ({ version, ...ACTION_BODY[action] }),
});

const ROUTES: Route[] = [
  { name: 'GET /api/referrals/:id', method: 'get', suffix: '', target: 'sent' },
  transition('accept', 'sent'),
  transition('decline', 'sent'),
  transition('start', 'accepted'),
  transition('hold', 'accepted'),
  transition('resume', 'onHold'),
  transition('complete', 'accepted'),
  { name: 'GET /api/referrals/:id/messages', method: 'get', suffix: '/messages', target: 'sent' },
  {
    name: 'POST /api/referrals/:id/messages',
    method: 'post',
    suffix: '/messages',
    target: 'sent',
    body: () => ({ body: 'Can you tell us whether this person is known to you?' }),
  },
];

describe('Referrals: a partner sees and touches only its own organisation’s', () => {
  let t: TestApp;
  let world: ReferralWorld;
  /** The second partner organisation, its service and user, as a world of its own. */
  let worldB: ReferralWorld;
  let partnerA: Signed;
  let handler: Signed;
  /** A's referrals: sent (overdue), accepted, declined. */
  let a: { sent: ReferralBody; accepted: ReferralBody; declined: ReferralBody };
  /** B's referrals: sent (overdue), accepted, on hold, in progress. */
  let b: {
    sent: ReferralBody;
    accepted: ReferralBody;
    onHold: ReferralBody;
    inProgress: ReferralBody;
  };
  let bIds: string[];
  let aIds: string[];

  /** A referral from a new case (a person of its own) to the world's service. */
  const referTo = async (into: ReferralWorld, person: Record<string, unknown> = {}) => {
    const { caseId } = await makeCase(t, into.handler, { kind: 'all' }, person);
    const sent = await sendReferral(t, into.handler.accessToken, caseId, {
      serviceId: into.serviceId,
    });
    if (sent.status !== 201) throw new Error(`not sent: ${JSON.stringify(sent.body)}`);
    return sent.body;
  };

  const personB = () => ({
    firstName: 'Bronwen',
    lastName: `Quillfeather${randomUUID().slice(0, 6)}`,
    phone: '01772 987654',
  });

  const untouched = async (id: string): Promise<Untouched> => {
    const [row] = await t.asOwner<Untouched>(
      `SELECT r.status, r.version, r.viewed_at, r.updated_at,
              (SELECT count(*)::int FROM referral_messages m WHERE m.referral_id = r.id) AS messages,
              (SELECT count(*)::int FROM referral_history h WHERE h.referral_id = r.id) AS history,
              (SELECT count(*)::int FROM events e WHERE e.entity_id = r.id) AS events,
              (SELECT count(*)::int FROM audit_log l
                WHERE l.entity_type = 'referral' AND l.entity_id = r.id::text) AS audits
         FROM referrals r WHERE r.id = $1`,
      [id],
    );
    return row;
  };

  const list = async (token: string, query: Record<string, string> = {}) => {
    const response = await t.http().get('/api/referrals').query(query).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as ListBody;
  };

  const call = (route: Route, id: string, token: string, version: number) => {
    const path = `/api/referrals/${id}${route.suffix}`;
    const req = route.method === 'get' ? t.http().get(path) : t.http().post(path);
    req.set(bearer(token));
    return route.body === undefined ? req : req.send(route.body(version));
  };

  beforeAll(async () => {
    t = await startTestApp();
    world = await makeReferralWorld(t);
    partnerA = world.partner;
    handler = world.handler;
    const orgB = await makeOrganisation(t, 'partner');
    worldB = {
      ...world,
      partnerOrg: orgB,
      partner: await signedIn(t, 'partner', { organisationId: orgB.id }),
      partnerColleague: await signedIn(t, 'partner', { organisationId: orgB.id }),
      serviceId: await makeService(t, world.admin, orgB.id, { name: 'Housing support' }),
    };

    const aSent = await referTo(world);
    a = {
      sent: aSent,
      accepted: await moveTo(t, world, await referTo(world), 'accepted'),
      declined: await moveTo(t, world, await referTo(world), 'declined'),
    };
    const bSent = await referTo(worldB, personB());
    b = {
      sent: bSent,
      accepted: await moveTo(t, worldB, await referTo(worldB, personB()), 'accepted'),
      onHold: await moveTo(t, worldB, await referTo(worldB, personB()), 'on_hold'),
      inProgress: await moveTo(t, worldB, await referTo(worldB, personB()), 'in_progress'),
    };
    aIds = [a.sent.id, a.accepted.id, a.declined.id];
    bIds = [b.sent.id, b.accepted.id, b.onHold.id, b.inProgress.id];

    // The two `sent` referrals fall due and are flagged overdue.
    await t.asOwner(`UPDATE referrals SET due_at = now() - interval '1 hour' WHERE id = ANY($1)`, [
      [a.sent.id, b.sent.id],
    ]);
    await t.app.get(OverdueSweeper).sweep();
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(ROUTES)('$name', (route) => {
    it("answers B's referral exactly as a referral that does not exist, and leaves it as it was", async () => {
      const target = b[route.target];
      const before = await untouched(target.id);

      const other = await call(route, target.id, partnerA.accessToken, before.version);
      const missing = await call(route, randomUUID(), partnerA.accessToken, before.version);

      expect(other.status).toBe(404);
      expect(missing.status).toBe(404);
      const otherBody = other.body as ErrorBody;
      const missingBody = missing.body as ErrorBody;
      expect(otherBody.code).toBe('REFERRAL_NOT_FOUND');
      expect(Object.keys(otherBody).sort()).toEqual(['code', 'correlationId', 'message']);
      expect(Object.keys(missingBody).sort()).toEqual(['code', 'correlationId', 'message']);
      expect({ code: otherBody.code, message: otherBody.message }).toEqual({
        code: missingBody.code,
        message: missingBody.message,
      });
      expect(await untouched(target.id)).toEqual(before);
      expect(before.viewed_at).toBeNull();

      // A read of A's own referral by the same route does answer (the route itself works).
      if (route.method === 'get') {
        const own = await call(route, a.accepted.id, partnerA.accessToken, a.accepted.version);
        expect(own.status).toBe(200);
      }
    });
  });

  it("lists only A's referrals to A's partner, with A's total and counts", async () => {
    const page = await list(partnerA.accessToken, { perPage: '100' });
    expect(page.items.map((item) => item.id).sort()).toEqual([...aIds].sort());
    expect(page.items.every((item) => item.organisation.id === world.partnerOrg.id)).toBe(true);
    expect(page.total).toBe(3);
    expect(page.counts).toEqual({ ...NO_COUNTS, sent: 1, accepted: 1, declined: 1, overdue: 1 });
  });

  it.each([
    [{ status: 'sent' }, () => [a.sent.id]],
    [{ status: 'accepted,in_progress,on_hold' }, () => [a.accepted.id]],
    [{ status: 'on_hold' }, () => []],
    [{ overdue: 'true' }, () => [a.sent.id]],
    [{ overdue: 'false' }, () => [a.accepted.id, a.declined.id]],
  ])("filters A's list with %j and still counts only A's", async (query, expected) => {
    const page = await list(partnerA.accessToken, query);
    expect(page.items.map((item) => item.id).sort()).toEqual(expected().sort());
    expect(page.total).toBe(expected().length);
    expect(page.counts).toEqual({ ...NO_COUNTS, sent: 1, accepted: 1, declined: 1, overdue: 1 });
  });

  it("cannot reach B's referrals through serviceId, organisationId or caseId", async () => {
    const queries: Record<string, string>[] = [
      { serviceId: worldB.serviceId },
      { serviceId: worldB.serviceId, status: 'sent,accepted,on_hold,in_progress' },
      { serviceId: worldB.serviceId, overdue: 'true' },
      { organisationId: worldB.partnerOrg.id },
      { organisationId: worldB.partnerOrg.id, overdue: 'true' },
    ];
    const [bCase] = await t.asOwner<{ case_id: string }>(
      `SELECT case_id FROM referrals WHERE id = $1`,
      [b.sent.id],
    );
    queries.push({ caseId: bCase.case_id });
    for (const query of queries) {
      const page = await list(partnerA.accessToken, query);
      expect({ query, items: page.items, total: page.total, counts: page.counts }).toEqual({
        query,
        items: [],
        total: 0,
        counts: NO_COUNTS,
      });
    }
    // A's own organisation and service, given explicitly, still answer A's.
    const own = await list(partnerA.accessToken, {
      organisationId: world.partnerOrg.id,
      serviceId: world.serviceId,
    });
    expect(own.total).toBe(3);
  });

  it("shows B's partner only B's, and the front door both", async () => {
    const pageB = await list(worldB.partner.accessToken, { perPage: '100' });
    expect(pageB.items.map((item) => item.id).sort()).toEqual([...bIds].sort());
    expect(pageB.counts).toEqual({
      ...NO_COUNTS,
      sent: 1,
      accepted: 1,
      on_hold: 1,
      in_progress: 1,
      overdue: 1,
    });

    const front = await list(handler.accessToken, { perPage: '100' });
    expect(front.items.map((item) => item.id).sort()).toEqual([...aIds, ...bIds].sort());
    expect(front.total).toBe(7);
    expect(front.counts).toEqual({
      ...NO_COUNTS,
      sent: 2,
      accepted: 2,
      declined: 1,
      on_hold: 1,
      in_progress: 1,
      overdue: 2,
    });
    const byOrganisation = await list(handler.accessToken, {
      organisationId: worldB.partnerOrg.id,
    });
    expect(byOrganisation.items.map((item) => item.id).sort()).toEqual([...bIds].sort());
    expect(front.items.every((item) => typeof item.caseId === 'string')).toBe(true);
  });

  it('gives a partner no case or person ids, in the referral or the list', async () => {
    const response = await t
      .http()
      .get(`/api/referrals/${a.accepted.id}`)
      .set(bearer(partnerA.accessToken));
    expect(response.status).toBe(200);
    const body = response.body as ReferralBody;
    expect(body.id).toBe(a.accepted.id);
    expect(body).not.toHaveProperty('caseId');
    expect(body).not.toHaveProperty('personId');
    expect(body).not.toHaveProperty('consentId');
    const page = await list(partnerA.accessToken);
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(item).not.toHaveProperty('caseId');
      expect(item).not.toHaveProperty('personId');
    }
    // The front door does see them.
    const front = await t
      .http()
      .get(`/api/referrals/${a.accepted.id}`)
      .set(bearer(handler.accessToken));
    expect(front.body).toMatchObject({ caseId: expect.any(String), personId: expect.any(String) });
  });

  it("never shows A's partner the messages of B's referral", async () => {
    const post = async (token: string, id: string, text: string) => {
      const response = await t
        .http()
        .post(`/api/referrals/${id}/messages`)
        .set(bearer(token))
        .send({ body: text });
      expect(response.status).toBe(201);
    };
    await post(handler.accessToken, b.inProgress.id, 'For B: the person has a new phone number');
    await post(worldB.partner.accessToken, b.inProgress.id, 'From B: we have an appointment');
    await post(handler.accessToken, a.accepted.id, 'For A: any news?');
    await post(partnerA.accessToken, a.accepted.id, 'From A: seen them today');

    const thread = await t
      .http()
      .get(`/api/referrals/${a.accepted.id}/messages`)
      .set(bearer(partnerA.accessToken));
    expect(thread.status).toBe(200);
    const bodies = (thread.body as { items: { body: string }[] }).items.map((m) => m.body);
    expect(bodies).toEqual(['For A: any news?', 'From A: seen them today']);

    const theirs = await t
      .http()
      .get(`/api/referrals/${b.inProgress.id}/messages`)
      .set(bearer(partnerA.accessToken));
    expect(theirs.status).toBe(404);
  });

  it('refuses partner users the front door’s routes', async () => {
    const [aCase] = await t.asOwner<{ case_id: string }>(
      `SELECT case_id FROM referrals WHERE id = $1`,
      [a.declined.id],
    );
    const send = await t
      .http()
      .post(`/api/cases/${aCase.case_id}/referrals`)
      .set(bearer(partnerA.accessToken))
      .send({ serviceId: world.serviceId, reason: 'Again', shared: ['name'] });
    expect(send.status).toBe(403);
    expect((send.body as ErrorBody).code).toBe('AUTH_ROLE_NOT_ALLOWED');
    const read = await t
      .http()
      .get(`/api/cases/${aCase.case_id}`)
      .set(bearer(partnerA.accessToken));
    expect(read.status).toBe(403);
    expect((read.body as ErrorBody).code).toBe('AUTH_ROLE_NOT_ALLOWED');
    const withdraw = await t
      .http()
      .post(`/api/referrals/${a.sent.id}/withdraw`)
      .set(bearer(partnerA.accessToken))
      .send({ version: a.sent.version, ...ACTION_BODY.withdraw });
    expect(withdraw.status).toBe(403);
  });

  it("files B's events under B, with no personal data in them", async () => {
    const events = await t.asOwner<{ type: string; organisation_id: string | null; data: unknown }>(
      `SELECT type, organisation_id, data FROM events WHERE entity_id = ANY($1) ORDER BY id`,
      [bIds],
    );
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'referral.sent',
        'referral.accepted',
        'referral.held',
        'referral.started',
        'referral.overdue',
      ]),
    );
    for (const event of events) expect(event.organisation_id).toBe(worldB.partnerOrg.id);

    const people = await t.asOwner<{
      first_name: string;
      last_name: string;
      phone: string;
      phone_normalised: string | null;
    }>(
      `SELECT p.first_name, p.last_name, p.phone, p.phone_normalised
         FROM referrals r JOIN people p ON p.id = r.person_id WHERE r.id = ANY($1)`,
      [bIds],
    );
    expect(people).toHaveLength(4);
    const text = JSON.stringify(events.map((event) => event.data));
    for (const person of people) {
      for (const personal of [person.first_name, person.last_name, person.phone]) {
        expect(text).not.toContain(personal);
      }
      if (person.phone_normalised !== null) expect(text).not.toContain(person.phone_normalised);
    }
    expect(text).not.toContain('987654');
  });
});
