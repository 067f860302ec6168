/**
 * The live scenario: how long a referral's change takes to reach a thousand connected dashboards
 * (socket.io, namespace `/live`), against a bare socket.io server fanning the same events out to a
 * thousand clients (live-baseline-server.ts), measured in the same run.
 *
 * - Both servers get `clients` socket.io-client sockets from this process, each its own
 *   connection (websocket transport, no multiplexing, no reconnection), connected in batches and
 *   all `ready` before anything is sent. The app's are a few team leads' (front-door staff hear
 *   every event); each batch first reads GET /api/queue for its `seq` and connects from it
 *   (`auth.since`), as a dashboard does.
 * - The app's events come from real transitions: a partner accepting referrals waiting for its
 *   answer (`POST /api/referrals/:id/accept`), `ratePerSecond` a second, sent by a child process
 *   (live-driver.ts) so that this busy event loop does not delay them. The baseline's are emitted
 *   by the baseline server itself, at the same rate and in the same pattern: each of its slices
 *   follows the gaps between the app's commits in the app's latest slice (read from PostgreSQL
 *   after that slice). Two commits 2 ms apart make the clients take in two fan-outs back to back,
 *   whatever the server; a metronome never would, and the comparison would charge the app for
 *   the arrivals rather than for delivering them.
 * - A warm-up slice of each, then measured slices taking turns (app, baseline, app, baseline, ...:
 *   each baseline slice follows the app slice just before it), never both at once; after each
 *   slice, a wait until every client has every event of it (or DRAIN_TIMEOUT_MS), so slices do not
 *   overlap.
 * - Delivery time, commit → client: for the app, the client's receipt minus the accept's commit
 *   time as PostgreSQL stamped it (track_commit_timestamp, read from its history row); for the
 *   baseline, the receipt minus the time its emit was due (an emit that waits for the one before
 *   it is charged the wait).
 *   The target compares these p99s. Also reported: request → client, from just before the driver
 *   sent the HTTP request, which adds the request's queueing and handling before its transaction.
 *   Over the measured slices.
 * - Lost: events of transitions answered 200 that a client never received (warm-up included);
 *   a second copy of an event is a duplicate; each client's seqs must increase.
 * - The app's memory: its peak resident set over the scenario (VmHWM, reset through
 *   /proc/<pid>/clear_refs just before its clients connect; VmRSS sampled as well).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { DriveCommand, DriveResult } from './live-driver.js';
import { sleep, withTimeout, type Child, type Cleanup } from './processes.js';
import { awaitingAcceptance, seedAwaitingAcceptance, seedReferralCases } from './referrals-data.js';
import { logIn, seedUser, type SeedTools } from './scenarios.js';

export const LIVE_SCENARIO_NAME = 'live dashboards (socket.io)';

/** The run fails above this ratio of the app's delivery p99 to the baseline's. */
export const MAX_P99_RATIO = 2;
/** The run fails when the app's resident set reaches this (400 MB, 10^6 bytes each). */
export const MAX_RSS_BYTES = 400_000_000;

const NAMESPACE = '/live';
/** Sockets connecting at once. */
const CONNECT_BATCH = 50;
/** Dashboards per team lead: the clients are spread over this many sign-ins. */
const CLIENTS_PER_TEAM_LEAD = 100;
const CONNECT_TIMEOUT_MS = 30_000;
/** How long the clients may take, after a slice's last event was sent, to have all of it. */
const DRAIN_TIMEOUT_MS = 10_000;
/** Keep-alive connections the driver may open to the app. */
const DRIVER_CONNECTIONS = 20;
const MEMORY_SAMPLE_MS = 200;
/** Every seeded referral is at this version, waiting for an answer. */
const SEEDED_VERSION = 1;

export interface LiveSettings {
  clients: number;
  ratePerSecond: number;
  warmupSeconds: number;
  /** Whole slices. */
  measureSeconds: number;
  sliceSeconds: number;
}

export interface LiveSeed {
  teamLeadEmails: string[];
  partnerEmail: string;
  /** Referrals waiting for the partner's answer, one for each transition the scenario makes. */
  referralIds: string[];
}

/** Transitions (and baseline events) one run sends: the warm-up's and the measured ones. */
function eventsPerSide(settings: LiveSettings): number {
  return Math.round(settings.ratePerSecond * (settings.warmupSeconds + settings.measureSeconds));
}

/**
 * Team leads for the dashboards, a partner, and as many referrals waiting for its answer as the
 * scenario will accept (from the cases the referral scenarios share).
 */
export async function seedLive(tools: SeedTools, settings: LiveSettings): Promise<LiveSeed> {
  const sender = await seedReferralCases(tools.db, () => seedUser(tools, 'call_handler'));
  const partner = await seedUser(tools, 'partner');
  const seeded = await seedAwaitingAcceptance(
    tools.db,
    sender,
    partner.organisationId,
    eventsPerSide(settings),
  );
  const teamLeadEmails: string[] = [];
  for (let i = 0; i < Math.ceil(settings.clients / CLIENTS_PER_TEAM_LEAD); i++) {
    teamLeadEmails.push((await seedUser(tools, 'team_lead')).email);
  }
  console.log(
    `Live: ${seeded.referrals} referrals awaiting acceptance (${seeded.seconds.toFixed(1)} s), ${teamLeadEmails.length} team leads.`,
  );
  return {
    teamLeadEmails,
    partnerEmail: partner.email,
    referralIds: await awaitingAcceptance(tools.db, partner.organisationId),
  };
}

