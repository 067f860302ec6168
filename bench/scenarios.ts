/**
 * The benchmark scenarios. Each one says how to seed what it needs, the request the load
 * generator sends to the application, and how the raw baseline server (baseline-server.ts) answers
 * the same request: with the same SQL statements the application issues, and nothing else.
 *
 * To add a scenario, append an object to `scenarios`. This module is loaded both by the harness
 * (run.ts: seed, request) and by the baseline server (request, baseline), so keep its imports light:
 * from src/, only the small pure functions with which the application builds its parameters, SQL
 * and answers (postcodes, the request hash, consent expiry, duplicate scoring, the queue's and the
 * referral inbox's statements, the referral lifecycle and how a referral is shown).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type pg from 'pg';
import { hashPassword } from '../src/auth/users/password-policy.js';
import {
  CASE_STATUSES,
  PRIORITIES,
  type CaseStatus,
  type Priority,
} from '../src/cases/case.entity.js';
import { caseQueueSql, type CaseQueueRow } from '../src/cases/case.queries.js';
import { requestHash } from '../src/common/idempotency/request-hash.js';
import { addMonths, consentState } from '../src/intake/consent/consent-rules.js';
import { loadIntakeSettings, type IntakeSettings } from '../src/intake/intake.config.js';
import { NAME_SIMILARITY_THRESHOLD, rankMatches } from '../src/intake/people/person-matching.js';
import type { Actor } from '../src/common/auth/actor.js';
import {
  FINAL_REFERRAL_STATUSES,
  nextPosition,
  REFERRAL_STATUSES,
  type ReferralStatus,
} from '../src/referral/referral-states.js';
import {
  referralEventData,
  toReferralListItem,
  toReferralResponse,
} from '../src/referral/referral.mapping.js';
import {
  REFERRAL_DETAIL_SQL,
  referralCountsSql,
  referralListSql,
  transitionParams,
  type ReferralCountRow,
  type ReferralDetailRow,
  type ReferralListRow,
  type ReferralPositionRow,
  type ReferralEventRow,
} from '../src/referral/referral.queries.js';
import { normalisePostcode } from '../src/service-directory/areas/postcode.js';
import { seedCases } from './cases-data.js';
import { seedDirectory } from './directory-data.js';
import {
  awaitingAcceptance,
  seedAwaitingAcceptance,
  seedInbox,
  seedReferralCases,
} from './referrals-data.js';

/** Whatever a scenario's seed produced; plain strings so it can pass to the baseline process. */
export type SeedData = Readonly<Record<string, string>>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * In a request's path, headers or body, replaced by a fresh value for every request sent: `zq`
 * and ten random lower-case letters (a new person's name, an idempotency key).
 */
export const FRESH = '{{fresh}}';

/** Finds fresh values in an answer. */
export const FRESH_VALUE = /zq[a-z]{10}/g;

/**
 * In a request's path, headers or body, replaced by the next of the scenario's own values (`each`)
 * for the server being driven: one value per request sent, each used once (e.g. a different
 * referral to accept every time).
 */
export const EACH = '{{each}}';

/**
 * The request with every FRESH replaced by its own new value, and EACH by the value `next` gives
 * (one per request: where EACH appears twice, both get the same value).
 */
export function freshRequest(request: BenchRequest, next?: () => string): BenchRequest {
  let each: string | undefined;
  const fresh = (text: string) =>
    text
      .replaceAll(
        FRESH,
        () =>
          `zq${Array.from({ length: 10 }, () =>
            String.fromCharCode(97 + Math.floor(Math.random() * 26)),
          ).join('')}`,
      )
      .replaceAll(EACH, () => {
        if (next === undefined) throw new Error(`${EACH} in a request with no values to give`);
        each ??= next();
        return each;
      });
  return {
    ...request,
    path: fresh(request.path),
    headers:
      request.headers === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(request.headers).map(([name, value]) => [name, fresh(value)]),
          ),
    body: request.body === undefined ? undefined : fresh(request.body),
  };
}

export interface BenchRequest {
  method: HttpMethod;
  /** Path and query, e.g. `/api/auth/me`. */
  path: string;
  headers?: Record<string, string>;
  /** Request body (JSON text); give a Content-Type header with it. */
  body?: string;
}

export interface SeedTools {
  /** The application's database (as its owner), after the migrations. */
  db: pg.Pool;
  /** Sends one request to the running application and returns its status and parsed body. */
  app(request: BenchRequest): Promise<{ status: number; body: unknown }>;
  /** A string unique within this benchmark run, for names and emails. */
  unique(prefix: string): string;
}

export interface BaselineRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface BaselineResponse {
  status: number;
  body: unknown;
}

export interface Scenario {
  /** Shown in the table, e.g. `GET /api/auth/me`. */
  name: string;
  /** The least acceptable app req/s ÷ baseline req/s; the run fails below it. */
  targetRatio?: number;
  /**
   * A latency target: the app's p99 in milliseconds at most `maxP99Ms` while `ratePerSecond`
   * requests a second arrive over the scenario's connections (load.ts, measureLatencyPair). The
   * run fails above it.
   */
  latency?: { ratePerSecond: number; maxP99Ms: number };
  /**
   * How the app's and the baseline's first answers are compared before the load: `exact`
   * (default), or `shape` for a request that creates records, where ids and times differ.
   */
  compare?: 'exact' | 'shape';
  /** Concurrent connections for this scenario, whatever BENCH_CONNECTIONS says: its targets hold at this load. */
  connections?: number;
  seed(tools: SeedTools): Promise<SeedData>;
  /**
   * The values EACH takes in the request, read after seeding: one list for the app and one for
   * the baseline, each value used by one request only (the harness keeps them; they never go to
   * the baseline process). Needed when the request has EACH; a run that uses a list up fails.
   */
  each?(db: pg.Pool, seed: SeedData): Promise<{ app: string[]; baseline: string[] }>;
  /**
   * The request both servers receive. Its method and path (with EACH and FRESH as written) must
   * be unique among the scenarios.
   */
  request(seed: SeedData): BenchRequest;
  baseline: {
    /**
     * Every SQL statement the application issues for one request, in order, each copied verbatim
     * from `source` (the harness refuses to run if one is no longer found there). A statement the
     * application builds at run time from the request (the case queue's, by `caseQueueSql`) is
     * not listed: the baseline calls the application's own builder, imported from src/.
     */
    statements: readonly string[];
    /**
     * The file (from the project root) whose code issues those statements in the application, or
     * the files, when they come from several: each statement must be found in one of them.
     */
    source: string | readonly string[];
    /** Answers one request using `db` (a pool of the app's default size). */
    handle(db: pg.Pool, request: BaselineRequest, seed: SeedData): Promise<BaselineResponse>;
  };
}

/** A password that passes the application's policy; only ever used on a throwaway database. */
const BENCH_PASSWORD = 'quiet harbour lamplight 7';

