import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Namespace } from 'socket.io';
import { jwtOptions } from '../../src/auth/sessions/token.service.js';
import { EventFeed } from '../../src/live/event-feed.js';
import { LiveGateway } from '../../src/live/live.gateway.js';
import { OverdueSweeper } from '../../src/referral/overdue-sweeper.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';
import {
  connected,
  eventually,
  liveClient,
  listening,
  refused,
  type LiveClient,
  type LiveEvent,
  type LiveOptions,
} from '../support/live.js';
import {
  act,
  makeCase,
  makeReferral,
  makeReferralWorld,
  makeService,
  moveTo,
  sendReferral,
  type ReferralWorld,
  type Signed,
} from '../support/referrals.js';

// ---------------------------------------------------------------- helpers

/** Waits of a few seconds: a change may wait for the relay's next tick, or a leader to take over. */
const RELAY_WAIT_MS = 15_000;

/** Triage bodies that give each priority (config/triage-rules.json). */
const TRIAGE_FOR = {
  P1: { needs: [{ code: 'money.debt', severity: 2 }], risks: [], safeguarding: true },
  P3: { needs: [{ code: 'money.debt', severity: 1 }], risks: [], safeguarding: false },
} as const;

interface ErrorReply {
  error: {
    code: string;
    message: string;
    details?: Record<string, unknown>;
    correlationId: string;
  };
}
interface ResyncReply {
  seq: number;
  replayed: number;
}
type ConnectError = Error & {
  data?: { code: string; message: string; correlationId: string; details?: unknown };
};

interface EventRow {
  seq: number;
  /** Its number among its partner organisation's events: the seq that partner sees. */
  partnerSeq: number | null;
  type: string;
  organisationId: string | null;
  entityId: string;
}

/** Every client a test opens, closed after it. */
const opened: LiveClient[] = [];

/** Each opened client's first `ready`, listened for from the start so that none is missed. */
const readiness = new WeakMap<LiveClient, Promise<ResyncReply>>();

function open(url: string, token: string | undefined, options: LiveOptions = {}): LiveClient {
  const client = liveClient(url, token, options);
  const ready = connected(client);
  // A refusal is for the test to check (see `refused`); waiting for `ready` then fails.
  ready.catch(() => undefined);
  readiness.set(client, ready);
  opened.push(client);
  return client;
}

/** Waits for the client's first `ready`; answers its payload. */
function readyOf(client: LiveClient): Promise<ResyncReply> {
  const ready = readiness.get(client);
  if (ready === undefined) throw new Error('not a client this file opened');
  return ready;
}

afterEach(() => {
  for (const client of opened.splice(0)) {
    client.socket.io.reconnection(false);
    client.close();
  }
});

/** Resolves once the async `check` holds, polling; fails with `what` after `ms`. */
async function until(check: () => Promise<boolean>, what: string, ms = RELAY_WAIT_MS) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The published events after `after` (front door: all of them), read behind the application. */
async function published(
  t: TestApp,
  after = 0,
  where = 'TRUE',
  params: unknown[] = [],
): Promise<EventRow[]> {
  const rows = await t.asOwner<{
    seq: string;
    partner_seq: string | null;
    type: string;
    organisation_id: string | null;
    entity_id: string;
  }>(
    `SELECT e.seq::text AS seq, e.partner_seq::text AS partner_seq, e.type, e.organisation_id,
            e.entity_id FROM events e
      WHERE e.seq IS NOT NULL AND e.seq > $1 AND (${where}) ORDER BY e.seq`,
    [after, ...params],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    partnerSeq: row.partner_seq === null ? null : Number(row.partner_seq),
    type: row.type,
    organisationId: row.organisation_id,
    entityId: row.entity_id,
  }));
}

/**
 * Waits until every committed event is numbered and `t`'s own feed has handed all of them to its
 * sockets; answers the last seq.
 */
async function settled(t: TestApp): Promise<number> {
  let last = 0;
  await until(async () => {
    const [row] = await t.asOwner<{ pending: number; last: string }>(
      `SELECT (count(*) FILTER (WHERE seq IS NULL))::int AS pending,
              coalesce(max(seq), 0)::text AS last FROM events`,
    );
    last = Number(row.last);
    return row.pending === 0 && t.app.get(EventFeed).cursor >= last;
  }, 'every event to be published and delivered');
  return last;
}

const seqsOf = (events: readonly LiveEvent[]): number[] => events.map((event) => event.seq);
const seqsFrom = (rows: readonly EventRow[]): number[] => rows.map((row) => row.seq);
/** The numbers a partner sees for these (its own) events. */
const partnerSeqsFrom = (rows: readonly EventRow[]): (number | null)[] =>
  rows.map((row) => row.partnerSeq);

/** A partner organisation's last number among the published events (0 before its first). */
async function partnerLast(t: TestApp, organisationId: string): Promise<number> {
  const [row] = await t.asOwner<{ seq: string }>(
    `SELECT coalesce(max(partner_seq), 0)::text AS seq FROM events WHERE organisation_id = $1`,
    [organisationId],
  );
  return Number(row.seq);
}

/** Waits until the client has received an event with this seq (or a later one). */
async function received(client: LiveClient, seq: number, what = `seq ${seq}`): Promise<void> {
  await eventually(() => client.lastSeq() >= seq, what, RELAY_WAIT_MS);
}

/**
 * Sends a message with an ack; answers the reply and how many events the client had when the
 * ack came (the ack callback runs as its packet is read, so this counts exactly what came before).
 */
function ask(
  client: LiveClient,
  name: string,
  ...args: unknown[]
): Promise<{ reply: unknown; before: number }> {
  return new Promise((resolve, reject) => {
    client.socket
      .timeout(RELAY_WAIT_MS)
      .emit(name, ...args, (error: Error | null, reply: unknown) => {
        if (error) reject(error);
        else resolve({ reply, before: client.events.length });
      });
  });
}

