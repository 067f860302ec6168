import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsentScope } from '../consent/consent.entity.js';
import type { PersonFlag } from './person.entity.js';

/** A person's row as the people SQL reads it, with their latest consent (if any). */
export interface PersonRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  phone: string | null;
  phone_normalised: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  area_code: string | null;
  language: string | null;
  communication_needs: string | null;
  flags: PersonFlag[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface LatestConsentColumns {
  consent_id: string | null;
  consent_given: boolean | null;
  consent_scope: ConsentScope | null;
  consent_organisation_ids: string[] | null;
  consent_recorded_at: Date | null;
  consent_expires_at: Date | null;
  consent_withdrawn_at: Date | null;
}

export type PersonWithConsentRow = PersonRow & LatestConsentColumns;

/** The values of a person's own columns (the area is derived from the postcode's sector). */
export interface PersonValues {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  phoneNormalised: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  /** The postcode's sector, e.g. `PR25 1`, to find the ward. */
  postcodeSector: string | null;
  language: string | null;
  communicationNeeds: string | null;
  flags: PersonFlag[];
}

/** Equality monitoring columns, by their API names. */
export const EQUALITY_COLUMNS = {
  ageBand: 'age_band',
  sex: 'sex',
  genderIdentity: 'gender_identity',
  ethnicity: 'ethnicity',
  disability: 'disability',
  religion: 'religion',
  sexualOrientation: 'sexual_orientation',
} as const;
export type EqualityField = keyof typeof EQUALITY_COLUMNS;

/** What a duplicate search looks for, normalised; null where not given. */
export interface CandidateQuery {
  /** Lower-case full name (or part of one). */
  name: string | null;
  dateOfBirth: string | null;
  /** Normalised, e.g. `PR25 1DH`. */
  postcode: string | null;
  /** Digits, national form. */
  phone: string | null;
  /** similarity() from which a name counts. */
  nameThreshold: number;
  /** At most this many people per signal. */
  limitPerSignal: number;
}

export interface CandidateRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  postcode: string | null;
  area_code: string | null;
  name_similarity: number | null;
  same_date_of_birth: boolean;
  same_postcode: boolean;
  same_phone: boolean;
}

export interface PersonAuditRow {
  id: string;
  occurred_at: Date;
  action: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  details: Record<string, unknown>;
}

const PERSON_COLUMNS = `p.id, p.first_name, p.last_name, p.preferred_name, p.date_of_birth::text AS date_of_birth,
  p.phone, p.phone_normalised, p.email, p.address, p.postcode, p.area_code, p.language,
  p.communication_needs, p.flags, p.version, p.created_at, p.updated_at`;

/** The same columns for a RETURNING clause (no alias there). */
const RETURNED_COLUMNS = PERSON_COLUMNS.replace(/\bp\./g, '');

const SQL = {
  insert: `INSERT INTO people (first_name, last_name, preferred_name, date_of_birth, phone, phone_normalised,
                               email, address, postcode, area_code, language, communication_needs, flags, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                   (SELECT area_code FROM area_postcode_sectors WHERE sector = $10),
                   $11, $12, $13, $14)
           RETURNING id, first_name, last_name, preferred_name, date_of_birth::text AS date_of_birth,
                     phone, phone_normalised, email, address, postcode, area_code, language,
                     communication_needs, flags, version, created_at, updated_at`,

  update: `UPDATE people
              SET first_name = $2, last_name = $3, preferred_name = $4, date_of_birth = $5, phone = $6,
                  phone_normalised = $7, email = $8, address = $9, postcode = $10,
                  area_code = (SELECT area_code FROM area_postcode_sectors WHERE sector = $11),
                  language = $12, communication_needs = $13, flags = $14,
                  version = version + 1, updated_at = now()
            WHERE id = $1
        RETURNING ${RETURNED_COLUMNS}`,

  lock: `SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = $1 FOR UPDATE`,

  /** The person with their latest consent record (the one that says what holds now). */
  withLatestConsent: `SELECT ${PERSON_COLUMNS},
                             c.id AS consent_id, c.given AS consent_given, c.scope AS consent_scope,
                             c.organisation_ids AS consent_organisation_ids,
                             c.recorded_at AS consent_recorded_at, c.expires_at AS consent_expires_at,
                             c.withdrawn_at AS consent_withdrawn_at
                        FROM people p
                        LEFT JOIN LATERAL (
                              SELECT id, given, scope, organisation_ids, recorded_at, expires_at, withdrawn_at
                                FROM consents
                               WHERE person_id = p.id
                               ORDER BY recorded_at DESC, created_at DESC, id DESC
                               LIMIT 1) c ON true
                       WHERE p.id = $1`,

  reference: `SELECT id, area_code, version FROM people WHERE id = $1`,

  /**
   * Everyone who agrees on at least one signal, each signal looked up on its own index and
   * capped (so a date of birth or postcode shared by many cannot make the search slow): a similar
   * full name (the trigram index answers `%`, pg_trgm's threshold 0.3; similarity() then applies
   * ours), the most similar first; the same date of birth, normalised phone or postcode. Each
   * candidate's signals are then measured for the scoring. The full name is written as the
   * trigram index IDX_people_name_trgm is built on, lower(first_name || ' ' || last_name): keep
   * them identical.
   */
  candidates: `WITH hits AS (
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
                 FROM hits JOIN people p ON p.id = hits.id`,

  auditCount: `SELECT count(*)::int AS total FROM audit_log WHERE entity_type = 'person' AND entity_id = $1`,

  /** Who did or saw what with a person's record, newest first, with the user's name. */
  auditPage: `SELECT a.id::text AS id, a.occurred_at, a.action, a.actor_user_id, a.actor_role,
                     u.name AS actor_name, a.details
                FROM audit_log a
                LEFT JOIN users u ON u.id = a.actor_user_id
               WHERE a.entity_type = 'person' AND a.entity_id = $1
               ORDER BY a.occurred_at DESC, a.id DESC
               LIMIT $2 OFFSET $3`,
};

