import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.setup.js';
import { loadConfig, type ResolvedConfig } from '../../src/config/app-config.js';
import type { Role } from '../../src/common/auth/roles.js';
import { hashPassword } from '../../src/auth/users/password-policy.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: ResolvedConfig;
  /** The application's own connection: it can do what the application can, no more. */
  db: DataSource;
  /** As the tables' owner, for tests that must reach behind the application. */
  asOwner: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** Boots the real application module on a database of its own, as `npm start` would. */
export async function startTestApp(overrides: Partial<ResolvedConfig> = {}): Promise<TestApp> {
  const database =
    overrides.databaseUrl !== undefined && overrides.migrationDatabaseUrl !== undefined
      ? { appUrl: overrides.databaseUrl, ownerUrl: overrides.migrationDatabaseUrl }
      : await createTestDatabase();
  const config: ResolvedConfig = {
    ...loadConfig({}),
    databaseUrl: database.appUrl,
    migrationDatabaseUrl: database.ownerUrl,
    tokenSecret: randomBytes(32).toString('base64url'),
    logLevel: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
    dbPoolSize: 4,
    ...overrides,
  };
  const app = await createApp(config);
  await app.getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer();
  return {
    app,
    config,
    db: app.get<DataSource>(getDataSourceToken()),
    http: () => request(server),
    asOwner: async <T>(sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: config.migrationDatabaseUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    close: () => app.close(),
  };
}

/** A password that passes the policy, shared by every user the factories make. */
export const TEST_PASSWORD = 'violet lantern orchard 42';
let testPasswordHash: Promise<string> | undefined;

export interface TestOrganisation {
  id: string;
  name: string;
  kind: 'front_door' | 'partner';
}

export async function makeOrganisation(
  t: TestApp,
  kind: 'front_door' | 'partner' = 'partner',
  name = `Organisation ${randomUUID().slice(0, 8)}`,
): Promise<TestOrganisation> {
  const rows = await t.db.query<{ id: string }[]>(
    `INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id`,
    [name, kind],
  );
  return { id: rows[0].id, name, kind };
}

/** The installation's one front-door organisation, created on first use. */
export async function frontDoorOf(t: TestApp): Promise<string> {
  const [existing] = await t.db.query<{ id: string }[]>(
    `SELECT id FROM organisations WHERE kind = 'front_door'`,
  );
  return existing?.id ?? (await makeOrganisation(t, 'front_door', 'One Front Door')).id;
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  organisationId: string;
  password: string;
}

/** A user of this role (in a new organisation of the right kind, unless one is given). */
export async function makeUser(
  t: TestApp,
  role: Role,
  options: { organisationId?: string; active?: boolean } = {},
): Promise<TestUser> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const organisationId =
    options.organisationId ??
    (role === 'partner' ? (await makeOrganisation(t, 'partner')).id : await frontDoorOf(t));
  const email = `${role}.${randomUUID().slice(0, 8)}@test.example`;
  const rows = await t.db.query<{ id: string }[]>(
    `INSERT INTO users (email, name, password_hash, role, organisation_id, active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [email, `Test ${role}`, await testPasswordHash, role, organisationId, options.active ?? true],
  );
  return { id: rows[0].id, email, role, organisationId, password: TEST_PASSWORD };
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export async function login(
  t: TestApp,
  user: { email: string; password: string },
): Promise<Tokens> {
  const response = await t
    .http()
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password });
  if (response.status !== 200) {
    throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as Tokens;
}

/** A user of this role, signed in. */
export async function signedIn(
  t: TestApp,
  role: Role,
  options: { organisationId?: string } = {},
): Promise<TestUser & Tokens> {
  const user = await makeUser(t, role, options);
  return { ...user, ...(await login(t, user)) };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
