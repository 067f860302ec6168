/**
 * A large caseload for the team-queue benchmark: 100,000 people, each with one case, generated in
 * SQL from the row number, so every run has the same data. Shaped like a front door some years
 * in: most cases closed, the rest new, triaged or active; priorities mostly P3, some P2, few P1;
 * due times spread over the month around now; cases spread over the borough's wards, with one to
 * two needs, and the open ones held by forty caseworkers. Then VACUUM ANALYZE and a CHECKPOINT.
 */
import type pg from 'pg';
import { configuredAreas, configuredTaxonomy } from '../src/service-directory/reference-data.js';

export const BENCH_CASES = 100_000;
export const BENCH_CASEWORKERS = 40;

export const FIRST_NAMES = [
  'Amelia',
  'Olivia',
  'Isla',
  'Ava',
  'Mia',
  'Grace',
  'Jack',
  'Harry',
  'George',
  'Noah',
  'Oliver',
  'Leo',
  'Mohammed',
  'Aisha',
  'Zofia',
  'Jan',
  'Priya',
  'Arjun',
  'Margaret',
  'Brian',
  'Susan',
  'David',
  'Patricia',
  'Stephen',
  'Joan',
  'Kevin',
  'Sandra',
  'Gary',
  'Maureen',
  'Paul',
];
export const LAST_NAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Nowak',
  'Kowalski',
  'Hughes',
  'Edwards',
  'Hill',
  'Moore',
  'Clegg',
  'Ashworth',
  'Haworth',
  'Whittle',
  'Sharples',
  'Cookson',
  'Parkinson',
  'Singh',
  'Begum',
];

/** GIN indexes on the tables loaded here, created with fastupdate off. */
const BULK_GIN_INDEXES = ['IDX_people_name_trgm', 'IDX_cases_need_codes'];

export interface CasesData {
  cases: number;
  caseworkers: number;
  /** Wall-clock seconds the inserts, VACUUM ANALYZE and CHECKPOINT took. */
  seconds: number;
}

/**
 * Inserts the people, caseworkers and cases (as the tables' owner), opened by `handlerId`, then
 * VACUUM ANALYZE and CHECKPOINT. Emails are unique within the run through `unique`.
 */
export async function seedCases(
  db: pg.Pool,
  unique: (prefix: string) => string,
  handler: { userId: string; organisationId: string },
  passwordHash: string,
): Promise<CasesData> {
  const started = Date.now();
  const wards = configuredAreas()
    .areas.filter((area) => area.kind === 'ward')
    .map((area) => area.code);
  const needs = configuredTaxonomy().map((term) => term.code);
  const emails = Array.from(
    { length: BENCH_CASEWORKERS },
    () => `${unique('caseworker')}@bench.example`,
  );
  const workers = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash, role, organisation_id)
     SELECT email, 'Bench caseworker ' || n, $2, 'caseworker', $3
       FROM unnest($1::text[]) WITH ORDINALITY AS x(email, n)
     RETURNING id`,
    [emails, passwordHash, handler.organisationId],
  );
  const workerIds = workers.rows.map((row) => row.id);
  // The two GIN indexes write each row straight into the index (fastupdate off, as a running
  // front door wants them): for this bulk load they take rows in batches, then are flushed and
  // set back as the migration made them.
  for (const index of BULK_GIN_INDEXES) {
    await db.query(`ALTER INDEX "${index}" SET (fastupdate = on)`);
  }
  await db.query(
    `INSERT INTO people (first_name, last_name, date_of_birth, postcode, area_code, created_by, created_at)
     SELECT ($1::text[])[1 + i % cardinality($1::text[])],
            ($2::text[])[1 + (i / 7) % cardinality($2::text[])],
            date '1935-01-01' + (i * 7919) % 25000,
            NULL,
            ($3::text[])[1 + (i * 31) % cardinality($3::text[])],
            $4, now() - make_interval(days => i % 1500)
       FROM generate_series(1, $5::int) AS i`,
    [FIRST_NAMES, LAST_NAMES, wards, handler.userId, BENCH_CASES],
  );
  // Per person i (in creation order): a status, a priority and a due time from fixed hashes of i.
  await db.query(
    `WITH numbered AS (
       SELECT id, area_code, (row_number() OVER (ORDER BY created_at DESC, id))::int AS i FROM people
     ), shaped AS (
       SELECT id, area_code, i,
              CASE WHEN i % 100 < 60 THEN 'closed' WHEN i % 100 < 68 THEN 'new'
                   WHEN i % 100 < 82 THEN 'triaged' ELSE 'active' END::case_status AS status,
              CASE WHEN (i * 13) % 100 < 3 THEN 'P1' WHEN (i * 13) % 100 < 20 THEN 'P2'
                   WHEN (i * 13) % 100 < 80 THEN 'P3' ELSE 'P4' END::case_priority AS priority,
              ($2::text[])[1 + (i * 17) % cardinality($2::text[])] AS need1,
              ($2::text[])[1 + (i * 29) % cardinality($2::text[])] AS need2
         FROM numbered
     )
     INSERT INTO cases (person_id, status, priority, due_at, owner_user_id, area_code, needs, need_codes,
                        risks, safeguarding, opened_by, opened_at, triaged_at, closed_at, close_reason, close_notes)
     SELECT id, status,
            CASE WHEN status = 'new' THEN NULL ELSE priority END,
            CASE WHEN status = 'new' THEN NULL ELSE now() + make_interval(mins => ((i * 7907) % 86400) - 43200) END,
            CASE WHEN status = 'active' OR (status = 'closed' AND i % 3 = 0)
                 THEN ($3::uuid[])[1 + i % cardinality($3::uuid[])] END,
            area_code,
            CASE WHEN status = 'new' THEN '[]'::jsonb
                 ELSE jsonb_build_array(jsonb_build_object('code', need1, 'severity', 1 + i % 3)) END,
            CASE WHEN status = 'new' THEN '{}'::text[] ELSE ARRAY[need1] END,
            CASE WHEN status <> 'new' AND priority = 'P1' THEN ARRAY['adult_safeguarding'] ELSE '{}'::text[] END,
            status <> 'new' AND priority = 'P1',
            $1, now() - make_interval(days => i % 1500),
            CASE WHEN status = 'new' THEN NULL ELSE now() - make_interval(days => i % 1500) END,
            CASE WHEN status = 'closed' THEN now() - make_interval(days => i % 1400) END,
            CASE WHEN status = 'closed' THEN 'support_complete'::case_close_reason END,
            CASE WHEN status = 'closed' THEN 'Closed.' END
       FROM shaped`,
    [handler.userId, needs, workerIds],
  );
  for (const index of BULK_GIN_INDEXES) {
    await db.query(`SELECT gin_clean_pending_list($1::regclass)`, [`"${index}"`]);
    await db.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
  }
  await db.query('VACUUM ANALYZE people, cases, users');
  // Written out now, rather than by the checkpointer while the scenarios are measured.
  await db.query('CHECKPOINT');
  return {
    cases: BENCH_CASES,
    caseworkers: BENCH_CASEWORKERS,
    seconds: (Date.now() - started) / 1000,
  };
}
