import { OverdueSweeper } from '../../src/referral/overdue-sweeper.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';
import {
  connected,
  listening,
  liveClient,
  type LiveClient,
  type LiveEvent,
} from '../support/live.js';
import {
  expectDelivered,
  publishedEvents,
  visibleTo,
  type LoggedEvent,
  type Watcher,
} from '../support/live-log.js';
import {
  ACTION_BODY,
  act,
  makeCase,
  makeService,
  sendReferral,
  type ReferralBody,
  type Signed,
} from '../support/referrals.js';

/** A partner organisation of the day: its service, its users, and the referrals it received. */
interface Partner {
  name: string;
  organisationId: string;
  serviceId: string;
  users: Signed[];
  referralIds: string[];
}

describe('Live queue isolation: a day across three partner organisations', () => {
  let t: TestApp;
  let url: string;
  const clients: LiveClient[] = [];
  let admin: Signed;
  let handler: Signed;
  let caseworker: Signed;
  let lead: Signed;
  let A: Partner;
  let B: Partner;
  let C: Partner;
  /** Watchers by name: the front door's, and each partner user's. */
  const watchers = new Map<string, Watcher & { token: string }>();
  let log: LoggedEvent[];
  /** The referral events of each organisation, in order: [type, referral]. */
  const story = new Map<string, [string, string][]>();

  const ok = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
    if (response.status !== status) {
      throw new Error(
        `expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response;
  };

  async function triage(caseId: string, body: object): Promise<{ priority: string }> {
    return ok(
      await t
        .http()
        .post(`/api/cases/${caseId}/triage`)
        .set(bearer(handler.accessToken))
        .send(body),
      201,
    ).body as { priority: string };
  }

  async function refer(
    caseId: string,
    partner: Partner,
    extra: Record<string, unknown> = {},
  ): Promise<ReferralBody> {
    const sent = ok(
      await sendReferral(t, handler.accessToken, caseId, {
        serviceId: partner.serviceId,
        ...extra,
      }),
      201,
    ).body;
    partner.referralIds.push(sent.id);
    return sent;
  }

  async function move(
    user: Signed,
    referral: ReferralBody,
    action: string,
    body: Record<string, unknown> = {},
  ): Promise<ReferralBody> {
    return ok(
      await act(t, user.accessToken, referral.id, action, {
        version: referral.version,
        ...ACTION_BODY[action],
        ...body,
      }),
      200,
    ).body;
  }

  async function view(user: Signed, referralId: string): Promise<void> {
    ok(await t.http().get(`/api/referrals/${referralId}`).set(bearer(user.accessToken)), 200);
  }

  async function message(user: Signed, referralId: string, body: string): Promise<void> {
    ok(
      await t
        .http()
        .post(`/api/referrals/${referralId}/messages`)
        .set(bearer(user.accessToken))
        .send({ body }),
      201,
    );
  }

  async function partner(name: string, service: string, users: number): Promise<Partner> {
    const organisation = await makeOrganisation(t, 'partner', `${name} ${Date.now()}`);
    const signed: Signed[] = [];
    for (let i = 0; i < users; i += 1) {
      signed.push(await signedIn(t, 'partner', { organisationId: organisation.id }));
    }
    return {
      name,
      organisationId: organisation.id,
      serviceId: await makeService(t, admin, organisation.id, {
        name: service,
        responseTargetHours: 48,
      }),
      users: signed,
      referralIds: [],
    };
  }

  async function watch(name: string, user: Signed, audience: Watcher['audience']): Promise<void> {
    const client = liveClient(url, user.accessToken);
    clients.push(client);
    const ready = await connected(client);
    // Connected before the day began: nothing to catch up on.
    expect(ready).toEqual({ seq: 0, replayed: 0 });
    watchers.set(name, { label: name, audience, token: user.accessToken, clients: [client] });
  }

  const events = (name: string): LiveEvent[] => {
    const watcher = watchers.get(name);
    if (watcher === undefined) throw new Error(`no watcher ${name}`);
    return watcher.clients.flatMap((client) => client.events);
  };

  /** Every id of the other organisations: theirs, their services', their referrals'. */
  const foreignIds = (own: Partner): string[] =>
    [A, B, C]
      .filter((other) => other !== own)
      .flatMap((other) => [other.organisationId, other.serviceId, ...other.referralIds]);

  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 100_000 });
    url = await listening(t);
    admin = await signedIn(t, 'admin');
    handler = await signedIn(t, 'call_handler');
    caseworker = await signedIn(t, 'caseworker');
    lead = await signedIn(t, 'team_lead');
    A = await partner('Debt Advice Trust', 'Debt advice', 2);
    B = await partner('Housing Association', 'Tenancy support', 1);
    C = await partner('Welfare Rights', 'Benefits checks', 1);

    await watch('front door (team lead)', lead, 'front-door');
    await watch('front door (call handler)', handler, 'front-door');
    await watch('A, first user', A.users[0], A);
    await watch('A, second user', A.users[1], A);
    await watch('B', B.users[0], B);
    await watch('C', C.users[0], C);

    // Morning: calls come in and are triaged; one is a safeguarding case.
    const money = { needs: [{ code: 'money.debt', severity: 2 }], risks: [], safeguarding: false };
    const first = await makeCase(t, handler);
    const second = await makeCase(t, handler);
    const third = await makeCase(t, handler);
    const urgent = await makeCase(t, handler);
    await triage(first.caseId, money);
    await triage(second.caseId, money);
    await triage(third.caseId, money);
    const p1 = await triage(urgent.caseId, {
      needs: [{ code: 'safety.domestic_abuse', severity: 3 }],
      risks: ['domestic_abuse'],
      safeguarding: false,
      notes: 'Partner threatening her tonight.',
    });
    expect(p1.priority).toBe('P1');
    for (const [caseId, ownerId] of [
      [first.caseId, caseworker.id],
      [urgent.caseId, lead.id],
    ]) {
      ok(
        await t
          .http()
          .post(`/api/cases/${caseId}/assign`)
          .set(bearer(lead.accessToken))
          .send({ ownerId }),
        200,
      );
    }

    // Referrals to the three partners.
    let a1 = await refer(first.caseId, A);
    let b1 = await refer(first.caseId, B);
    let c1 = await refer(second.caseId, C);
    const a2 = await refer(urgent.caseId, A);
    let b2 = await refer(third.caseId, B);
    const c2 = await refer(third.caseId, C);
    const b3 = await refer(second.caseId, B);

    // A: both users at work on the first referral; the first view alone is announced.
    const [annie, arthur] = A.users;
    await view(annie, a1.id);
    await view(arthur, a1.id);
    a1 = await move(annie, a1, 'accept');
    a1 = await move(arthur, a1, 'start');
    await message(handler, a1.id, 'She prefers a call after 4pm.');
    await message(annie, a1.id, 'Noted; first appointment booked.');
    a1 = await move(arthur, a1, 'hold');
    a1 = await move(annie, a1, 'resume');
    a1 = await move(annie, a1, 'complete');

    // B declines; the front door re-routes that referral to A.
    const [bella] = B.users;
    await view(bella, b1.id);
    b1 = await move(bella, b1, 'decline');
    let a3 = await refer(first.caseId, A, { replacesReferralId: b1.id });
    expect(a3.replacesReferralId).toBe(b1.id);
    await view(arthur, a3.id);
    a3 = await move(arthur, a3, 'accept');

    // C accepts one; the front door withdraws the other.
    const [carl] = C.users;
    c1 = await move(carl, c1, 'accept');
    await message(carl, c1.id, 'Benefits check on Friday.');
    await move(handler, c2, 'withdraw');

    // B works its second referral to the end.
    b2 = await move(bella, b2, 'accept');
    b2 = await move(bella, b2, 'start');
    b2 = await move(bella, b2, 'complete');
    await message(bella, b2.id, 'All done; tenancy saved.');

    // Afternoon: two referrals nobody answered fall due and are flagged overdue.
    await t.asOwner(
      `UPDATE referrals SET due_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [[a2.id, b3.id]],
    );
    await t.app.get(OverdueSweeper).sweep();

    // The third case's referrals are closed: the case closes.
    ok(
      await t
        .http()
        .post(`/api/cases/${third.caseId}/close`)
        .set(bearer(handler.accessToken))
        .send({ reason: 'support_complete', notes: 'Tenancy saved.' }),
      200,
    );

    story.set(A.organisationId, [
      ['referral.sent', a1.id],
      ['referral.sent', a2.id],
      ['referral.viewed', a1.id],
      ['referral.accepted', a1.id],
      ['referral.started', a1.id],
      ['referral.message', a1.id],
      ['referral.message', a1.id],
      ['referral.held', a1.id],
      ['referral.resumed', a1.id],
      ['referral.completed', a1.id],
      ['referral.sent', a3.id],
      ['referral.viewed', a3.id],
      ['referral.accepted', a3.id],
      ['referral.overdue', a2.id],
    ]);
    story.set(B.organisationId, [
      ['referral.sent', b1.id],
      ['referral.sent', b2.id],
      ['referral.sent', b3.id],
      ['referral.viewed', b1.id],
      ['referral.declined', b1.id],
      ['referral.accepted', b2.id],
      ['referral.started', b2.id],
      ['referral.completed', b2.id],
      ['referral.message', b2.id],
      ['referral.overdue', b3.id],
    ]);
    story.set(C.organisationId, [
      ['referral.sent', c1.id],
      ['referral.sent', c2.id],
      ['referral.accepted', c1.id],
      ['referral.message', c1.id],
      ['referral.withdrawn', c2.id],
    ]);

    await expectDelivered(t, [...watchers.values()]);
    log = await publishedEvents(t);
  }, 90_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  const shape = (list: LiveEvent[]): [string, unknown][] =>
    list.map((event) => [event.type, event.data.referralId]);

  describe.each([
    ['A', 'A, first user'],
    ['A', 'A, second user'],
    ['B', 'B'],
    ['C', 'C'],
  ])("partner %s's client (%s)", (name, watcherName) => {
    const own = (): Partner => ({ A, B, C })[name as 'A' | 'B' | 'C'];

    it('received exactly the referral events of its organisation, in order', () => {
      const partnerOwn = own();
      const received = events(watcherName);
      expect(received).toEqual(visibleTo(log, partnerOwn));
      expect(shape(received)).toEqual(story.get(partnerOwn.organisationId));
      // Numbered 1, 2, 3... among its own organisation's events: the numbers count nothing else.
      const ownCount = log.filter(
        (event) =>
          event.organisationId === partnerOwn.organisationId && event.type.startsWith('referral.'),
      ).length;
      expect(received.map((event) => event.seq)).toEqual(
        Array.from({ length: ownCount }, (_, index) => index + 1),
      );
    });

    it('never an event of another organisation, a case event or a safeguarding alert', () => {
      const partnerOwn = own();
      const received = events(watcherName);
      expect(received.length).toBeGreaterThan(0);
      for (const event of received) {
        expect(event.type).toMatch(/^referral\./);
        expect(event.data.organisationId).toBe(partnerOwn.organisationId);
        expect(partnerOwn.referralIds).toContain(event.data.referralId);
        const json = JSON.stringify(event);
        for (const id of foreignIds(partnerOwn)) expect(json).not.toContain(id);
      }
    });

    it('a resync from 0 replays the same, and nothing else', async () => {
      const partnerOwn = own();
      const watcher = watchers.get(watcherName);
      if (watcher === undefined) throw new Error('no watcher');
      const client = watcher.clients[0];
      const before = client.events.length;
      const ack: unknown = await client.socket.timeout(10_000).emitWithAck('resync', { since: 0 });
      const replayed = client.events.slice(before);
      expect(ack).toEqual({ seq: visibleTo(log, partnerOwn).length, replayed: replayed.length });
      expect(replayed).toEqual(visibleTo(log, partnerOwn));
      expect(shape(replayed)).toEqual(story.get(partnerOwn.organisationId));
      for (const event of replayed) {
        const json = JSON.stringify(event);
        for (const id of foreignIds(partnerOwn)) expect(json).not.toContain(id);
      }
      // A new connection from 0 sees the same.
      const fresh = liveClient(url, watcher.token, { since: 0 });
      clients.push(fresh);
      expect(await connected(fresh)).toEqual({
        seq: visibleTo(log, partnerOwn).length,
        replayed: visibleTo(log, partnerOwn).length,
      });
      expect(fresh.events).toEqual(visibleTo(log, partnerOwn));
    });
  });

  it('the front door received everything: every organisation, the cases, the alert', async () => {
    const everything = visibleTo(log, 'front-door');
    expect(everything.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
    expect(events('front door (team lead)')).toEqual(everything);
    expect(events('front door (call handler)')).toEqual(everything);
    const count = (type: string) => everything.filter((event) => event.type === type).length;
    expect(
      ['case.created', 'case.triaged', 'safeguarding.alert', 'case.assigned', 'case.closed'].map(
        (type) => [type, count(type)],
      ),
    ).toEqual([
      ['case.created', 4],
      ['case.triaged', 4],
      ['safeguarding.alert', 1],
      ['case.assigned', 2],
      ['case.closed', 1],
    ]);
    // Every partner's referral events are among them, in the same order.
    for (const own of [A, B, C]) {
      expect(
        shape(everything.filter((event) => event.data.organisationId === own.organisationId)),
      ).toEqual(story.get(own.organisationId));
    }
    // And a resync from 0 replays the whole log.
    const client = watchers.get('front door (team lead)')?.clients[0];
    if (client === undefined) throw new Error('no client');
    const before = client.events.length;
    const ack: unknown = await client.socket.timeout(10_000).emitWithAck('resync', { since: 0 });
    expect(ack).toEqual({ seq: log.length, replayed: log.length });
    expect(client.events.slice(before)).toEqual(everything);
  });
});
