/**
 * Referrals for the two referral benchmarks, generated in SQL from the row number, so every run
 * has the same data (only the ids differ):
 *
 * - the partner inbox: 100,000 referrals to 50 partner organisations (2,000 each, one service
 *   each), in every state, shaped like a partnership some years in: most completed or declined,
 *   about one in eight waiting for an answer (a quarter of those flagged overdue), the rest
 *   accepted, in progress, on hold or withdrawn; newest first, the waiting ones sent in the last
 *   day or, flagged overdue, some days ago;
 * - the accept transition: `count` referrals waiting for an answer (`sent`, version 1) at one
 *   partner organisation (four services), each with its `send` history row, all alike but for
 *   their ids and times, so any two answers to an accept have the same shape.
 *
 * Both refer the same 20,000 people and their cases (triaged, P3: outside the case-queue
 * benchmark's page). A referral that waits (`sent`) is never due before the run ends, or is
 * flagged overdue already, so the application's overdue sweeper finds nothing to do meanwhile.
 * Then VACUUM ANALYZE and a CHECKPOINT.
 */
import type pg from 'pg';
import { configuredAreas, configuredTaxonomy } from '../src/service-directory/reference-data.js';
import { FIRST_NAMES, LAST_NAMES } from './cases-data.js';

export const INBOX_ORGANISATIONS = 50;
export const INBOX_REFERRALS_PER_ORGANISATION = 2_000;
/** People and cases the referrals come from: each case is referred to five inbox organisations. */
export const REFERRAL_CASES = 20_000;
/** Services of the accepting organisation: each case is referred to each of them at most once. */
const ACCEPT_SERVICES = 4;

export interface Sender {
  userId: string;
  organisationId: string;
}

/** The sender and the cases every referral here comes from, made once per run. */
let world: Promise<Sender> | undefined;

/**
 * The front-door user who sends every referral here (made by `makeSender`), and 20,000 people with
 * a case each, opened and triaged by that user; made by the first scenario to ask, then shared.
 */
export function seedReferralCases(db: pg.Pool, makeSender: () => Promise<Sender>): Promise<Sender> {
  world ??= (async () => {
    const sender = await makeSender();
    const wards = configuredAreas()
      .areas.filter((area) => area.kind === 'ward')
      .map((area) => area.code);
    const needs = configuredTaxonomy().map((term) => term.code);
    // Person i is created i minutes before the others' day: numbered again below in that order.
    await db.query(
      `INSERT INTO people (first_name, last_name, date_of_birth, phone, phone_normalised, postcode,
                           area_code, created_by, created_at)
       SELECT ($1::text[])[1 + (i * 7) % cardinality($1::text[])],
              ($2::text[])[1 + (i / 3) % cardinality($2::text[])],
              date '1940-01-01' + (i * 6007) % 23000,
              '01632 ' || lpad(((i * 7) % 1000000)::text, 6, '0'),
              '01632' || lpad(((i * 7) % 1000000)::text, 6, '0'),
              NULL,
              ($3::text[])[1 + (i * 13) % cardinality($3::text[])],
              $4, now() - interval '30 days' - make_interval(mins => i)
         FROM generate_series(1, $5::int) AS i`,
      [FIRST_NAMES, LAST_NAMES, wards, sender.userId, REFERRAL_CASES],
    );
    await db.query(
      `WITH numbered AS (
         SELECT id, area_code, created_at, (row_number() OVER (ORDER BY created_at DESC, id))::int AS i
           FROM people WHERE created_by = $1
       )
       INSERT INTO cases (person_id, status, priority, due_at, area_code, needs, need_codes,
                          opened_by, opened_at, triaged_at)
       SELECT id, 'triaged', 'P3', now() + interval '10 days', area_code,
              jsonb_build_array(jsonb_build_object('code', ($2::text[])[1 + (i * 17) % cardinality($2::text[])], 'severity', 2)),
              ARRAY[($2::text[])[1 + (i * 17) % cardinality($2::text[])]],
              $1, created_at, created_at
         FROM numbered`,
      [sender.userId, needs],
    );
    return sender;
  })();
  return world;
}

/**
 * The cases with their person's snapshot as a referral shares it (name and needs), numbered from
 * 0 in a fixed order.
 */
const NUMBERED_CASES_SQL = `SELECT c.id AS case_id, c.person_id, c.area_code,
              jsonb_build_object(
                'name', jsonb_build_object('firstName', p.first_name, 'lastName', p.last_name, 'preferredName', NULL),
                'needs', c.needs) AS snapshot,
              (row_number() OVER (ORDER BY p.created_at DESC, p.id) - 1)::int AS c
         FROM cases c JOIN people p ON p.id = c.person_id
        WHERE p.created_by = $1`;

export interface InboxData {
  organisations: number;
  referrals: number;
  /** Wall-clock seconds the inserts, VACUUM ANALYZE and CHECKPOINT took. */
  seconds: number;
}

