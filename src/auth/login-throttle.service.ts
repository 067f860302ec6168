import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthErrors } from './auth.errors.js';

/**
 * Counts failed sign-ins per account and per network address in the database, so every instance
 * sees the same counts. Keys are hashed: no email or address is stored.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  private keys(email: string, address: string): { account: string; address: string } {
    const digest = (value: string) => createHash('sha256').update(value).digest('hex');
    return { account: digest(`account:${email}`), address: digest(`address:${address}`) };
  }

  /** Refuses with 429 while either the account or the address has too many recent failures. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const rows = await this.dataSource.query<
      { key_hash: string; failures: number; oldest: number }[]
    >(
      `SELECT key_hash, count(*)::int AS failures, extract(epoch FROM min(failed_at))::float8 AS oldest
         FROM auth_login_failures
        WHERE key_hash = ANY($1::text[]) AND failed_at > now() - make_interval(secs => $2)
        GROUP BY key_hash`,
      [[keys.account, keys.address], this.config.loginFailureWindowSeconds],
    );
    for (const row of rows) {
      const limit =
        row.key_hash === keys.account
          ? this.config.loginMaxFailuresPerAccount
          : this.config.loginMaxFailuresPerAddress;
      if (row.failures >= limit) {
        const retryAfter = Math.max(
          1,
          Math.ceil(row.oldest + this.config.loginFailureWindowSeconds - Date.now() / 1000),
        );
        throw AuthErrors.tooManyAttempts(retryAfter);
      }
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await this.dataSource.query(
      `WITH pruned AS (
         DELETE FROM auth_login_failures WHERE failed_at < now() - make_interval(secs => $2)
       )
       INSERT INTO auth_login_failures (key_hash) VALUES ($1), ($3)`,
      [keys.account, this.config.loginFailureWindowSeconds, keys.address],
    );
  }

  /** A successful sign-in clears the account's count (the address's count stays). */
  async clearAccount(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM auth_login_failures WHERE key_hash = $1`, [
      this.keys(email, '').account,
    ]);
  }
}