/** A token signed as the application signs them (issuer, audience, key), with these claims. */
function signToken(t: TestApp, payload: Record<string, unknown>, secret = t.config.tokenSecret) {
  return new JwtService(jwtOptions({ ...t.config, tokenSecret: secret })).sign(payload);
}

function claimsOf(token: string) {
  return new JwtService().decode<{ sub: string; sid: string; role: string; exp: number }>(token);
}

/** Records control messages and disconnects in the order they happen. */
function journal(client: LiveClient): string[] {
  const log: string[] = [];
  client.socket.on('session.ended', () => log.push('session.ended'));
  client.socket.on('shutdown', () => log.push('shutdown'));
  client.socket.on('disconnect', (reason) => log.push(`disconnect:${reason}`));
  return log;
}

/** A person whose details must never reach an event. */
function personDetails() {
  const tag = randomBytes(3).toString('hex');
  const digits = String(Math.floor(Math.random() * 100_000)).padStart(5, '0');
  return {
    firstName: `Marguerite${tag}`,
    lastName: `Quillfeather${tag}`,
    dateOfBirth: '1958-11-23',
    phone: `01772 4${digits}`,
    postcode: 'PR25 1AA',
  };
}

function expectNoPersonalData(json: string, person: ReturnType<typeof personDetails>) {
  for (const value of [
    person.firstName,
    person.lastName,
    person.dateOfBirth,
    person.phone,
    person.phone.replace(/\s/g, ''),
    person.postcode,
    person.postcode.replace(/\s/g, ''),
  ]) {
    expect(json).not.toContain(value);
  }
}

async function triage(t: TestApp, token: string, caseId: string, body: object) {
  const response = await t
    .http()
    .post(`/api/cases/${caseId}/triage`)
    .set(bearer(token))
    .send({ notes: null, ...body });
  expect(response.status).toBe(201);
}

async function assign(t: TestApp, token: string, caseId: string, ownerId: string) {
  const response = await t
    .http()
    .post(`/api/cases/${caseId}/assign`)
    .set(bearer(token))
    .send({ ownerId });
  expect(response.status).toBe(200);
}

async function closeCase(t: TestApp, token: string, caseId: string) {
  const response = await t
    .http()
    .post(`/api/cases/${caseId}/close`)
    .set(bearer(token))
    .send({ reason: 'signposted', notes: 'Signposted to the debt clinic.' });
  expect(response.status).toBe(200);
}

/** `n` new cases, one after another: one `case.created` each. */
async function newCases(t: TestApp, handler: Signed, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await makeCase(t, handler);
}

/** The server side of the namespace, to drop a client from the server. */
const namespaceOf = (t: TestApp): Namespace => {
  const gateway: unknown = t.app.get(LiveGateway);
  return (gateway as { nsp: Namespace }).nsp;
};

/** Reconnects a disconnected client's socket with these handshake auth fields. */
async function reconnect(client: LiveClient, auth: Record<string, unknown>): Promise<ResyncReply> {
  expect(client.socket.connected).toBe(false);
  client.socket.auth = auth;
  const ready = connected(client);
  client.socket.connect();
  return ready;
}

function expectStrictlyIncreasing(seqs: readonly number[]) {
  for (let i = 1; i < seqs.length; i += 1) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
}

// ---------------------------------------------------------------- one instance

