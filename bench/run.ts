/**
 * npm run bench: how close the real application comes to the raw floor of HTTP + SQL.
 *
 * One run: a fresh embedded PostgreSQL in a temporary folder, the real migrations, the built app
 * (`node dist/src/main.js`) as a child process, and a raw baseline server (baseline-server.ts:
 * node:http + pg, issuing the same SQL) as another. For each scenario (scenarios.ts) it seeds what
 * the scenario needs, then drives the app and the baseline with autocannon, taking turns (see
 * load.ts), and prints app req/s, p50, p99, baseline req/s and their ratio; the results also go to
 * .bench/results.json. Everything it started is stopped at the end, on failure and on Ctrl-C.
 *
 * Settings (environment): BENCH_LOG_LEVEL (the app's LOG_LEVEL, default info),
 * BENCH_CONNECTIONS (50; a scenario may set its own), BENCH_WARMUP_SECONDS (3), BENCH_SECONDS (10),
 * BENCH_SLICE_SECONDS (2), BENCH_ONLY (words, comma-separated: only the scenarios whose names
 * contain one, e.g. `inbox,accept`; to look into one scenario, not for a full run). A scenario fails the run below its `targetRatio`, or, where it sets a
 * `latency` target, when the app's p99 at that steady offered load is above its `maxP99Ms`.
 *
 * The live scenario (live.ts; BENCH_ONLY word `live`) runs after the others, on the same app and
 * database: 1,000 dashboards connected to the app's socket.io `/live` while referrals are accepted
 * at 50 a second, against a bare socket.io server (live-baseline-server.ts) fanning out as many
 * events to as many clients. It fails the run when its delivery p99 is above twice the baseline's,
 * when an event is lost, duplicated or out of order, or when the app's resident set reaches 400 MB.
 * Settings: BENCH_LIVE_CLIENTS (1000), BENCH_LIVE_RATE (50 a second), BENCH_LIVE_SECONDS (20,
 * measured; whole slices of BENCH_SLICE_SECONDS), after a BENCH_WARMUP_SECONDS warm-up.
 *
 * A request may vary from one sending to the next: `{{fresh}}` becomes new letters each time, and
 * `{{each}}` the next of the scenario's seeded values (`each`: one list for the app, one for the
 * baseline, each value used once, e.g. a different referral to accept every time).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { projectRoot } from '../src/common/project-root.js';
import { loadConfig } from '../src/config/app-config.js';
import { runMigrations } from '../src/database/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import {
  driverReady,
  LIVE_SCENARIO_NAME,
  liveErrors,
  liveMissedTargets,
  liveNotes,
  liveRows,
  runLive,
  seedLive,
  stopLive,
  type LiveResult,
  type LiveSeed,
  type LiveSettings,
} from './live.js';
import {
  measureLatencyPair,
  measurePair,
  stopLoad,
  type EachValues,
  type LoadResult,
  type LoadSettings,
  type SteadyResult,
} from './load.js';
import {
  Cleanup,
  errorText,
  freePort,
  HOST,
  postmasterPid,
  startNode,
  stopChild,
  waitForHttp,
  waitForPidGone,
  withTimeout,
  type Child,
} from './processes.js';
import {
  EACH,
  FRESH_VALUE,
  freshRequest,
  scenarios,
  type BenchRequest,
  type Scenario,
  type SeedData,
} from './scenarios.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; it is "${raw}"`);
  }
  return value;
}

/**
 * The app's log level. Default `info`, the production default: request logging is part of what
 * the application costs, so it stays on, with the app's stdout sent to /dev/null (nobody reads it
 * here, and a terminal or pipe would measure the reader). BENCH_LOG_LEVEL=silent measures without.
 */
function appLogLevel(): LogLevel {
  const raw = process.env.BENCH_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new Error(`BENCH_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; it is "${raw}"`);
  }
  return raw as LogLevel;
}

/** The app's default pool size (OFD_DB_POOL_SIZE unset); the baseline uses the same. */
const POOL_SIZE = loadConfig({}).dbPoolSize;
/** Above any load this harness can generate; the validator's maximum. */
const RATE_LIMIT_PER_MINUTE = 10_000_000;
const STARTUP_TIMEOUT_MS = 60_000;

