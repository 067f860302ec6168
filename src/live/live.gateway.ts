import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Public } from '../common/auth/access.decorators.js';
import { AppError } from '../common/errors/app-error.js';
import { toErrorResponse, type ErrorBody } from '../common/errors/error-body.js';
import { strictValidationPipe } from '../common/http/validation.js';
import type { ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EventFeed } from './event-feed.js';
import { EventReplay } from './event-replay.js';
import {
  FRONT_DOOR_ROOM,
  roomsFor,
  sessionRoom,
  viewerRoom,
  type LiveEvent,
  type LiveViewer,
  type PublishedEvent,
} from './live-events.js';
import { LiveViewers } from './live-viewers.js';
import { LiveErrors } from './live.errors.js';
import { ResyncRequest } from './live.dto.js';
import { LiveService } from './live.service.js';
import { MessageLimiter } from './message-limiter.js';

/** What the server sends besides events (whose names are their types). */
export interface LiveControlMessages {
  ready: { seq: number; replayed: number };
  shutdown: { reconnect: true };
  'session.ended': { reason: SessionEndReason };
}
type SessionEndReason = 'session_ended' | 'token_expired';

export interface ResyncReply {
  seq: number;
  replayed: number;
}

interface SocketState {
  viewer: LiveViewer;
  /** The handshake's `since`, if it gave one. */
  since: number | undefined;
  /** Catch-ups and resyncs of this socket, one after another. */
  work: Promise<unknown>;
  expiry: NodeJS.Timeout | undefined;
}

const validation = strictValidationPipe();
/** The most events one catch-up replays; further behind, a client loads the picture again. */
const MAX_REPLAY = 20_000;
/** How often every connection's session is checked again, besides the notices of ended ones. */
const SESSION_CHECK_MS = 30_000;
/**
 * Events sent to the rooms in one turn of the event loop. A batch is usually a handful and goes
 * out at once; a large one (a backlog, a bulk change) goes out this many at a time, so requests
 * and health checks are answered in between.
 */
const DELIVERY_SLICE = 20;