/** An event as it arrives; only what the clients look at is typed. */
interface LiveEvent {
  seq?: unknown;
  at?: unknown;
  data?: { referralId?: unknown } | null;
}

let stopped = false;
const fleets = new Set<Fleet>();

/** Stops the scenario (Ctrl-C): no more batches or slices, every client closed. */
export function stopLive(): void {
  stopped = true;
  for (const fleet of fleets) fleet.close();
}

/**
 * One server's clients. Per message: the time, the seq check, the event's index and one slot of
 * `receipts`; nothing else (a thousand sockets' events all land on this one event loop).
 */
class Fleet {
  private readonly sockets: Socket[] = [];
  private closing = false;
  /** performance.now() when client c first had event i, at c × capacity + i; 0 until then. */
  readonly receipts: Float64Array;
  /**
   * Event i's time (wall-clock ms): its `at`, as the first client to have it read it, until the
   * run replaces it with its commit time; 0 until then.
   */
  readonly eventAt: Float64Array;
  /** First receipts of the events this fleet is waiting for. */
  delivered = 0;
  duplicates = 0;
  /** Events whose seq was not above the client's last one. */
  outOfOrder = 0;
  /** Events of other types, or of referrals this scenario did not change. */
  other = 0;
  /** Events without a numeric seq. */
  malformed = 0;
  disconnects = 0;
  /** The first few unexpected things that happened to a client (disconnects, session.ended). */
  readonly notices: string[] = [];

  constructor(
    readonly label: string,
    readonly clients: number,
    readonly capacity: number,
    /** The scenario's index of an event with a numeric seq, if it is one of the scenario's. */
    private readonly indexOf: (event: LiveEvent & { seq: number }) => number | undefined,
  ) {
    this.receipts = new Float64Array(clients * capacity);
    this.eventAt = new Float64Array(capacity);
    fleets.add(this);
  }

  private notice(text: string): void {
    if (this.notices.length < 10) this.notices.push(text);
  }

  /** Connects every client, `CONNECT_BATCH` at a time; `authFor` gives a batch's handshakes. */
  async connect(
    url: string,
    authFor: (first: number, count: number) => Promise<(client: number) => object>,
  ): Promise<void> {
    for (let first = 0; first < this.clients; first += CONNECT_BATCH) {
      if (stopped) throw new Error('The live scenario was stopped');
      const count = Math.min(CONNECT_BATCH, this.clients - first);
      const auth = await authFor(first, count);
      await Promise.all(
        Array.from({ length: count }, (_unused, k) =>
          this.connectOne(url, first + k, auth(first + k)),
        ),
      );
    }
  }

  private connectOne(url: string, client: number, auth: object): Promise<void> {
    const socket = io(`${url}${NAMESPACE}`, {
      transports: ['websocket'],
      forceNew: true,
      multiplex: false,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
      auth: auth as Record<string, unknown>,
    });
    this.sockets.push(socket);
    const base = client * this.capacity;
    const receipts = this.receipts;
    const eventAt = this.eventAt;
    const indexOf = this.indexOf;
    let lastSeq = -Infinity;
    let isReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      isReady = resolve;
      socket.once('connect_error', (error: Error & { data?: unknown }) => {
        reject(
          new Error(
            `${this.label} client ${client}: connection refused: ${error.message} ${JSON.stringify(error.data ?? null)}`,
          ),
        );
      });
    });
    socket.onAny((type: string, event: LiveEvent) => {
      const now = performance.now();
      const seq = event?.seq;
      if (type === 'ready') {
        if (typeof seq === 'number' && seq > lastSeq) lastSeq = seq;
        isReady();
        return;
      }
      if (type === 'session.ended' || type === 'shutdown') {
        this.notice(`client ${client}: ${type} ${JSON.stringify(event)}`);
        return;
      }
      if (typeof seq !== 'number') {
        this.malformed++;
        return;
      }
      if (seq <= lastSeq) this.outOfOrder++;
      else lastSeq = seq;
      const index =
        type === 'referral.accepted' ? indexOf(event as LiveEvent & { seq: number }) : undefined;
      if (index === undefined) {
        this.other++;
        return;
      }
      if (eventAt[index] === 0) eventAt[index] = Date.parse(event.at as string);
      const slot = base + index;
      if (receipts[slot] !== 0) {
        this.duplicates++;
        return;
      }
      receipts[slot] = now;
      this.delivered++;
    });
    socket.on('disconnect', (reason: string) => {
      if (this.closing) return;
      this.disconnects++;
      this.notice(`client ${client}: disconnected (${reason})`);
    });
    return withTimeout(ready, CONNECT_TIMEOUT_MS, `${this.label} client ${client}: ready`);
  }

  close(): void {
    this.closing = true;
    for (const socket of this.sockets) socket.disconnect();
    this.sockets.length = 0;
    fleets.delete(this);
  }
}

