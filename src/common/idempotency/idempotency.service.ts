import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdempotencyErrors } from './idempotency.errors.js';
import { isAcceptableKey, requestHash } from './request-hash.js';

/** One request made with an Idempotency-Key. */
export interface IdempotentRequest {
  /** Keys are the user's own: two users may use the same key. */
  userId: string;
  /** The Idempotency-Key header as received (checked here). */
  key: string | undefined;
  /** Method and path, e.g. `POST /api/contacts`: a key used on one route is refused on another. */
  route: string;
  /** The validated request body; its canonical JSON's SHA-256 is compared on a retry. */
  body: unknown;
}

export interface IdempotentResponse<T> {
  status: number;
  body: T;
  /** true when this is the stored answer to an earlier request with the same key and body. */
  replayed: boolean;
}

/** Status stored while the first request's transaction is still working. */
const IN_FLIGHT = 0;

const SQL = {
  /**
   * Claims the key (response_status 0: IN_FLIGHT); blocks while another transaction holds an
   * uncommitted claim on it.
   */
  claim: `INSERT INTO idempotency_keys (user_id, key, route, request_hash, response_status, response_body)
          VALUES ($1, $2, $3, $4, 0, 'null'::jsonb)
          ON CONFLICT (user_id, key) DO NOTHING
          RETURNING key`,
  stored: `SELECT route, request_hash, response_status, response_body
             FROM idempotency_keys
            WHERE user_id = $1 AND key = $2`,
  complete: `UPDATE idempotency_keys
                SET response_status = $3, response_body = $4::jsonb
              WHERE user_id = $1 AND key = $2
          RETURNING response_body`,
};

interface StoredRow {
  route: string;
  request_hash: string;
  response_status: number;
  response_body: unknown;
}

/**
 * Makes a request safe to retry. Inside the caller's transaction, and before anything else in
 * it, the key is claimed (a row in idempotency_keys); the work runs; its response is stored in
 * the same row. So the key, the work and the answer commit or roll back together:
 * - a retry after the commit finds the row and gets the stored status and body, and nothing
 *   runs again; with a different body (or on another route) it gets 422;
 * - a concurrent request with the same key waits on the row's unique index until the first
 *   commits, then gets the stored answer (or, if the first rolled back, does the work itself);
 * - when the work fails, the claim is rolled back with it and the key can be used again.
 */
@Injectable()
export class IdempotencyService {
  /** The key, checked: 400 IDEMPOTENCY_KEY_REQUIRED or IDEMPOTENCY_KEY_INVALID otherwise. */
  checkKey(key: string | undefined): string {
    if (key === undefined || key === '') throw IdempotencyErrors.keyRequired();
    if (!isAcceptableKey(key)) throw IdempotencyErrors.keyInvalid();
    return key;
  }

  async once<T>(
    manager: EntityManager,
    request: IdempotentRequest,
    work: () => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResponse<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('IdempotencyService.once must run inside the transaction of the work');
    }
    const key = this.checkKey(request.key);
    const hash = requestHash(request.body);
    const claimed = await manager.query<unknown[]>(SQL.claim, [
      request.userId,
      key,
      request.route,
      hash,
    ]);
    if (claimed.length === 0) {
      const [stored] = await manager.query<StoredRow[]>(SQL.stored, [request.userId, key]);
      // The claim conflicted with a committed row, which a READ COMMITTED statement then sees.
      if (stored === undefined || stored.response_status === IN_FLIGHT) {
        throw IdempotencyErrors.keyInFlight();
      }
      if (stored.route !== request.route || stored.request_hash !== hash) {
        throw IdempotencyErrors.keyReused();
      }
      return { status: stored.response_status, body: stored.response_body as T, replayed: true };
    }
    const response = await work();
    // The body as stored (jsonb), so the first answer and every replay are the same JSON.
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = await manager.query<[{ response_body: unknown }[], number]>(SQL.complete, [
      request.userId,
      key,
      response.status,
      JSON.stringify(response.body),
    ]);
    return { status: response.status, body: rows[0].response_body as T, replayed: false };
  }
}
