import { SESSIONS_ENDED_CHANNEL } from '../auth/sessions/session.repository.js';

export { SESSIONS_ENDED_CHANNEL };

/** Notified after events are written: the relay then publishes them. */
export const EVENTS_WRITTEN_CHANNEL = 'ofd_events_written';

/** Appends one event (EventLog.append, inside the change's transaction). */
export const APPEND_EVENT_SQL = `INSERT INTO events (type, entity_type, entity_id, organisation_id, data)
  VALUES ($1, $2, $3, $4, $5)`;

/**
 * Tells the relay events were written, sent after the writer's commit by the instance that wrote
 * them (when it does not publish itself). Not inside the writer's transaction: PostgreSQL
 * serialises the commits of transactions that notify, which would make every write wait in turn.
 */
export const EVENTS_WRITTEN_NOTICE_SQL = `SELECT pg_notify('${EVENTS_WRITTEN_CHANNEL}', '')`;

/** Notified (on commit) with the highest `seq` just published. */
export const EVENTS_PUBLISHED_CHANNEL = 'ofd_events_published';

/** Held (for the connection's life) by the one instance that publishes: any fixed number. */
export const RELAY_LEADER_LOCK = 7_140_611;
/** Held (for a transaction) while numbering events, so two numberings never interleave. */
const NUMBERING_LOCK = 7_140_612;
/** Events numbered per transaction; the relay repeats until none are left. */
export const PUBLISH_BATCH = 1000;

/**
 * Publishes committed events: numbers the ones not yet numbered, in the order they were written,
 * each after the highest `seq` so far, and a partner's referral events also after its highest
 * `partner_seq`; then notifies the highest `seq`, and answers the events published, in order (the
 * publishing instance delivers them without reading them back). One simple-protocol query, so its statements run
 * as one transaction; the lock is taken in a statement of its own, so the next one reads the
 * highest numbers after any other numbering has committed. An event committed after a newer one
 * was numbered gets the next number then: `seq` is publication order, without gaps. Each partner's
 * highest number is read once per batch, before any row changes (`partner_last`): read per row, each
 * lookup stepped over the index entries the statement itself had just added, so a batch of a
 * thousand events for one partner made half a million heap visits.
 */
export const PUBLISH_SQL = `SELECT pg_advisory_xact_lock(${NUMBERING_LOCK});
WITH last AS (SELECT coalesce(max(seq), 0) AS seq FROM events WHERE seq IS NOT NULL),
     pending AS (
       SELECT id, organisation_id, organisation_id IS NOT NULL AND type LIKE 'referral.%' AS partner
         FROM events WHERE seq IS NULL ORDER BY id LIMIT ${PUBLISH_BATCH}),
     partner_last AS MATERIALIZED (
       SELECT o.organisation_id,
              coalesce((SELECT max(e.partner_seq) FROM events e
                         WHERE e.organisation_id = o.organisation_id
                           AND e.partner_seq IS NOT NULL), 0) AS seq
         FROM (SELECT DISTINCT organisation_id FROM pending WHERE partner) o),
     numbered AS (
       SELECT p.id,
              last.seq + row_number() OVER (ORDER BY p.id) AS seq,
              CASE WHEN p.partner THEN
                row_number() OVER (PARTITION BY p.partner, p.organisation_id ORDER BY p.id)
                + partner_last.seq
              END AS partner_seq
         FROM pending p CROSS JOIN last
         LEFT JOIN partner_last ON partner_last.organisation_id = p.organisation_id),
     published AS (
       UPDATE events e SET seq = numbered.seq, partner_seq = numbered.partner_seq
         FROM numbered
        WHERE e.id = numbered.id AND e.seq IS NULL
       RETURNING e.seq, e.partner_seq, e.type, e.created_at, e.organisation_id, e.data),
     notified AS (
       SELECT count(*)::int AS n, pg_notify('${EVENTS_PUBLISHED_CHANNEL}', max(seq)::text)
         FROM published HAVING count(*) > 0)
SELECT p.seq::text AS seq, p.partner_seq::text AS partner_seq, p.type, p.created_at AS at,
       p.organisation_id, p.data, (SELECT n FROM notified) AS n
  FROM published p ORDER BY p.seq;`;

export interface PublishedRow {
  seq: string;
  partner_seq: string | null;
  type: string;
  at: Date;
  organisation_id: string | null;
  data: Record<string, unknown>;
}

/**
 * `seq` goes out as text (a bigint); the ordering is by the column itself, `events.seq`: a bare
 * `ORDER BY seq` would sort by the text output column ('10' before '9').
 */
const PUBLISHED_COLUMNS = `seq::text AS seq, partner_seq::text AS partner_seq, type,
  created_at AS at, organisation_id, data`;

/** The highest `seq` published (0 before the first event). */
export const LAST_SEQ_SQL = `SELECT coalesce(max(seq), 0)::text AS seq FROM events`;

/** Published events after $1, in order, at most $2. */
export const PUBLISHED_AFTER_SQL = `SELECT ${PUBLISHED_COLUMNS}
  FROM events WHERE seq > $1 ORDER BY events.seq LIMIT $2`;

/** What the front door may see after $1 up to $2, in order, at most $3: everything. */
export const FRONT_DOOR_REPLAY_SQL = `SELECT ${PUBLISHED_COLUMNS}
  FROM events WHERE seq > $1 AND seq <= $2 ORDER BY events.seq LIMIT $3`;

/**
 * What partner organisation $4 may see after its own number $1, published up to (global) $2, in
 * order, at most $3: its referral events, numbered among themselves (IDX_events_partner_seq).
 */
export const PARTNER_REPLAY_SQL = `SELECT ${PUBLISHED_COLUMNS}
  FROM events
 WHERE organisation_id = $4 AND partner_seq > $1 AND seq <= $2
 ORDER BY events.partner_seq LIMIT $3`;

/** Partner organisation $1's last number among the events published up to (global) $2. */
export const PARTNER_LAST_SEQ_SQL = `SELECT coalesce(max(partner_seq), 0)::text AS seq
  FROM events WHERE organisation_id = $1 AND partner_seq IS NOT NULL AND seq <= $2`;
