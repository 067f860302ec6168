/**
 * The raw baseline: a plain node:http server with a pg pool, started by run.ts as a child process.
 * For each scenario it answers the same request with the same SQL statements the application
 * issues, and nothing more: no framework, no logging, no security headers, no rate limit, and no
 * JWT signature check (it is the floor of HTTP + SQL on this machine). Its connections prepare
 * repeated statements as the application's do (PreparingClient), so both pay the same for SQL.
 *
 * Environment (set by run.ts): BENCH_DATABASE_URL, BENCH_PORT, BENCH_POOL_SIZE, and BENCH_SEEDS
 * (JSON: scenario name -> its seed data).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { PreparingClient } from '../src/database/preparing-client.js';
import { HOST } from './processes.js';
import { routeKey, routePattern, scenarios, type Scenario, type SeedData } from './scenarios.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

const MAX_BODY_BYTES = 1_048_576;

function readBody(request: IncomingMessage): Promise<string> {
  const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
  // No body (a GET): nothing to wait for.
  if ((length === undefined || length === '0') && encoding === undefined)
    return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function main(): void {
  const pool = new pg.Pool({
    connectionString: required('BENCH_DATABASE_URL'),
    max: Number(required('BENCH_POOL_SIZE')),
    application_name: 'bench-baseline',
    Client: PreparingClient,
  });
  pool.on('error', (error) => console.error(`Baseline pool: ${error.message}`));
  const seeds = JSON.parse(required('BENCH_SEEDS')) as Record<string, SeedData>;

  interface Route {
    scenario: Scenario;
    seed: SeedData;
  }
  const routes = new Map<string, Route>();
  // Requests whose path differs each time (EACH, FRESH), matched by pattern.
  const patterns: { pattern: RegExp; route: Route }[] = [];
  for (const scenario of scenarios) {
    const seed = seeds[scenario.name];
    if (seed === undefined) continue;
    const { method, path } = scenario.request(seed);
    const key = routeKey(method, path);
    if (routes.has(key)) throw new Error(`Two scenarios send ${key}; the baseline routes by it`);
    routes.set(key, { scenario, seed });
    const pattern = routePattern(method, path);
    if (pattern !== undefined) patterns.push({ pattern, route: { scenario, seed } });
  }
  const routeOf = (method: string, path: string): Route | undefined => {
    const key = routeKey(method, path);
    return routes.get(key) ?? patterns.find(({ pattern }) => pattern.test(key))?.route;
  };

  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (request.method === 'GET' && path === '/ready') {
      pool.query('SELECT 1').then(
        () => send(response, 200, { status: 'ok' }),
        (error: unknown) => send(response, 503, { status: String(error) }),
      );
      return;
    }
    const route = routeOf(request.method ?? 'GET', path);
    if (route === undefined) {
      send(response, 404, { code: 'NOT_FOUND' });
      return;
    }
    readBody(request)
      .then((body) =>
        route.scenario.baseline.handle(
          pool,
          { method: request.method ?? 'GET', path, headers: request.headers, body },
          route.seed,
        ),
      )
      .then(
        (result) => send(response, result.status, result.body),
        (error: unknown) => {
          console.error(`Baseline ${route.scenario.name}: ${String(error)}`);
          send(response, 500, { code: 'INTERNAL' });
        },
      );
  });
  server.keepAliveTimeout = 30_000;

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => process.exit(1), 5_000);
    forced.unref();
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // The harness holds the other end of the IPC channel: if it dies, so does this server.
  process.on('disconnect', stop);

  server.listen(Number(required('BENCH_PORT')), HOST);
}

main();