/** One server's side of the scenario: what was sent, when, and what its clients had. */
class Side {
  /** Wall-clock ms when event i was sent: the request (just before), or the emit (when due). */
  readonly sentAt: Float64Array;
  /** 1 where event i's transition was answered 200 (always, for the baseline's). */
  readonly ok: Uint8Array;
  /** 1 where event i belongs to a measured slice. */
  readonly measured: Uint8Array;
  /** Events sent so far: the next one's index. */
  next = 0;
  okCount = 0;
  /** CPU used over the measured slices, waits included: by whom, and how long they took. */
  readonly cpu = {
    serverSeconds: 0,
    harnessSeconds: 0,
    machineBusy: 0,
    machineTotal: 0,
    wallMs: 0,
  };
  /** Measured events, and the time over which they were sent (first to last, plus one interval). */
  measuredEvents = 0;
  measuredSpanMs = 0;
  drainTimeouts = 0;
  /** Over the measured slices, the ms between consecutive events: commits (app), emits (baseline). */
  readonly gaps: number[] = [];

  constructor(
    readonly fleet: Fleet,
    /** The server's process id. */
    readonly pid: number,
  ) {
    this.sentAt = new Float64Array(fleet.capacity);
    this.ok = new Uint8Array(fleet.capacity);
    this.measured = new Uint8Array(fleet.capacity);
  }

  record(first: number, sentAt: readonly number[], ok: (k: number) => boolean, measured: boolean) {
    for (let k = 0; k < sentAt.length; k++) {
      const index = first + k;
      this.sentAt[index] = sentAt[k];
      if (ok(k)) {
        this.ok[index] = 1;
        this.okCount++;
      }
      this.measured[index] = measured ? 1 : 0;
    }
    this.next = Math.max(this.next, first + sentAt.length);
  }

  /** Waits until every client has every event answered 200 so far, or DRAIN_TIMEOUT_MS. */
  async drain(): Promise<void> {
    const expected = this.okCount * this.fleet.clients;
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    while (this.fleet.delivered < expected && performance.now() < deadline && !stopped) {
      await sleep(20);
    }
    if (this.fleet.delivered < expected) this.drainTimeouts++;
  }
}

export interface LiveSideResult {
  clients: number;
  /** Events sent (the baseline's) or transitions answered 200 (the app's), warm-up included. */
  events: number;
  measuredEvents: number;
  /** Measured events a second, as sent. */
  achievedRatePerSecond: number;
  /** Delivery times over the measured events' deliveries, in ms. */
  deliveries: number;
  latencyMin: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  /**
   * From the event's own `at` (ms precision) to each client: for the app, when the transaction
   * that wrote the event began (PostgreSQL's now()), before its commit; for the baseline, the emit.
   */
  fromCommit: { p50: number; p99: number; max: number };
  lost: number;
  duplicates: number;
  outOfOrder: number;
  /** Deliveries of events whose transition was not answered 200. */
  unexpected: number;
  other: number;
  malformed: number;
  disconnects: number;
  drainTimeouts: number;
  /** The ms between consecutive events of the measured slices (commits, or emits). */
  gaps: { p10: number; p50: number; p90: number };
  notices: string[];
  /**
   * CPU over the measured slices, in cores (1 = one core all the time): the server's process, this
   * one's (the clients), and the whole machine's (of `cores`), others' work included.
   */
  cpu: { server: number | undefined; harness: number; machine: number | undefined; cores: number };
  /** The server's peak resident set over the scenario, in bytes, if it could be read. */
  rssPeakBytes: number | undefined;
}

export interface LiveResult {
  name: string;
  clients: number;
  ratePerSecond: number;
  warmupSeconds: number;
  measureSeconds: number;
  sliceSeconds: number;
  app: LiveSideResult & {
    /** The accepts' response times (ms) over the measured slices, 200s only. */
    http: { p50: number; p99: number; max: number; statusCodes: Record<string, number> };
    failures: string[];
    memory: MemoryReport;
  };
  baseline: LiveSideResult;
  /** App delivery p99 ÷ baseline delivery p99. */
  p99Ratio: number;
  maxP99Ratio: number;
  maxRssBytes: number;
}

/** The value at `fraction` of sorted `values` (nearest rank); 0 when there are none. */
function quantile(values: Float64Array, fraction: number): number {
  return values.length === 0
    ? 0
    : values[Math.min(values.length - 1, Math.max(0, Math.ceil(fraction * values.length) - 1))];
}

function percentiles(values: Float64Array) {
  values.sort();
  const at = (fraction: number) => quantile(values, fraction);
  return { min: at(0), p50: at(0.5), p99: at(0.99), max: at(1) };
}

