import {
  CASE_STATUSES,
  type CaseNeed,
  type CaseStatus,
  type CloseReason,
  type MeasureStage,
  type Priority,
} from './case.entity.js';

/** A timestamp as ISO 8601 UTC text inside JSON built by SQL. */
export const isoSql = (expression: string): string =>
  `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** How a person is named on screens that list cases: preferred (or first) name, last name. */
export const DISPLAY_NAME_SQL = (alias: string): string =>
  `coalesce(nullif(${alias}.preferred_name, ''), ${alias}.first_name) || ' ' || ${alias}.last_name`;

/** Open and past its due time. */
const OVERDUE_SQL = `(c.status <> 'closed' AND c.due_at IS NOT NULL AND c.due_at < now())`;

// ---------------------------------------------------------------- the queue

/** What the queue filters on, resolved (need codes with the codes under them; areas inside). */
export interface CaseQueueFilters {
  statuses: CaseStatus[] | null;
  priorities: Priority[] | null;
  /** A user id, or 'none' for cases nobody holds. */
  owner: string | null;
  overdue: boolean | null;
  areaCodes: string[] | null;
  needCodes: string[] | null;
  limit: number;
  offset: number;
}

export interface CaseQueueRow {
  total: string;
  id: string | null;
  person_id: string;
  status: CaseStatus;
  priority: Priority | null;
  due_at: Date | null;
  overdue: boolean;
  owner_user_id: string | null;
  owner_name: string | null;
  area_code: string | null;
  needs: CaseNeed[];
  risks: string[];
  safeguarding: boolean;
  opened_at: Date;
  version: number;
  display_name: string;
}

/** Which of the asked need codes exist, the codes they cover, and the area with the areas inside it. */
export const QUEUE_TERMS_SQL = `SELECT
  ARRAY(SELECT code FROM need_terms WHERE code = ANY($1::text[])) AS needs,
  ARRAY(SELECT t.code FROM need_terms t
         WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS w(code)
                        WHERE t.code = w.code OR starts_with(t.code, w.code || '.'))) AS covered_needs,
  ARRAY(WITH RECURSIVE inside AS (
          SELECT code FROM areas WHERE code = $2::text
          UNION ALL
          SELECT a.code FROM areas a JOIN inside ON a.parent_code = inside.code)
        SELECT code FROM inside) AS areas`;

export interface QueueTerms {
  needs: string[];
  covered_needs: string[];
  areas: string[];
}

/**
 * One page of the queue with its total, in one statement. Only the filters given become
 * conditions, each a plain comparison on the case's own row. The page reads IDX_cases_queue
 * (status, priority, due_at, id) in order: with one status, `status = .. AND priority = ..` and
 * `ORDER BY priority, due_at, id` read the first rows of the index and stop; with several (or no)
 * statuses, one branch per status is merged in order (a Merge Append of index scans), so the
 * whole queue is never sorted. The total is counted from the same index (index-only);
 * `need_codes &&` can use IDX_cases_need_codes.
 * Ordering: P1 first, untriaged (null priority) last, then the earliest due, then id.
 */
export function caseQueueSql(filters: CaseQueueFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (filters.priorities !== null) {
    conditions.push(
      filters.priorities.length === 1
        ? `c.priority = ${param(filters.priorities[0])}::case_priority`
        : `c.priority = ANY(${param(filters.priorities)}::case_priority[])`,
    );
  }
  if (filters.owner === 'none') conditions.push('c.owner_user_id IS NULL');
  else if (filters.owner !== null)
    conditions.push(`c.owner_user_id = ${param(filters.owner)}::uuid`);
  if (filters.overdue === true) conditions.push(OVERDUE_SQL);
  if (filters.overdue === false) conditions.push(`NOT ${OVERDUE_SQL}`);
  if (filters.areaCodes !== null) {
    conditions.push(`c.area_code = ANY(${param(filters.areaCodes)}::text[])`);
  }
  if (filters.needCodes !== null) {
    conditions.push(`c.need_codes && ${param(filters.needCodes)}::text[]`);
  }
  const where = (extra: string[]): string => {
    const all = [...extra, ...conditions];
    return all.length === 0 ? '' : `WHERE ${all.join(' AND ')}`;
  };
  const limit = param(filters.limit);
  const offset = param(filters.offset);
  const columns = `c.id, c.person_id, c.status, c.priority, c.due_at, ${OVERDUE_SQL} AS overdue,
         c.owner_user_id, c.area_code, c.needs, c.risks, c.safeguarding, c.opened_at, c.version`;
  const order = 'ORDER BY c.priority, c.due_at, c.id';
  const statuses = [...new Set(filters.statuses ?? CASE_STATUSES)];
  // One status: the page is the first rows of its index range. Several: each status's first
  // (offset + limit) rows, in index order, then the page of those.
  const page =
    statuses.length === 1
      ? `SELECT ${columns} FROM cases c ${where([`c.status = ${param(statuses[0])}::case_status`])}
   ${order} LIMIT ${limit}::int OFFSET ${offset}::int`
      : `SELECT * FROM (${statuses
          .map(
            (status) => `
    (SELECT ${columns} FROM cases c ${where([`c.status = ${param(status)}::case_status`])}
      ${order} LIMIT ${limit}::int + ${offset}::int)`,
          )
          .join('\n    UNION ALL')}
  ) AS queue
   ORDER BY priority, due_at, id LIMIT ${limit}::int OFFSET ${offset}::int`;
  const countWhere =
    filters.statuses === null
      ? where([])
      : where([`c.status = ANY(${param(statuses)}::case_status[])`]);
  const sql = `WITH page AS (
  ${page}
)
SELECT t.total, p.id, p.person_id, p.status, p.priority, p.due_at, p.overdue, p.owner_user_id,
       u.name AS owner_name, p.area_code, p.needs, p.risks, p.safeguarding, p.opened_at, p.version,
       ${DISPLAY_NAME_SQL('pe')} AS display_name
  FROM (SELECT count(*) AS total FROM cases c ${countWhere}) t
  LEFT JOIN page p ON true
  LEFT JOIN people pe ON pe.id = p.person_id
  LEFT JOIN users u ON u.id = p.owner_user_id
 ORDER BY p.priority, p.due_at, p.id`;
  return { sql, params };
}

// ---------------------------------------------------------------- one case

export interface CaseStateRow {
  id: string;
  person_id: string;
  status: CaseStatus;
  priority: Priority | null;
  due_at: Date | null;
  overdue: boolean;
  owner_user_id: string | null;
  owner_name: string | null;
  area_code: string | null;
  needs: CaseNeed[];
  risks: string[];
  safeguarding: boolean;
  opened_at: Date;
  closed_at: Date | null;
  version: number;
}

/** A case's own fields and its owner's name ($1: the case). */
export const CASE_STATE_SQL = `SELECT c.id, c.person_id, c.status, c.priority, c.due_at, ${OVERDUE_SQL} AS overdue,
       c.owner_user_id, u.name AS owner_name, c.area_code, c.needs, c.risks, c.safeguarding,
       c.opened_at, c.closed_at, c.version
  FROM cases c LEFT JOIN users u ON u.id = c.owner_user_id
 WHERE c.id = $1`;

interface JsonUser {
  id: string;
  name: string;
}

export interface CaseDetailRow extends CaseStateRow {
  opened_by: string;
  opened_by_name: string;
  triaged_at: Date | null;
  close_reason: CloseReason | null;
  close_notes: string | null;
  closed_by: string | null;
  closed_by_name: string | null;
  close_open_referrals_reason: string | null;
  person: {
    id: string;
    firstName: string;
    lastName: string;
    preferredName: string | null;
    displayName: string;
    dateOfBirth: string | null;
    postcode: string | null;
    areaCode: string | null;
    flags: string[];
  };
  contacts: {
    id: string;
    channel: string;
    reason: string;
    notes: string | null;
    callerName: string | null;
    callerRelationship: string | null;
    callerOrganisation: string | null;
    handler: JsonUser;
    startedAt: string;
    endedAt: string | null;
  }[];
  signposts: {
    id: string;
    service: { id: string; name: string };
    notes: string | null;
    givenBy: JsonUser;
    givenAt: string;
  }[];
  referrals: {
    id: string;
    service: { id: string; name: string };
    organisation: { id: string; name: string };
    status: string;
    sentAt: string;
    dueAt: string;
    overdue: boolean;
    version: number;
  }[];
  triage_count: number;
  latest_triage: {
    id: string;
    priority: Priority;
    rule: string;
    dueAt: string;
    needs: CaseNeed[];
    risks: string[];
    safeguarding: boolean;
    notes: string | null;
    triagedBy: JsonUser;
    triagedAt: string;
  } | null;
  assignments: {
    id: string;
    from: JsonUser | null;
    to: JsonUser;
    assignedBy: JsonUser;
    assignedAt: string;
    overrideReason: string | null;
  }[];
  measures: { measure: string; stage: MeasureStage; score: number; recordedAt: string }[];
}

const userJson = (alias: string): string =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.name)`;