/**
 * An active user of `role`, in a new partner organisation or in the front door (there is only
 * one: created by the first scenario that needs it); returns the user's id and email.
 */
export async function seedUser(
  tools: SeedTools,
  role: 'admin' | 'team_lead' | 'call_handler' | 'caseworker' | 'partner',
): Promise<{ userId: string; email: string; organisationId: string }> {
  const organisation = await tools.db.query<{ id: string }>(
    role === 'partner'
      ? `INSERT INTO organisations (name, kind) VALUES ($1, 'partner') RETURNING id`
      : `WITH created AS (
           INSERT INTO organisations (name, kind) SELECT $1, 'front_door'
            WHERE NOT EXISTS (SELECT 1 FROM organisations WHERE kind = 'front_door') RETURNING id)
         SELECT id FROM created UNION ALL SELECT id FROM organisations WHERE kind = 'front_door'`,
    [tools.unique('Bench organisation')],
  );
  const organisationId = organisation.rows[0]?.id;
  if (organisationId === undefined) throw new Error('Seeding: no organisation id returned');
  const email = `${tools.unique(role)}@bench.example`;
  const user = await tools.db.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash, role, organisation_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [email, `Bench ${role}`, await hashPassword(BENCH_PASSWORD), role, organisationId],
  );
  const userId = user.rows[0]?.id;
  if (userId === undefined) throw new Error('Seeding: no user id returned');
  return { userId, email, organisationId };
}