function gapSummary(gaps: readonly number[]) {
  const sorted = Float64Array.from(gaps).sort();
  return { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

/** The ms between consecutive times, in order. */
function gapsOf(times: readonly number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.slice(1).map((time, i) => time - sorted[i]);
}

/**
 * When the baseline emits a slice of `count` events, in ms after its first: with the gaps between
 * the app's commits in its latest slice, in their order (repeated if the slice had fewer), so the
 * bare server fans out the same pattern of arrivals, close pairs included; steady at the rate
 * before the app has committed anything.
 */
function baselineSchedule(count: number, appGaps: readonly number[], ratePerSecond: number) {
  const offsets = [0];
  for (let i = 1; i < count; i++) {
    const gap = appGaps.length > 0 ? appGaps[(i - 1) % appGaps.length] : 1000 / ratePerSecond;
    offsets.push(offsets[i - 1] + gap);
  }
  return offsets;
}

function summarise(side: Side, rssPeakBytes: number | undefined): LiveSideResult {
  const { fleet, sentAt, ok, measured } = side;
  const latencies = new Float64Array(side.measuredEvents * fleet.clients);
  const sinceCommit = new Float64Array(side.measuredEvents * fleet.clients);
  let count = 0;
  let lost = 0;
  let unexpected = 0;
  for (let index = 0; index < side.next; index++) {
    for (let client = 0; client < fleet.clients; client++) {
      const receipt = fleet.receipts[client * fleet.capacity + index];
      if (ok[index] === 0) {
        if (receipt !== 0) unexpected++;
      } else if (receipt === 0) lost++;
      else if (measured[index] === 1 && count < latencies.length) {
        sinceCommit[count] = performance.timeOrigin + receipt - fleet.eventAt[index];
        latencies[count++] = performance.timeOrigin + receipt - sentAt[index];
      }
    }
  }
  const { min, p50, p99, max } = percentiles(latencies.subarray(0, count));
  const fromCommit = percentiles(sinceCommit.subarray(0, count));
  return {
    clients: fleet.clients,
    events: side.okCount,
    measuredEvents: side.measuredEvents,
    achievedRatePerSecond:
      side.measuredSpanMs > 0 ? (side.measuredEvents * 1000) / side.measuredSpanMs : 0,
    deliveries: count,
    latencyMin: min,
    latencyP50: p50,
    latencyP99: p99,
    latencyMax: max,
    fromCommit: { p50: fromCommit.p50, p99: fromCommit.p99, max: fromCommit.max },
    lost,
    duplicates: fleet.duplicates,
    outOfOrder: fleet.outOfOrder,
    unexpected,
    other: fleet.other,
    malformed: fleet.malformed,
    disconnects: fleet.disconnects,
    drainTimeouts: side.drainTimeouts,
    gaps: gapSummary(side.gaps),
    notices: fleet.notices,
    cpu: {
      server: side.cpu.wallMs > 0 ? (side.cpu.serverSeconds * 1000) / side.cpu.wallMs : undefined,
      harness: side.cpu.wallMs > 0 ? (side.cpu.harnessSeconds * 1000) / side.cpu.wallMs : 0,
      machine:
        side.cpu.machineTotal > 0
          ? (side.cpu.machineBusy / side.cpu.machineTotal) * cpus().length
          : undefined,
      cores: cpus().length,
    },
    rssPeakBytes,
  };
}

// ---------------------------------------------------------------- memory and CPU

/** Clock ticks a second in /proc (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface CpuSnapshot {
  /** The server's CPU seconds so far, if /proc could be read. */
  server: number | undefined;
  /** This process's CPU seconds so far. */
  harness: number;
  /** The machine's busy and total ticks so far, over all its cores. */
  machine: { busy: number; total: number } | undefined;
  at: number;
}

function cpuSnapshot(pid: number): CpuSnapshot {
  let server: number | undefined;
  let machine: CpuSnapshot['machine'];
  try {
    // After the command's name (in parentheses, maybe with spaces): utime and stime are the 12th
    // and 13th fields.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    server = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    server = undefined;
  }
  try {
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync(
      '/proc/stat',
      'utf8',
    )
      .split('\n')[0]
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    machine = { busy, total: busy + idle + iowait };
  } catch {
    machine = undefined;
  }
  const usage = process.cpuUsage();
  return { server, harness: (usage.user + usage.system) / 1e6, machine, at: performance.now() };
}

/** Adds what was used between two snapshots to `side`'s totals. */
function addCpu(side: Side, before: CpuSnapshot, after: CpuSnapshot): void {
  side.cpu.wallMs += after.at - before.at;
  side.cpu.harnessSeconds += after.harness - before.harness;
  if (before.server !== undefined && after.server !== undefined) {
    side.cpu.serverSeconds += after.server - before.server;
  }
  if (before.machine !== undefined && after.machine !== undefined) {
    side.cpu.machineBusy += after.machine.busy - before.machine.busy;
    side.cpu.machineTotal += after.machine.total - before.machine.total;
  }
}

function procStatus(pid: number): { rssBytes: number; hwmBytes: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
    const rss = kib('VmRSS');
    const hwm = kib('VmHWM');
    return Number.isFinite(rss) && Number.isFinite(hwm)
      ? { rssBytes: rss * 1024, hwmBytes: hwm * 1024 }
      : undefined;
  } catch {
    return undefined;
  }
}

export interface MemoryReport {
  /** The peak resident set over the scenario: VmHWM when it could be reset, else the sampled peak. */
  peakBytes: number | undefined;
  /** Whether VmHWM was reset at the start (so it covers the scenario only, not the process's life). */
  hwmReset: boolean;
  /** VmHWM at the end. */
  hwmBytes: number | undefined;
  /** The highest VmRSS of samples every MEMORY_SAMPLE_MS. */
  sampledPeakBytes: number | undefined;
  /** VmRSS when the scenario started, before the clients connected. */
  startBytes: number | undefined;
}

