import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type pg from 'pg';
import type { Role } from '../../common/auth/roles.js';

/**
 * Notified (on commit) with the ids of sessions just ended, comma-separated, so that whatever
 * holds a connection for one of them (the live queue's sockets) can close it at once.
 */
export const SESSIONS_ENDED_CHANNEL = 'ofd_sessions_ended';

/**
 * Runs `update` (an UPDATE of auth_sessions) and notifies the ids of the sessions it ended, in
 * chunks that fit PostgreSQL's 8,000-byte payload limit: one row per chunk, with its size.
 */
const ENDED_SESSIONS_SQL = (update: string): string => `WITH ended AS (${update} RETURNING id),
  chunks AS (
    SELECT string_agg(id::text, ',') AS ids, count(*)::int AS n
      FROM (SELECT id, (row_number() OVER ()) / 150 AS chunk FROM ended) numbered
     GROUP BY chunk)
SELECT n, pg_notify('${SESSIONS_ENDED_CHANNEL}', ids) FROM chunks`;

const endedCount = (chunks: { n: number }[]): number =>
  chunks.reduce((total, chunk) => total + chunk.n, 0);

export interface LiveSessionUser {
  userId: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string;
}

export interface RefreshTokenRow {
  tokenHash: string;
  usedAt: Date | null;
  sessionId: string;
  sessionExpiresAt: Date;
  sessionRevokedAt: Date | null;
  userId: string;
  role: Role;
  organisationId: string;
  email: string;
  name: string;
  userActive: boolean;
  organisationActive: boolean;
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The user behind a session, if the session is live and both the user and their organisation
   * are active. Runs on every authenticated request: one indexed query.
   */
  async findLiveSessionUser(sessionId: string): Promise<LiveSessionUser | undefined> {
    // Straight to the driver's pool: this runs on every request, and needs no query runner.
    const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
    const { rows } = await pool.query<{
      id: string;
      email: string;
      name: string;
      role: Role;
      organisation_id: string;
    }>(
      `SELECT u.id, u.email, u.name, u.role, u.organisation_id
         FROM auth_sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active AND o.active`,
      [sessionId],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          userId: row.id,
          email: row.email,
          name: row.name,
          role: row.role,
          organisationId: row.organisation_id,
        };
  }

  /** Of these sessions, the ones still live (as `findLiveSessionUser` would serve them). */
  async liveSessionIds(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
    const { rows } = await pool.query<{ id: string }>(
      `SELECT s.id
         FROM auth_sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id = ANY($1::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.active AND o.active`,
      [sessionIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  async createSession(
    manager: EntityManager,
    session: { id: string; userId: string; expiresAt: Date },
    refreshTokenHash: string,
  ): Promise<void> {
    await manager.query(`INSERT INTO auth_sessions (id, user_id, expires_at) VALUES ($1, $2, $3)`, [
      session.id,
      session.userId,
      session.expiresAt,
    ]);
    await this.addRefreshToken(manager, session.id, refreshTokenHash);
  }

  async addRefreshToken(
    manager: EntityManager,
    sessionId: string,
    tokenHash: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO auth_refresh_tokens (token_hash, session_id) VALUES ($1, $2)`,
      [tokenHash, sessionId],
    );
  }

  /** The refresh token with its session and user, locked until the transaction ends. */
  async lockRefreshToken(
    manager: EntityManager,
    tokenHash: string,
  ): Promise<RefreshTokenRow | undefined> {
    const rows = await manager.query<
      {
        token_hash: string;
        used_at: Date | null;
        session_id: string;
        expires_at: Date;
        revoked_at: Date | null;
        user_id: string;
        role: Role;
        organisation_id: string;
        email: string;
        name: string;
        user_active: boolean;
        organisation_active: boolean;
      }[]
    >(
      `SELECT t.token_hash, t.used_at, s.id AS session_id, s.expires_at, s.revoked_at,
              u.id AS user_id, u.role, u.organisation_id, u.email, u.name, u.active AS user_active,
              o.active AS organisation_active
         FROM auth_refresh_tokens t
         JOIN auth_sessions s ON s.id = t.session_id
         JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t, s`,
      [tokenHash],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      tokenHash: row.token_hash,
      usedAt: row.used_at,
      sessionId: row.session_id,
      sessionExpiresAt: row.expires_at,
      sessionRevokedAt: row.revoked_at,
      userId: row.user_id,
      role: row.role,
      organisationId: row.organisation_id,
      email: row.email,
      name: row.name,
      userActive: row.user_active,
      organisationActive: row.organisation_active,
    };
  }

  async markRefreshTokenUsed(manager: EntityManager, tokenHash: string): Promise<void> {
    await manager.query(`UPDATE auth_refresh_tokens SET used_at = now() WHERE token_hash = $1`, [
      tokenHash,
    ]);
  }

  async revokeSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.query(
      ENDED_SESSIONS_SQL(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      ),
      [sessionId, reason],
    );
  }

  async revokeSessionsOfOrganisation(
    manager: EntityManager,
    organisationId: string,
    reason: string,
  ): Promise<number> {
    const chunks = await manager.query<{ n: number }[]>(
      ENDED_SESSIONS_SQL(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE organisation_id = $1)`),
      [organisationId, reason],
    );
    return endedCount(chunks);
  }

  /** Ends every live session of these users. */
  async revokeSessionsOfUsers(
    manager: EntityManager,
    userIds: string[],
    reason: string,
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    const chunks = await manager.query<{ n: number }[]>(
      ENDED_SESSIONS_SQL(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL`),
      [userIds, reason],
    );
    return endedCount(chunks);
  }
}
