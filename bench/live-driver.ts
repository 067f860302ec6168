/**
 * The live scenario's load on the application: referral transitions at a steady rate over HTTP,
 * sent from a child process of its own (started by run.ts), as the baseline's events are emitted
 * from its own process. The harness's event loop is busy receiving events on a thousand sockets;
 * from there the transitions would go out late and unevenly.
 *
 * Told over IPC (a DriveCommand), it accepts each referral in turn as a partner
 * (`POST /api/referrals/:id/accept`, `{ version }`), one every 1/rate seconds whatever the answers
 * do (an open loop), over at most `connections` keep-alive connections, and answers with a
 * DriveResult: for each referral the wall-clock time (ms) just before its request was sent, its
 * status and its response time.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DriveCommand {
  baseUrl: string;
  token: string;
  referralIds: string[];
  /** The version every one of them is at. */
  version: number;
  ratePerSecond: number;
  connections: number;
}

export interface DriveResult {
  /** `performance.timeOrigin + performance.now()` just before each request was sent. */
  sentAt: number[];
  /** Each request's HTTP status; 0 when it failed without one. */
  status: number[];
  /** Milliseconds from sending each request to its full response (0 when it failed). */
  responseMs: number[];
  /** The first few answers other than 200, or errors, as text. */
  failures: string[];
}

const REQUEST_TIMEOUT_MS = 10_000;
const FAILURES_KEPT = 5;

async function drive(command: DriveCommand): Promise<DriveResult> {
  const { baseUrl, token, referralIds, version, ratePerSecond, connections } = command;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const body = JSON.stringify({ version });
  const sentAt = new Array<number>(referralIds.length).fill(0);
  const status = new Array<number>(referralIds.length).fill(0);
  const responseMs = new Array<number>(referralIds.length).fill(0);
  const failures: string[] = [];
  const fail = (text: string) => {
    if (failures.length < FAILURES_KEPT) failures.push(text);
  };
  const send = (index: number) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      sentAt[index] = performance.timeOrigin + started;
      const outgoing = http.request(
        new URL(`/api/referrals/${referralIds[index]}/accept`, baseUrl),
        {
          method: 'POST',
          agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            status[index] = response.statusCode ?? 0;
            responseMs[index] = performance.now() - started;
            if (response.statusCode !== 200) {
              fail(
                `${response.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
              );
            }
            resolve();
          });
          response.on('error', (error) => {
            fail(error.message);
            resolve();
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', (error) => {
        fail(error.message);
        resolve();
      });
      outgoing.end(body);
    });
  const interval = 1000 / ratePerSecond;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < referralIds.length; index++) {
    const wait = started + index * interval - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(send(index));
  }
  await Promise.all(pending);
  agent.destroy();
  return { sentAt, status, responseMs, failures };
}

function main(): void {
  if (process.send === undefined) throw new Error('Start this with an IPC channel (run.ts)');
  const reply = (message: unknown) => process.send?.(message);
  process.on('message', (command: DriveCommand) => {
    drive(command).then(
      (result) => reply({ kind: 'done', result }),
      (error: unknown) => reply({ kind: 'failed', message: String(error) }),
    );
  });
  // The harness holds the other end of the IPC channel: if it dies, so does this process.
  process.on('disconnect', () => process.exit(0));
  reply({ kind: 'ready' });
}

main();