/** A process's peak resident set from now on. */
class MemoryWatch {
  private readonly hwmReset: boolean;
  private readonly startBytes: number | undefined;
  private sampledPeak: number | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    // Writing 5 to clear_refs resets the peak resident set (VmHWM) to the current one.
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      this.hwmReset = true;
    } catch {
      this.hwmReset = false;
    }
    this.startBytes = procStatus(pid)?.rssBytes;
    this.sample();
    this.timer = setInterval(() => this.sample(), MEMORY_SAMPLE_MS);
    this.timer.unref();
  }

  private sample(): void {
    const rss = procStatus(this.pid)?.rssBytes;
    if (rss !== undefined) this.sampledPeak = Math.max(this.sampledPeak ?? 0, rss);
  }

  stop(): MemoryReport {
    clearInterval(this.timer);
    this.sample();
    const hwm = procStatus(this.pid)?.hwmBytes;
    return {
      peakBytes: this.hwmReset && hwm !== undefined ? hwm : this.sampledPeak,
      hwmReset: this.hwmReset,
      hwmBytes: hwm,
      sampledPeakBytes: this.sampledPeak,
      startBytes: this.startBytes,
    };
  }
}

// ---------------------------------------------------------------- the senders

interface DriverMessage {
  kind: 'ready' | 'done' | 'failed';
  result?: DriveResult;
  message?: string;
}

/** Resolves once the driver process says it is listening. */
export function driverReady(driver: Child): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: DriverMessage) => {
      if (message.kind !== 'ready') return;
      driver.process.off('message', onMessage);
      resolve();
    };
    driver.process.on('message', onMessage);
    void driver.exited.then(() =>
      reject(new Error(`${driver.name} exited before it was ready.\n${driver.stderrTail()}`)),
    );
  });
}

function drive(driver: Child, command: DriveCommand): Promise<DriveResult> {
  const answer = new Promise<DriveResult>((resolve, reject) => {
    const onMessage = (message: DriverMessage) => {
      if (message.kind === 'ready') return;
      driver.process.off('message', onMessage);
      if (message.kind === 'done' && message.result !== undefined) resolve(message.result);
      else reject(new Error(`${driver.name}: ${message.message ?? 'no result'}`));
    };
    driver.process.on('message', onMessage);
    void driver.exited.then(() =>
      reject(new Error(`${driver.name} exited.\n${driver.stderrTail()}`)),
    );
    driver.process.send(command);
  });
  const seconds = command.referralIds.length / command.ratePerSecond;
  return withTimeout(
    answer,
    seconds * 1000 + 30_000,
    `${driver.name}: ${command.referralIds.length} transitions`,
  );
}

