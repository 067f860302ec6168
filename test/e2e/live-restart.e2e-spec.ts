import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { projectRoot } from '../../src/common/project-root.js';
import { LiveListener } from '../../src/live/live-listener.js';
import { login, startTestApp, type TestApp } from '../support/app.js';
import { connected, eventually, liveClient, type LiveClient } from '../support/live.js';
import { expectDelivered, received, until, type Watcher } from '../support/live-log.js';
import {
  act,
  makeCase,
  makeReferralWorld,
  sendReferral,
  type ReferralWorld,
  type Signed,
} from '../support/referrals.js';

const ROOT = projectRoot();
/** The application built as `npm start` runs it; ignored by git, eslint and prettier. */
const BUILD = join(ROOT, '.test-build');

/** The server as a process of its own, on a database the tests made. */
interface Server {
  process: ChildProcess;
  url: string;
  /** What it has written to stdout and stderr (warnings and errors only). */
  output: string[];
  exited: Promise<void>;
}

const children = new Set<ChildProcess>();
const killAll = () => {
  for (const child of children) child.kill('SIGKILL');
};
process.once('exit', killAll);

/** Builds the server (src and migrations only) with the project's build settings. */
async function build(): Promise<void> {
  rmSync(BUILD, { recursive: true, force: true });
  mkdirSync(BUILD, { recursive: true });
  writeFileSync(
    join(BUILD, 'tsconfig.json'),
    JSON.stringify({
      extends: '../tsconfig.build.json',
      compilerOptions: { rootDir: '..', outDir: '.' },
      include: ['../src', '../migrations'],
    }),
  );
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(BUILD, 'tsconfig.json')],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('no port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** Starts `node .test-build/src/main.js` on `t`'s database and waits until it is ready. */
async function startServer(t: TestApp, port: number): Promise<Server> {
  const child = spawn(process.execPath, [join(BUILD, 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: t.config.databaseUrl,
      OFD_MIGRATION_DATABASE_URL: t.config.migrationDatabaseUrl,
      OFD_TOKEN_SECRET: t.config.tokenSecret,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OFD_RATE_LIMIT_PER_MINUTE: '100000',
      OFD_DB_POOL_SIZE: '4',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let running = true;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running = false;
      children.delete(child);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (!running) throw new Error(`the server exited while starting:\n${output.join('')}`);
    if (Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become ready:\n${output.join('')}`);
    }
    const ready = await fetch(`${url}/api/health/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return { process: child, url, output, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Kills the server as a crash would: no shutdown, no goodbye to its clients. */
async function kill(server: Server): Promise<void> {
  server.process.kill('SIGKILL');
  await server.exited;
}

/** `t` with its HTTP calls going to the server process instead. */
const through = (t: TestApp, server: Server): TestApp => ({
  ...t,
  http: () => request(server.url),
});

/** A signed-in user's fresh session, signed in through the server process. */
async function signInThrough(t: TestApp, server: Server, user: Signed): Promise<Signed> {
  return { ...user, ...(await login(through(t, server), user)) };
}

function connect(server: Server, token: string, since: number, clients: LiveClient[]) {
  const client = liveClient(server.url, token, { since });
  clients.push(client);
  return client;
}

/** A referral's life: a new case, the referral, accepted, a message, completed (five events). */
async function story(t: TestApp, world: ReferralWorld): Promise<{ referralId: string }> {
  const { caseId } = await makeCase(t, world.handler);
  const sent = await sendReferral(t, world.handler.accessToken, caseId, {
    serviceId: world.serviceId,
  });
  if (sent.status !== 201) throw new Error(`send: ${sent.status} ${JSON.stringify(sent.body)}`);
  const accepted = await act(t, world.partner.accessToken, sent.body.id, 'accept', {
    version: sent.body.version,
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status}`);
  const message = await t
    .http()
    .post(`/api/referrals/${sent.body.id}/messages`)
    .set('Authorization', `Bearer ${world.partner.accessToken}`)
    .send({ body: 'Appointment on Tuesday.' });
  if (message.status !== 201) throw new Error(`message: ${message.status}`);
  const completed = await act(t, world.partner.accessToken, sent.body.id, 'complete', {
    version: accepted.body.version,
    outcome: 'need_met',
    notes: 'Debt relief order arranged',
  });
  if (completed.status !== 200) throw new Error(`complete: ${completed.status}`);
  return { referralId: sent.body.id };
}

/** Changes made one after another in the background until stopped; counts them. */
function backgroundWriter(write: () => Promise<unknown>) {
  const state = { done: 0, stopping: false, failure: undefined as Error | undefined };
  const finished = (async () => {
    while (!state.stopping) {
      try {
        await write();
        state.done += 1;
      } catch (error) {
        state.failure = error instanceof Error ? error : new Error(String(error));
        return;
      }
    }
  })();
  const check = () => {
    if (state.failure !== undefined) throw state.failure;
  };
  return {
    state,
    /** Waits until `n` more changes have been made (failing if the writer failed). */
    async after(n: number, what: string): Promise<void> {
      const target = state.done + n;
      await eventually(
        () => {
          check();
          return state.done >= target;
        },
        what,
        20_000,
      );
    },
    async stop(): Promise<void> {
      state.stopping = true;
      await finished;
      check();
    },
  };
}

describe('Live queue: the server process killed and restarted', () => {
  const clients: LiveClient[] = [];
  const apps: TestApp[] = [];

  beforeAll(async () => {
    await build();
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    killAll();
    for (const app of apps) await app.close().catch(() => undefined);
  });

  async function app(overrides: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
    const t = await startTestApp({ rateLimitPerMinute: 100_000, ...overrides });
    apps.push(t);
    return t;
  }

  it('a killed publisher: another instance carries on publishing, and reconnected clients miss nothing', async () => {
    // The database, its people and a partner service, set up in process; then only the server
    // process runs, so it is the one that publishes.
    const setup = await app();
    const world = await makeReferralWorld(setup);
    await setup.close();
    apps.splice(apps.indexOf(setup), 1);
    const port = await freePort();
    let server = await startServer(setup, port);

    // A second instance, in this process, on the same database: it serves HTTP only here.
    const other = await app({
      databaseUrl: setup.config.databaseUrl,
      migrationDatabaseUrl: setup.config.migrationDatabaseUrl,
      tokenSecret: setup.config.tokenSecret,
    });
    expect(other.app.get(LiveListener).isLeader).toBe(false);

    const lead = await signInThrough(setup, server, world.lead);
    const partner = await signInThrough(setup, server, world.partner);
    const watchers: (Watcher & { token: string })[] = [
      { label: 'team lead', audience: 'front-door', token: lead.accessToken, clients: [] },
      {
        label: 'partner',
        audience: { organisationId: world.partnerOrg.id },
        token: partner.accessToken,
        clients: [],
      },
    ];
    for (const watcher of watchers) {
      const client = connect(server, watcher.token, 0, clients);
      await connected(client);
      watcher.clients.push(client);
    }

    const writer = backgroundWriter(() => story(other, world));
    try {
      await eventually(
        () => watchers.every((watcher) => watcher.clients[0].events.length >= 8),
        'events to reach the clients through the server process',
        20_000,
      );
      await kill(server);
      for (const watcher of watchers) {
        await eventually(
          () => !watcher.clients[0].socket.connected,
          `${watcher.label} to see the connection drop`,
        );
      }
      // The other instance takes over publishing (it asks every 2 s), and changes go on.
      await eventually(
        () => other.app.get(LiveListener).isLeader,
        'the other instance to take over publishing',
      );
      await writer.after(2, 'changes while the server process is down');

      server = await startServer(setup, port);
      for (const watcher of watchers) {
        const client = connect(
          server,
          watcher.token,
          received(watcher.clients).at(-1)?.seq ?? 0,
          clients,
        );
        await connected(client);
        watcher.clients.push(client);
      }
      await writer.after(2, 'changes after the restart');
    } finally {
      await writer.stop();
    }

    const total = await expectDelivered(setup, watchers);
    // Five events per story; the partner sees the four referral events of each.
    expect(total).toBe(writer.state.done * 5);
    expect(received(watchers[1].clients)).toHaveLength(writer.state.done * 4);
    // The restarted process does not publish: the other instance leads.
    expect(other.app.get(LiveListener).isLeader).toBe(true);
    await kill(server);
  }, 90_000);

  it('the only instance killed right after a burst: on restart it publishes what was left, and clients resync without a gap', async () => {
    const setup = await app();
    const world = await makeReferralWorld(setup);
    await setup.close();
    apps.splice(apps.indexOf(setup), 1);
    const port = await freePort();
    let server = await startServer(setup, port);
    const remote = through(setup, server);

    const lead = await signInThrough(setup, server, world.lead);
    const partner = await signInThrough(setup, server, world.partner);
    const watchers: (Watcher & { token: string })[] = [
      { label: 'team lead', audience: 'front-door', token: lead.accessToken, clients: [] },
      {
        label: 'partner',
        audience: { organisationId: world.partnerOrg.id },
        token: partner.accessToken,
        clients: [],
      },
    ];
    for (const watcher of watchers) {
      const client = connect(server, watcher.token, 0, clients);
      await connected(client);
      watcher.clients.push(client);
    }

    // Some changes the clients receive, then a burst whose responses all came back, then the kill.
    await story(remote, world);
    await eventually(
      () => watchers[0].clients[0].events.length === 5,
      'the first changes to be delivered',
    );
    const burst = await Promise.all([
      ...[0, 1, 2, 3].map(() => story(remote, world)),
      ...[0, 1, 2, 3, 4, 5].map(() => makeCase(remote, world.handler)),
    ]);
    await kill(server);

    // Every change the server answered for is in the log, published or not.
    const referralIds = burst.flatMap((item) => ('referralId' in item ? [item.referralId] : []));
    const caseIds = burst.flatMap((item) => ('caseId' in item ? [item.caseId] : []));
    const logged = await setup.asOwner<{ type: string }>(
      `SELECT type FROM events
        WHERE entity_id = ANY($1::uuid[]) OR entity_id = ANY($2::uuid[]) ORDER BY id`,
      [referralIds, caseIds],
    );
    expect(logged.map((row) => row.type).sort()).toEqual(
      [
        ...['referral.sent', 'referral.accepted', 'referral.message', 'referral.completed'].flatMap(
          (type) => [type, type, type, type],
        ),
        ...Array<string>(6).fill('case.created'),
      ].sort(),
    );
    const [{ events }] = await setup.asOwner<{ events: number }>(
      `SELECT count(*)::int AS events FROM events`,
    );
    expect(events).toBe(5 + 4 * 5 + 6);

    // Events committed while nothing runs that could publish them: they wait, unnumbered.
    const injected = await setup.asOwner<{ id: string; seq: string | null }>(
      `INSERT INTO events (type, entity_type, entity_id, organisation_id, data)
       VALUES ('case.created', 'case', gen_random_uuid(), NULL, '{}'),
              ('referral.message', 'referral', $1, $2, $3)
       RETURNING id::text AS id, seq::text AS seq`,
      [
        referralIds[0],
        world.partnerOrg.id,
        JSON.stringify({ referralId: referralIds[0], organisationId: world.partnerOrg.id }),
      ],
    );
    expect(injected.map((row) => row.seq)).toEqual([null, null]);

    server = await startServer(setup, port);
    await until(async () => {
      const rows = await setup.asOwner<{ seq: string | null }>(
        `SELECT seq::text AS seq FROM events WHERE id = ANY($1::bigint[])`,
        [injected.map((row) => row.id)],
      );
      return rows.every((row) => row.seq !== null);
    }, 'the restarted server to publish what was committed while it was down');

    for (const watcher of watchers) {
      const since = received(watcher.clients).at(-1)?.seq ?? 0;
      const client = connect(server, watcher.token, since, clients);
      await connected(client);
      watcher.clients.push(client);
    }
    // And one that starts from nothing.
    const fresh = connect(server, lead.accessToken, 0, clients);
    await connected(fresh);
    watchers.push({
      label: 'new team lead client',
      audience: 'front-door',
      token: lead.accessToken,
      clients: [fresh],
    });

    // Changes after the restart reach everyone too.
    await story(through(setup, server), world);
    const total = await expectDelivered(setup, watchers);
    expect(total).toBe(5 + 4 * 5 + 6 + 2 + 5);
    // The events committed while no publisher ran come after every event of the burst.
    const numbered = await setup.asOwner<{ seq: string }>(
      `SELECT seq::text AS seq FROM events e WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
      [injected.map((row) => row.id)],
    );
    expect(numbered.map((row) => Number(row.seq))).toEqual([5 + 4 * 5 + 6 + 1, 5 + 4 * 5 + 6 + 2]);
    await kill(server);
  }, 90_000);
});