interface ScenarioResult {
  name: string;
  app: LoadResult;
  baseline: LoadResult;
  /** App req/s ÷ baseline req/s. */
  ratio: number;
  targetRatio: number | undefined;
  connections: number;
  /** At the scenario's steady offered load, when it sets a latency target. */
  latency?: { ratePerSecond: number; maxP99Ms: number; app: SteadyResult; baseline: SteadyResult };
}

const cleanup = new Cleanup();

/** A scenario's values for EACH, for one server: each given once, in order. */
class ValueList {
  private used = 0;

  constructor(
    readonly label: string,
    private readonly values: readonly string[],
  ) {
    if (values.length === 0) throw new Error(`${label}: no values were seeded`);
  }

  /** The next value; once all are used, the last again (so its request fails, and the run). */
  readonly next = (): string => {
    const value = this.values[Math.min(this.used, this.values.length - 1)];
    this.used += 1;
    return value;
  };

  /** A problem to report when more values were asked for than were seeded. */
  problem(): string | undefined {
    return this.used > this.values.length
      ? `${this.label}: ${this.used} requests, but only ${this.values.length} values were seeded; seed more`
      : undefined;
  }
}

/** The scenarios BENCH_ONLY names (by a part of their name), or all of them; and the live one? */
function selectedScenarios(): { http: readonly Scenario[]; live: boolean } {
  const words = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '');
  if (words.length === 0) return { http: scenarios, live: true };
  const names = [...scenarios.map((scenario) => scenario.name), LIVE_SCENARIO_NAME];
  for (const word of words) {
    if (!names.some((name) => name.toLowerCase().includes(word))) {
      throw new Error(`BENCH_ONLY: no scenario's name contains "${word}"`);
    }
  }
  const named = (name: string) => words.some((word) => name.toLowerCase().includes(word));
  return {
    http: scenarios.filter((scenario) => named(scenario.name)),
    live: named(LIVE_SCENARIO_NAME),
  };
}

/** Environment for a child: ours without the app's own settings, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(OFD_|BENCH_)|^(DATABASE_URL|PORT|HOST|LOG_LEVEL)$/.test(key)) env[key] = value;
  }
  return { ...env, NODE_ENV: 'production', ...extra };
}

/** Each scenario run's statements must still appear verbatim in the code that issues them. */
function checkStatementsMatchSource(root: string, selected: readonly Scenario[]): void {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  for (const scenario of selected) {
    const files = [scenario.baseline.source].flat();
    const sources = files.map((file) => normalise(readFileSync(join(root, file), 'utf8')));
    for (const statement of scenario.baseline.statements) {
      if (!sources.some((source) => source.includes(normalise(statement)))) {
        throw new Error(
          `Scenario "${scenario.name}": its baseline statement is no longer in ${files.join(' or ')}; ` +
            `update bench/scenarios.ts to issue what the application issues:\n${statement}`,
        );
      }
    }
  }
}

/** A fresh embedded PostgreSQL in a temporary folder, removed (and the server stopped) at the end. */
async function startDatabase(): Promise<EmbeddedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ofd-bench-'));
  // As root the server runs as an unprivileged user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  cleanup.add('remove the temporary database folder', () => {
    rmSync(dataDir, { recursive: true, force: true });
    return Promise.resolve();
  });
  const port = await freePort();
  const starting = startEmbeddedPostgres({
    dataDir,
    port,
    database: 'ofd_bench',
    // The live scenario times delivery from each transition's commit, as PostgreSQL stamped it.
    settings: ['track_commit_timestamp=on'],
    // Only used when the server fails to start: its last messages.
    log: (message) => console.error(message),
  });
  cleanup.add('stop PostgreSQL', async () => {
    // If the start is still under way, let it finish (bounded) so there is something to stop.
    const database = await withTimeout(starting, 30_000, 'PostgreSQL start').catch(() => undefined);
    // stop() sends SIGINT and waits for the exit; the server may have had SIGINT from the terminal
    // already (Ctrl-C), so rather than wait on stop() alone, wait for the postmaster to be gone.
    const pid = postmasterPid(join(dataDir, 'pg'));
    const stopping = database?.stop().catch((error: unknown) => {
      console.error(`Stopping PostgreSQL: ${errorText(error)}`);
    });
    if (pid !== undefined) await waitForPidGone(pid, 15_000);
    else if (stopping !== undefined) await withTimeout(stopping, 15_000, 'Stopping PostgreSQL');
  });
  return starting;
}