async function emitBaseline(
  url: string,
  offsetsMs: number[],
): Promise<{ firstSeq: number; sentAt: number[] }> {
  const count = offsetsMs.length;
  const response = await fetch(`${url}/emit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetsMs }),
    signal: AbortSignal.timeout(Math.ceil(offsetsMs[count - 1]) + 30_000),
  });
  const body = (await response.json()) as { firstSeq?: unknown; sentAt?: unknown };
  if (
    response.status !== 200 ||
    typeof body.firstSeq !== 'number' ||
    !Array.isArray(body.sentAt) ||
    body.sentAt.length !== count
  ) {
    throw new Error(`The live baseline server answered ${response.status} ${JSON.stringify(body)}`);
  }
  return { firstSeq: body.firstSeq, sentAt: body.sentAt as number[] };
}

// ---------------------------------------------------------------- the run

export interface LiveServers {
  app: { url: string; pid: number };
  /** The database, as its owner: for the accepts' commit times after the run. */
  databaseUrl: string;
  baseline: { url: string; pid: number };
  /** The transition driver (live-driver.ts), ready. */
  driver: Child;
}

/** The dashboards' starting picture: its `seq`, to connect from. */
async function queueSeq(tools: SeedTools, token: string): Promise<number> {
  const response = await tools.app({
    method: 'GET',
    path: '/api/queue',
    headers: { authorization: `Bearer ${token}` },
  });
  const seq = (response.body as { seq?: unknown } | null)?.seq;
  const value = typeof seq === 'string' && /^\d+$/.test(seq) ? Number(seq) : seq;
  if (response.status !== 200 || typeof value !== 'number' || !Number.isInteger(value)) {
    throw new Error(
      `GET /api/queue answered ${response.status} without a whole-number seq: ${JSON.stringify(response.body).slice(0, 300)}`,
    );
  }
  return value;
}

/**
 * Each accept's commit time (wall-clock ms), as PostgreSQL stamped it (track_commit_timestamp),
 * read from its history row (the event row's own xmin changes when the relay numbers it).
 */
async function commitTimes(reader: pg.Client, referralIds: string[]): Promise<Map<string, number>> {
  const { rows } = await reader.query<{ id: string; ms: number | null }>(
    `SELECT h.referral_id::text AS id,
            extract(epoch FROM pg_xact_commit_timestamp(h.xmin)) * 1000 AS ms
       FROM referral_history h
      WHERE h.referral_id = ANY($1::uuid[]) AND h.action = 'accept'`,
    [referralIds],
  );
  const times = new Map<string, number>();
  for (const row of rows) if (row.ms !== null) times.set(row.id, Number(row.ms));
  return times;
}

export async function runLive(
  tools: SeedTools,
  seed: LiveSeed,
  servers: LiveServers,
  settings: LiveSettings,
  cleanup: Cleanup,
): Promise<LiveResult> {
  const { clients, ratePerSecond } = settings;
  const capacity = eventsPerSide(settings);
  if (seed.referralIds.length < capacity) {
    throw new Error(
      `Live: ${capacity} transitions, but ${seed.referralIds.length} referrals seeded`,
    );
  }
  const referralIds = seed.referralIds.slice(0, capacity);
  const referralIndex = new Map(referralIds.map((id, index) => [id, index]));
  const baselineFleet = new Fleet('live baseline', clients, capacity, (event) => {
    const index = event.seq - 1;
    return index >= 0 && index < capacity ? index : undefined;
  });
  const appFleet = new Fleet('live app', clients, capacity, (event) =>
    referralIndex.get(event.data?.referralId as string),
  );
  cleanup.add('close the live clients', () => {
    baselineFleet.close();
    appFleet.close();
    return Promise.resolve();
  });
  const baseline = new Side(baselineFleet, servers.baseline.pid);
  const app = new Side(appFleet, servers.app.pid);
  const statusCodes: Record<string, number> = {};
  const responseTimes: number[] = [];
  const failures: string[] = [];
  let memory: MemoryReport | undefined;
  let baselinePeak: number | undefined;
  let baselineMemory: MemoryWatch | undefined;
  let appMemory: MemoryWatch | undefined;
  const reader = new pg.Client({ connectionString: servers.databaseUrl });
  await reader.connect();
  cleanup.add('close the commit-time reader', () => reader.end().catch(() => undefined));
  /** The gaps between the app's commits in its latest slice: the baseline's next schedule. */
  let appGaps: number[] = [];
  try {
    const partnerToken = await logIn(tools, seed.partnerEmail);
    const teamLeadTokens: string[] = [];
    for (const email of seed.teamLeadEmails) teamLeadTokens.push(await logIn(tools, email));
    const tokenOf = (client: number) => teamLeadTokens[client % teamLeadTokens.length];

    console.log(`${LIVE_SCENARIO_NAME}: connecting ${clients} clients to the baseline...`);
    baselineMemory = new MemoryWatch(servers.baseline.pid);
    let started = performance.now();
    await baselineFleet.connect(servers.baseline.url, () => Promise.resolve(() => ({})));
    const connected = (await (await fetch(`${servers.baseline.url}/ready`)).json()) as {
      clients?: unknown;
    };
    if (connected.clients !== clients) {
      throw new Error(`The live baseline has ${String(connected.clients)} clients, not ${clients}`);
    }
    console.log(
      `${LIVE_SCENARIO_NAME}: ${clients} baseline clients ready in ${((performance.now() - started) / 1000).toFixed(1)} s; connecting ${clients} to the app...`,
    );
    appMemory = new MemoryWatch(servers.app.pid);
    started = performance.now();
    await appFleet.connect(servers.app.url, async (first) => {
      // One dashboard's starting picture per batch: every team lead sees the same seq.
      const since = await queueSeq(tools, tokenOf(first));
      return (client) => ({ token: tokenOf(client), since });
    });
    console.log(
      `${LIVE_SCENARIO_NAME}: ${clients} app clients ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );

    const slice = async (side: Side, seconds: number, measured: boolean) => {
      if (stopped) throw new Error('The live scenario was stopped');
      const count = Math.round(ratePerSecond * seconds);
      const cpuBefore = cpuSnapshot(side.pid);
      let sentAt: number[];
      if (side === app) {
        const first = app.next;
        const result = await drive(servers.driver, {
          baseUrl: servers.app.url,
          token: partnerToken,
          referralIds: referralIds.slice(first, first + count),
          version: SEEDED_VERSION,
          ratePerSecond,
          connections: DRIVER_CONNECTIONS,
        });
        sentAt = result.sentAt;
        for (let k = 0; k < count; k++) {
          const status = result.status[k];
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          if (measured && status === 200) responseTimes.push(result.responseMs[k]);
        }
        for (const failure of result.failures) if (failures.length < 10) failures.push(failure);
        app.record(first, sentAt, (k) => result.status[k] === 200, measured);
        const committed = await commitTimes(reader, referralIds.slice(first, first + count));
        appGaps = gapsOf([...committed.values()]);
        if (measured) app.gaps.push(...appGaps);
      } else {
        const offsets = baselineSchedule(count, appGaps, ratePerSecond);
        const result = await emitBaseline(servers.baseline.url, offsets);
        sentAt = result.sentAt;
        baseline.record(result.firstSeq - 1, sentAt, () => true, measured);
        if (measured) baseline.gaps.push(...gapsOf(sentAt));
      }
      await side.drain();
      if (measured) {
        addCpu(side, cpuBefore, cpuSnapshot(side.pid));
        side.measuredEvents += count;
        side.measuredSpanMs += sentAt[sentAt.length - 1] - sentAt[0] + 1000 / ratePerSecond;
      }
    };

    const { warmupSeconds, measureSeconds, sliceSeconds } = settings;
    const total = 2 * (warmupSeconds + measureSeconds);
    console.log(
      `${LIVE_SCENARIO_NAME}: ${ratePerSecond} events/s to ${clients} clients, the app and the baseline (${total} s)...`,
    );
    await slice(app, warmupSeconds, false);
    await slice(baseline, warmupSeconds, false);
    // Always the app first: its slice's commits are the schedule of the baseline's that follows.
    const rounds = Math.ceil(measureSeconds / sliceSeconds);
    for (let round = 0; round < rounds; round++) {
      await slice(app, sliceSeconds, true);
      await slice(baseline, sliceSeconds, true);
    }
  } finally {
    memory = appMemory?.stop();
    baselinePeak = baselineMemory?.stop().peakBytes;
    baselineFleet.close();
    appFleet.close();
  }
  const http = percentiles(Float64Array.from(responseTimes));
  // Each accept's commit time: its event's start for the delivery times.
  const committed = await commitTimes(reader, referralIds).finally(() => reader.end());
  for (const [id, ms] of committed) {
    const index = referralIndex.get(id);
    if (index !== undefined) appFleet.eventAt[index] = ms;
  }
  const baselineResult = summarise(baseline, baselinePeak);
  const appResult = summarise(app, memory?.peakBytes);
  return {
    name: LIVE_SCENARIO_NAME,
    clients,
    ratePerSecond,
    warmupSeconds: settings.warmupSeconds,
    measureSeconds: settings.measureSeconds,
    sliceSeconds: settings.sliceSeconds,
    app: {
      ...appResult,
      http: { p50: http.p50, p99: http.p99, max: http.max, statusCodes },
      failures,
      memory: memory ?? {
        peakBytes: undefined,
        hwmReset: false,
        hwmBytes: undefined,
        sampledPeakBytes: undefined,
        startBytes: undefined,
      },
    },
    baseline: baselineResult,
    p99Ratio:
      baselineResult.latencyP99 > 0 ? appResult.fromCommit.p99 / baselineResult.latencyP99 : 0,
    maxP99Ratio: MAX_P99_RATIO,
    maxRssBytes: MAX_RSS_BYTES,
  };
}

