import http from 'node:http';
import autocannon from 'autocannon';
import { EACH, FRESH, freshRequest, type BenchRequest } from './scenarios.js';

/** Gives the next of a scenario's values for EACH, for one server (see ValueList in run.ts). */
export type NextValue = () => string;

/** Each server's source of EACH values, for a request that has EACH. */
export interface EachValues {
  app: NextValue;
  baseline: NextValue;
}

export interface LoadSettings {
  connections: number;
  /** Of each server, before any measuring. */
  warmupSeconds: number;
  /** Measured time of each server, in slices of `sliceSeconds` (rounded up to whole slices). */
  measureSeconds: number;
  sliceSeconds: number;
}

export interface LoadResult {
  /** Responses received ÷ measured seconds, over all slices. */
  requestsPerSecond: number;
  /** Milliseconds, over the 2xx responses of all slices. */
  latencyP50: number;
  latencyP99: number;
  responses: number;
  durationSeconds: number;
  /** Each slice's req/s, in the order they ran: shows how steady the machine was. */
  slices: number[];
  non2xx: number;
  /** Connection errors and timeouts (autocannon counts timeouts among errors). */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Problems seen during the warm-up, which is otherwise not reported. */
  warmup: { non2xx: number; errors: number; statusCodes: Record<string, number> };
}

let current: autocannon.Instance<autocannon.RawResult> | undefined;
let stopped = false;

/** Stops the load running now, if any, and refuses to start more (on Ctrl-C). */
export function stopLoad(): void {
  stopped = true;
  current?.stop();
}

function options(
  baseUrl: string,
  request: BenchRequest,
  connections: number,
  seconds: number,
  next?: NextValue,
): autocannon.Options & { skipAggregateResult: true } {
  const text = JSON.stringify(request);
  return {
    url: `${baseUrl}${request.path}`,
    connections,
    duration: seconds,
    timeout: 10,
    method: request.method,
    headers: request.headers,
    body: request.body,
    skipAggregateResult: true,
    // A request with fresh values, or one of the scenario's values, is rebuilt before each sending
    // (autocannon builds each connection's first request when it starts, then one per response).
    ...(text.includes(FRESH) || text.includes(EACH)
      ? {
          requests: [
            {
              setupRequest: (sent: autocannon.RequestParams) => ({
                ...sent,
                ...freshRequest(request, next),
              }),
            },
          ],
        }
      : {}),
  };
}

async function drive(
  baseUrl: string,
  request: BenchRequest,
  connections: number,
  seconds: number,
  next?: NextValue,
): Promise<autocannon.RawResult> {
  if (stopped) throw new Error('The load was stopped');
  const instance = autocannon(options(baseUrl, request, connections, seconds, next));
  current = instance;
  try {
    return await instance;
  } finally {
    current = undefined;
  }
}

function statusCodes(results: autocannon.RawResult[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, stats] of Object.entries(result.statusCodeStats)) {
      codes[code] = (codes[code] ?? 0) + stats.count;
    }
  }
  return codes;
}

function summarise(
  baseUrl: string,
  request: BenchRequest,
  settings: LoadSettings,
  warmup: autocannon.RawResult,
  slices: autocannon.RawResult[],
): LoadResult {
  const sum = (pick: (result: autocannon.RawResult) => number) =>
    slices.reduce((total, result) => total + pick(result), 0);
  const responses = sum((result) => result.totalCompletedRequests);
  const durationSeconds = sum((result) => result.duration);
  // Read before aggregateResult, which merges into the first slice's result.
  const codes = statusCodes(slices);
  const perSlice = slices.map((result) =>
    result.duration > 0 ? result.totalCompletedRequests / result.duration : 0,
  );
  const merged = autocannon.aggregateResult(
    slices,
    options(baseUrl, request, settings.connections, settings.sliceSeconds),
  );
  return {
    requestsPerSecond: durationSeconds > 0 ? responses / durationSeconds : 0,
    latencyP50: merged.latency.p50,
    latencyP99: merged.latency.p99,
    responses,
    durationSeconds,
    slices: perSlice.map((value) => Math.round(value)),
    non2xx: sum((result) => result.non2xx),
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
    statusCodes: codes,
    warmup: { non2xx: warmup.non2xx, errors: warmup.errors, statusCodes: statusCodes([warmup]) },
  };
}

