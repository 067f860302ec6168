import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthErrors } from './auth.errors.js';

/** A sign-in attempt counted against its account and address until it is known to have succeeded. */
export interface LoginAttempt {
  accountKey: string;
  rowIds: string[];
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Counts failed sign-ins per account and per network address in the database, so every instance
 * sees the same counts. Keys are hashed: no email or address is stored.
 *
 * An attempt is counted as a failure *before* the password is checked (under a lock per key), and
 * the count is withdrawn if it succeeds. So parallel guesses cannot all slip in before the first
 * failure is recorded.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Refuses with 429 while the account or the address is over its limit; else counts the attempt. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const accountKey = digest(`account:${email}`);
    const addressKey = digest(`address:${address}`);
    const window = this.config.loginFailureWindowSeconds;
    return this.dataSource.transaction(async (manager) => {
      // Sorted, so two attempts never wait for each other's locks in opposite orders.
      for (const key of [accountKey, addressKey].sort()) {
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      }
      const rows = await manager.query<{ key_hash: string; failures: number; oldest: number }[]>(
        `SELECT key_hash, count(*)::int AS failures, extract(epoch FROM min(failed_at))::float8 AS oldest
           FROM auth_login_failures
          WHERE key_hash = ANY($1::text[]) AND failed_at > now() - make_interval(secs => $2)
          GROUP BY key_hash`,
        [[accountKey, addressKey], window],
      );
      for (const row of rows) {
        const limit =
          row.key_hash === accountKey
            ? this.config.loginMaxFailuresPerAccount
            : this.config.loginMaxFailuresPerAddress;
        if (row.failures >= limit) {
          const retryAfter = Math.max(1, Math.ceil(row.oldest + window - Date.now() / 1000));
          throw AuthErrors.tooManyAttempts(retryAfter);
        }
      }
      await manager.query(
        'DELETE FROM auth_login_failures WHERE failed_at < now() - make_interval(secs => $1)',
        [window],
      );
      const inserted = await manager.query<{ id: string }[]>(
        'INSERT INTO auth_login_failures (key_hash) VALUES ($1), ($2) RETURNING id',
        [accountKey, addressKey],
      );
      return { accountKey, rowIds: inserted.map((row) => row.id) };
    });
  }

  /** The attempt succeeded: withdraw it, and clear the account's earlier failures. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM auth_login_failures WHERE id = ANY($1::bigint[]) OR key_hash = $2',
      [attempt.rowIds, attempt.accountKey],
    );
  }

  /** An administrator reset the password or re-enabled the account: lift its lock-out. */
  async clearAccount(email: string): Promise<void> {
    await this.dataSource.query('DELETE FROM auth_login_failures WHERE key_hash = $1', [
      digest(`account:${email}`),
    ]);
  }
}
