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
  seed(tools: SeedTools): Promise<SeedData>;
  /** The request both servers receive. Its method and path must be unique among the scenarios. */
  request(seed: SeedData): BenchRequest;
  baseline: {
    /**
     * Every SQL statement the application issues for one request, in order, each copied verbatim
     * from `source` (the harness refuses to run if one is no longer found there).
     */
    statements: readonly string[];
    /** The file (from the project root) whose code issues those statements in the application. */
    source: string;
    /** Answers one request using `db` (a pool of the app's default size). */
    handle(db: pg.Pool, request: BaselineRequest, seed: SeedData): Promise<BaselineResponse>;
  };
}

/** A password that passes the application's policy; only ever used on a throwaway database. */
const BENCH_PASSWORD = 'quiet harbour lamplight 7';

/** An organisation and an active user of `role` in it; returns the user's id and email. */
async function seedUser(
  tools: SeedTools,
  role: 'admin' | 'team_lead' | 'call_handler' | 'caseworker' | 'partner',
): Promise<{ userId: string; email: string; organisationId: string }> {
  const organisation = await tools.db.query<{ id: string }>(
    `INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id`,
    [tools.unique('Bench organisation'), role === 'partner' ? 'partner' : 'front_door'],
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
];

/** The key under which both servers' routes are matched. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
