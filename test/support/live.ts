import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './app.js';

/** An event as the live queue sends it. */
export interface LiveEvent {
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

const CONTROL = new Set(['ready', 'shutdown', 'session.ended']);

/** Starts the test app listening on a free local port; answers its base URL. */
export async function listening(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return `http://127.0.0.1:${address.port}`;
}

export interface LiveClient {
  socket: Socket;
  /** Every event received, in the order received (control messages apart). */
  events: LiveEvent[];
  /** Control messages received: [name, payload]. */
  control: [string, unknown][];
  /** The highest seq received. */
  lastSeq: () => number;
  /** The first connection's outcome: `ready`'s payload, or the refusal. */
  ready: Promise<{ seq: number; replayed: number }>;
  close: () => void;
}

export interface LiveOptions {
  since?: number;
  origin?: string;
  /** Leave reconnection to socket.io-client (default false: tests reconnect explicitly). */
  reconnection?: boolean;
  /** Extra fields in the handshake's auth. */
  auth?: Record<string, unknown>;
}

/** A socket.io client on /live that records what it receives (not yet connected: see `connected`). */
export function liveClient(
  baseUrl: string,
  token: string | undefined,
  options: LiveOptions = {},
): LiveClient {
  const events: LiveEvent[] = [];
  const control: [string, unknown][] = [];
  const auth: Record<string, unknown> = {
    ...(token === undefined ? {} : { token }),
    ...options.auth,
  };
  if (options.since !== undefined) auth.since = options.since;
  const socket = io(`${baseUrl}/live`, {
    transports: ['websocket'],
    auth,
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    extraHeaders: options.origin === undefined ? undefined : { Origin: options.origin },
  });
  socket.onAny((name: string, payload: unknown) => {
    if (CONTROL.has(name)) control.push([name, payload]);
    else events.push(payload as LiveEvent);
  });
  const ready = new Promise<{ seq: number; replayed: number }>((resolve, reject) => {
    socket.once('ready', (payload: { seq: number; replayed: number }) => resolve(payload));
    socket.once('connect_error', (error) => reject(error));
  });
  ready.catch(() => undefined);
  const client: LiveClient = {
    socket,
    events,
    control,
    ready,
    lastSeq: () => events.reduce((max, event) => Math.max(max, event.seq), 0),
    close: () => {
      socket.disconnect();
    },
  };
  // On every reconnection, continue from the last seq received.
  socket.io.on('reconnect_attempt', () => {
    socket.auth = { ...auth, since: client.lastSeq() };
  });
  return client;
}

/** Resolves once `check` holds, polling; fails with `what` after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits for the next `ready` (or refusal) from now: call it before (re)connecting. For a client's
 * first connection, `client.ready` is listened for from the start and cannot be missed.
 */
export function connected(client: LiveClient): Promise<{ seq: number; replayed: number }> {
  return new Promise((resolve, reject) => {
    client.socket.once('ready', (payload: { seq: number; replayed: number }) => resolve(payload));
    client.socket.once('connect_error', (error) => reject(error));
  });
}

/** Waits for the client's first connection to be refused; answers the error. */
export function refused(client: LiveClient): Promise<Error & { data?: { code: string } }> {
  return client.ready.then(
    () => {
      throw new Error('connected, but should have been refused');
    },
    (error: unknown) => error as Error & { data?: { code: string } },
  );
}