// ---------------------------------------------------------------- the report

const ms1 = (value: number) => `${value.toFixed(1)} ms`;
const gap = (value: number) => value.toFixed(1);
const cores = (value: number | undefined) => (value === undefined ? 'unknown' : value.toFixed(2));
const mb = (bytes: number | undefined) =>
  bytes === undefined ? 'unknown' : `${(bytes / 1_000_000).toFixed(0)} MB`;

/** The scenario's row of the live table, with its heading. */
export function liveRows(result: LiveResult): string[][] {
  return [
    [
      'scenario',
      'clients',
      'events/s',
      'p50',
      'p99',
      'max',
      'request p99',
      'lost',
      'dup',
      'baseline p50',
      'baseline p99',
      'p99 ratio',
      'app RSS peak',
    ],
    [
      result.name,
      result.clients.toLocaleString('en-GB'),
      String(result.ratePerSecond),
      ms1(result.app.fromCommit.p50),
      ms1(result.app.fromCommit.p99),
      ms1(result.app.fromCommit.max),
      ms1(result.app.latencyP99),
      String(result.app.lost),
      String(result.app.duplicates),
      ms1(result.baseline.latencyP50),
      ms1(result.baseline.latencyP99),
      `${result.p99Ratio.toFixed(2)}x`,
      mb(result.app.memory.peakBytes),
    ],
  ];
}

/** What went wrong besides the targets: any of these fails the run. */
export function liveErrors(result: LiveResult): string[] {
  const found: string[] = [];
  const side = (label: string, r: LiveSideResult) => {
    if (r.duplicates > 0) found.push(`${label}: ${r.duplicates} duplicate deliveries`);
    if (r.outOfOrder > 0)
      found.push(`${label}: ${r.outOfOrder} events with a seq not above the last`);
    if (r.unexpected > 0)
      found.push(`${label}: ${r.unexpected} deliveries of transitions not answered 200`);
    if (r.malformed > 0) found.push(`${label}: ${r.malformed} events without a numeric seq`);
    if (r.disconnects > 0) found.push(`${label}: ${r.disconnects} clients disconnected`);
    if (r.drainTimeouts > 0) {
      found.push(
        `${label}: ${r.drainTimeouts} slice(s) not fully delivered within ${DRAIN_TIMEOUT_MS / 1000} s`,
      );
    }
    for (const notice of r.notices) found.push(`${label}: ${notice}`);
  };
  side(`${result.name} app`, result.app);
  side(`${result.name} baseline`, result.baseline);
  if (result.baseline.lost > 0) {
    found.push(`${result.name} baseline: ${result.baseline.lost} deliveries lost`);
  }
  const failed = Object.entries(result.app.http.statusCodes)
    .filter(([code]) => code !== '200')
    .map(([code, count]) => `${count}× ${code === '0' ? 'no answer' : code}`);
  if (failed.length > 0) {
    found.push(
      `${result.name} app: transitions not answered 200: ${failed.join(', ')}; first: ${result.app.failures.join(' | ')}`,
    );
  }
  return found;
}

