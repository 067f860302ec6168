import pg from 'pg';
import { LiveListener } from '../../src/live/live-listener.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';
import { connected, eventually, listening, liveClient, type LiveClient } from '../support/live.js';
import {
  brief,
  expectDelivered,
  publishedEvents,
  received,
  until,
  visibleTo,
  type Audience,
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

/** One running instance of the application, listening for live clients. */
interface Instance {
  name: string;
  t: TestApp;
  url: string;
  open: boolean;
}

/** A partner organisation with a service and a user. */
interface Partner {
  organisationId: string;
  serviceId: string;
  user: Signed;
}

describe('Live queue across instances: one numbering, every event once, in order', () => {
  const instances: Instance[] = [];
  const clients: LiveClient[] = [];
  let admin: Signed;
  let handler: Signed;
  let caseworker: Signed;
  let lead: Signed;
  let otherLead: Signed;
  let partners: Partner[];

  /** Boots an instance on the first one's database (or a new database for the first). */
  async function boot(name: string): Promise<Instance> {
    const first = instances[0]?.t;
    const t = await startTestApp({
      rateLimitPerMinute: 100_000,
      ...(first === undefined
        ? {}
        : {
            databaseUrl: first.config.databaseUrl,
            migrationDatabaseUrl: first.config.migrationDatabaseUrl,
            tokenSecret: first.config.tokenSecret,
          }),
    });
    const instance: Instance = { name, t, url: await listening(t), open: true };
    instances.push(instance);
    return instance;
  }

  async function stop(instance: Instance): Promise<void> {
    if (!instance.open) return;
    instance.open = false;
    await instance.t.close();
  }

  const running = () => instances.filter((instance) => instance.open);
  /** Any instance's TestApp for reading the database as its owner. */
  const db = () => instances[0].t;

  /** Connects to `instance` (from `since`, if given) and waits for `ready`. */
  async function connect(
    instance: Instance,
    token: string,
    since?: number,
  ): Promise<{ client: LiveClient; ready: { seq: number; replayed: number } }> {
    const client = liveClient(instance.url, token, { since });
    clients.push(client);
    const ready = await connected(client);
    return { client, ready };
  }

  async function watch(
    instance: Instance,
    label: string,
    user: Signed,
    audience: Audience,
  ): Promise<Watcher & { token: string }> {
    const { client, ready } = await connect(instance, user.accessToken, 0);
    expect(ready.seq).toBeGreaterThanOrEqual(ready.replayed);
    return {
      label: `${label} on ${instance.name}`,
      audience,
      token: user.accessToken,
      clients: [client],
    };
  }

  const delivered = (watchers: Watcher[]) => expectDelivered(db(), watchers);

  /** Changes go through the instances in turn. */
  function rotation(apps: () => TestApp[]): () => TestApp {
    let turn = 0;
    return () => {
      const list = apps();
      return list[turn++ % list.length];
    };
  }

  const ok = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
    if (response.status !== status) {
      throw new Error(
        `expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response;
  };

  async function triage(t: TestApp, caseId: string): Promise<void> {
    ok(
      await t
        .http()
        .post(`/api/cases/${caseId}/triage`)
        .set(bearer(handler.accessToken))
        .send({ needs: [{ code: 'money.debt', severity: 2 }], risks: [], safeguarding: false }),
      201,
    );
  }

  async function assign(t: TestApp, caseId: string, ownerId: string): Promise<void> {
    ok(
      await t
        .http()
        .post(`/api/cases/${caseId}/assign`)
        .set(bearer(lead.accessToken))
        .send({ ownerId }),
      200,
    );
  }

  async function refer(t: TestApp, caseId: string, partner: Partner): Promise<ReferralBody> {
    return ok(
      await sendReferral(t, handler.accessToken, caseId, { serviceId: partner.serviceId }),
      201,
    ).body;
  }

  async function step(
    t: TestApp,
    partner: Partner,
    referral: ReferralBody,
    action: string,
  ): Promise<ReferralBody> {
    const token = action === 'withdraw' ? handler.accessToken : partner.user.accessToken;
    return ok(
      await act(t, token, referral.id, action, {
        version: referral.version,
        ...ACTION_BODY[action],
      }),
      200,
    ).body;
  }

  async function message(
    t: TestApp,
    token: string,
    referralId: string,
    body: string,
  ): Promise<void> {
    ok(
      await t
        .http()
        .post(`/api/referrals/${referralId}/messages`)
        .set(bearer(token))
        .send({ body }),
      201,
    );
  }

  async function view(t: TestApp, partner: Partner, referralId: string): Promise<void> {
    ok(
      await t.http().get(`/api/referrals/${referralId}`).set(bearer(partner.user.accessToken)),
      200,
    );
  }

  /**
   * Moves a referral through `actions` (transitions, a partner's first 'view', a partner's
   * 'message' and the front door's 'reply'), each request through the next instance.
   */
  async function drive(
    next: () => TestApp,
    partner: Partner,
    sent: ReferralBody,
    actions: string[],
  ): Promise<void> {
    let referral = sent;
    for (const action of actions) {
      if (action === 'view') await view(next(), partner, referral.id);
      else if (action === 'message') {
        await message(next(), partner.user.accessToken, referral.id, 'First appointment booked.');
      } else if (action === 'reply') {
        await message(next(), handler.accessToken, referral.id, 'Thank you.');
      } else referral = await step(next(), partner, referral, action);
    }
  }

  /** A new case and a referral from it, then `actions`; each request through the next instance. */
  async function referralStory(
    next: () => TestApp,
    partner: Partner,
    actions: string[],
  ): Promise<void> {
    const { caseId } = await makeCase(next(), handler);
    await drive(next, partner, await refer(next(), caseId, partner), actions);
  }

  beforeAll(async () => {
    const one = await boot('instance 1');
    await boot('instance 2');
    const t = one.t;
    admin = await signedIn(t, 'admin');
    handler = await signedIn(t, 'call_handler');
    caseworker = await signedIn(t, 'caseworker');
    lead = await signedIn(t, 'team_lead');
    otherLead = await signedIn(t, 'team_lead');
    partners = [];
    for (const name of ['Debt advice', 'Housing help']) {
      const organisation = await makeOrganisation(t, 'partner');
      partners.push({
        organisationId: organisation.id,
        serviceId: await makeService(t, admin, organisation.id, { name }),
        user: await signedIn(t, 'partner', { organisationId: organisation.id }),
      });
    }
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const instance of instances) await stop(instance).catch(() => undefined);
  });

  it('changes through both instances reach the clients of both, each once, in seq order', async () => {
    const [one, two] = instances;
    const watchers = [
      await watch(one, 'team lead', lead, 'front-door'),
      await watch(two, 'other team lead', otherLead, 'front-door'),
      await watch(one, 'partner 1', partners[0].user, partners[0]),
      await watch(two, 'partner 2', partners[1].user, partners[1]),
    ];
    const next = rotation(() => [one.t, two.t]);

    for (let i = 0; i < 4; i += 1) {
      const { caseId } = await makeCase(next(), handler);
      await triage(next(), caseId);
      await assign(next(), caseId, i % 2 === 0 ? caseworker.id : lead.id);
      const partner = partners[i % 2];
      const referral = await refer(next(), caseId, partner);
      await drive(next, partner, referral, [
        'view',
        ...[
          ['accept', 'message', 'reply', 'start', 'complete'],
          ['accept', 'message', 'reply', 'hold', 'resume'],
          ['accept', 'message', 'reply', 'withdraw'],
          ['decline'],
        ][i],
      ]);
    }

    const total = await delivered(watchers);
    const log = await publishedEvents(db());
    // The day's changes are all there: 4 cases created, triaged, assigned; 4 referrals sent...
    const count = (type: string) => log.filter((event) => event.type === type).length;
    expect(total).toBe(log.length);
    expect(
      [
        'case.created',
        'case.triaged',
        'case.assigned',
        'referral.sent',
        'referral.viewed',
        'referral.accepted',
        'referral.message',
        'referral.declined',
        'referral.withdrawn',
      ].map((type) => [type, count(type)]),
    ).toEqual([
      ['case.created', 4],
      ['case.triaged', 4],
      ['case.assigned', 4],
      ['referral.sent', 4],
      ['referral.viewed', 4],
      ['referral.accepted', 3],
      ['referral.message', 6],
      ['referral.declined', 1],
      ['referral.withdrawn', 1],
    ]);
    // Each partner saw some of the log, and not all of it.
    for (const watcher of watchers.slice(2)) {
      expect(received(watcher.clients).length).toBeGreaterThan(0);
      expect(received(watcher.clients).length).toBeLessThan(total);
    }
  });

  it('publishing moves to another instance when the publishing one stops', async () => {
    const [one, two] = running();
    const leaders = [one, two].filter((instance) => instance.t.app.get(LiveListener).isLeader);
    expect(leaders).toHaveLength(1);
    const [leader] = leaders;
    const survivor = leader === one ? two : one;
    const watchers = [
      await watch(survivor, 'team lead', lead, 'front-door'),
      await watch(survivor, 'partner 1', partners[0].user, partners[0]),
      await watch(leader, 'other team lead', otherLead, 'front-door'),
      await watch(leader, 'partner 2', partners[1].user, partners[1]),
    ];
    const before = await delivered(watchers);

    await stop(leader);
    // The leader's clients are told to reconnect, and are disconnected.
    for (const watcher of watchers.slice(2)) {
      const [client] = watcher.clients;
      await eventually(() => !client.socket.connected, `${watcher.label} to be disconnected`);
      expect(client.control).toContainEqual(['shutdown', { reconnect: true }]);
    }

    // Changes go on through the survivor, which has not yet taken over the publishing.
    const next = rotation(() => [survivor.t]);
    await referralStory(next, partners[0], ['view', 'accept', 'message', 'start', 'complete']);
    await referralStory(next, partners[1], ['decline']);
    await makeCase(survivor.t, handler);

    await eventually(
      () => survivor.t.app.get(LiveListener).isLeader,
      'the surviving instance to take over publishing',
    );
    // The moved clients reconnect to the survivor from the last seq they had.
    for (const watcher of watchers.slice(2)) {
      const since = watcher.clients[0].lastSeq();
      const { client } = await connect(survivor, watcher.token, since);
      watcher.clients.push(client);
      watcher.label += ', then on the survivor';
    }
    const total = await delivered(watchers);
    // A case and a referral with five steps; a case and a declined referral; a case.
    expect(total).toBe(before + 7 + 3 + 1);

    // Two instances again for the tests that follow.
    await boot('instance 3');
  });

  it('four concurrent writers across both instances: one contiguous numbering, every event once', async () => {
    const [one, two] = running();
    const watchers = [
      await watch(one, 'team lead', lead, 'front-door'),
      await watch(two, 'other team lead', otherLead, 'front-door'),
      await watch(one, 'partner 1', partners[0].user, partners[0]),
      await watch(two, 'partner 2', partners[1].user, partners[1]),
    ];
    const before = (await publishedEvents(db())).length;
    const stories: string[][] = [
      ['accept', 'message', 'start', 'complete'],
      ['view', 'decline'],
      ['accept', 'hold', 'resume', 'message'],
      ['withdraw'],
      ['view', 'accept', 'start', 'message', 'complete'],
    ];
    const writer = async (index: number): Promise<void> => {
      const next = rotation(() => (index % 2 === 0 ? [one.t, two.t] : [two.t, one.t]));
      for (let round = 0; round < 5; round += 1) {
        await referralStory(next, partners[(index + round) % 2], stories[(index + round) % 5]);
        await Promise.all([0, 1, 2].map(() => makeCase(next(), handler)));
      }
    };
    const writing = Promise.all([0, 1, 2, 3].map(writer));
    // A client that joins while the writers are busy catches up from the log, then goes live.
    await eventually(
      () => watchers[0].clients[0].events.length >= before + 30,
      'the writers to be under way',
      20_000,
    );
    watchers.push(await watch(two, 'late team lead', lead, 'front-door'));
    watchers.push(await watch(one, 'late partner 2', partners[1].user, partners[1]));
    await writing;

    const total = await delivered(watchers);
    // Each round: a case and referral.sent, the story's events, three more cases.
    const storyEvents = [4, 2, 4, 1, 5];
    let expected = 0;
    for (let index = 0; index < 4; index += 1) {
      for (let round = 0; round < 5; round += 1) {
        expected += 2 + storyEvents[(index + round) % 5] + 3;
      }
    }
    expect(total - before).toBe(expected);
  }, 60_000);

  it('an instance whose pooled connections are all held by requests still publishes and delivers', async () => {
    const open = running();
    const leader = open.find((instance) => instance.t.app.get(LiveListener).isLeader);
    const other = open.find((instance) => instance !== leader);
    if (leader === undefined || other === undefined)
      throw new Error('expected a leader and another');
    const watcher = await watch(leader, 'team lead', lead, 'front-door');
    const s0 = await delivered([watcher]);

    // Every connection of the publishing instance's pool, held in an open transaction, as slow
    // requests under load would hold them.
    const held = [];
    for (let i = 0; i < leader.t.config.dbPoolSize; i++) {
      const runner = leader.t.db.createQueryRunner();
      await runner.startTransaction();
      held.push(runner);
    }
    try {
      const { caseId } = await makeCase(other.t, handler);
      await eventually(
        () => received(watcher.clients).some((event) => event.data.caseId === caseId),
        `the new case to reach the client while the pool is held (has ${brief(received(watcher.clients))})`,
        5_000,
      );
      expect(held.every((runner) => runner.isTransactionActive)).toBe(true);
    } finally {
      for (const runner of held) {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
    expect(await delivered([watcher])).toBeGreaterThan(s0);
  });

  it('an event committed after newer ones were published gets the next seq, and resync finds it', async () => {
    const [one, two] = running();
    const watcher = await watch(one, 'team lead', lead, 'front-door');
    const partnerWatcher = await watch(two, 'partner 1', partners[0].user, partners[0]);
    const s0 = await delivered([watcher, partnerWatcher]);

    const held = new pg.Client({ connectionString: db().config.migrationDatabaseUrl });
    await held.connect();
    try {
      await held.query('BEGIN');
      const {
        rows: [late],
      } = await held.query<{ id: string; entity_id: string }>(
        `INSERT INTO events (type, entity_type, entity_id, organisation_id, data)
         VALUES ('case.created', 'case', gen_random_uuid(), NULL, '{}')
         RETURNING id::text AS id, entity_id`,
      );
      await held.query(`SELECT pg_notify('ofd_events_written', '')`);

      // Newer changes are published while the older event's transaction is still open.
      const next = rotation(() => [one.t, two.t]);
      await referralStory(next, partners[0], ['accept', 'message']);
      await makeCase(next(), handler);
      await eventually(
        () => watcher.clients[0].lastSeq() === s0 + 5,
        `the newer events to be published and delivered (has ${brief(received(watcher.clients))})`,
      );
      const newer = await db().asOwner<{ id: string; seq: string | null }>(
        `SELECT id::text AS id, seq::text AS seq FROM events e WHERE e.seq > $1 ORDER BY e.seq`,
        [s0],
      );
      expect(newer.map((row) => Number(row.seq))).toEqual([s0 + 1, s0 + 2, s0 + 3, s0 + 4, s0 + 5]);
      expect(newer.every((row) => BigInt(row.id) > BigInt(late.id))).toBe(true);

      await held.query('COMMIT');

      await until(async () => {
        const [row] = await db().asOwner<{ seq: string | null }>(
          `SELECT seq::text AS seq FROM events WHERE id = $1`,
          [late.id],
        );
        return row.seq !== null;
      }, 'the late event to be published');
      const [published] = await db().asOwner<{ seq: string }>(
        `SELECT seq::text AS seq FROM events WHERE id = $1`,
        [late.id],
      );
      expect(Number(published.seq)).toBe(s0 + 6);
      const total = await delivered([watcher, partnerWatcher]);
      expect(total).toBe(s0 + 6);
      const lastDelivered = received(watcher.clients).at(-1);
      expect(lastDelivered).toMatchObject({
        seq: s0 + 6,
        type: 'case.created',
        data: {},
      });

      // A resync from the seq the client had before the late event's transaction began.
      const log = visibleTo(await publishedEvents(db()), 'front-door');
      const live = watcher.clients[0];
      const had = live.events.length;
      const ack: unknown = await live.socket.timeout(10_000).emitWithAck('resync', { since: s0 });
      expect(ack).toEqual({ seq: s0 + 6, replayed: 6 });
      expect(live.events.slice(had)).toEqual(log.filter((event) => event.seq > s0));
      expect(live.events.slice(had).map((event) => event.seq)).toEqual([
        s0 + 1,
        s0 + 2,
        s0 + 3,
        s0 + 4,
        s0 + 5,
        s0 + 6,
      ]);

      // And a new connection on the other instance from that seq.
      const { client, ready } = await connect(two, lead.accessToken, s0);
      expect(ready).toEqual({ seq: s0 + 6, replayed: 6 });
      expect(client.events).toEqual(log.filter((event) => event.seq > s0));
      // The partner never sees the front door's event.
      expect(received(partnerWatcher.clients).map((event) => event.seq)).not.toContain(s0 + 6);
    } finally {
      await held.query('ROLLBACK').catch(() => undefined);
      await held.end();
    }
  });
});