describe('Live queue over socket.io (one instance)', () => {
  let t: TestApp;
  let url: string;
  let world: ReferralWorld;

  beforeAll(async () => {
    t = await startTestApp();
    url = await listening(t);
    world = await makeReferralWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  // -------------------------------------------------------------- 1. order

  it("delivers a case's whole life to a team lead in seq order, each event once, naming no one", async () => {
    const lead = await signedIn(t, 'team_lead');
    const dash = open(url, lead.accessToken);
    const ready = await readyOf(dash);
    expect(ready).toEqual({ seq: await settled(t), replayed: 0 });

    const person = personDetails();
    const { caseId } = await makeCase(t, world.handler, { kind: 'all' }, person);
    await triage(t, world.handler.accessToken, caseId, TRIAGE_FOR.P1);
    await assign(t, world.lead.accessToken, caseId, world.caseworker.id);
    const sent = await sendReferral(t, world.handler.accessToken, caseId, {
      serviceId: world.serviceId,
    });
    expect(sent.status).toBe(201);
    const referral = await moveTo(t, world, sent.body, 'in_progress');
    const completed = await act(t, world.partner.accessToken, referral.id, 'complete', {
      version: referral.version,
      outcome: 'need_met',
      notes: 'Debt relief order arranged',
    });
    expect(completed.status).toBe(200);
    await closeCase(t, world.handler.accessToken, caseId);

    const last = await settled(t);
    await received(dash, last, 'the case to close');

    const expected = await published(t, ready.seq);
    expect(expected.map((row) => [row.type, row.entityId])).toEqual([
      ['case.created', caseId],
      ['case.triaged', caseId],
      ['safeguarding.alert', caseId],
      ['case.assigned', caseId],
      ['referral.sent', referral.id],
      ['referral.accepted', referral.id],
      ['referral.started', referral.id],
      ['referral.completed', referral.id],
      ['case.closed', caseId],
    ]);
    // The front door sees every event: consecutive seqs, each once, in order.
    expect(seqsOf(dash.events)).toEqual(
      Array.from({ length: expected.length }, (_, i) => ready.seq + 1 + i),
    );
    expect(dash.events.map((event) => event.type)).toEqual(expected.map((row) => row.type));

    for (const event of dash.events) {
      expect(Object.keys(event).sort()).toEqual(['at', 'data', 'seq', 'type']);
      expect(Number.isInteger(event.seq)).toBe(true);
      expect(new Date(event.at).toISOString()).toBe(event.at);
      expect(typeof event.data).toBe('object');
      if (event.type.startsWith('referral.')) {
        expect(event.data).toMatchObject({
          referralId: referral.id,
          organisationId: world.partnerOrg.id,
          serviceId: world.serviceId,
        });
      } else {
        expect(event.data).toMatchObject({ caseId });
      }
    }
    expect(dash.events[1].data).toMatchObject({ priority: 'P1', status: 'triaged' });
    expect(dash.events[3].data).toMatchObject({ ownerId: world.caseworker.id, status: 'active' });
    expect(dash.events.map((event) => event.data.status)).toEqual([
      'new',
      'triaged',
      'triaged',
      'active',
      'sent',
      'accepted',
      'in_progress',
      'completed',
      'closed',
    ]);
    expectNoPersonalData(JSON.stringify(dash.events), person);
    expect(dash.socket.connected).toBe(true);
  });

  // -------------------------------------------------------------- 2. catch-up after a disconnect

  describe('catching up after a disconnect: every event exactly once, in order', () => {
    const drops = {
      'the network drops (engine closed)': (client: LiveClient) => {
        client.socket.io.engine.close();
      },
      'the server drops the socket': (client: LiveClient) => {
        const socket = namespaceOf(t).sockets.get(client.socket.id ?? '');
        expect(socket).toBeDefined();
        socket?.disconnect(true);
      },
    } as const;

    for (const [how, drop] of Object.entries(drops)) {
      for (const resume of ['handshake since', 'resync message'] as const) {
        it(`${how}; resumes by ${resume}`, async () => {
          const lead = await signedIn(t, 'team_lead');
          const start = await settled(t);
          const client = open(url, lead.accessToken);
          const log = journal(client);
          expect(await readyOf(client)).toEqual({ seq: start, replayed: 0 });

          await newCases(t, world.handler, 2);
          await received(client, await settled(t), 'the first changes');
          const before = client.lastSeq();

          const socketId = client.socket.id ?? '';
          expect(namespaceOf(t).sockets.has(socketId)).toBe(true);
          drop(client);
          await eventually(() => !client.socket.connected, 'the client to be disconnected');
          await eventually(
            () => !namespaceOf(t).sockets.has(socketId),
            'the server to see the socket go',
          );
          const disconnects = log.filter((entry) => entry.startsWith('disconnect:'));
          expect(disconnects).toHaveLength(1);
          if (how.startsWith('the server')) {
            expect(disconnects[0]).toBe('disconnect:io server disconnect');
          } else {
            expect(disconnects[0]).not.toBe('disconnect:io server disconnect');
          }

          // Changes go on while it is away.
          await newCases(t, world.handler, 3);
          await makeReferral(t, world);
          const whileAway = await settled(t);
          const missed = await published(t, before);
          expect(seqsFrom(missed)).toEqual(
            Array.from({ length: whileAway - before }, (_, i) => before + 1 + i),
          );
          expect(client.lastSeq()).toBe(before);

          const countAtReconnect = client.events.length;
          if (resume === 'handshake since') {
            const ready = await reconnect(client, { token: lead.accessToken, since: before });
            expect(ready).toEqual({ seq: whileAway, replayed: missed.length });
          } else {
            const ready = await reconnect(client, { token: lead.accessToken });
            expect(ready).toEqual({ seq: whileAway, replayed: 0 });
            // Nothing arrives live before the resync: nothing has changed since.
            expect(client.events.length).toBe(countAtReconnect);
            const { reply, before: atAck } = await ask(client, 'resync', { since: before });
            expect(reply).toEqual({ seq: whileAway, replayed: missed.length });
            expect(atAck).toBe(countAtReconnect + missed.length);
          }
          expect(seqsOf(client.events.slice(countAtReconnect))).toEqual(seqsFrom(missed));

          // And live again afterwards.
          await newCases(t, world.handler, 2);
          const last = await settled(t);
          await received(client, last, 'the changes after the catch-up');

          const all = await published(t, start);
          expect(seqsOf(client.events)).toEqual(seqsFrom(all));
          expect(client.events.map((event) => event.type)).toEqual(all.map((row) => row.type));
        });
      }
    }

    /**
     * Writes a long stretch of log, so that a replay of it takes a while: rows written behind the
     * application as its writers write them (notifying the relay), then published by the relay.
     */
    async function longLog(rows: number): Promise<void> {
      await t.asOwner(
        `WITH written AS (
           INSERT INTO events (type, entity_type, entity_id, data)
           SELECT 'case.created', 'case', id, json_build_object('caseId', id, 'status', 'new')
             FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, $1::int)) ids
           RETURNING id)
         SELECT pg_notify('ofd_events_written', '') FROM (SELECT count(*) FROM written) n`,
        [rows],
      );
    }

    /**
     * Changes from several callers at once, from now until `done()` is true (and at least three
     * each); answers when the first has been made, and a promise of the end of them all.
     */
    async function changesUntil(
      handler: Signed,
      done: () => boolean,
    ): Promise<{ all: Promise<void> }> {
      let first!: () => void;
      const firstDone = new Promise<void>((resolve) => (first = resolve));
      const all = Promise.all(
        Array.from({ length: 3 }, async (_, chain) => {
          for (let i = 0; i < 3 || (!done() && i < 100); i += 1) {
            await makeCase(t, handler);
            if (chain === 0 && i === 0) first();
          }
        }),
      ).then(() => undefined);
      await firstDone;
      return { all };
    }

    const LONG = 6000;

    it('a large batch goes out in slices: clients there all along, and clients connecting meanwhile, each have every event once, in order', async () => {
      const lead = await signedIn(t, 'team_lead');
      const since = await settled(t);
      const watching = open(url, lead.accessToken, { since });
      await readyOf(watching);
      // One transaction of many events: published a thousand at a time, each sent in slices.
      await longLog(LONG);
      // Clients connecting while it goes out: from the seq before it, and with no seq at all.
      const late: LiveClient[] = [];
      const fresh: LiveClient[] = [];
      for (let i = 0; i < 4; i += 1) {
        late.push(open(url, lead.accessToken, { since }));
        fresh.push(open(url, lead.accessToken));
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      const last = await settled(t);
      expect(last - since).toBe(LONG);
      const all = Array.from({ length: LONG }, (_, i) => since + 1 + i);
      for (const client of [watching, ...late]) {
        await received(client, last, 'the whole batch');
        expect(seqsOf(client.events)).toEqual(all);
      }
      for (const client of fresh) {
        const ready = await readyOf(client);
        if (ready.seq < last) await received(client, last, 'the rest of the batch');
        expect(seqsOf(client.events)).toEqual(all.filter((seq) => seq > ready.seq));
      }
    });

    it('a resync while changes are being made: the replay and the live events after it are exactly every event after since', async () => {
      const lead = await signedIn(t, 'team_lead');
      const since = await settled(t);
      // Events this client has never had: the resync must replay them.
      await longLog(LONG);
      await newCases(t, world.handler, 2);
      const beforeConnect = await settled(t);
      expect(beforeConnect - since).toBe(LONG + 2);
      const client = open(url, lead.accessToken);
      expect(await readyOf(client)).toEqual({ seq: beforeConnect, replayed: 0 });

      // The resync goes out while changes are being made, and they go on until after its ack.
      let acked = false;
      const changes = await changesUntil(await signedIn(t, 'call_handler'), () => acked);
      const { reply, before: atAck } = await ask(client, 'resync', { since });
      acked = true;
      await changes.all;
      const last = await settled(t);
      await received(client, last, 'the changes');

      const expected = seqsFrom(await published(t, since));
      expect(expected).toEqual(Array.from({ length: last - since }, (_, i) => since + 1 + i));
      const seqs = seqsOf(client.events);
      // Live events that came before the server took the resync are all after beforeConnect; the
      // replay starts at since + 1, which is before it.
      const replayStart = seqs.indexOf(since + 1);
      expect(replayStart).toBeGreaterThanOrEqual(0);
      const early = seqs.slice(0, replayStart);
      expectStrictlyIncreasing(early);
      for (const seq of early) expect(seq).toBeGreaterThan(beforeConnect);
      // From the replay on: every event after since, in order, once each.
      expect(seqs.slice(replayStart)).toEqual(expected);
      // The ack came right after its replay, which ran up to the ack's seq.
      const ack = reply as ResyncReply;
      expect(ack.seq).toBeGreaterThanOrEqual(beforeConnect);
      expect(ack.seq).toBeLessThanOrEqual(last);
      expect(ack.replayed).toBe(ack.seq - since);
      expect(atAck - replayStart).toBe(ack.replayed);
      expect(seqs[atAck - 1]).toBe(ack.seq);
    });

    it('a handshake since while changes are being made: exactly every event after since, in order', async () => {
      const lead = await signedIn(t, 'team_lead');
      const since = await settled(t);
      await longLog(LONG);
      await newCases(t, world.handler, 2);
      expect((await settled(t)) - since).toBe(LONG + 2);

      let ready = false;
      const changes = await changesUntil(await signedIn(t, 'call_handler'), () => ready);
      const client = open(url, lead.accessToken, { since });
      let atReady = -1;
      client.socket.once('ready', () => {
        atReady = client.events.length;
      });
      const caughtUp = await readyOf(client);
      ready = true;
      await changes.all;
      const last = await settled(t);
      await received(client, last, 'the changes');

      const expected = seqsFrom(await published(t, since));
      expect(expected).toEqual(Array.from({ length: last - since }, (_, i) => since + 1 + i));
      expect(seqsOf(client.events)).toEqual(expected);
      // `ready` came right after the replay, which ran up to its seq.
      expect(caughtUp.replayed).toBe(caughtUp.seq - since);
      expect(atReady).toBe(caughtUp.replayed);
    });
  });

  // -------------------------------------------------------------- 3. resync replies and validation

  describe('resync replies and validation', () => {
    let lead: Signed;
    beforeAll(async () => {
      lead = await signedIn(t, 'team_lead');
    });

    it('answers { seq, replayed } with the events replayed before the ack', async () => {
      const client = open(url, lead.accessToken);
      await readyOf(client);
      const since = await settled(t);
      await newCases(t, world.handler, 3);
      const last = await settled(t);
      await received(client, last);
      const live = client.events.length;

      const { reply, before } = await ask(client, 'resync', { since });
      expect(reply).toEqual({ seq: last, replayed: 3 });
      expect(before).toBe(live + 3);
      expect(seqsOf(client.events.slice(live))).toEqual([since + 1, since + 2, since + 3]);

      // From the last seq: nothing to replay.
      expect((await ask(client, 'resync', { since: last })).reply).toEqual({
        seq: last,
        replayed: 0,
      });
      expect(client.events).toHaveLength(live + 3);
    });

    it.each([
      ['a negative since', [{ since: -1 }]],
      ['a string since', [{ since: 'x' }]],
      ['a fractional since', [{ since: 1.5 }]],
      ['no since', [{}]],
      ['an extra field', [{ since: 1, extra: 1 }]],
      ['a number instead of an object', [5]],
      ['a string instead of an object', ['since']],
      ['an array', [[1]]],
      ['null', [null]],
      ['nothing at all', []],
    ])('refuses %s with VALIDATION_FAILED, replaying nothing', async (_what, args) => {
      const client = open(url, lead.accessToken);
      await readyOf(client);
      const { reply } = await ask(client, 'resync', ...args);
      expect(reply).toEqual({
        error: expect.objectContaining({
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        }) as unknown,
      });
      expect(client.events).toEqual([]);
      expect(client.socket.connected).toBe(true);
    });

    it('refuses a since beyond the last published seq with RESYNC_SEQ_UNKNOWN', async () => {
      const client = open(url, lead.accessToken);
      await readyOf(client);
      const last = await settled(t);
      const { reply } = await ask(client, 'resync', { since: last + 1000 });
      const error = (reply as ErrorReply).error;
      expect(error).toMatchObject({
        code: 'RESYNC_SEQ_UNKNOWN',
        correlationId: expect.any(String) as unknown,
        details: { since: last + 1000, lastSeq: last },
      });
      expect(client.events).toEqual([]);
      // The last seq itself is known.
      expect((await ask(client, 'resync', { since: last })).reply).toEqual({
        seq: last,
        replayed: 0,
      });
    });

    it.each([
      ['negative', -1],
      ['a string', 'x'],
      ['fractional', 1.5],
      ['null', null],
    ])('refuses a handshake whose since is %s with VALIDATION_FAILED', async (_what, since) => {
      const client = open(url, lead.accessToken, { auth: { since } });
      const error = (await refused(client)) as ConnectError;
      expect(error.message).toBe('VALIDATION_FAILED');
      expect(error.data).toMatchObject({
        code: 'VALIDATION_FAILED',
        correlationId: expect.any(String) as unknown,
      });
      expect(client.socket.connected).toBe(false);
    });

    it('refuses a handshake whose since is beyond the last published seq with RESYNC_SEQ_UNKNOWN', async () => {
      const last = await settled(t);
      const client = open(url, lead.accessToken, { since: last + 50 });
      const error = (await refused(client)) as ConnectError;
      expect(error.message).toBe('RESYNC_SEQ_UNKNOWN');
      expect(error.data).toMatchObject({ code: 'RESYNC_SEQ_UNKNOWN' });
    });

    it('answers an unknown message with UNKNOWN_MESSAGE and stays connected', async () => {
      const client = open(url, lead.accessToken);
      await readyOf(client);
      const { reply } = await ask(client, 'subscribe', { room: 'front-door' });
      expect(reply).toEqual({
        error: expect.objectContaining({
          code: 'UNKNOWN_MESSAGE',
          correlationId: expect.any(String),
        }) as unknown,
      });
      // Without an ack it is ignored; the connection goes on.
      client.socket.emit('join', 'organisation:anything');
      expect((await ask(client, 'resync', { since: await settled(t) })).reply).toMatchObject({
        replayed: 0,
      });
      expect(client.socket.connected).toBe(true);
    });
  });

  // -------------------------------------------------------------- 5. refusals

  describe('connections refused', () => {
    const sign = (payload: Record<string, unknown>, secret?: string) =>
      signToken(t, payload, secret);

    async function expectUnauthenticated(
      token: string | undefined,
      auth?: Record<string, unknown>,
    ) {
      const client = open(url, token, { auth });
      const error = (await refused(client)) as ConnectError;
      expect(error.message).toBe('UNAUTHENTICATED');
      expect(error.data).toMatchObject({
        code: 'UNAUTHENTICATED',
        correlationId: expect.any(String) as unknown,
      });
      expect(client.socket.connected).toBe(false);
    }

    it('refuses a handshake with no token', async () => {
      await expectUnauthenticated(undefined);
    });

    it('refuses a garbage token, and a token that is not a string', async () => {
      await expectUnauthenticated('not.a.token');
      await expectUnauthenticated(undefined, { token: { sub: 'x' } });
    });

    it('refuses a token signed with another secret', async () => {
      const user = await signedIn(t, 'team_lead');
      const { sub, sid, role } = claimsOf(user.accessToken);
      await expectUnauthenticated(sign({ sub, sid, role }, randomBytes(32).toString('base64url')));
    });

    it('refuses an expired token for a live session (and takes the same token unexpired)', async () => {
      const user = await signedIn(t, 'team_lead');
      const { sub, sid, role } = claimsOf(user.accessToken);
      const now = Math.floor(Date.now() / 1000);
      await expectUnauthenticated(sign({ sub, sid, role, iat: now - 3600, exp: now - 60 }));
      // The control: the same claims, signed the same way and not expired, are admitted.
      const fresh = open(url, sign({ sub, sid, role, iat: now, exp: now + 600 }));
      await readyOf(fresh);
      expect(fresh.socket.connected).toBe(true);
    });

    it('refuses a token whose session was logged out', async () => {
      const user = await signedIn(t, 'caseworker');
      const client = open(url, user.accessToken);
      await readyOf(client);
      client.close();
      const logout = await t.http().post('/api/auth/logout').set(bearer(user.accessToken));
      expect(logout.status).toBe(204);
      await expectUnauthenticated(user.accessToken);
    });
  });

  // -------------------------------------------------------------- 6. ended sessions

  describe('a session that ends closes its connection at once', () => {
    const endings: Record<string, (user: Signed) => Promise<void>> = {
      'the user logs out': async (user) => {
        const response = await t.http().post('/api/auth/logout').set(bearer(user.accessToken));
        expect(response.status).toBe(204);
      },
      'an admin disables the user': async (user) => {
        const response = await t
          .http()
          .patch(`/api/users/${user.id}`)
          .set(bearer(world.admin.accessToken))
          .send({ active: false });
        expect(response.status).toBe(200);
      },
      "an admin changes the user's role": async (user) => {
        const response = await t
          .http()
          .patch(`/api/users/${user.id}`)
          .set(bearer(world.admin.accessToken))
          .send({ role: 'caseworker' });
        expect(response.status).toBe(200);
      },
    };

    for (const [ending, end] of Object.entries(endings)) {
      it(`${ending}: session.ended, then a server disconnect; others go on`, async () => {
        const user = await signedIn(t, 'team_lead');
        const other = await signedIn(t, 'team_lead');
        const ended = open(url, user.accessToken);
        const bystander = open(url, other.accessToken);
        const endedLog = journal(ended);
        const bystanderLog = journal(bystander);
        await readyOf(ended);
        await readyOf(bystander);

        await end(user);
        await eventually(() => !ended.socket.connected, 'the connection to close', RELAY_WAIT_MS);
        expect(endedLog).toEqual(['session.ended', 'disconnect:io server disconnect']);
        expect(ended.control.filter(([name]) => name !== 'ready')).toEqual([
          ['session.ended', { reason: 'session_ended' }],
        ]);

        // The other user's connection goes on, and still receives events.
        const before = await settled(t);
        const { caseId } = await makeCase(t, world.handler);
        const last = await settled(t);
        await received(bystander, last);
        expect(bystander.events.filter((event) => event.seq > before)).toEqual([
          expect.objectContaining({
            seq: last,
            type: 'case.created',
            data: expect.objectContaining({ caseId }),
          }),
        ]);
        expect(bystander.socket.connected).toBe(true);
        expect(bystanderLog).toEqual([]);
        expect(ended.events.some((event) => event.seq > before)).toBe(false);

        // The old token cannot come back.
        const again = open(url, user.accessToken);
        expect((await refused(again)).message).toBe('UNAUTHENTICATED');
      });
    }

    it('the token expires: session.ended (token_expired), then a server disconnect', async () => {
      const user = await signedIn(t, 'team_lead');
      const { sub, sid, role } = claimsOf(user.accessToken);
      const now = Math.floor(Date.now() / 1000);
      const shortLived = signToken(t, { sub, sid, role, iat: now, exp: now + 2 });
      const client = open(url, shortLived);
      const log = journal(client);
      const lasting = open(url, user.accessToken);
      await readyOf(client);
      await readyOf(lasting);

      await eventually(() => !client.socket.connected, 'the token to expire', RELAY_WAIT_MS);
      expect(log).toEqual(['session.ended', 'disconnect:io server disconnect']);
      expect(client.control.filter(([name]) => name !== 'ready')).toEqual([
        ['session.ended', { reason: 'token_expired' }],
      ]);
      // The session itself goes on: the connection opened with its other token stays.
      expect(lasting.socket.connected).toBe(true);
      expect(lasting.control.filter(([name]) => name !== 'ready')).toEqual([]);
    });
  });

  // -------------------------------------------------------------- 7. rooms

  it("takes a partner's room from its token, not from what the client asks for", async () => {
    const otherOrg = await makeOrganisation(t, 'partner');
    const otherPartner = await signedIn(t, 'partner', { organisationId: otherOrg.id });
    const otherService = await makeService(t, world.admin, otherOrg.id);
    const lead = await signedIn(t, 'team_lead');
    const asks = {
      organisationId: otherOrg.id,
      room: 'front-door',
      rooms: ['front-door', `organisation:${otherOrg.id}`],
      role: 'admin',
      userId: world.admin.id,
    };

    const start = await settled(t);
    // A partner's numbers count its own organisation's events only.
    const partnerStart = await partnerLast(t, world.partnerOrg.id);
    const partner = open(url, world.partner.accessToken, { auth: asks });
    const dash = open(url, lead.accessToken);
    const otherSide = open(url, otherPartner.accessToken);
    expect(await readyOf(partner)).toEqual({ seq: partnerStart, replayed: 0 });
    expect(await readyOf(otherSide)).toEqual({ seq: 0, replayed: 0 });
    await readyOf(dash);

    // Front-door events, the other organisation's referral events, and this one's.
    const { caseId } = await makeCase(t, world.handler);
    await triage(t, world.handler.accessToken, caseId, TRIAGE_FOR.P1);
    await assign(t, world.lead.accessToken, caseId, world.caseworker.id);
    const theirs = await sendReferral(t, world.handler.accessToken, caseId, {
      serviceId: otherService,
    });
    expect(theirs.status).toBe(201);
    const ours = await makeReferral(t, world);
    expect(
      (
        await act(t, otherPartner.accessToken, theirs.body.id, 'accept', {
          version: theirs.body.version,
        })
      ).status,
    ).toBe(200);
    const viewed = await t
      .http()
      .get(`/api/referrals/${ours.id}`)
      .set(bearer(world.partner.accessToken));
    expect(viewed.status).toBe(200);
    const accepted = await moveTo(t, world, ours, 'accepted');
    await closeCase(t, world.handler.accessToken, (await makeCase(t, world.handler)).caseId);
    // The last change is this organisation's: once it arrives, everything before it has too.
    const started = await act(t, world.partner.accessToken, accepted.id, 'start', {
      version: accepted.version,
    });
    expect(started.status).toBe(200);
    const last = await settled(t);
    await received(dash, last);
    const partnerNow = await partnerLast(t, world.partnerOrg.id);
    await received(partner, partnerNow, "the partner's last event");

    const own = await published(t, start, `e.organisation_id = $2 AND e.type LIKE 'referral.%'`, [
      world.partnerOrg.id,
    ]);
    expect(own.map((row) => row.type)).toEqual([
      'referral.sent',
      'referral.viewed',
      'referral.accepted',
      'referral.started',
    ]);
    expect(seqsOf(partner.events)).toEqual(partnerSeqsFrom(own));
    expect(partnerSeqsFrom(own)).toEqual([1, 2, 3, 4].map((n) => partnerStart + n));
    for (const event of partner.events) {
      expect(event.type.startsWith('referral.')).toBe(true);
      expect(event.data).toMatchObject({
        referralId: ours.id,
        organisationId: world.partnerOrg.id,
      });
    }
    // The organisation the client asked for got its own referral's events, and only those.
    const theirEvents = await published(t, start, `e.organisation_id = $2`, [otherOrg.id]);
    expect(theirEvents.map((row) => row.type)).toEqual(['referral.sent', 'referral.accepted']);
    await eventually(() => otherSide.events.length >= 2, "the other organisation's events");
    expect(seqsOf(otherSide.events)).toEqual(partnerSeqsFrom(theirEvents));
    expect(seqsOf(otherSide.events)).toEqual([1, 2]);
    // The front door saw everything, including what the partner did not.
    const all = await published(t, start);
    expect(seqsOf(dash.events)).toEqual(seqsFrom(all));
    expect(all.map((row) => row.type)).toEqual(
      expect.arrayContaining(['case.created', 'safeguarding.alert', 'referral.accepted']),
    );
    expect(all.some((row) => row.organisationId === otherOrg.id)).toBe(true);

    // Replay takes the room from the token too: by handshake since, and by resync.
    const late = open(url, world.partner.accessToken, { since: partnerStart, auth: asks });
    expect(await readyOf(late)).toEqual({ seq: partnerNow, replayed: own.length });
    expect(seqsOf(late.events)).toEqual(partnerSeqsFrom(own));
    const { reply, before } = await ask(partner, 'resync', { since: partnerStart });
    expect(reply).toEqual({ seq: partnerNow, replayed: own.length });
    expect(seqsOf(partner.events.slice(before - own.length))).toEqual(partnerSeqsFrom(own));
    expect(partner.events).toHaveLength(own.length * 2);
  });
});

// ---------------------------------------------------------------- 4. rate limit

describe('Live queue: messages per minute', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp({ liveMessagesPerMinute: 3 });
    url = await listening(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the fourth resync within a minute with RATE_LIMITED, replaying nothing for it', async () => {
    const handler = await signedIn(t, 'call_handler');
    const lead = await signedIn(t, 'team_lead');
    await newCases(t, handler, 2);
    const last = await settled(t);
    const client = open(url, lead.accessToken);
    await readyOf(client);

    for (let i = 1; i <= 3; i += 1) {
      const { reply, before } = await ask(client, 'resync', { since: 0 });
      expect(reply).toEqual({ seq: last, replayed: last });
      expect(before).toBe(i * last);
    }
    const count = client.events.length;
    const { reply, before } = await ask(client, 'resync', { since: 0 });
    const error = (reply as ErrorReply).error;
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      correlationId: expect.any(String) as unknown,
    });
    const retryAfter = error.details?.retryAfterSeconds;
    expect(typeof retryAfter).toBe('number');
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(before).toBe(count);
    // The limit is the user's, not the connection's.
    const second = open(url, lead.accessToken);
    await readyOf(second);
    expect(((await ask(second, 'resync', { since: 0 })).reply as ErrorReply).error.code).toBe(
      'RATE_LIMITED',
    );
    expect(second.events).toEqual([]);
    // Another user is not limited.
    const other = open(url, (await signedIn(t, 'team_lead')).accessToken);
    await readyOf(other);
    expect((await ask(other, 'resync', { since: 0 })).reply).toEqual({ seq: last, replayed: last });
  });
});