/** Equality answers: inserted, or updated where any given answer differs; true if written. */
function equalityUpsert(fields: EqualityField[]): string {
  const columns = fields.map((field) => EQUALITY_COLUMNS[field]);
  const placeholders = columns.map((_, index) => `$${index + 2}`);
  const changed = columns.map(
    (column) => `person_equality.${column} IS DISTINCT FROM EXCLUDED.${column}`,
  );
  return `INSERT INTO person_equality (person_id${columns.map((column) => `, ${column}`).join('')})
          VALUES ($1${placeholders.map((placeholder) => `, ${placeholder}`).join('')})
          ON CONFLICT (person_id) DO UPDATE
             SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
           WHERE ${changed.join(' OR ')}
       RETURNING person_id`;
}

/** People's SQL, in the caller's transaction. */
@Injectable()
export class PersonRepository {
  async insert(
    manager: EntityManager,
    values: PersonValues,
    createdBy: string,
  ): Promise<PersonRow> {
    const [row] = await manager.query<PersonRow[]>(SQL.insert, [
      values.firstName,
      values.lastName,
      values.preferredName,
      values.dateOfBirth,
      values.phone,
      values.phoneNormalised,
      values.email,
      values.address,
      values.postcode,
      values.postcodeSector,
      values.language,
      values.communicationNeeds,
      values.flags,
      createdBy,
    ]);
    return row;
  }

  async update(manager: EntityManager, id: string, values: PersonValues): Promise<PersonRow> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = await manager.query<[PersonRow[], number]>(SQL.update, [
      id,
      values.firstName,
      values.lastName,
      values.preferredName,
      values.dateOfBirth,
      values.phone,
      values.phoneNormalised,
      values.email,
      values.address,
      values.postcode,
      values.postcodeSector,
      values.language,
      values.communicationNeeds,
      values.flags,
    ]);
    return rows[0];
  }

  /** The person, locked for the rest of the transaction; undefined if there is none. */
  async lock(manager: EntityManager, id: string): Promise<PersonRow | undefined> {
    const [row] = await manager.query<PersonRow[]>(SQL.lock, [id]);
    return row;
  }

  async findWithLatestConsent(
    manager: EntityManager,
    id: string,
  ): Promise<PersonWithConsentRow | undefined> {
    const [row] = await manager.query<PersonWithConsentRow[]>(SQL.withLatestConsent, [id]);
    return row;
  }

  /** Just what a contact needs of an existing person. */
  async findReference(
    manager: EntityManager,
    id: string,
  ): Promise<{ id: string; area_code: string | null; version: number } | undefined> {
    const [row] = await manager.query<{ id: string; area_code: string | null; version: number }[]>(
      SQL.reference,
      [id],
    );
    return row;
  }

  /** Writes the given equality answers; true when something was inserted or changed. */
  async writeEquality(
    manager: EntityManager,
    personId: string,
    answers: Partial<Record<EqualityField, string | null>>,
  ): Promise<boolean> {
    const fields = (Object.keys(EQUALITY_COLUMNS) as EqualityField[]).filter(
      (field) => answers[field] !== undefined,
    );
    if (fields.length === 0) return false;
    const written = await manager.query<unknown[]>(equalityUpsert(fields), [
      personId,
      ...fields.map((field) => answers[field] ?? null),
    ]);
    return written.length > 0;
  }

  async findCandidates(manager: EntityManager, query: CandidateQuery): Promise<CandidateRow[]> {
    const rows = await manager.query<CandidateRow[]>(SQL.candidates, [
      query.name,
      query.dateOfBirth,
      query.postcode,
      query.phone,
      query.nameThreshold,
      query.limitPerSignal,
    ]);
    return rows.map((row) => ({
      ...row,
      name_similarity: row.name_similarity === null ? null : Number(row.name_similarity),
    }));
  }

  async auditPage(
    manager: EntityManager,
    personId: string,
    page: number,
    perPage: number,
  ): Promise<{ rows: PersonAuditRow[]; total: number }> {
    const [{ total }] = await manager.query<{ total: number }[]>(SQL.auditCount, [personId]);
    const rows =
      total === 0
        ? []
        : await manager.query<PersonAuditRow[]>(SQL.auditPage, [
            personId,
            perPage,
            (page - 1) * perPage,
          ]);
    return { rows, total };
  }
}