/**
 * The inbox: `viewerOrganisationId` (the partner user's) and 49 more partner organisations, a
 * service each, and 2,000 referrals each from the cases of `seedReferralCases`, sent by `sender`.
 */
export async function seedInbox(
  db: pg.Pool,
  unique: (prefix: string) => string,
  sender: Sender,
  viewerOrganisationId: string,
): Promise<InboxData> {
  const started = Date.now();
  const names = Array.from({ length: INBOX_ORGANISATIONS - 1 }, () =>
    unique('Bench inbox partner'),
  );
  const others = await db.query<{ id: string }>(
    `INSERT INTO organisations (name, kind) SELECT unnest($1::text[]), 'partner' RETURNING id`,
    [names],
  );
  const organisationIds = [viewerOrganisationId, ...others.rows.map((row) => row.id)];
  const services = await db.query<{ id: string }>(
    `INSERT INTO services (organisation_id, receiving_organisation_id, name, description,
                           accepting_referrals, response_target_hours)
     SELECT o.id, o.id, 'Referral bench service ' || o.n, 'Support after a referral.', true, 72
       FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n)
      ORDER BY o.n
     RETURNING id`,
    [organisationIds],
  );
  const serviceIds = services.rows.map((row) => row.id);
  const total = INBOX_ORGANISATIONS * INBOX_REFERRALS_PER_ORGANISATION;
  // Referral i: case i % 20,000 in its (i / 20,000)-th of five referrals, to organisation
  // (case + 11 × that) % 50: five different organisations per case, 2,000 referrals each.
  // Its state, priority, times and the rest from fixed hashes of i (not i itself, whose residue
  // decides the organisation): 12% sent (3% flagged overdue), 8% accepted, 12% in progress,
  // 4% on hold, 34% completed, 15% declined, 15% withdrawn; about 1% each with a consent
  // override or out of area.
  await db.query(
    `WITH numbered AS (${NUMBERED_CASES_SQL}),
     hashed AS (
       SELECT n.*, i,
              ($2::uuid[])[1 + ((n.c + 11 * (i / $4::int)) % $5::int)] AS organisation_id,
              ($3::uuid[])[1 + ((n.c + 11 * (i / $4::int)) % $5::int)] AS service_id,
              ((hashtext('state' || i)::bigint + 2147483648) % 100)::int AS h,
              ((hashtext('priority' || i)::bigint + 2147483648) % 100)::int AS hp,
              ((hashtext('time' || i)::bigint + 2147483648) % 1051200)::int AS t,
              ((hashtext('other' || i)::bigint + 2147483648) % 1000000)::int AS x
         FROM generate_series(0, $6::int - 1) AS i
         JOIN numbered n ON n.c = i % $4::int
     ),
     placed AS (
       SELECT s.*,
              CASE WHEN h < 3 THEN 'overdue' WHEN h < 12 THEN 'sent' WHEN h < 20 THEN 'accepted'
                   WHEN h < 32 THEN 'in_progress' WHEN h < 36 THEN 'on_hold'
                   WHEN h < 70 THEN 'completed' WHEN h < 85 THEN 'declined'
                   ELSE 'withdrawn' END AS state,
              CASE WHEN hp < 4 THEN 'P1' WHEN hp < 20 THEN 'P2'
                   WHEN hp < 80 THEN 'P3' ELSE 'P4' END::case_priority AS priority,
              CASE WHEN h < 3 THEN now() - interval '3 days' - make_interval(mins => t % 5760)
                   WHEN h < 12 THEN now() - make_interval(mins => t % 1440)
                   ELSE now() - interval '1 day' - make_interval(mins => t) END AS sent_at
         FROM hashed s
     )
     INSERT INTO referrals (case_id, person_id, service_id, organisation_id, status, held_from,
                            reason, shared_fields, snapshot, priority, urgent, safeguarding,
                            area_code, out_of_area_reason, consent_override_reason,
                            consent_override_by, sent_by, sent_at, due_at, overdue_at, viewed_at,
                            viewed_by, answered_at, decline_reason, outcome, closed_at, updated_at,
                            version)
     SELECT case_id, person_id, service_id, organisation_id,
            (CASE state WHEN 'overdue' THEN 'sent' ELSE state END)::referral_status,
            CASE WHEN state = 'on_hold' THEN (CASE WHEN x % 2 = 0 THEN 'accepted' ELSE 'in_progress' END)::referral_status END,
            'Needs help the front door cannot give on the call; please contact them.',
            '{name,needs}', snapshot, priority, priority IN ('P1', 'P2'), priority = 'P1', area_code,
            CASE WHEN x % 97 = 0 THEN 'Lives on the ward boundary; this service knows the family.' END,
            CASE WHEN x % 89 = 0 THEN 'Risk of harm; the person could not be reached to ask.' END,
            CASE WHEN x % 89 = 0 THEN $1::uuid END,
            $1, sent_at,
            sent_at + CASE WHEN state = 'overdue' THEN interval '48 hours' ELSE interval '72 hours' END,
            CASE WHEN state = 'overdue' THEN sent_at + interval '48 hours 5 minutes' END,
            CASE WHEN state IN ('sent', 'overdue') AND x % 3 = 0 THEN NULL ELSE sent_at + interval '2 hours' END,
            NULL,
            CASE WHEN state IN ('sent', 'overdue') OR (state = 'withdrawn' AND x % 2 = 0) THEN NULL
                 ELSE sent_at + interval '5 hours' END,
            CASE WHEN state = 'declined' THEN (ARRAY['not_eligible', 'no_capacity', 'outside_area', 'person_declined', 'duplicate'])[1 + x % 5]::referral_decline_reason END,
            CASE WHEN state = 'completed' THEN (ARRAY['need_met', 'need_met', 'partly_met', 'not_met', 'unable_to_contact'])[1 + x % 5]::referral_outcome END,
            CASE WHEN state = 'declined' THEN sent_at + interval '5 hours'
                 WHEN state IN ('completed', 'withdrawn') THEN sent_at + make_interval(days => 3 + x % 40) END,
            sent_at + interval '5 hours',
            CASE state WHEN 'sent' THEN 1 WHEN 'overdue' THEN 1 WHEN 'accepted' THEN 2 WHEN 'declined' THEN 2
                       WHEN 'withdrawn' THEN 3 WHEN 'in_progress' THEN 3 ELSE 4 END
       FROM placed`,
    [sender.userId, organisationIds, serviceIds, REFERRAL_CASES, INBOX_ORGANISATIONS, total],
  );
  await settle(db);
  return {
    organisations: INBOX_ORGANISATIONS,
    referrals: total,
    seconds: (Date.now() - started) / 1000,
  };
}