/**
 * Puts what earlier steps wrote on disk before a scenario is measured, as pgbench checkpoints
 * before a run: a CHECKPOINT writes out PostgreSQL's changed pages (the seed, earlier scenarios),
 * and `sync` the system's other pending writes (the build). Else the system writes them back in
 * bursts during the next scenario, and while it does, each commit's log flush waits behind them
 * (seen here: fdatasync taking 190 to 250 ms instead of 0.1 ms, every commit held meanwhile).
 */
async function settle(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
  execFileSync('sync');
}

async function startApp(
  databaseUrl: string,
  logLevel: LogLevel,
): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const root = projectRoot();
  const app = startNode(
    'the application',
    join(root, 'dist', 'src', 'main.js'),
    childEnv({
      DATABASE_URL: databaseUrl,
      OFD_TOKEN_SECRET: randomBytes(48).toString('base64url'),
      LOG_LEVEL: logLevel,
      OFD_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
      PORT: String(port),
      HOST,
    }),
    root,
  );
  cleanup.add('stop the application', () => stopChild(app));
  const url = `http://${HOST}:${port}`;
  await waitForHttp(`${url}/api/health/ready`, app, STARTUP_TIMEOUT_MS);
  if (app.process.pid === undefined) throw new Error('The application has no process id');
  return { url, pid: app.process.pid };
}

async function startBaseline(
  databaseUrl: string,
  seeds: Record<string, SeedData>,
): Promise<string> {
  const port = await freePort();
  const baseline: Child = startNode(
    'the baseline server',
    fileURLToPath(new URL('./baseline-server.js', import.meta.url)),
    childEnv({
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_PORT: String(port),
      BENCH_POOL_SIZE: String(POOL_SIZE),
      BENCH_SEEDS: JSON.stringify(seeds),
    }),
    projectRoot(),
    { ipc: true },
  );
  cleanup.add('stop the baseline server', () => stopChild(baseline));
  const url = `http://${HOST}:${port}`;
  await waitForHttp(`${url}/ready`, baseline, STARTUP_TIMEOUT_MS);
  return url;
}

/** The live scenario's bare socket.io server (live-baseline-server.ts). */
async function startLiveBaseline(): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const baseline = startNode(
    'the live baseline server',
    fileURLToPath(new URL('./live-baseline-server.js', import.meta.url)),
    childEnv({ BENCH_PORT: String(port) }),
    projectRoot(),
    { ipc: true },
  );
  cleanup.add('stop the live baseline server', () => stopChild(baseline));
  const url = `http://${HOST}:${port}`;
  await waitForHttp(`${url}/ready`, baseline, STARTUP_TIMEOUT_MS);
  if (baseline.process.pid === undefined) throw new Error('The live baseline server has no pid');
  return { url, pid: baseline.process.pid };
}

/** The process that sends the live scenario's transitions to the app (live-driver.ts). */
async function startLiveDriver(): Promise<Child> {
  const driver = startNode(
    'the live transition driver',
    fileURLToPath(new URL('./live-driver.js', import.meta.url)),
    childEnv({}),
    projectRoot(),
    { ipc: true },
  );
  cleanup.add('stop the live transition driver', () => stopChild(driver));
  await withTimeout(driverReady(driver), STARTUP_TIMEOUT_MS, 'Starting the live transition driver');
  return driver;
}

/** One request, for seeding and for checking that both servers answer alike. */
async function send(
  baseUrl: string,
  request: BenchRequest,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, body };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A body with its ids, times and fresh values replaced by markers. */
function shapeOf(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(shapeOf);
  if (body !== null && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, shapeOf(value)]));
  }
  if (typeof body === 'string' && UUID.test(body)) return '<id>';
  if (typeof body === 'string' && ISO_TIME.test(body)) return '<time>';
  if (typeof body === 'string') return body.replace(FRESH_VALUE, '<fresh>');
  return body;
}

/**
 * Before any load: the app must answer 2xx, and the baseline the same (exactly, or in shape for a
 * request that creates records).
 */