/** Everything the case screen shows, in one statement ($1: the case). */
export const CASE_DETAIL_SQL = `SELECT c.id, c.person_id, c.status, c.priority, c.due_at, ${OVERDUE_SQL} AS overdue,
       c.owner_user_id, ow.name AS owner_name, c.area_code, c.needs, c.risks, c.safeguarding,
       c.opened_at, c.closed_at, c.version, c.opened_by, op.name AS opened_by_name, c.triaged_at,
       c.close_reason, c.close_notes, c.closed_by, cl.name AS closed_by_name,
       c.close_open_referrals_reason,
       json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name,
         'preferredName', p.preferred_name, 'displayName', ${DISPLAY_NAME_SQL('p')},
         'dateOfBirth', p.date_of_birth::text, 'postcode', p.postcode, 'areaCode', p.area_code,
         'flags', p.flags) AS person,
       (SELECT coalesce(json_agg(json_build_object('id', ic.id, 'channel', ic.channel,
                 'reason', ic.reason, 'notes', ic.notes, 'callerName', ic.caller_name,
                 'callerRelationship', ic.caller_relationship,
                 'callerOrganisation', ic.caller_organisation, 'handler', ${userJson('h')},
                 'startedAt', ${isoSql('ic.started_at')}, 'endedAt', ${isoSql('ic.ended_at')})
               ORDER BY ic.started_at, ic.id), '[]')
          FROM intake_contacts ic JOIN users h ON h.id = ic.handler_user_id
         WHERE ic.case_id = c.id) AS contacts,
       (SELECT coalesce(json_agg(json_build_object('id', s.id,
                 'service', json_build_object('id', sv.id, 'name', sv.name), 'notes', s.notes,
                 'givenBy', ${userJson('g')}, 'givenAt', ${isoSql('s.given_at')})
               ORDER BY s.given_at, s.id), '[]')
          FROM signposts s JOIN services sv ON sv.id = s.service_id JOIN users g ON g.id = s.given_by
         WHERE s.case_id = c.id) AS signposts,
       (SELECT coalesce(json_agg(json_build_object('id', r.id,
                 'service', json_build_object('id', rs.id, 'name', rs.name),
                 'organisation', json_build_object('id', ro.id, 'name', ro.name),
                 'status', r.status, 'sentAt', ${isoSql('r.sent_at')}, 'dueAt', ${isoSql('r.due_at')},
                 'overdue', r.status = 'sent' AND r.overdue_at IS NOT NULL, 'version', r.version)
               ORDER BY r.sent_at, r.id), '[]')
          FROM referrals r JOIN services rs ON rs.id = r.service_id
          JOIN organisations ro ON ro.id = r.organisation_id
         WHERE r.case_id = c.id) AS referrals,
       (SELECT count(*)::int FROM triages WHERE case_id = c.id) AS triage_count,
       (SELECT json_build_object('id', t.id, 'priority', t.priority, 'rule', t.rule,
                 'dueAt', ${isoSql('t.due_at')}, 'needs', t.needs, 'risks', t.risks,
                 'safeguarding', t.safeguarding, 'notes', t.notes, 'triagedBy', ${userJson('tb')},
                 'triagedAt', ${isoSql('t.triaged_at')})
          FROM triages t JOIN users tb ON tb.id = t.triaged_by
         WHERE t.case_id = c.id ORDER BY t.triaged_at DESC, t.id DESC LIMIT 1) AS latest_triage,
       (SELECT coalesce(json_agg(json_build_object('id', a.id,
                 'from', CASE WHEN fu.id IS NULL THEN NULL ELSE ${userJson('fu')} END,
                 'to', ${userJson('tu')}, 'assignedBy', ${userJson('ab')},
                 'assignedAt', ${isoSql('a.assigned_at')}, 'overrideReason', a.override_reason)
               ORDER BY a.assigned_at, a.id), '[]')
          FROM case_assignments a
          LEFT JOIN users fu ON fu.id = a.from_user_id
          JOIN users tu ON tu.id = a.to_user_id
          JOIN users ab ON ab.id = a.assigned_by
         WHERE a.case_id = c.id) AS assignments,
       (SELECT coalesce(json_agg(json_build_object('measure', m.measure, 'stage', m.stage,
                 'score', m.score, 'recordedAt', ${isoSql('m.recorded_at')})
               ORDER BY m.recorded_at, m.id), '[]')
          FROM outcome_measures m WHERE m.case_id = c.id) AS measures
  FROM cases c
  JOIN people p ON p.id = c.person_id
  JOIN users op ON op.id = c.opened_by
  LEFT JOIN users ow ON ow.id = c.owner_user_id
  LEFT JOIN users cl ON cl.id = c.closed_by
 WHERE c.id = $1`;