export interface AcceptData {
  referrals: number;
  seconds: number;
}

/**
 * `count` referrals in `sent`, version 1, to four services of `organisationId`, from the cases of
 * `seedReferralCases`, sent by `sender`, each with its `send` history row. All alike but for ids
 * and times (the services share a name; one person's snapshot, P3, one ward), so that any two
 * answers to an accept have the same shape.
 */
export async function seedAwaitingAcceptance(
  db: pg.Pool,
  sender: Sender,
  organisationId: string,
  count: number,
): Promise<AcceptData> {
  const started = Date.now();
  if (count > REFERRAL_CASES * ACCEPT_SERVICES) {
    throw new Error(`At most ${REFERRAL_CASES * ACCEPT_SERVICES} referrals awaiting acceptance`);
  }
  const services = await db.query<{ id: string }>(
    `INSERT INTO services (organisation_id, receiving_organisation_id, name, description,
                           accepting_referrals, response_target_hours)
     SELECT $1, $1, 'Debt advice', 'Support after a referral.', true, 72
       FROM generate_series(1, $2::int) AS n
     RETURNING id`,
    [organisationId, ACCEPT_SERVICES],
  );
  await db.query(
    `WITH numbered AS (${NUMBERED_CASES_SQL}),
     inserted AS (
       INSERT INTO referrals (case_id, person_id, service_id, organisation_id, reason,
                              shared_fields, snapshot, priority, area_code, sent_by, sent_at,
                              due_at, updated_at)
       SELECT n.case_id, n.person_id, ($2::uuid[])[1 + i / $4::int], $3, 'Rent arrears and a court letter',
              '{name,needs}',
              '{"name": {"firstName": "Rosa", "lastName": "Ashworth", "preferredName": null}, "needs": [{"code": "money.debt", "severity": 2}]}',
              'P3', 'RV-LEY-C', $1, now() - make_interval(mins => (i * 7919) % 1440),
              now() + interval '3 days' - make_interval(mins => (i * 7919) % 1440),
              now() - make_interval(mins => (i * 7919) % 1440)
         FROM generate_series(0, $5::int - 1) AS i
         JOIN numbered n ON n.c = i % $4::int
       RETURNING id, sent_at
     )
     INSERT INTO referral_history (referral_id, action, from_status, to_status, actor_user_id, at)
     SELECT id, 'send', NULL, 'sent', $1, sent_at FROM inserted`,
    [sender.userId, services.rows.map((row) => row.id), organisationId, REFERRAL_CASES, count],
  );
  await settle(db);
  return { referrals: count, seconds: (Date.now() - started) / 1000 };
}

/** The referrals `organisationId` has waiting for an answer, in a fixed (random-looking) order. */
export async function awaitingAcceptance(db: pg.Pool, organisationId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM referrals WHERE organisation_id = $1 AND status = 'sent' ORDER BY id`,
    [organisationId],
  );
  return rows.map((row) => row.id);
}

/** As a running database would be: statistics current, the bulk load written out. */
async function settle(db: pg.Pool): Promise<void> {
  await db.query('VACUUM ANALYZE people, cases, referrals, referral_history, services');
  await db.query('CHECKPOINT');
}
