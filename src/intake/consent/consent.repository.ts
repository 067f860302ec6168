import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsentMethod, ConsentScope } from './consent.entity.js';

export interface ConsentRow {
  id: string;
  person_id: string;
  given: boolean;
  scope: ConsentScope;
  organisation_ids: string[];
  method: ConsentMethod;
  wording_version: string;
  recorded_by: string;
  recorded_at: Date;
  expires_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  created_at: Date;
}

export interface NewConsent {
  personId: string;
  given: boolean;
  scope: ConsentScope;
  organisationIds: string[];
  method: ConsentMethod;
  wordingVersion: string;
  recordedBy: string;
  recordedAt: Date;
  expiresAt: Date;
}

const COLUMNS = `id, person_id, given, scope, organisation_ids, method, wording_version, recorded_by,
  recorded_at, expires_at, withdrawn_at, withdrawn_by, created_at`;

/** Newest answer first: by when the person answered, then by when it was entered. */
const NEWEST_FIRST = `ORDER BY recorded_at DESC, created_at DESC, id DESC`;

const SQL = {
  insert: `INSERT INTO consents (person_id, given, scope, organisation_ids, method, wording_version,
                                 recorded_by, recorded_at, expires_at)
           VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9)
           RETURNING id, person_id, given, scope, organisation_ids, method, wording_version, recorded_by,
                     recorded_at, expires_at, withdrawn_at, withdrawn_by, created_at`,
  forPerson: `SELECT ${COLUMNS} FROM consents WHERE person_id = $1 ${NEWEST_FIRST}`,
  latestAt: `SELECT ${COLUMNS} FROM consents WHERE person_id = $1 AND recorded_at <= $2 ${NEWEST_FIRST} LIMIT 1`,
  lock: `SELECT ${COLUMNS} FROM consents WHERE id = $1 FOR UPDATE`,
  withdraw: `UPDATE consents SET withdrawn_at = $2, withdrawn_by = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
  partnerOrganisations: `SELECT id FROM organisations WHERE id = ANY($1::uuid[]) AND kind = 'partner'`,
};

/** Consent SQL, in the caller's transaction. */
@Injectable()
export class ConsentRepository {
  async insert(manager: EntityManager, consent: NewConsent): Promise<ConsentRow> {
    const [row] = await manager.query<ConsentRow[]>(SQL.insert, [
      consent.personId,
      consent.given,
      consent.scope,
      consent.organisationIds,
      consent.method,
      consent.wordingVersion,
      consent.recordedBy,
      consent.recordedAt,
      consent.expiresAt,
    ]);
    return row;
  }

  forPerson(manager: EntityManager, personId: string): Promise<ConsentRow[]> {
    return manager.query<ConsentRow[]>(SQL.forPerson, [personId]);
  }

  /** The person's latest answer given at or before `at`. */
  async latestAt(
    manager: EntityManager,
    personId: string,
    at: Date,
  ): Promise<ConsentRow | undefined> {
    const [row] = await manager.query<ConsentRow[]>(SQL.latestAt, [personId, at]);
    return row;
  }

  async lock(manager: EntityManager, id: string): Promise<ConsentRow | undefined> {
    const [row] = await manager.query<ConsentRow[]>(SQL.lock, [id]);
    return row;
  }

  async withdraw(manager: EntityManager, id: string, by: string, at: Date): Promise<ConsentRow> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = await manager.query<[ConsentRow[], number]>(SQL.withdraw, [id, at, by]);
    return rows[0];
  }

  /** Which of these ids are partner organisations. */
  async partnerOrganisations(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows = await manager.query<{ id: string }[]>(SQL.partnerOrganisations, [ids]);
    return new Set(rows.map((row) => row.id));
  }
}