/**
 * Drives two servers with the same request, `connections` keep-alive connections at a time and
 * never both at once: a warm-up of each, then short measured slices taking turns (A B, B A, A B,
 * ...), so that whatever else the machine is doing meanwhile weighs on both alike. On these small
 * shared machines the throughput of one server drifts by tens of percent from one run of a few
 * seconds to the next; measured one after the other, the ratio would mostly measure that drift.
 */
export async function measurePair(
  urls: { app: string; baseline: string },
  request: BenchRequest,
  settings: LoadSettings,
  each?: EachValues,
): Promise<{ app: LoadResult; baseline: LoadResult }> {
  const { connections, sliceSeconds } = settings;
  const warmup = {
    app: await drive(urls.app, request, connections, settings.warmupSeconds, each?.app),
    baseline: await drive(
      urls.baseline,
      request,
      connections,
      settings.warmupSeconds,
      each?.baseline,
    ),
  };
  const slices: Record<'app' | 'baseline', autocannon.RawResult[]> = { app: [], baseline: [] };
  const rounds = Math.ceil(settings.measureSeconds / sliceSeconds);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const);
    for (const target of order) {
      slices[target].push(
        await drive(urls[target], request, connections, sliceSeconds, each?.[target]),
      );
    }
  }
  return {
    app: summarise(urls.app, request, settings, warmup.app, slices.app),
    baseline: summarise(urls.baseline, request, settings, warmup.baseline, slices.baseline),
  };
}

/** What a steady-load run measured. */
export interface SteadyResult {
  /** Requests a second sent, evenly spaced. */
  ratePerSecond: number;
  /** Responses received ÷ measured seconds. */
  requestsPerSecond: number;
  /** Milliseconds from each request's scheduled time to its full response, over the 2xx. */
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  responses: number;
  non2xx: number;
  errors: number;
  /** The most requests that were waiting on a response at one time. */
  maxInFlight: number;
}

/**
 * Sends `request` at `ratePerSecond`, one request every 1/rate seconds whatever the answers do (an
 * open loop, as callers arrive), over at most `connections` keep-alive connections, for `seconds`.
 * Each latency runs from the moment the request was due, so a server that falls behind is charged
 * for the wait. (autocannon's own rate limit releases each second's requests together, which
 * measures a burst, not a steady load.)
 */
async function steady(
  baseUrl: string,
  request: BenchRequest,
  connections: number,
  ratePerSecond: number,
  seconds: number,
  next?: NextValue,
): Promise<SteadyResult> {
  if (stopped) throw new Error('The load was stopped');
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = (ok: boolean, status?: number) => {
        inFlight--;
        if (!ok) errors++;
        else if (status !== undefined && status >= 200 && status < 300) {
          latencies.push(performance.now() - due);
        } else non2xx++;
        resolve();
      };
      const sent = freshRequest(request, next);
      const outgoing = http.request(
        new URL(sent.path, baseUrl),
        { method: sent.method, headers: sent.headers, agent, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on('end', () => done(true, response.statusCode));
          response.on('error', () => done(false));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => done(false));
      outgoing.end(sent.body);
    });
  const interval = 1000 / ratePerSecond;
  const total = Math.round(ratePerSecond * seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total && !stopped; index++) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(due));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    latencies.length === 0
      ? 0
      : latencies[Math.min(latencies.length - 1, Math.ceil(fraction * latencies.length) - 1)];
  return {
    ratePerSecond,
    requestsPerSecond: (latencies.length + non2xx) / elapsed,
    latencyP50: at(0.5),
    latencyP99: at(0.99),
    latencyMax: at(1),
    responses: latencies.length + non2xx,
    non2xx,
    errors,
    maxInFlight,
  };
}

/**
 * Latency at a steady offered load (`steady`): the app, then the baseline, each after a warm-up
 * at the same rate. Below saturation a response's time is the server's own work plus the queueing
 * the offered load causes. At saturation (measurePair) every connection is always waiting, so the
 * latency there is connections ÷ throughput, whatever the server does.
 */
export async function measureLatencyPair(
  urls: { app: string; baseline: string },
  request: BenchRequest,
  settings: LoadSettings,
  ratePerSecond: number,
  each?: EachValues,
): Promise<{ app: SteadyResult; baseline: SteadyResult }> {
  const { connections, warmupSeconds, measureSeconds } = settings;
  const run = async (url: string, next?: NextValue) => {
    await steady(url, request, connections, ratePerSecond, warmupSeconds, next);
    return steady(url, request, connections, ratePerSecond, measureSeconds, next);
  };
  return {
    app: await run(urls.app, each?.app),
    baseline: await run(urls.baseline, each?.baseline),
  };
}