/** A case's scores on one instrument, oldest first ($1: the case, $2: the measure). */
export const CASE_MEASURES_SQL = `SELECT measure, stage, score, recorded_at
  FROM outcome_measures WHERE case_id = $1 AND measure = $2 ORDER BY recorded_at, id`;

// ---------------------------------------------------------------- caseload

export interface CaseloadRow {
  id: string;
  name: string;
  role: 'caseworker' | 'team_lead';
  caseload_limit: number | null;
  open_cases: number;
  p1: number;
  p2: number;
  p3: number;
  p4: number;
  untriaged: number;
}

/**
 * Open cases per worker (active caseworkers and team leads of the front door) with their own
 * limit, by priority; sorted by name. With $1, that one user whatever their state.
 */
export const CASELOAD_SQL = `SELECT u.id, u.name, u.role, u.caseload_limit,
       count(c.id)::int AS open_cases,
       (count(c.id) FILTER (WHERE c.priority = 'P1'))::int AS p1,
       (count(c.id) FILTER (WHERE c.priority = 'P2'))::int AS p2,
       (count(c.id) FILTER (WHERE c.priority = 'P3'))::int AS p3,
       (count(c.id) FILTER (WHERE c.priority = 'P4'))::int AS p4,
       (count(c.id) FILTER (WHERE c.priority IS NULL))::int AS untriaged
  FROM users u
  JOIN organisations o ON o.id = u.organisation_id AND o.kind = 'front_door'
  LEFT JOIN cases c ON c.owner_user_id = u.id AND c.status <> 'closed'
 WHERE u.role IN ('caseworker', 'team_lead')
   AND (CASE WHEN $1::uuid IS NULL THEN u.active ELSE u.id = $1::uuid END)
 GROUP BY u.id
 ORDER BY u.name, u.id`;

/** A worker's open cases: counted under the lock on their users row (IDX_cases_owner_open). */
export const OPEN_CASES_OF_SQL = `SELECT count(*)::int AS n FROM cases WHERE owner_user_id = $1 AND status <> 'closed'`;