async function checkSameAnswer(
  scenario: Scenario,
  request: BenchRequest,
  appUrl: string,
  baselineUrl: string,
  each: EachValues | undefined,
): Promise<void> {
  const [app, baseline] = await Promise.all([
    send(appUrl, freshRequest(request, each?.app)),
    send(baselineUrl, freshRequest(request, each?.baseline)),
  ]);
  if (app.status < 200 || app.status > 299) {
    throw new Error(`${scenario.name}: the app answered ${app.status} ${JSON.stringify(app.body)}`);
  }
  const comparable = (body: unknown) => (scenario.compare === 'shape' ? shapeOf(body) : body);
  if (
    app.status !== baseline.status ||
    !isDeepStrictEqual(comparable(app.body), comparable(baseline.body))
  ) {
    throw new Error(
      `${scenario.name}: the baseline answers differently from the app.\n` +
        `  app:      ${app.status} ${JSON.stringify(app.body)}\n` +
        `  baseline: ${baseline.status} ${JSON.stringify(baseline.body)}`,
    );
  }
}

function problems(label: string, result: LoadResult): string[] {
  const found: string[] = [];
  const codes = (statusCodes: Record<string, number>) =>
    Object.entries(statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, count]) => `${count}× ${code}`)
      .join(', ');
  if (result.non2xx > 0)
    found.push(`${label}: ${result.non2xx} non-2xx (${codes(result.statusCodes)})`);
  if (result.errors > 0)
    found.push(`${label}: ${result.errors} errors (${result.timeouts} timeouts)`);
  if (result.warmup.non2xx > 0) {
    found.push(
      `${label} warm-up: ${result.warmup.non2xx} non-2xx (${codes(result.warmup.statusCodes)})`,
    );
  }
  if (result.warmup.errors > 0) found.push(`${label} warm-up: ${result.warmup.errors} errors`);
  return found;
}

function steadyProblems(label: string, result: SteadyResult): string[] {
  const found: string[] = [];
  if (result.non2xx > 0) found.push(`${label}: ${result.non2xx} non-2xx`);
  if (result.errors > 0) found.push(`${label}: ${result.errors} errors`);
  return found;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_cell, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, column) => {
          const width = widths?.[column] ?? 0;
          return column === 0 ? cell.padEnd(width) : cell.padStart(width);
        })
        .join('   ');
      return index === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}