// ---------------------------------------------------------------- 5. origins

describe('Live queue: browser origins', () => {
  let t: TestApp;
  let url: string;
  let token: string;
  const allowed = 'https://console.example.gov.uk';
  beforeAll(async () => {
    t = await startTestApp({ corsOrigins: [allowed] });
    url = await listening(t);
    token = (await signedIn(t, 'team_lead')).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a page from a foreign origin, even with a good token', async () => {
    for (const origin of [
      'https://evil.example',
      'https://console.example.gov.uk.evil.example',
      'null',
    ]) {
      const client = open(url, token, { origin });
      await refused(client);
      expect(client.socket.connected).toBe(false);
      expect(client.events).toEqual([]);
    }
  });

  it('admits the allowed origin, and clients that send no Origin', async () => {
    const page = open(url, token, { origin: allowed });
    const script = open(url, token);
    await readyOf(page);
    await readyOf(script);
    expect(page.socket.connected).toBe(true);
    expect(script.socket.connected).toBe(true);
  });
});

// ---------------------------------------------------------------- 8. the starting picture

describe('GET /api/queue: the starting picture and its seq', () => {
  let t: TestApp;
  let url: string;
  let world: ReferralWorld;

  beforeAll(async () => {
    t = await startTestApp();
    // Sweeps in this file run when the test says so.
    await t.app.get(OverdueSweeper).onModuleDestroy();
    url = await listening(t);
    world = await makeReferralWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const picture = (token?: string) => {
    const request = t.http().get('/api/queue');
    return token === undefined ? request : request.set(bearer(token));
  };

  it('is for the front door: 200 for its roles, 403 for a partner, 401 without a token', async () => {
    for (const user of [world.lead, world.handler, world.caseworker, world.admin]) {
      expect((await picture(user.accessToken)).status).toBe(200);
    }
    const partner = await picture(world.partner.accessToken);
    expect(partner.status).toBe(403);
    expect(partner.body).toMatchObject({ code: 'AUTH_ROLE_NOT_ALLOWED' });
    const anonymous = await picture();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'AUTH_TOKEN_MISSING' });
  });

  it('shows the cases and overdue referrals as they stand, with the seq to continue from', async () => {
    const person = personDetails();
    const untriaged = (await makeCase(t, world.handler, { kind: 'all' }, person)).caseId;
    const urgent = (await makeCase(t, world.handler)).caseId;
    await triage(t, world.handler.accessToken, urgent, TRIAGE_FOR.P1);
    const held = (await makeCase(t, world.handler)).caseId;
    await triage(t, world.handler.accessToken, held, TRIAGE_FOR.P3);
    await assign(t, world.lead.accessToken, held, world.caseworker.id);
    const closed = (await makeCase(t, world.handler)).caseId;
    await closeCase(t, world.handler.accessToken, closed);
    const late = await makeReferral(t, world);
    const onTime = await makeReferral(t, world);
    await t.asOwner(`UPDATE referrals SET due_at = now() - interval '1 hour' WHERE id = $1`, [
      late.id,
    ]);
    expect(await t.app.get(OverdueSweeper).sweep()).toBe(1);

    const last = await settled(t);
    const response = await picture(world.lead.accessToken);
    expect(response.status).toBe(200);
    const body = response.body as {
      seq: number;
      counts: Record<string, number>;
      untriaged: { caseId: string }[];
      urgent: { caseId: string; priority: string }[];
      unassigned: { caseId: string }[];
      overdueReferrals: { referralId: string; organisationId: string; overdue: boolean }[];
    };
    expect(body.seq).toBe(last);
    expect(body.counts).toEqual({
      open: 5,
      untriaged: 3,
      P1: 1,
      P2: 0,
      unassigned: 4,
      overdueCases: 0,
      overdueReferrals: 1,
    });
    expect(body.untriaged.map((tile) => tile.caseId)).toEqual([
      untriaged,
      late.caseId,
      onTime.caseId,
    ]);
    expect(body.urgent.map((tile) => [tile.caseId, tile.priority])).toEqual([[urgent, 'P1']]);
    expect(body.unassigned.map((tile) => tile.caseId)).toEqual([
      urgent,
      untriaged,
      late.caseId,
      onTime.caseId,
    ]);
    expect(body.overdueReferrals).toEqual([
      expect.objectContaining({
        referralId: late.id,
        organisationId: world.partnerOrg.id,
        overdue: true,
      }),
    ]);
    expectNoPersonalData(JSON.stringify(response.body), person);

    // Continuing from the picture: exactly the changes made after it.
    const client = open(url, world.lead.accessToken, { since: body.seq });
    expect(await readyOf(client)).toEqual({ seq: body.seq, replayed: 0 });
    const { caseId } = await makeCase(t, world.handler);
    await triage(t, world.handler.accessToken, caseId, TRIAGE_FOR.P3);
    const accepted = await act(t, world.partner.accessToken, late.id, 'accept', {
      version: late.version,
    });
    expect(accepted.status).toBe(200);
    const after = await settled(t);
    await received(client, after);
    const changes = await published(t, body.seq);
    expect(changes.map((row) => [row.type, row.entityId])).toEqual([
      ['case.created', caseId],
      ['case.triaged', caseId],
      ['referral.accepted', late.id],
    ]);
    expect(seqsOf(client.events)).toEqual(seqsFrom(changes));

    // The picture now moves on to the new seq.
    const next = (await picture(world.lead.accessToken)).body as typeof body;
    expect(next.seq).toBe(after);
    expect(next.counts.overdueReferrals).toBe(0);
    expect(next.overdueReferrals).toEqual([]);
  });
});

