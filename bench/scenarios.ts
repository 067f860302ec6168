/**
 * The benchmark scenarios. Each one says how to seed what it needs, the request the load
 * generator sends to the application, and how the raw baseline server (baseline-server.ts) answers
 * the same request: with the same SQL statements the application issues, and nothing else.
 *
 * To add a scenario, append an object to `scenarios`. This module is loaded both by the harness
 * (run.ts: seed, request) and by the baseline server (request, baseline), so keep its imports light.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type pg from 'pg';
import { hashPassword } from '../src/auth/users/password-policy.js';
import { normalisePostcode } from '../src/service-directory/areas/postcode.js';
import { seedDirectory } from './directory-data.js';

/** Whatever a scenario's seed produced; plain strings so it can pass to the baseline process. */
export type SeedData = Readonly<Record<string, string>>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
  /** Concurrent connections for this scenario, whatever BENCH_CONNECTIONS says: its targets hold at this load. */
  connections?: number;
  seed(tools: SeedTools): Promise<SeedData>;
  /** The request both servers receive. Its method and path must be unique among the scenarios. */
  request(seed: SeedData): BenchRequest;
  baseline: {
    /**
     * Every SQL statement the application issues for one request, in order, each copied verbatim
     * from `source` (the harness refuses to run if one is no longer found there).
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
async function seedUser(
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
async function logIn(tools: SeedTools, email: string): Promise<string> {
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

/** The live session's user, as the application's guard finds it; undefined when there is none. */
async function sessionUser(
  db: pg.Pool,
  request: BaselineRequest,
): Promise<{ id: string; role: string } | undefined> {
  const claims = unverifiedClaims(request.headers.authorization);
  if (typeof claims?.sid !== 'string') return undefined;
  const { rows } = await db.query<{ id: string; role: string }>(LIVE_SESSION_USER_SQL, [
    claims.sid,
  ]);
  const user = rows[0];
  return user === undefined || user.id !== claims.sub || user.role !== claims.role
    ? undefined
    : user;
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
];

/** The key under which both servers' routes are matched. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