/** Logs in through the real API and returns the access token. */
export async function logIn(tools: SeedTools, email: string): Promise<string> {
  const response = await tools.app({
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const body = response.body as { accessToken?: unknown } | null;
  if (response.status !== 200 || typeof body?.accessToken !== 'string') {
    throw new Error(`Seeding: login failed with ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

interface TokenClaims {
  sub?: unknown;
  sid?: unknown;
  role?: unknown;
}

/**
 * The claims of a bearer token, decoded WITHOUT verifying its signature: the baseline is the raw
 * floor of HTTP + SQL, so it skips the HMAC check the application's guard performs.
 */
function unverifiedClaims(authorization: string | undefined): TokenClaims | undefined {
  const payload = /^Bearer [^.]+\.([^.]+)\.[^.]+$/.exec(authorization ?? '')?.[1];
  if (payload === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return undefined;
  }
}

const UNAUTHENTICATED: BaselineResponse = {
  status: 401,
  body: { code: 'UNAUTHENTICATED', message: 'Sign in again.' },
};

/** SessionRepository.findLiveSessionUser: the one statement of every authenticated request. */
const LIVE_SESSION_USER_SQL = `SELECT u.id, u.email, u.name, u.role, u.organisation_id
         FROM auth_sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active AND o.active`;

/** ServiceSearch (SEARCH_TERMS_SQL): the codes the needs cover and the areas covering the place. */
const SEARCH_TERMS_SQL = `WITH asked AS (
  SELECT coalesce($2::text, (SELECT area_code FROM area_postcode_sectors WHERE sector = $3::text)) AS code
), place AS (
  SELECT a.code, a.kind <> 'district' AS local
    FROM asked, areas a
    LEFT JOIN areas parent ON parent.code = a.parent_code
   WHERE a.code = asked.code OR a.parent_code = asked.code OR parent.parent_code = asked.code
      OR a.code = (SELECT parent_code FROM areas WHERE code = asked.code)
      OR a.code = (SELECT up.parent_code FROM areas here JOIN areas up ON up.code = here.parent_code WHERE here.code = asked.code)
)
SELECT ARRAY(SELECT code FROM need_terms WHERE code = ANY($1::text[])) AS needs,
       ARRAY(SELECT t.code FROM need_terms t
              WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS w(code) WHERE t.code = w.code OR starts_with(t.code, w.code || '.'))) AS covered_needs,
       (SELECT code FROM asked) AS area,
       ARRAY(SELECT code FROM place) AS covering_areas,
       ARRAY(SELECT code FROM place WHERE local) AS local_areas`;

interface SearchTerms {
  needs: string[];
  covered_needs: string[];
  area: string | null;
  covering_areas: string[];
  local_areas: string[];
}

/** ServiceSearch (SIMILAR_WORDS_SQL): the directory's words spelt like each query word. */
const SIMILAR_WORDS_SQL = `SELECT q.word, coalesce(array_agg(w.word ORDER BY w.score DESC, w.word) FILTER (WHERE w.word IS NOT NULL), '{}') AS similar
  FROM unnest($1::text[]) AS q(word)
  LEFT JOIN LATERAL (
    SELECT s.word, similarity(s.word, q.word) AS score FROM search_words s
     WHERE s.word % q.word ORDER BY score DESC, s.word LIMIT 4
  ) w ON true
 GROUP BY q.word`;

/** ServiceSearch (SEARCH_SQL): one page of matching services, best first, with the total. */
const SEARCH_SQL = `WITH matched AS (
  SELECT s.id,
         CASE WHEN $1::text[] IS NULL THEN NULL ELSE s.need_codes && $1::text[] END AS exact_need,
         CASE WHEN $4::text[] IS NULL THEN NULL ELSE s.area_codes && $4::text[] END AS local,
         CASE WHEN $5::text IS NULL THEN NULL ELSE ts_rank(s.search_vector, to_tsquery('english', $5::text)) END AS text_rank,
         count(*) OVER () AS total
    FROM services s
   WHERE s.status = 'active'
     AND ($2::text[] IS NULL OR s.need_codes && $2::text[])
     AND ($3::text[] IS NULL OR s.area_codes && $3::text[])
     AND ($6::int IS NULL OR ((s.minimum_age IS NULL OR s.minimum_age <= $6::int) AND (s.maximum_age IS NULL OR $6::int <= s.maximum_age)))
     AND ($5::text IS NULL OR s.search_vector @@ to_tsquery('english', $5::text))
     AND ($7::boolean IS NULL OR s.accepting_referrals = $7::boolean)
     AND ($8::text IS NULL OR EXISTS (
           SELECT 1 FROM schedules sc
            WHERE (sc.service_id = s.id OR sc.service_at_location_id IN (SELECT sal.id FROM service_at_locations sal WHERE sal.service_id = s.id))
              AND sc.freq = 'WEEKLY' AND $8::text = ANY(string_to_array(sc.byday, ','))
              AND sc.opens_at <= $9::time AND $9::time < sc.closes_at
              AND (sc.valid_from IS NULL OR sc.valid_from <= $10::date) AND (sc.valid_to IS NULL OR $10::date <= sc.valid_to)))
     AND ($11::uuid IS NULL OR s.organisation_id = $11::uuid)
   ORDER BY exact_need DESC NULLS LAST, local DESC NULLS LAST,
            coalesce(s.capacity_available > 0, true) DESC, text_rank DESC NULLS LAST,
            s.capacity_available DESC NULLS LAST, s.name, s.id
   LIMIT $12::int OFFSET $13::int
)
SELECT s.id, s.name, s.description, s.status, s.organisation_id, o.name AS organisation_name,
       s.receiving_organisation_id, s.minimum_age, s.maximum_age, s.eligibility_description,
       s.accepting_referrals, s.response_target_hours, s.capacity_available, s.capacity_maximum,
       s.url, s.email,
       (SELECT ph.number FROM phones ph WHERE ph.service_id = s.id ORDER BY ph.id LIMIT 1) AS phone,
       coalesce(s.need_codes, '{}') AS needs, coalesce(s.area_codes, '{}') AS areas,
       m.exact_need, m.local, m.text_rank, m.total
  FROM matched m
  JOIN services s ON s.id = m.id
  JOIN organisations o ON o.id = s.organisation_id
 ORDER BY m.exact_need DESC NULLS LAST, m.local DESC NULLS LAST,
          coalesce(s.capacity_available > 0, true) DESC, m.text_rank DESC NULLS LAST,
          s.capacity_available DESC NULLS LAST, s.name, s.id`;

/** The search's query words: as `queryWords` in service-search.ts. */
function queryWords(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}{3,40}/gu) ?? [];
  return [...new Set(words)].slice(0, 8);
}

/** The search's to_tsquery expression: as `textQuery` in service-search.ts. */
function textQuery(similar: ReadonlyMap<string, readonly string[]>): string {
  const groups = [...similar].map(([word, alike]) => ({
    known: alike.length > 0,
    terms: [...new Set([word, ...alike])],
  }));
  const useful = groups.some((group) => group.known)
    ? groups.filter((group) => group.known)
    : groups;
  return useful.map((group) => `(${group.terms.join(' | ')})`).join(' & ');
}

interface SearchRow {
  id: string;
  name: string;
  description: string;
  status: string;
  organisation_id: string;
  organisation_name: string;
  receiving_organisation_id: string;
  minimum_age: number | null;
  maximum_age: number | null;
  eligibility_description: string | null;
  accepting_referrals: boolean;
  response_target_hours: number | null;
  capacity_available: number | null;
  capacity_maximum: number | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  needs: string[];
  areas: string[];
  exact_need: boolean | null;
  local: boolean | null;
  text_rank: number | null;
  total: string;
}

/** One search result as the application answers it (ServiceService.search). */
function searchItem(row: SearchRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    organisationId: row.organisation_id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    receivingOrganisationId: row.receiving_organisation_id,
    needs: row.needs,
    areas: row.areas,
    eligibility: {
      minAge: row.minimum_age,
      maxAge: row.maximum_age,
      criteria: row.eligibility_description,
    },
    acceptingReferrals: row.accepting_referrals,
    responseTargetHours: row.response_target_hours,
    capacity: { available: row.capacity_available, maximum: row.capacity_maximum },
    contact: { phone: row.phone, email: row.email, url: row.url },
    match: {
      need: row.exact_need === null ? null : row.exact_need ? 'exact' : 'related',
      local: row.local,
      textRank: row.text_rank === null ? null : Number(row.text_rank),
    },
  };
}

const BAD_REQUEST: BaselineResponse = {
  status: 400,
  body: { code: 'VALIDATION_FAILED', message: 'The request is not valid.' },
};

interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
  organisation_id: string;
}

/** The live session's user, as the application's guard finds it; undefined when there is none. */
async function sessionUser(
  db: pg.Pool,
  request: BaselineRequest,
): Promise<SessionUser | undefined> {
  const claims = unverifiedClaims(request.headers.authorization);
  if (typeof claims?.sid !== 'string') return undefined;
  const { rows } = await db.query<SessionUser>(LIVE_SESSION_USER_SQL, [claims.sid]);
  const user = rows[0];
  return user === undefined || user.id !== claims.sub || user.role !== claims.role
    ? undefined
    : user;
}

// ---------------------------------------------------------------- POST /api/contacts

/** AuditService.record: one audit row, in the caller's transaction. */
const AUDIT_RECORD_SQL = `INSERT INTO audit_log (actor_user_id, actor_organisation_id, actor_role, action, entity_type, entity_id, correlation_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** AuditService.recordViews: one audit row per record shown, in one statement. */
const AUDIT_VIEWS_SQL = `INSERT INTO audit_log (actor_user_id, actor_organisation_id, actor_role, action, entity_type, entity_id, correlation_id, details)
       SELECT $1, $2, $3, $4, $5, id, $7, $8 FROM unnest($6::text[]) AS id`;

/** IdempotencyService (SQL.claim): claims the key before the work. */
const IDEMPOTENCY_CLAIM_SQL = `INSERT INTO idempotency_keys (user_id, key, route, request_hash, response_status, response_body)
          VALUES ($1, $2, $3, $4, 0, 'null'::jsonb)
          ON CONFLICT (user_id, key) DO NOTHING
          RETURNING key`;

/** IdempotencyService (SQL.complete): stores the answer with the key, and answers it as stored. */
const IDEMPOTENCY_COMPLETE_SQL = `UPDATE idempotency_keys
                SET response_status = $3, response_body = $4::jsonb
              WHERE user_id = $1 AND key = $2
          RETURNING response_body`;

/** PersonRepository (SQL.candidates): duplicate detection's candidates, each signal capped. */
const PERSON_CANDIDATES_SQL = `WITH hits AS (
                 (SELECT id FROM people
                   WHERE lower(first_name || ' ' || last_name) % $1
                     AND similarity(lower(first_name || ' ' || last_name), $1) >= $5
                   ORDER BY similarity(lower(first_name || ' ' || last_name), $1) DESC, id
                   LIMIT $6)
                 UNION
                 (SELECT id FROM people WHERE date_of_birth = $2::date LIMIT $6)
                 UNION
                 (SELECT id FROM people WHERE phone_normalised = $4 LIMIT $6)
                 UNION
                 (SELECT id FROM people WHERE postcode = $3 LIMIT $6)
               )
               SELECT p.id, p.first_name, p.last_name, p.preferred_name,
                      p.date_of_birth::text AS date_of_birth, p.postcode, p.area_code,
                      similarity(lower(p.first_name || ' ' || p.last_name), $1) AS name_similarity,
                      coalesce(p.date_of_birth = $2::date, false) AS same_date_of_birth,
                      coalesce(p.postcode = $3, false) AS same_postcode,
                      coalesce(p.phone_normalised = $4, false) AS same_phone
                 FROM hits JOIN people p ON p.id = hits.id`;

/** PersonRepository (SQL.insert). */
const PERSON_INSERT_SQL = `INSERT INTO people (first_name, last_name, preferred_name, date_of_birth, phone, phone_normalised,
                               email, address, postcode, area_code, language, communication_needs, flags, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                   (SELECT area_code FROM area_postcode_sectors WHERE sector = $10),
                   $11, $12, $13, $14)
           RETURNING id, first_name, last_name, preferred_name, date_of_birth::text AS date_of_birth,
                     phone, phone_normalised, email, address, postcode, area_code, language,
                     communication_needs, flags, version, created_at, updated_at`;

/** ConsentRepository (SQL.insert). */
const CONSENT_INSERT_SQL = `INSERT INTO consents (person_id, given, scope, organisation_ids, method, wording_version,
                                 recorded_by, recorded_at, expires_at)
           VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9)
           RETURNING id, person_id, given, scope, organisation_ids, method, wording_version, recorded_by,
                     recorded_at, expires_at, withdrawn_at, withdrawn_by, created_at`;

/** CaseService.openForContact. */
const CASE_OPEN_SQL = `INSERT INTO cases (person_id, area_code, opened_by) VALUES ($1, $2, $3)
       RETURNING id, person_id, status, priority, due_at, owner_user_id, area_code, needs, risks,
                 safeguarding, opened_at, triaged_at, closed_at, version`;

/** EventLog.append (APPEND_EVENT_SQL). */
const EVENT_APPEND_SQL = `INSERT INTO events (type, entity_type, entity_id, organisation_id, data)
  VALUES ($1, $2, $3, $4, $5)`;

/** ContactRepository (SQL.insert). */
const CONTACT_INSERT_SQL = `INSERT INTO intake_contacts (person_id, case_id, channel, caller_name, caller_relationship,
                                        caller_organisation, reason, notes, handler_user_id, started_at, ended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           RETURNING id, person_id, case_id, channel, caller_name, caller_relationship, caller_organisation,
                     reason, notes, handler_user_id, started_at, ended_at, created_at`;

/** The route idempotency keys of contacts are stored against (CONTACTS_ROUTE in contact.service.ts). */
const CONTACTS_ROUTE = 'POST /api/contacts';
/** PersonService: candidates per signal, and the most shown (MAX_CANDIDATES). */
const CANDIDATES_PER_SIGNAL = 50;
const MAX_CANDIDATES = 10;

/**
 * A call from someone new: their name, date of birth and postcode, their consent to share, and
 * why they called. Each request is a different person: both names are fresh letters, so no two
 * names are alike (pg_trgm similarity well under the 0.4 that makes a name match), and no phone
 * is given (varying one would need digits). So duplicate detection never finds a strong match
 * (a similar name with the same date of birth or phone, or the same date of birth and phone) and
 * never answers 409, while doing all its work: every person the run creates shares the date of
 * birth and the postcode, so those two signals read their full cap (50 people each), the worst
 * case the application allows.
 */
const NEW_CALLER_CONTACT = JSON.stringify({
  person: { firstName: FRESH, lastName: FRESH, dateOfBirth: '1958-06-21', postcode: 'PR25 1DH' },
  consent: { given: true, scope: 'all_partners', method: 'verbal' },
  channel: 'phone',
  reason: 'Behind on rent and council tax; worried about eviction',
  notes: 'Lives alone; prefers a call back in the morning.',
});

/** The request body as the baseline reads it: what NEW_CALLER_CONTACT sends. */
interface ContactBody {
  person: { firstName: string; lastName: string; dateOfBirth?: string; postcode?: string };
  consent: { given: boolean; scope: 'all_partners'; method: string; wordingVersion?: string };
  channel: string;
  reason: string;
  notes?: string;
}

interface CandidateRow {
  id: string;
  name_similarity: number | string | null;
  same_date_of_birth: boolean;
  same_postcode: boolean;
  same_phone: boolean;
}

interface PersonRow {
  id: string;
  area_code: string | null;
  version: number;
}

interface ConsentRow {
  id: string;
  person_id: string;
  given: boolean;
  scope: string;
  organisation_ids: string[];
  method: string;
  wording_version: string;
  recorded_by: string;
  recorded_at: Date;
  expires_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  created_at: Date;
}

interface OpenedCaseRow {
  id: string;
  person_id: string;
  status: string;
  priority: string | null;
  due_at: Date | null;
  owner_user_id: string | null;
  area_code: string | null;
  opened_at: Date;
  version: number;
}

interface ContactRow {
  id: string;
  person_id: string;
  case_id: string;
  channel: string;
  caller_name: string | null;
  caller_relationship: string | null;
  caller_organisation: string | null;
  reason: string;
  notes: string | null;
  handler_user_id: string;
  started_at: Date;
  ended_at: Date | null;
  created_at: Date;
}

let intakeSettings: IntakeSettings | undefined;

/**
 * POST /api/contacts for a new person, as ContactService.record does it: in one transaction on
 * one pooled client, the same statements in the same order (claim the key, duplicate check,
 * person, person.created, consent, consent.recorded, case, case.opened, case.created event,
 * contact, contact.recorded, store the answer), answering the stored answer.
 */
async function recordNewContact(
  db: pg.Pool,
  user: SessionUser,
  key: string,
  body: ContactBody,
): Promise<BaselineResponse> {
  intakeSettings ??= loadIntakeSettings();
  const settings = intakeSettings;
  const place =
    body.person.postcode === undefined ? undefined : normalisePostcode(body.person.postcode);
  if (body.person.postcode !== undefined && place === undefined) return BAD_REQUEST;
  const dateOfBirth = body.person.dateOfBirth ?? null;
  const correlationId = randomUUID();
  const now = new Date();
  const client = await db.connect();
  const audit = (action: string, entityType: string, entityId: string, details: object) =>
    client.query(AUDIT_RECORD_SQL, [
      user.id,
      user.organisation_id,
      user.role,
      action,
      entityType,
      entityId,
      correlationId,
      JSON.stringify(details),
    ]);
  try {
    await client.query('BEGIN');
    const claimed = await client.query(IDEMPOTENCY_CLAIM_SQL, [
      user.id,
      key,
      CONTACTS_ROUTE,
      requestHash(body),
    ]);
    if (claimed.rows.length === 0) {
      await client.query('ROLLBACK');
      return { status: 409, body: { code: 'IDEMPOTENCY_KEY_IN_FLIGHT' } };
    }
    const name = `${body.person.firstName} ${body.person.lastName}`
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase();
    const candidates = await client.query<CandidateRow>(PERSON_CANDIDATES_SQL, [
      name,
      dateOfBirth,
      place?.postcode ?? null,
      null,
      NAME_SIMILARITY_THRESHOLD,
      CANDIDATES_PER_SIGNAL,
    ]);
    const strong = rankMatches(
      candidates.rows.map((row) => ({
        item: row,
        key: row.id,
        signals: {
          nameSimilarity: row.name_similarity === null ? null : Number(row.name_similarity),
          dateOfBirth: row.same_date_of_birth,
          postcode: row.same_postcode,
          phone: row.same_phone,
        },
      })),
      MAX_CANDIDATES,
    ).filter(({ match }) => match.strength === 'strong');
    if (strong.length > 0) {
      await client.query('ROLLBACK');
      return { status: 409, body: { code: 'PERSON_POSSIBLE_DUPLICATE' } };
    }
    const {
      rows: [person],
    } = await client.query<PersonRow>(PERSON_INSERT_SQL, [
      body.person.firstName,
      body.person.lastName,
      null,
      dateOfBirth,
      null,
      null,
      null,
      null,
      place?.postcode ?? null,
      place?.sector ?? null,
      null,
      null,
      [],
      user.id,
    ]);
    await audit('person.created', 'person', person.id, { confirmedNewPerson: false });
    const {
      rows: [consent],
    } = await client.query<ConsentRow>(CONSENT_INSERT_SQL, [
      person.id,
      body.consent.given,
      body.consent.scope,
      [],
      body.consent.method,
      body.consent.wordingVersion ?? settings.consent.wordingVersion,
      user.id,
      now,
      addMonths(now, settings.consent.validForMonths),
    ]);
    await audit('consent.recorded', 'consent', consent.id, {
      personId: person.id,
      given: consent.given,
      scope: consent.scope,
      organisationIds: consent.organisation_ids,
      method: consent.method,
      wordingVersion: consent.wording_version,
    });
    const {
      rows: [opened],
    } = await client.query<OpenedCaseRow>(CASE_OPEN_SQL, [person.id, person.area_code, user.id]);
    await audit('case.opened', 'case', opened.id, { personId: person.id });
    await client.query(EVENT_APPEND_SQL, [
      'case.created',
      'case',
      opened.id,
      null,
      JSON.stringify({ caseId: opened.id, status: opened.status, areaCode: opened.area_code }),
    ]);
    const {
      rows: [contact],
    } = await client.query<ContactRow>(CONTACT_INSERT_SQL, [
      person.id,
      opened.id,
      body.channel,
      null,
      null,
      null,
      body.reason,
      body.notes ?? null,
      user.id,
      now,
      now,
    ]);
    await audit('contact.recorded', 'contact', contact.id, {
      personId: person.id,
      caseId: opened.id,
      channel: contact.channel,
      newPerson: true,
      newCase: true,
      consentId: consent.id,
    });
    const answer = {
      contact: {
        id: contact.id,
        personId: contact.person_id,
        caseId: contact.case_id,
        channel: contact.channel,
        caller: null,
        reason: contact.reason,
        notes: contact.notes,
        handlerUserId: contact.handler_user_id,
        startedAt: contact.started_at.toISOString(),
        endedAt: contact.ended_at?.toISOString() ?? null,
        createdAt: contact.created_at.toISOString(),
      },
      case: {
        id: opened.id,
        personId: opened.person_id,
        status: opened.status,
        priority: opened.priority,
        dueAt: opened.due_at?.toISOString() ?? null,
        ownerId: opened.owner_user_id,
        areaCode: opened.area_code,
        openedAt: opened.opened_at.toISOString(),
        version: opened.version,
        opened: true,
      },
      person: { id: person.id, areaCode: person.area_code, version: person.version, created: true },
      consent: {
        id: consent.id,
        personId: consent.person_id,
        given: consent.given,
        scope: consent.scope,
        organisationIds: consent.organisation_ids,
        method: consent.method,
        wordingVersion: consent.wording_version,
        recordedBy: consent.recorded_by,
        recordedAt: consent.recorded_at.toISOString(),
        expiresAt: consent.expires_at.toISOString(),
        withdrawnAt: consent.withdrawn_at?.toISOString() ?? null,
        withdrawnBy: consent.withdrawn_by,
        createdAt: consent.created_at.toISOString(),
        state: consentState(
          {
            given: consent.given,
            expiresAt: consent.expires_at,
            withdrawnAt: consent.withdrawn_at,
          },
          now,
        ),
      },
    };
    const stored = await client.query<{ response_body: unknown }>(IDEMPOTENCY_COMPLETE_SQL, [
      user.id,
      key,
      201,
      JSON.stringify(answer),
    ]);
    await client.query('COMMIT');
    return { status: 201, body: stored.rows[0]?.response_body };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------- GET /api/cases (the queue)

/** One queue row as the application lists it (toCaseListItem in case.mapping.ts). */
function caseListItem(row: CaseQueueRow & { id: string }): Record<string, unknown> {
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(),
    overdue: row.overdue,
    owner:
      row.owner_user_id === null ? null : { id: row.owner_user_id, name: row.owner_name ?? '' },
    areaCode: row.area_code,
    needs: row.needs,
    risks: row.risks,
    safeguarding: row.safeguarding,
    openedAt: new Date(row.opened_at).toISOString(),
    person: { id: row.person_id, displayName: row.display_name },
    version: row.version,
  };
}

/** A repeatable or comma-separated query parameter, as the application reads it (listQuery). */
function listParameter(query: URLSearchParams, name: string): string[] | null {
  const items = query
    .getAll(name)
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length === 0 ? null : items;
}

// ---------------------------------------------------------------- referrals

/** ReferralTransitionService (REFERRAL_POSITION_SQL): where the referral is, if the viewer may see it. */
const REFERRAL_POSITION_SQL = `SELECT id, status, held_from, version, organisation_id
  FROM referrals WHERE id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`;

/** ReferralTransitionService (TRANSITION_SQL): the compare-and-set on the version seen, with its history row. */
const TRANSITION_SQL = `WITH changed AS (
  UPDATE referrals
     SET status = $3, held_from = $4,
         answered_at = CASE WHEN $5 THEN now() ELSE answered_at END,
         closed_at = CASE WHEN $6 THEN now() ELSE closed_at END,
         decline_reason = coalesce($7, decline_reason), outcome = coalesce($8, outcome),
         version = version + 1, updated_at = now()
   WHERE id = $1 AND version = $2
  RETURNING id, status, version, organisation_id, service_id, priority, urgent, safeguarding,
            area_code, due_at, overdue_at, person_id, case_id
), history AS (
  INSERT INTO referral_history
    (referral_id, action, from_status, to_status, code, notes, actor_user_id)
  SELECT id, $9, $10, status, $11, $12, $13 FROM changed
)
SELECT * FROM changed`;

/** AuditService.recordAll: several audit rows by one actor, in one statement, in order. */
const AUDIT_RECORD_ALL_SQL = `INSERT INTO audit_log (actor_user_id, actor_organisation_id, actor_role, action, entity_type, entity_id, correlation_id, details)
       SELECT $1, $2, $3, r.action, r.entity_type, r.entity_id, $4, r.details
         FROM unnest($5::text[], $6::text[], $7::text[], $8::jsonb[])
              WITH ORDINALITY AS r(action, entity_type, entity_id, details, n)
        ORDER BY r.n`;

/** Referrals seeded awaiting acceptance, for the app and the baseline together (half each). */
const AWAITING_ACCEPTANCE = 80_000;

/** The actor the application builds from the token and the session's user. */
function actorOf(user: SessionUser, request: BaselineRequest): Actor {
  const sid = unverifiedClaims(request.headers.authorization)?.sid;
  return {
    userId: user.id,
    organisationId: user.organisation_id,
    role: user.role as Actor['role'],
    sessionId: typeof sid === 'string' ? sid : '',
    email: user.email,
    name: user.name,
    correlationId: randomUUID(),
  };
}

const referralConflict = (code: string): BaselineResponse => ({ status: 409, body: { code } });

/**
 * POST /api/referrals/:id/accept, as ReferralTransitionService.apply does it: in one transaction
 * on one pooled client, where the referral is, the compare-and-set with its history row, its
 * event, the referral as the viewer sees it, and the audit rows of the change and of that view.
 */
async function acceptReferral(
  db: pg.Pool,
  actor: Actor,
  id: string,
  version: number,
): Promise<BaselineResponse> {
  const viewer = actor.role === 'partner' ? actor.organisationId : null;
  const client = await db.connect();
  const rollback = async (answer: BaselineResponse) => {
    await client.query('ROLLBACK');
    return answer;
  };
  try {
    await client.query('BEGIN');
    const {
      rows: [current],
    } = await client.query<ReferralPositionRow>(REFERRAL_POSITION_SQL, [id, viewer]);
    if (current === undefined) {
      return rollback({ status: 404, body: { code: 'REFERRAL_NOT_FOUND' } });
    }
    if (current.version !== version) return rollback(referralConflict('REFERRAL_VERSION_CONFLICT'));
    const next = nextPosition({ status: current.status, heldFrom: current.held_from }, 'accept');
    if (next === null) return rollback(referralConflict('REFERRAL_INVALID_TRANSITION'));
    const {
      rows: [changed],
    } = await client.query<ReferralEventRow>(
      TRANSITION_SQL,
      transitionParams({
        id,
        version,
        status: next.status,
        heldFrom: next.heldFrom,
        answered: true,
        closed: FINAL_REFERRAL_STATUSES.includes(next.status),
        declineReason: null,
        outcome: null,
        action: 'accept',
        from: current.status,
        code: null,
        notes: null,
        actorUserId: actor.userId,
      }),
    );
    if (changed === undefined) return rollback(referralConflict('REFERRAL_VERSION_CONFLICT'));
    await client.query(EVENT_APPEND_SQL, [
      'referral.accepted',
      'referral',
      id,
      changed.organisation_id,
      JSON.stringify(referralEventData(changed)),
    ]);
    const {
      rows: [row],
    } = await client.query<ReferralDetailRow>(REFERRAL_DETAIL_SQL, [id, viewer]);
    // The change, and the view of the person its answer shows.
    await client.query(AUDIT_RECORD_ALL_SQL, [
      actor.userId,
      actor.organisationId,
      actor.role,
      actor.correlationId,
      ['referral.accepted', 'person.viewed'],
      ['referral', 'person'],
      [id, changed.person_id],
      [
        JSON.stringify({
          from: current.status,
          to: next.status,
          code: null,
          version: changed.version,
        }),
        JSON.stringify({ via: 'referral', referralId: id, fields: row.shared_fields }),
      ],
    ]);
    await client.query('COMMIT');
    return { status: 200, body: toReferralResponse(row, actor) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The inbox's counts by status, as ReferralReadService answers them (toCounts). */
function referralCounts(rows: ReferralCountRow[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(
    REFERRAL_STATUSES.map((status) => [status, 0]),
  );
  let overdue = 0;
  for (const row of rows) {
    counts[row.status] = Number(row.count);
    overdue += Number(row.overdue);
  }
  return { ...counts, overdue };
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'GET /api/auth/me',
    targetRatio: 0.6,
    async seed(tools) {
      const user = await seedUser(tools, 'call_handler');
      return { ...user, accessToken: await logIn(tools, user.email) };
    },
    request: (seed) => ({
      method: 'GET',
      path: '/api/auth/me',
      headers: { authorization: `Bearer ${seed.accessToken}` },
    }),
    baseline: {
      statements: [LIVE_SESSION_USER_SQL],
      source: 'src/auth/sessions/session.repository.ts',
      async handle(db, request) {
        const claims = unverifiedClaims(request.headers.authorization);
        if (typeof claims?.sid !== 'string') return UNAUTHENTICATED;
        const { rows } = await db.query<{
          id: string;
          email: string;
          name: string;
          role: string;
          organisation_id: string;
        }>(LIVE_SESSION_USER_SQL, [claims.sid]);
        const user = rows[0];
        // The same checks as the application's guard, after the database answered.
        if (user === undefined || user.id !== claims.sub || user.role !== claims.role) {
          return UNAUTHENTICATED;
        }
        return {
          status: 200,
          body: {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            organisationId: user.organisation_id,
          },
        };
      },
    },
  },
  {
    name: 'GET /api/services (search)',
    targetRatio: 0.6,
    connections: 50,
    // Fifty call handlers each searching twice a second: far above a borough's busiest hour.
    latency: { ratePerSecond: 100, maxP99Ms: 50 },
    async seed(tools) {
      const directory = await seedDirectory(tools.db, (prefix) => tools.unique(prefix));
      console.log(
        `Directory: ${directory.organisations} organisations, ${directory.services} services (${directory.seconds.toFixed(1)} s).`,
      );
      const user = await seedUser(tools, 'call_handler');
      return { ...user, accessToken: await logIn(tools, user.email) };
    },
    // A call handler's search: a resident of Leyland, 45, in debt, looking for advice.
    request: (seed) => ({
      method: 'GET',
      path: '/api/services?need=money.debt&postcode=PR25%201DH&age=45&q=advice',
      headers: { authorization: `Bearer ${seed.accessToken}` },
    }),
    baseline: {
      statements: [LIVE_SESSION_USER_SQL, SEARCH_TERMS_SQL, SIMILAR_WORDS_SQL, SEARCH_SQL],
      source: [
        'src/auth/sessions/session.repository.ts',
        'src/service-directory/services/service-search.ts',
      ],
      async handle(db, request) {
        if ((await sessionUser(db, request)) === undefined) return UNAUTHENTICATED;
        const query = new URL(request.path, 'http://baseline').searchParams;
        const needs = query
          .getAll('need')
          .flatMap((item) => item.split(','))
          .map((item) => item.trim())
          .filter((item) => item !== '');
        const rawPostcode = query.get('postcode');
        const postcode = rawPostcode === null ? undefined : normalisePostcode(rawPostcode);
        if (rawPostcode !== null && postcode === undefined) return BAD_REQUEST;
        const age = query.has('age') ? Number(query.get('age')) : null;
        const text = query.get('q')?.trim();
        const words = text === undefined ? null : queryWords(text);
        if (words !== null && words.length === 0) return BAD_REQUEST;
        const page = Number(query.get('page') ?? 1);
        const perPage = Number(query.get('perPage') ?? 20);

        let terms: SearchTerms | null = null;
        if (needs.length > 0 || postcode !== undefined) {
          const { rows } = await db.query<SearchTerms>(SEARCH_TERMS_SQL, [
            needs,
            null,
            postcode?.sector ?? null,
          ]);
          terms = rows[0];
          if (needs.some((code) => !terms?.needs.includes(code))) return BAD_REQUEST;
          if (postcode !== undefined && terms.area === null) {
            return { status: 404, body: { code: 'POSTCODE_OUTSIDE_AREAS' } };
          }
        }
        let expression: string | null = null;
        if (words !== null) {
          const { rows } = await db.query<{ word: string; similar: string[] }>(SIMILAR_WORDS_SQL, [
            words,
          ]);
          const byWord = new Map(rows.map((row) => [row.word, row.similar]));
          expression = textQuery(new Map(words.map((word) => [word, byWord.get(word) ?? []])));
        }
        const offset = (page - 1) * perPage;
        const search = (limit: number, from: number) =>
          db.query<SearchRow>(SEARCH_SQL, [
            needs.length > 0 ? needs : null,
            needs.length > 0 ? (terms?.covered_needs ?? null) : null,
            postcode !== undefined ? (terms?.covering_areas ?? null) : null,
            postcode !== undefined ? (terms?.local_areas ?? null) : null,
            expression,
            age,
            null,
            null,
            null,
            null,
            null,
            limit,
            from,
          ]);
        const { rows } = await search(perPage, offset);
        let total = rows.length > 0 ? Number(rows[0].total) : 0;
        if (rows.length === 0 && offset > 0) {
          const first = await search(1, 0);
          total = first.rows.length > 0 ? Number(first.rows[0].total) : 0;
        }
        return { status: 200, body: { items: rows.map(searchItem), total, page, perPage } };
      },
    },
  },
  {
    name: 'POST /api/contacts (new person)',
    targetRatio: 0.5,
    connections: 50,
    // Fifty contacts a second over 50 connections: fifty handlers each logging a call every
    // second, where a real one logs one every few minutes; far above any front door's busiest hour.
    latency: { ratePerSecond: 50, maxP99Ms: 100 },
    compare: 'shape',
    async seed(tools) {
      const user = await seedUser(tools, 'call_handler');
      return { ...user, accessToken: await logIn(tools, user.email) };
    },
    request: (seed) => ({
      method: 'POST',
      path: '/api/contacts',
      headers: {
        authorization: `Bearer ${seed.accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': FRESH,
      },
      body: NEW_CALLER_CONTACT,
    }),
    baseline: {
      statements: [
        LIVE_SESSION_USER_SQL,
        IDEMPOTENCY_CLAIM_SQL,
        PERSON_CANDIDATES_SQL,
        PERSON_INSERT_SQL,
        AUDIT_RECORD_SQL,
        CONSENT_INSERT_SQL,
        CASE_OPEN_SQL,
        EVENT_APPEND_SQL,
        CONTACT_INSERT_SQL,
        IDEMPOTENCY_COMPLETE_SQL,
      ],
      source: [
        'src/auth/sessions/session.repository.ts',
        'src/common/idempotency/idempotency.service.ts',
        'src/intake/people/person.repository.ts',
        'src/audit/audit.service.ts',
        'src/intake/consent/consent.repository.ts',
        'src/cases/case.service.ts',
        'src/live/live.queries.ts',
        'src/intake/contacts/contact.repository.ts',
      ],
      async handle(db, request) {
        const user = await sessionUser(db, request);
        if (user === undefined) return UNAUTHENTICATED;
        const key = request.headers['idempotency-key'];
        if (typeof key !== 'string' || key === '') {
          return { status: 400, body: { code: 'IDEMPOTENCY_KEY_REQUIRED' } };
        }
        return recordNewContact(db, user, key, JSON.parse(request.body) as ContactBody);
      },
    },
  },
  {
    name: 'GET /api/cases (queue)',
    targetRatio: 0.5,
    connections: 50,
    // A hundred queue reads a second over 50 connections: every caseworker and team lead of a
    // front door refreshing their queue twice a second.
    latency: { ratePerSecond: 100, maxP99Ms: 50 },
    async seed(tools) {
      const user = await seedUser(tools, 'call_handler');
      const { rows } = await tools.db.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [user.userId],
      );
      const cases = await seedCases(
        tools.db,
        (prefix) => tools.unique(prefix),
        user,
        rows[0]?.password_hash ?? '',
      );
      console.log(
        `Cases: ${cases.cases} people and cases, ${cases.caseworkers} caseworkers (${cases.seconds.toFixed(1)} s).`,
      );
      return { ...user, accessToken: await logIn(tools, user.email) };
    },
    // The team's queue: triaged cases of priority P2, the first page, earliest due first.
    request: (seed) => ({
      method: 'GET',
      path: '/api/cases?status=triaged&priority=P2',
      headers: { authorization: `Bearer ${seed.accessToken}` },
    }),
    baseline: {
      // The page's statement is built by the application's own caseQueueSql (case.queries.ts),
      // from the filters given, so the baseline calls it rather than copying its text.
      statements: [LIVE_SESSION_USER_SQL, AUDIT_VIEWS_SQL],
      source: ['src/auth/sessions/session.repository.ts', 'src/audit/audit.service.ts'],
      async handle(db, request) {
        const user = await sessionUser(db, request);
        if (user === undefined) return UNAUTHENTICATED;
        const query = new URL(request.path, 'http://baseline').searchParams;
        const statuses = listParameter(query, 'status');
        const priorities = listParameter(query, 'priority');
        if (
          statuses?.some((status) => !(CASE_STATUSES as readonly string[]).includes(status)) ===
            true ||
          priorities?.some((priority) => !(PRIORITIES as readonly string[]).includes(priority)) ===
            true
        ) {
          return BAD_REQUEST;
        }
        const page = Number(query.get('page') ?? 1);
        const perPage = Number(query.get('perPage') ?? 20);
        const { sql, params } = caseQueueSql({
          statuses: statuses as CaseStatus[] | null,
          priorities: priorities as Priority[] | null,
          owner: null,
          overdue: null,
          areaCodes: null,
          needCodes: null,
          limit: perPage,
          offset: (page - 1) * perPage,
        });
        const { rows } = await db.query<CaseQueueRow>(sql, params);
        const items = rows
          .filter((row): row is CaseQueueRow & { id: string } => row.id !== null)
          .map(caseListItem);
        const personIds = [
          ...new Set(rows.flatMap((row) => (row.id === null ? [] : [row.person_id]))),
        ];
        if (personIds.length > 0) {
          await db.query(AUDIT_VIEWS_SQL, [
            user.id,
            user.organisation_id,
            user.role,
            'person.listed',
            'person',
            personIds,
            randomUUID(),
            JSON.stringify({ via: 'case_list' }),
          ]);
        }
        return {
          status: 200,
          body: { items, total: rows.length > 0 ? Number(rows[0].total) : 0, page, perPage },
        };
      },
    },
  },
  {
    name: 'POST /api/referrals/:id/accept',
    targetRatio: 0.5,
    connections: 50,
    compare: 'shape',
    async seed(tools) {
      const sender = await seedReferralCases(tools.db, () => seedUser(tools, 'call_handler'));
      const partner = await seedUser(tools, 'partner');
      const seeded = await seedAwaitingAcceptance(
        tools.db,
        sender,
        partner.organisationId,
        AWAITING_ACCEPTANCE,
      );
      console.log(
        `Referrals awaiting acceptance: ${seeded.referrals} (${seeded.seconds.toFixed(1)} s).`,
      );
      return { ...partner, accessToken: await logIn(tools, partner.email) };
    },
    // Every request accepts another referral: the app takes every other one, the baseline the rest.
    async each(db, seed) {
      const ids = await awaitingAcceptance(db, seed.organisationId);
      return {
        app: ids.filter((_id, index) => index % 2 === 0),
        baseline: ids.filter((_id, index) => index % 2 === 1),
      };
    },
    // The partner accepts a referral it was sent (every seeded one is at version 1).
    request: (seed) => ({
      method: 'POST',
      path: `/api/referrals/${EACH}/accept`,
      headers: {
        authorization: `Bearer ${seed.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ version: 1 }),
    }),
    baseline: {
      // The referral's answer is read by the application's REFERRAL_DETAIL_SQL (referral.queries.ts),
      // built from shared fragments, so the baseline imports it rather than copying its text.
      statements: [
        LIVE_SESSION_USER_SQL,
        REFERRAL_POSITION_SQL,
        TRANSITION_SQL,
        EVENT_APPEND_SQL,
        AUDIT_RECORD_ALL_SQL,
      ],
      source: [
        'src/auth/sessions/session.repository.ts',
        'src/referral/referral.queries.ts',
        'src/audit/audit.service.ts',
        'src/live/live.queries.ts',
      ],
      async handle(db, request) {
        const user = await sessionUser(db, request);
        if (user === undefined) return UNAUTHENTICATED;
        if (user.role !== 'partner') return { status: 403, body: { code: 'FORBIDDEN' } };
        const id = /^\/api\/referrals\/([0-9a-f-]{36})\/accept$/i.exec(request.path)?.[1];
        const { version } = JSON.parse(request.body) as { version?: unknown };
        if (id === undefined || typeof version !== 'number' || !Number.isInteger(version)) {
          return BAD_REQUEST;
        }
        return acceptReferral(db, actorOf(user, request), id, version);
      },
    },
  },
  {
    name: 'GET /api/referrals (partner inbox)',
    targetRatio: 0.5,
    connections: 50,
    // A hundred inbox reads a second over 50 connections: someone at each of the fifty partner
    // organisations refreshing their inbox twice a second, where a partner looks a few times an
    // hour; the same rate as the case queue's, far above a partnership's busiest hour.
    latency: { ratePerSecond: 100, maxP99Ms: 50 },
    async seed(tools) {
      const sender = await seedReferralCases(tools.db, () => seedUser(tools, 'call_handler'));
      const partner = await seedUser(tools, 'partner');
      const inbox = await seedInbox(
        tools.db,
        (prefix) => tools.unique(prefix),
        sender,
        partner.organisationId,
      );
      console.log(
        `Inbox: ${inbox.referrals} referrals to ${inbox.organisations} partner organisations (${inbox.seconds.toFixed(1)} s).`,
      );
      return { ...partner, accessToken: await logIn(tools, partner.email) };
    },
    // A partner's inbox of new referrals: those waiting for its answer, newest first, with the
    // counts of its referrals in every state.
    request: (seed) => ({
      method: 'GET',
      path: '/api/referrals?status=sent',
      headers: { authorization: `Bearer ${seed.accessToken}` },
    }),
    baseline: {
      // The page's and the counts' statements are built by the application's referralListSql and
      // referralCountsSql (referral.queries.ts) from the filters given, so the baseline calls them.
      statements: [LIVE_SESSION_USER_SQL, AUDIT_VIEWS_SQL],
      source: ['src/auth/sessions/session.repository.ts', 'src/audit/audit.service.ts'],
      async handle(db, request) {
        const user = await sessionUser(db, request);
        if (user === undefined) return UNAUTHENTICATED;
        const actor = actorOf(user, request);
        const query = new URL(request.path, 'http://baseline').searchParams;
        const statuses = listParameter(query, 'status');
        if (
          statuses?.some((status) => !(REFERRAL_STATUSES as readonly string[]).includes(status)) ===
          true
        ) {
          return BAD_REQUEST;
        }
        const page = Number(query.get('page') ?? 1);
        const perPage = Number(query.get('perPage') ?? 20);
        const filters = {
          viewerOrganisationId: actor.role === 'partner' ? actor.organisationId : null,
          statuses: statuses as ReferralStatus[] | null,
          overdue: null,
          serviceId: null,
          caseId: null,
          organisationId: null,
          limit: perPage,
          offset: (page - 1) * perPage,
        };
        const list = referralListSql(filters);
        const counts = referralCountsSql(filters);
        // As the application: the page and the counts at once, on two pooled connections.
        const [{ rows }, { rows: countRows }] = await Promise.all([
          db.query<ReferralListRow>(list.sql, list.params),
          db.query<ReferralCountRow>(counts.sql, counts.params),
        ]);
        const listed = rows.filter(
          (row): row is ReferralListRow & { id: string } => row.id !== null,
        );
        const personIds = [...new Set(listed.map((row) => row.person_id))];
        if (personIds.length > 0) {
          await db.query(AUDIT_VIEWS_SQL, [
            actor.userId,
            actor.organisationId,
            actor.role,
            'person.listed',
            'person',
            personIds,
            actor.correlationId,
            JSON.stringify({ via: 'referral_list' }),
          ]);
        }
        return {
          status: 200,
          body: {
            items: listed.map((row) => toReferralListItem(row, actor)),
            total: rows.length > 0 ? Number(rows[0].total) : 0,
            page,
            perPage,
            counts: referralCounts(countRows),
          },
        };
      },
    },
  },
];

/** The key under which both servers' routes are matched. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * For a request whose path has EACH or FRESH in it: what its paths look like, as a pattern on
 * routeKey(method, path); undefined for a path that is always the same.
 */
export function routePattern(method: string, path: string): RegExp | undefined {
  if (!path.includes(EACH) && !path.includes(FRESH)) return undefined;
  const placeholders = new RegExp(`(${escapeRegExp(EACH)}|${escapeRegExp(FRESH)})`);
  const source = routeKey(method, path)
    .split(placeholders)
    .map((part) =>
      part === EACH ? '[^/?#]+' : part === FRESH ? FRESH_VALUE.source : escapeRegExp(part),
    )
    .join('');
  return new RegExp(`^${source}$`);
}
