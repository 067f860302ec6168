import type { TestApp } from './app.js';
import { eventually, type LiveClient, type LiveEvent } from './live.js';

/** A published event as the events table holds it, with the organisation it concerns. */
export interface LoggedEvent extends LiveEvent {
  organisationId: string | null;
  /** Its number among its partner organisation's events (the seq that partner sees), if any. */
  partnerSeq: number | null;
}

/** Who watches the queue: the front door (everything) or a partner organisation. */
export type Audience = 'front-door' | { organisationId: string };

/** Every published event, in seq order, read as the tables' owner. */
export async function publishedEvents(t: Pick<TestApp, 'asOwner'>): Promise<LoggedEvent[]> {
  const rows = await t.asOwner<{
    seq: string;
    partner_seq: string | null;
    type: string;
    at: Date;
    organisation_id: string | null;
    data: Record<string, unknown>;
  }>(
    `SELECT seq::text AS seq, partner_seq::text AS partner_seq, type, created_at AS at,
            organisation_id, data
       FROM events e WHERE e.seq IS NOT NULL ORDER BY e.seq`,
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    partnerSeq: row.partner_seq === null ? null : Number(row.partner_seq),
    type: row.type,
    at: row.at.toISOString(),
    data: row.data,
    organisationId: row.organisation_id,
  }));
}

/**
 * What `audience` may see of `events`, as a client receives it: the front door everything, by
 * seq; a partner the referral events of its own organisation, numbered 1, 2, 3... among
 * themselves (so its numbers count nothing of anyone else's).
 */
export function visibleTo(events: LoggedEvent[], audience: Audience): LiveEvent[] {
  if (audience === 'front-door') {
    return events.map(({ seq, type, at, data }) => ({ seq, type, at, data }));
  }
  const own = events.filter(
    (event) =>
      event.organisationId === audience.organisationId && event.type.startsWith('referral.'),
  );
  expect(own.map((event) => event.partnerSeq)).toEqual(own.map((_, index) => index + 1));
  return own.map(({ partnerSeq, type, at, data }) => ({ seq: partnerSeq ?? 0, type, at, data }));
}

/** The shape of the log's numbering: how many events, how many numbered, distinct, lowest, highest. */
export async function numbering(
  t: Pick<TestApp, 'asOwner'>,
): Promise<{ events: number; numbered: number; distinct: number; min: number; max: number }> {
  const [row] = await t.asOwner<{
    events: number;
    numbered: number;
    distinct: number;
    min: string;
    max: string;
  }>(
    `SELECT count(*)::int AS events, count(seq)::int AS numbered,
            count(DISTINCT seq)::int AS distinct,
            coalesce(min(seq), 0)::text AS min, coalesce(max(seq), 0)::text AS max
       FROM events`,
  );
  return { ...row, min: Number(row.min), max: Number(row.max) };
}

/** Every event numbered exactly once, 1..N without a gap or a repeat. */
export async function expectContiguous(t: Pick<TestApp, 'asOwner'>): Promise<number> {
  const shape = await numbering(t);
  expect(shape).toEqual({
    events: shape.events,
    numbered: shape.events,
    distinct: shape.events,
    min: shape.events === 0 ? 0 : 1,
    max: shape.events,
  });
  return shape.events;
}

/** Resolves once the async `check` holds, polling; fails with `what` after `ms`. */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until every committed event has been given its seq. */
export function allPublished(t: Pick<TestApp, 'asOwner'>, ms = 15_000): Promise<void> {
  return until(
    async () => {
      const shape = await numbering(t);
      return shape.events === shape.numbered;
    },
    'every committed event to be published',
    ms,
  );
}

/** What a watcher received over one or more connections, in the order received. */
export const received = (clients: LiveClient[]): LiveEvent[] =>
  clients.flatMap((client) => client.events);

/** A short description of a list of events, for failure messages. */
export const brief = (events: LiveEvent[]): string =>
  events.map((event) => `${event.seq}:${event.type}`).join(' ');

/** Someone watching the queue, over one connection or several in turn. */
export interface Watcher {
  label: string;
  audience: Audience;
  /** The connections, in turn: what it received is theirs, in order. */
  clients: LiveClient[];
}

/**
 * Once every committed event is published (numbered 1..N, each once), every watcher ends with
 * exactly what it may see of the whole log: each event once, in seq order, none missing. Answers N.
 */
export async function expectDelivered(
  t: Pick<TestApp, 'asOwner'>,
  watchers: Watcher[],
  ms = 15_000,
): Promise<number> {
  await allPublished(t, ms);
  const total = await expectContiguous(t);
  const log = await publishedEvents(t);
  expect(log.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
  for (const watcher of watchers) {
    const expected = visibleTo(log, watcher.audience);
    await eventually(
      () => received(watcher.clients).length >= expected.length,
      `${watcher.label} to receive ${expected.length} events (has ${brief(received(watcher.clients))})`,
      ms,
    );
    expect({ watcher: watcher.label, events: received(watcher.clients) }).toEqual({
      watcher: watcher.label,
      events: expected,
    });
  }
  return total;
}
