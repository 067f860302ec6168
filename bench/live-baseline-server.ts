/**
 * The live scenario's baseline: a bare socket.io server (no framework, no authentication, no
 * database), started by run.ts as a child process. Every socket that connects to the `/live`
 * namespace (websocket transport only) joins one room and is sent `ready`; on request the server
 * emits events to that room on a given schedule, shaped and sized like the application's
 * (`{ seq, type: 'referral.accepted', at, data }`, data a referral's eleven fields; `at` the time
 * of sending). It is the floor of socket.io fan-out on this machine.
 *
 * HTTP, on the same port: `GET /ready` answers `{ clients }` (the sockets connected to `/live`);
 * `POST /emit` with `{ offsetsMs }` emits one event at each offset, in ms after the first (seq 1,
 * 2, ... across calls; the live scenario passes the gaps between the app's commits in its latest
 * slice); once the last has gone it answers `{ firstSeq, sentAt }`: `sentAt[i]`, the wall-clock time
 * (`performance.timeOrigin + performance.now()`, ms) when seq `firstSeq + i` was due. It is
 * emitted then, or as soon as the emit before it has returned (a fan-out to a thousand sockets
 * takes about 10 ms), and its delivery is timed from when it was due.
 *
 * Environment (set by run.ts): BENCH_PORT.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server } from 'socket.io';
import { HOST } from './processes.js';

const LIVE_NAMESPACE = '/live';
const ROOM = 'dashboards';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.on('error', reject);
  });
}

/** A referral's event data as the application sends it: ids, codes, states and times only. */
function referralData(referralId: string, organisationId: string, serviceId: string) {
  return {
    referralId,
    status: 'accepted',
    version: 2,
    organisationId,
    serviceId,
    priority: 'P3',
    urgent: false,
    safeguarding: false,
    areaCode: 'RV-LEY-C',
    dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    overdue: false,
  };
}

/** `offsetsMs` from the body: when to emit, in ms after the first event (non-decreasing, from 0). */
function schedule(body: unknown): number[] | undefined {
  const { offsetsMs } = body as { offsetsMs?: unknown };
  const valid =
    Array.isArray(offsetsMs) &&
    offsetsMs.length > 0 &&
    offsetsMs[0] === 0 &&
    offsetsMs.every(
      (offset, i) =>
        typeof offset === 'number' &&
        Number.isFinite(offset) &&
        (i === 0 || offset >= (offsetsMs[i - 1] as number)),
    );
  return valid ? (offsetsMs as number[]) : undefined;
}

function main(): void {
  const http = createServer();
  const io = new Server(http, {
    transports: ['websocket'],
    serveClient: false,
  });
  const live = io.of(LIVE_NAMESPACE);
  let seq = 0;
  live.on('connection', (socket) => {
    void socket.join(ROOM);
    socket.emit('ready', { seq, replayed: 0 });
  });

  const organisationId = randomUUID();
  const serviceId = randomUUID();
  let emitting = false;
  /** Emits `offsetsMs.length` events, event i `offsetsMs[i]` ms after the first. */
  const emit = async (offsetsMs: number[]) => {
    const firstSeq = seq + 1;
    const sentAt: number[] = [];
    const started = performance.now();
    for (const offset of offsetsMs) {
      const wait = started + offset - performance.now();
      if (wait > 1) await sleep(wait);
      seq += 1;
      const now = performance.timeOrigin + performance.now();
      // Timed from when it was due: an emit that waits for the one before is charged the wait,
      // as the application's event is timed from its commit.
      sentAt.push(performance.timeOrigin + started + offset);
      live.to(ROOM).emit('referral.accepted', {
        seq,
        type: 'referral.accepted',
        at: new Date(now).toISOString(),
        data: referralData(randomUUID(), organisationId, serviceId),
      });
    }
    return { firstSeq, sentAt };
  };

  http.on('request', (request: IncomingMessage, response: ServerResponse) => {
    // socket.io answers its own path; everything else is ours.
    if (request.url?.startsWith('/socket.io/') === true) return;
    if (request.method === 'GET' && request.url === '/ready') {
      send(response, 200, { clients: live.sockets.size });
      return;
    }
    if (request.method === 'POST' && request.url === '/emit') {
      if (emitting) {
        send(response, 409, { code: 'BUSY' });
        return;
      }
      emitting = true;
      readJson(request)
        .then((body) => {
          const offsets = schedule(body);
          if (offsets === undefined) {
            send(response, 400, { code: 'VALIDATION_FAILED' });
            return undefined;
          }
          return emit(offsets).then((result) => send(response, 200, result));
        })
        .catch((error: unknown) =>
          send(response, 500, { code: 'INTERNAL', message: String(error) }),
        )
        .finally(() => {
          emitting = false;
        });
      return;
    }
    send(response, 404, { code: 'NOT_FOUND' });
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => process.exit(1), 5_000);
    forced.unref();
    void io.close().finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // The harness holds the other end of the IPC channel: if it dies, so does this server.
  process.on('disconnect', stop);

  http.listen(Number(required('BENCH_PORT')), HOST);
}

main();
