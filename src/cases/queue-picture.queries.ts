import { isoSql } from './case.queries.js';

/** Items per list in the picture; each list's count is of all. */
export const PICTURE_LIST_LIMIT = 100;

/** Open and past its due time. */
const OVERDUE = `(c.due_at IS NOT NULL AND c.due_at < now())`;

/** The open cases in the picture's figures, counted once each. */
export const PICTURE_COUNTS_SQL = `SELECT count(*)::int AS open,
       (count(*) FILTER (WHERE c.status = 'new'))::int AS untriaged,
       (count(*) FILTER (WHERE c.priority = 'P1'))::int AS p1,
       (count(*) FILTER (WHERE c.priority = 'P2'))::int AS p2,
       (count(*) FILTER (WHERE c.owner_user_id IS NULL))::int AS unassigned,
       (count(*) FILTER (WHERE ${OVERDUE}))::int AS overdue,
       (SELECT count(*) FROM referrals r WHERE r.status = 'sent' AND r.overdue_at IS NOT NULL)::int
         AS overdue_referrals
  FROM cases c
 WHERE c.status <> 'closed'`;

/** A case as the picture lists it: ids, states and flags, as its events carry them; no person. */
const CASE_TILE = `json_build_object(
  'caseId', c.id, 'status', c.status, 'priority', c.priority, 'ownerId', c.owner_user_id,
  'areaCode', c.area_code, 'safeguarding', c.safeguarding, 'dueAt', ${isoSql('c.due_at')},
  'overdue', ${OVERDUE}, 'openedAt', ${isoSql('c.opened_at')}, 'version', c.version)`;

/** Open cases nobody has triaged yet, oldest first. */
export const UNTRIAGED_SQL = `SELECT ${CASE_TILE} AS tile FROM cases c
 WHERE c.status = 'new' ORDER BY c.opened_at, c.id LIMIT ${PICTURE_LIST_LIMIT}`;

/** Open P1 and P2 cases, P1 first, soonest due first. */
export const URGENT_SQL = `SELECT ${CASE_TILE} AS tile FROM cases c
 WHERE c.status <> 'closed' AND c.priority IN ('P1', 'P2')
 ORDER BY c.priority, c.due_at NULLS LAST, c.id LIMIT ${PICTURE_LIST_LIMIT}`;

/** Open cases nobody holds, most urgent first (untriaged before P4), oldest first. */
export const UNASSIGNED_SQL = `SELECT ${CASE_TILE} AS tile FROM cases c
 WHERE c.status <> 'closed' AND c.owner_user_id IS NULL
 ORDER BY c.priority NULLS LAST, c.due_at NULLS LAST, c.opened_at, c.id LIMIT ${PICTURE_LIST_LIMIT}`;

/**
 * Referrals past their response time that nobody has answered, longest overdue first: the fields
 * of their events, with the partner's and the service's names (no person).
 */
export const OVERDUE_REFERRALS_SQL = `SELECT json_build_object(
  'referralId', r.id, 'status', r.status, 'version', r.version,
  'organisationId', r.organisation_id, 'organisationName', o.name,
  'serviceId', r.service_id, 'serviceName', s.name,
  'priority', r.priority, 'urgent', r.urgent, 'safeguarding', r.safeguarding,
  'areaCode', r.area_code, 'sentAt', ${isoSql('r.sent_at')}, 'dueAt', ${isoSql('r.due_at')},
  'overdue', true) AS tile
  FROM referrals r
  JOIN organisations o ON o.id = r.organisation_id
  JOIN services s ON s.id = r.service_id
 WHERE r.status = 'sent' AND r.overdue_at IS NOT NULL
 ORDER BY r.due_at, r.id LIMIT ${PICTURE_LIST_LIMIT}`;