/** Which targets the scenario missed. */
function missing(result: LiveResult) {
  const peak = result.app.memory.peakBytes;
  return {
    p99: result.app.deliveries === 0 || result.p99Ratio > result.maxP99Ratio,
    lost: result.app.lost > 0,
    memory: peak === undefined || peak >= result.maxRssBytes,
  };
}

/** The targets the scenario missed, as sentences. */
export function liveMissedTargets(result: LiveResult): string[] {
  const missed = missing(result);
  return [
    ...(missed.p99
      ? [
          `${result.name}: delivery p99 ${ms1(result.app.fromCommit.p99)} is ${result.p99Ratio.toFixed(2)}x the baseline's ${ms1(result.baseline.latencyP99)} (at most ${result.maxP99Ratio}x)`,
        ]
      : []),
    ...(missed.lost ? [`${result.name}: ${result.app.lost} deliveries lost`] : []),
    ...(missed.memory
      ? [
          `${result.name}: app peak RSS ${mb(result.app.memory.peakBytes)} (must stay under ${mb(result.maxRssBytes)})`,
        ]
      : []),
  ];
}

/** How the scenario measured, what else it saw, and its targets. */
export function liveNotes(result: LiveResult): string[] {
  const { app, baseline } = result;
  const memory = app.memory;
  const missed = missing(result);
  const met = (failed: boolean) => (failed ? 'NOT MET' : 'met');
  const codes = Object.entries(app.http.statusCodes)
    .map(([code, count]) => `${count}× ${code === '0' ? 'no answer' : code}`)
    .join(', ');
  return [
    `${result.clients.toLocaleString('en-GB')} socket.io-client sockets per server, from this process (websocket, one connection each); the app's are`,
    `  ${result.clients / CLIENTS_PER_TEAM_LEAD > 1 ? `${Math.ceil(result.clients / CLIENTS_PER_TEAM_LEAD)} team leads'` : "a team lead's"}, connected from GET /api/queue's seq. A ${result.warmupSeconds} s warm-up of each, then ${result.measureSeconds} s measured of each in ${result.sliceSeconds} s`,
    `  slices taking turns (app, then baseline), never both at once, each slice delivered in full before the next.`,
    `App: p50/p99/max are commit -> client: from the accept's commit, as PostgreSQL stamped it (track_commit_timestamp),`,
    `  to each client's receipt of its referral.accepted event.`,
    `  Request -> client, from just before the driver process sent POST /api/referrals/:id/accept (as a partner), which adds`,
    `  the request's queueing and handling before its transaction: p50 ${ms1(app.latencyP50)}, p99 ${ms1(app.latencyP99)}, max ${ms1(app.latencyMax)}.`,
    `  Accept responses (measured): p50 ${ms1(app.http.p50)}, p99 ${ms1(app.http.p99)}, max ${ms1(app.http.max)}; ${codes}.`,
    `  Sent at ${app.achievedRatePerSecond.toFixed(1)}/s; ${app.deliveries.toLocaleString('en-GB')} deliveries measured.`,
    `Baseline: bare socket.io (one room, no auth, no database), from when its emit was due to each client's receipt;`,
    `  sent at ${baseline.achievedRatePerSecond.toFixed(1)}/s; ${baseline.deliveries.toLocaleString('en-GB')} deliveries measured; lost ${baseline.lost}, dup ${baseline.duplicates}. Its peak RSS: ${mb(baseline.rssPeakBytes)}.`,
    `  Each slice emitted with the gaps between the app's commits in the slice before it, in order; ms between events:`,
    `  app commits p10 ${gap(app.gaps.p10)}, p50 ${gap(app.gaps.p50)}, p90 ${gap(app.gaps.p90)}; baseline emits p10 ${gap(baseline.gaps.p10)}, p50 ${gap(baseline.gaps.p50)}, p90 ${gap(baseline.gaps.p90)}.`,
    `Lost: events of transitions answered 200 (${app.events}, warm-up included) that a client never had. Seqs out of order:`,
    `  app ${app.outOfOrder}, baseline ${baseline.outOfOrder}. Other events the app's clients had: ${app.other}.`,
    `CPU over the measured slices, in cores of ${app.cpu.cores} (the machine's total includes anything else running):`,
    `  app slices: the app ${cores(app.cpu.server)}, this process (the clients) ${cores(app.cpu.harness)}, the machine ${cores(app.cpu.machine)};`,
    `  baseline slices: the baseline server ${cores(baseline.cpu.server)}, this process ${cores(baseline.cpu.harness)}, the machine ${cores(baseline.cpu.machine)}.`,
    `App memory: peak RSS ${mb(memory.peakBytes)} over the scenario (${
      memory.hwmReset
        ? `VmHWM, reset when the scenario started at ${mb(memory.startBytes)}`
        : 'VmRSS sampled every 200 ms: VmHWM could not be reset'
    }; sampled VmRSS peak ${mb(memory.sampledPeakBytes)}).`,
    `Target for ${result.name}: p99 <= ${result.maxP99Ratio}x the baseline's: ${met(missed.p99)}; 0 lost: ${met(missed.lost)}; RSS under ${mb(result.maxRssBytes)}: ${met(missed.memory)}.`,
  ];
}