const number = (value: number) => Math.round(value).toLocaleString('en-GB');
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<number> {
  const root = projectRoot();
  const logLevel = appLogLevel();
  const sliceSeconds = setting('BENCH_SLICE_SECONDS', 2, 1, 60);
  const settings: LoadSettings = {
    connections: setting('BENCH_CONNECTIONS', 50, 1, 1000),
    warmupSeconds: setting('BENCH_WARMUP_SECONDS', 3, 1, 60),
    // Whole slices only.
    measureSeconds: Math.ceil(setting('BENCH_SECONDS', 10, 1, 300) / sliceSeconds) * sliceSeconds,
    sliceSeconds,
  };
  const liveSettings: LiveSettings = {
    clients: setting('BENCH_LIVE_CLIENTS', 1000, 1, 5000),
    ratePerSecond: setting('BENCH_LIVE_RATE', 50, 1, 1000),
    warmupSeconds: settings.warmupSeconds,
    measureSeconds:
      Math.ceil(setting('BENCH_LIVE_SECONDS', 20, 1, 300) / sliceSeconds) * sliceSeconds,
    sliceSeconds,
  };
  const { http: selected, live: liveSelected } = selectedScenarios();
  checkStatementsMatchSource(root, selected);

  console.log('Starting a fresh PostgreSQL...');
  const database = await startDatabase();
  const applied = await runMigrations(database.url);
  console.log(
    `Applied ${applied.length} migration(s). Starting the app (LOG_LEVEL=${logLevel})...`,
  );
  const { url: appUrl, pid: appPid } = await startApp(database.url, logLevel);

  const seeds: Record<string, SeedData> = {};
  const valueLists = new Map<string, { app: ValueList; baseline: ValueList }>();
  let liveSeed: LiveSeed | undefined;
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  let counter = 0;
  const tools = {
    db,
    app: (request: BenchRequest) => send(appUrl, request),
    unique: (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`,
  };
  try {
    for (const scenario of selected) {
      const seed = await scenario.seed(tools);
      seeds[scenario.name] = seed;
      const usesEach = JSON.stringify(scenario.request(seed)).includes(EACH);
      if (usesEach !== (scenario.each !== undefined)) {
        throw new Error(
          `Scenario "${scenario.name}": a request with ${EACH} needs \`each\`, and only one`,
        );
      }
      if (scenario.each !== undefined) {
        const values = await scenario.each(db, seed);
        valueLists.set(scenario.name, {
          app: new ValueList(`${scenario.name} app`, values.app),
          baseline: new ValueList(`${scenario.name} baseline`, values.baseline),
        });
      }
    }
    if (liveSelected) liveSeed = await seedLive(tools, liveSettings);
  } finally {
    await db.end();
  }
  const baselineUrl = selected.length > 0 ? await startBaseline(database.url, seeds) : '';

  const results: ScenarioResult[] = [];
  for (const scenario of selected) {
    const seed = seeds[scenario.name] ?? {};
    const request = scenario.request(seed);
    const lists = valueLists.get(scenario.name);
    const each: EachValues | undefined =
      lists === undefined ? undefined : { app: lists.app.next, baseline: lists.baseline.next };
    await checkSameAnswer(scenario, request, appUrl, baselineUrl, each);
    const seconds = 2 * (settings.warmupSeconds + settings.measureSeconds);
    const connections = scenario.connections ?? settings.connections;
    console.log(
      `${scenario.name}: the app and the baseline (${seconds} s, ${connections} connections)...`,
    );
    const urls = { app: appUrl, baseline: baselineUrl };
    await settle(database.url);
    const { app, baseline } = await measurePair(urls, request, { ...settings, connections }, each);
    let latency: ScenarioResult['latency'];
    if (scenario.latency !== undefined) {
      const { ratePerSecond, maxP99Ms } = scenario.latency;
      console.log(
        `${scenario.name}: latency at ${ratePerSecond} req/s offered (${seconds} s, ${connections} connections)...`,
      );
      const measured = await measureLatencyPair(
        urls,
        request,
        { ...settings, connections },
        ratePerSecond,
        each,
      );
      latency = { ratePerSecond, maxP99Ms, ...measured };
    }
    results.push({
      name: scenario.name,
      app,
      baseline,
      ratio:
        baseline.requestsPerSecond > 0 ? app.requestsPerSecond / baseline.requestsPerSecond : 0,
      targetRatio: scenario.targetRatio,
      connections,
      latency,
    });
  }

  let live: LiveResult | undefined;
  if (liveSeed !== undefined) {
    const servers = {
      app: { url: appUrl, pid: appPid },
      databaseUrl: database.url,
      baseline: await startLiveBaseline(),
      driver: await startLiveDriver(),
    };
    await settle(database.url);
    live = await runLive(tools, liveSeed, servers, liveSettings, cleanup);
  }

  const rows = [
    ['scenario', 'conns', 'req/s', 'p50', 'p99', 'baseline req/s', 'ratio'],
    ...results.map((result) => [
      result.name,
      String(result.connections),
      number(result.app.requestsPerSecond),
      ms(result.app.latencyP50),
      ms(result.app.latencyP99),
      number(result.baseline.requestsPerSecond),
      `${result.ratio.toFixed(2)}x`,
    ]),
  ];
  const withLatency = results.flatMap((result) =>
    result.latency === undefined ? [] : [{ name: result.name, ...result.latency }],
  );
  const latencyRows = [
    [
      'scenario',
      'conns',
      'offered req/s',
      'p50',
      'p99',
      'max',
      'p99 target',
      'baseline p50',
      'baseline p99',
    ],
    ...withLatency.map((latency) => [
      latency.name,
      String(results.find((result) => result.name === latency.name)?.connections ?? ''),
      number(latency.ratePerSecond),
      ms(latency.app.latencyP50),
      ms(latency.app.latencyP99),
      ms(latency.app.latencyMax),
      ms(latency.maxP99Ms),
      ms(latency.baseline.latencyP50),
      ms(latency.baseline.latencyP99),
    ]),
  ];
  const loadProblems = [
    ...[...valueLists.values()].flatMap((lists) =>
      [lists.app.problem(), lists.baseline.problem()].filter(
        (problem): problem is string => problem !== undefined,
      ),
    ),
    ...results.flatMap((result) => [
      ...problems(`${result.name} app`, result.app),
      ...problems(`${result.name} baseline`, result.baseline),
      ...(result.latency === undefined
        ? []
        : [
            ...steadyProblems(`${result.name} app (steady load)`, result.latency.app),
            ...steadyProblems(`${result.name} baseline (steady load)`, result.latency.baseline),
          ]),
    ]),
  ];
  if (live !== undefined) loadProblems.push(...liveErrors(live));
  const missedP99 = (latency: (typeof withLatency)[number]) =>
    latency.app.latencyP99 > latency.maxP99Ms;
  const missedTargets = [
    ...results
      .filter((result) => result.targetRatio !== undefined && result.ratio < result.targetRatio)
      .map((result) => `${result.name}: ratio ${result.ratio.toFixed(2)} < ${result.targetRatio}`),
    ...withLatency
      .filter(missedP99)
      .map(
        (latency) =>
          `${latency.name}: p99 ${ms(latency.app.latencyP99)} > ${latency.maxP99Ms} ms at ${latency.ratePerSecond} req/s`,
      ),
    ...(live === undefined ? [] : liveMissedTargets(live)),
  ];
  if (results.length > 0) {
    console.log(`\nThroughput, every connection always waiting on a response (saturation):\n`);
    console.log(`${table(rows)}\n`);
    if (withLatency.length > 0) {
      console.log(`Latency at a steady offered load, over the same connections:\n`);
      console.log(`${table(latencyRows)}\n`);
    }
    console.log(
      [
        `autocannon, ${settings.connections} connections (unless a scenario sets its own), never both servers at once: a ${settings.warmupSeconds} s warm-up of each, then`,
        `  ${settings.measureSeconds} s measured of each, in ${settings.sliceSeconds} s slices taking turns (app, baseline, baseline, app, ...).`,
        `App: node dist/src/main.js, LOG_LEVEL=${logLevel} (stdout to /dev/null), pool ${POOL_SIZE}, rate limit ${RATE_LIMIT_PER_MINUTE}/min.`,
        `Baseline: node:http + pg (pool ${POOL_SIZE}) issuing the same SQL; it decodes the bearer token WITHOUT verifying`,
        `  its signature (no JWT verification): the raw floor of HTTP + SQL. Latencies are over 2xx responses.`,
        `Steady load: requests evenly spaced at the offered rate (an open loop: they do not wait for answers), over at most`,
        `  the scenario's connections, each latency from when its request was due; a ${settings.warmupSeconds} s warm-up, then ${settings.measureSeconds} s`,
        `  measured, the app and then the baseline.`,
      ].join('\n'),
    );
  }
  if (live !== undefined) {
    console.log(`\nLive delivery, from a referral's change to every connected dashboard:\n`);
    console.log(`${table(liveRows(live))}\n`);
    console.log(liveNotes(live).join('\n'));
  }
  console.log(
    [
      '',
      loadProblems.length === 0
        ? 'No errors and no non-2xx responses, in either run (warm-ups included).'
        : `ERRORS:\n${loadProblems.map((problem) => `  - ${problem}`).join('\n')}`,
      ...results
        .filter((result) => result.targetRatio !== undefined)
        .map(
          (result) =>
            `Target for ${result.name}: ratio >= ${result.targetRatio}: ${
              result.ratio >= (result.targetRatio ?? 0) ? 'met' : 'NOT MET'
            }.`,
        ),
      ...withLatency.map(
        (latency) =>
          `Target for ${latency.name}: p99 <= ${latency.maxP99Ms} ms at ${latency.ratePerSecond} req/s: ${missedP99(latency) ? 'NOT MET' : 'met'}.`,
      ),
    ].join('\n'),
  );

  const outDir = join(root, '.bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'results.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        settings: { ...settings, appLogLevel: logLevel, poolSize: POOL_SIZE },
        baselineNote: 'node:http + pg, same SQL, no JWT signature verification',
        scenarios: results,
        live,
        errors: loadProblems,
        missedTargets,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nResults written to ${join('.bench', 'results.json')}.`);
  // A run with errors, or under a scenario's target, fails (exit code 1).
  return loadProblems.length === 0 && missedTargets.length === 0 ? 0 : 1;
}

let finishing: Promise<void> | undefined;

/** Stops everything this run started, then exits; only the first call counts. */
function finish(code: number): Promise<void> {
  finishing ??= (async () => {
    stopLoad();
    stopLive();
    await cleanup.run();
    process.exit(code);
  })();
  return finishing;
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!cleanup.started) console.error(`\n${signal}: stopping everything this run started...`);
    void finish(SIGNAL_EXIT_CODES[signal]);
  });
}

main().then(
  (code) => finish(code),
  (error: unknown) => {
    if (!cleanup.started) console.error(`\nBenchmark failed: ${errorText(error)}`);
    return finish(1);
  },
);