/**
 * The live queue's transport (namespace `/live`, websocket only). A connection is admitted with a
 * verified token and a live session; its room comes from that (the front door's queue, or a
 * partner's own referrals), never from the client. Events go out under their type as name, in
 * `seq` order; `resync` and the handshake's `since` replay from the log what a client missed.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway
  implements
    OnGatewayInit<Namespace>,
    OnGatewayConnection<Socket>,
    OnGatewayDisconnect<Socket>,
    BeforeApplicationShutdown
{
  private readonly logger = new Logger(LiveGateway.name);
  private readonly limiter: MessageLimiter;
  private readonly allowedOrigins: ReadonlySet<string>;
  private closing = false;
  private sessionCheck: NodeJS.Timeout | undefined;
  /** Events the feed handed over that are not yet sent to the rooms, in order. */
  private readonly outbox: PublishedEvent[] = [];
  private nextSlice: NodeJS.Immediate | undefined;
  /** Catch-ups waiting for the outbox to be empty. */
  private readonly sentWaiters: (() => void)[] = [];

  @WebSocketServer()
  private readonly nsp!: Namespace;

  constructor(
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly viewers: LiveViewers,
    private readonly feed: EventFeed,
    private readonly replayer: EventReplay,
    private readonly live: LiveService,
  ) {
    this.limiter = new MessageLimiter(config.liveMessagesPerMinute);
    this.allowedOrigins = new Set(config.corsOrigins);
  }

  /**
   * Why the handshake request is refused, if it is: while shutting down (the client tries again,
   * elsewhere or later), or from a browser page whose origin is not on the allow-list
   * (OFD_CORS_ORIGINS). Clients that are not browsers send no Origin.
   */
  refusal(request: IncomingMessage): string | undefined {
    if (this.closing) return 'SHUTTING_DOWN';
    const origin = request.headers.origin;
    if (origin !== undefined && !this.allowedOrigins.has(origin)) return 'ORIGIN_NOT_ALLOWED';
    return undefined;
  }

  afterInit(nsp: Namespace): void {
    nsp.use((socket, next) => {
      this.admit(socket).then(
        () => next(),
        (error: unknown) => next(this.connectError(error)),
      );
    });
    this.live.connect({
      events: (events) => this.deliver(events),
      sessionsEnded: (sessionIds) => this.endSessions(sessionIds, 'session_ended'),
      resumed: () => void this.checkSessions(),
    });
    this.sessionCheck = setInterval(() => void this.checkSessions(), SESSION_CHECK_MS);
    this.sessionCheck.unref();
  }

  /** The handshake: a live session behind the token, and a `since` that has been published. */
  private async admit(socket: Socket): Promise<void> {
    const auth = socket.handshake.auth as Record<string, unknown>;
    const viewer = await this.viewers.authenticate(auth.token);
    const since =
      auth.since === undefined ? undefined : await this.checkedSince({ since: auth.since }, viewer);
    const state: SocketState = { viewer, since, work: Promise.resolve(), expiry: undefined };
    socket.data = state;
  }

  handleConnection(socket: Socket): void {
    const state = socket.data as SocketState | undefined;
    if (state === undefined) {
      socket.disconnect(true);
      return;
    }
    void socket.join(sessionRoom(state.viewer.sessionId));
    // A session that ended between the handshake's check and joining its room sent its notice
    // before this socket could hear it: look again.
    void this.viewers.liveSessions([state.viewer.sessionId]).then(
      (live) => {
        if (!live.has(state.viewer.sessionId)) this.endSocket(socket, 'session_ended');
      },
      () => undefined,
    );
    state.expiry = setTimeout(
      () => this.endSocket(socket, 'token_expired'),
      Math.max(0, state.viewer.tokenExpiresAt - Date.now()),
    );
    state.expiry.unref();
    socket.onAny((name: string, ...args: unknown[]) => {
      if (name === 'resync') return;
      const ack = args.at(-1);
      const refused = this.limited(state.viewer) ?? LiveErrors.unknownMessage(name);
      if (typeof ack === 'function') {
        (ack as (reply: { error: ErrorBody }) => void)({ error: this.errorBody(refused, socket) });
      }
    });
    void this.serially(state, async () => {
      const caughtUp = await this.catchUp(socket, state.viewer, state.since);
      socket.emit('ready', caughtUp);
    });
  }

  handleDisconnect(socket: Socket): void {
    const state = socket.data as SocketState | undefined;
    clearTimeout(state?.expiry);
  }

  /**
   * `resync { since }`: replays every event after `since` this user may see, then live again.
   * Open to the HTTP access guard (which applies to gateways too, and would refuse a handler with
   * no access rule): the socket was admitted with a verified token and a live session, and it is
   * closed when that session ends.
   */
  @Public()
  @SubscribeMessage('resync')
  async resync(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<ResyncReply | { error: ErrorBody }> {
    const state = socket.data as SocketState;
    try {
      const limited = this.limited(state.viewer);
      if (limited !== undefined) throw limited;
      const since = await this.checkedSince(body, state.viewer);
      return await this.serially(state, () => this.catchUp(socket, state.viewer, since));
    } catch (error) {
      return { error: this.errorBody(error, socket) };
    }
  }

  /**
   * Takes the socket out of its live room, replays from the log what it may see after `since` up
   * to what this instance has sent to its rooms, and puts it back in the room in the same turn of the
   * event loop as the last check: nothing is missed, and nothing comes twice. `seq` in the answer
   * is in the viewer's numbering (a partner's own).
   */
  private async catchUp(
    socket: Socket,
    viewer: LiveViewer,
    since: number | undefined,
  ): Promise<ResyncReply> {
    const room = viewerRoom(viewer);
    // While a large batch is still going out, wait for it: `ready` then counts all of it, and a
    // `since` (checked against what the feed handed over) is never ahead of what was sent.
    await this.allSent();
    if (since === undefined) {
      const upto = this.sentSeq;
      void socket.join(room);
      return { seq: await this.replayer.lastSeq(viewer, upto), replayed: 0 };
    }
    void socket.leave(room);
    try {
      let last = since;
      let replayed = 0;
      for (;;) {
        const upto = this.sentSeq;
        const done = await this.replayer.replay(
          viewer,
          last,
          upto,
          (events) => {
            for (const event of events) socket.emit(event.type, event);
          },
          () => socket.connected,
        );
        last = done.last;
        replayed += done.count;
        if (!socket.connected) break;
        if (this.sentSeq === upto) {
          void socket.join(room);
          break;
        }
      }
      return { seq: last, replayed };
    } catch (error) {
      // A replay that failed part way would leave a gap: close the transport, and the client
      // reconnects by itself and catches up from its `since`.
      socket.conn.close();
      throw error;
    }
  }

  /** The last `seq` sent to this instance's rooms: everything up to it has gone out. */
  private get sentSeq(): number {
    return this.outbox.length === 0 ? this.feed.cursor : this.outbox[0].event.seq - 1;
  }

  /** Resolves once every event handed over so far has been sent to the rooms. */
  private allSent(): Promise<void> {
    if (this.outbox.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.sentWaiters.push(resolve));
  }

  /** Live delivery: events join the outbox, in order; a slice goes out at once if none is due. */
  private deliver(events: PublishedEvent[]): void {
    if (this.closing) return;
    for (const published of events) this.outbox.push(published);
    if (this.nextSlice === undefined) this.sendSlice();
  }

  /** Sends the next slice of the outbox, each event to its rooms; to a partner's, numbered as its. */
  private sendSlice(): void {
    this.nextSlice = undefined;
    for (const published of this.outbox.splice(0, DELIVERY_SLICE)) {
      const { event, partnerSeq } = published;
      for (const room of roomsFor(published)) {
        const payload: LiveEvent =
          room === FRONT_DOOR_ROOM ? event : { ...event, seq: partnerSeq ?? 0 };
        this.nsp.to(room).emit(event.type, payload);
      }
    }
    if (this.outbox.length > 0) {
      this.nextSlice = setImmediate(() => this.sendSlice());
      return;
    }
    for (const resolve of this.sentWaiters.splice(0)) resolve();
  }

  /**
   * A valid `since` in the viewer's numbering, that this instance has delivered up to (after
   * catching up, if behind), and close enough to replay; else load the picture again.
   */
  private async checkedSince(body: unknown, viewer: LiveViewer): Promise<number> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new AppError(
        'bad_request',
        'VALIDATION_FAILED',
        'Send { since: <the last seq you have> }.',
      );
    }
    const request = (await validation.transform(body, {
      type: 'body',
      metatype: ResyncRequest,
    })) as ResyncRequest;
    let last = await this.replayer.lastSeq(viewer, this.feed.cursor);
    if (request.since > last) {
      await this.feed.pull();
      last = await this.replayer.lastSeq(viewer, this.feed.cursor);
    }
    if (request.since > last) throw LiveErrors.seqUnknown(request.since, last);
    if (last - request.since > MAX_REPLAY) throw LiveErrors.resyncTooFar(request.since, last);
    return request.since;
  }

  private limited(viewer: LiveViewer): Error | undefined {
    const retryAfter = this.limiter.take(viewer.userId);
    return retryAfter === undefined ? undefined : LiveErrors.rateLimited(retryAfter);
  }

  private serially<T>(state: SocketState, work: () => Promise<T>): Promise<T> {
    const next = state.work.then(work);
    state.work = next.catch(() => undefined);
    return next;
  }

  private endSocket(socket: Socket, reason: SessionEndReason): void {
    socket.emit('session.ended', { reason });
    socket.disconnect(true);
  }

  private endSessions(sessionIds: string[], reason: SessionEndReason): void {
    for (const sessionId of sessionIds) {
      const room = this.nsp.in(sessionRoom(sessionId));
      room.emit('session.ended', { reason });
      room.disconnectSockets(true);
    }
  }

  /** Closes connections whose session ended without a notice reaching this instance. */
  private async checkSessions(): Promise<void> {
    const sessionIds = new Set<string>();
    for (const socket of this.nsp.sockets.values()) {
      const state = socket.data as SocketState | undefined;
      if (state !== undefined) sessionIds.add(state.viewer.sessionId);
    }
    if (sessionIds.size === 0) return;
    try {
      const live = await this.viewers.liveSessions([...sessionIds]);
      this.endSessions(
        [...sessionIds].filter((id) => !live.has(id)),
        'session_ended',
      );
    } catch (error) {
      this.logger.warn(`Checking live sessions failed: ${String(error)}`);
    }
  }

  /** The contract's error body for a refused message; no personal data, a fresh correlation id. */
  private errorBody(error: unknown, socket: Socket): ErrorBody {
    const response = toErrorResponse(error, randomUUID());
    if (response.internal) {
      this.logger.error({ err: error, socket: socket.id }, 'A live message failed');
    }
    return response.body;
  }

  private connectError(error: unknown): Error & { data: ErrorBody } {
    const response = toErrorResponse(error, randomUUID());
    if (response.internal) this.logger.error({ err: error }, 'Admitting a live connection failed');
    return Object.assign(new Error(response.body.code), { data: response.body });
  }

  /**
   * Graceful shutdown: refuse new connections, tell every client to reconnect (to another
   * instance, or to this one once restarted, with `since` to catch up), and close the transports
   * so that socket.io clients do reconnect by themselves.
   */
  beforeApplicationShutdown(): void {
    this.closing = true;
    clearInterval(this.sessionCheck);
    // Clients reconnect and catch up from their `since`: what is still in the outbox is not lost.
    clearImmediate(this.nextSlice);
    this.nextSlice = undefined;
    this.outbox.length = 0;
    for (const resolve of this.sentWaiters.splice(0)) resolve();
    this.nsp.emit('shutdown', { reconnect: true });
    for (const socket of this.nsp.sockets.values()) socket.conn.close();
  }
}