// ---------------------------------------------------------------- 9. graceful shutdown

describe('Live queue: graceful shutdown with two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let urlA: string;
  let urlB: string;
  let aClosed = false;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({
      databaseUrl: a.config.databaseUrl,
      migrationDatabaseUrl: a.config.migrationDatabaseUrl,
      tokenSecret: a.config.tokenSecret,
    });
    urlA = await listening(a);
    urlB = await listening(b);
  });
  afterAll(async () => {
    if (!aClosed) await a.close();
    await b.close();
  });

  it('tells clients to reconnect, closes the transport, and another instance carries on without a gap', async () => {
    const handler = await signedIn(b, 'call_handler');
    const lead = await signedIn(b, 'team_lead');
    const start = await settled(a);
    const onA = open(urlA, lead.accessToken, { reconnection: true });
    const log = journal(onA);
    expect(await readyOf(onA)).toEqual({ seq: start, replayed: 0 });

    await newCases(a, handler, 2);
    await newCases(b, handler, 2);
    await received(onA, await settled(a), 'the first changes on A');

    let attempts = 0;
    onA.socket.io.on('reconnect_attempt', () => (attempts += 1));
    const closing = a.close();
    await eventually(() => log.some((entry) => entry.startsWith('disconnect:')), 'the disconnect');
    await closing;
    aClosed = true;
    expect(log[0]).toBe('shutdown');
    expect(log[1]).toMatch(/^disconnect:transport (close|error)$/);
    expect(onA.control.filter(([name]) => name !== 'ready')).toEqual([
      ['shutdown', { reconnect: true }],
    ]);
    // The client tries to reconnect by itself (a server disconnect would have stopped it)...
    await eventually(() => attempts > 0, 'the client to try to reconnect');
    // ... but A cannot be reached any more: stop its retries and go to B.
    onA.socket.io.reconnection(false);
    onA.close();
    const lastOnA = onA.lastSeq();

    // Changes while no client is connected, then a client on B from where A's left off.
    await newCases(b, handler, 2);
    const onB = open(urlB, lead.accessToken, { since: lastOnA });
    const ready = await readyOf(onB);
    expect(ready.replayed).toBe((await published(b, lastOnA, 'e.seq <= $2', [ready.seq])).length);
    await newCases(b, handler, 3);
    const last = await settled(b);
    await received(onB, last, 'the changes on B');

    const all = seqsFrom(await published(b, start));
    expect(all).toEqual(Array.from({ length: last - start }, (_, i) => start + 1 + i));
    expect([...seqsOf(onA.events), ...seqsOf(onB.events)]).toEqual(all);
    expect(onB.socket.connected).toBe(true);
  });
});
