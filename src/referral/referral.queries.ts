import type { Priority } from '../cases/case.entity.js';
import { isoSql } from '../cases/case.queries.js';
import type { ReferralSnapshot, SharedField, SnapshotName } from './referral-snapshot.js';
import type {
  DeclineReason,
  ReferralAction,
  ReferralOutcome,
  ReferralStatus,
} from './referral-states.js';

/** Flagged overdue and still waiting for an answer. */
export const OVERDUE_SQL = `(r.status = 'sent' AND r.overdue_at IS NOT NULL)`;

/** What a transition reads first: where the referral is, and whom it belongs to. */
export interface ReferralPositionRow {
  id: string;
  status: ReferralStatus;
  held_from: ReferralStatus | null;
  version: number;
  organisation_id: string;
}

/**
 * The referral `$1` if this viewer may see it: `$2` is the partner's organisation, or null for the
 * front door (which sees every referral). Another organisation's referral is simply not found.
 */
export const REFERRAL_POSITION_SQL = `SELECT id, status, held_from, version, organisation_id
  FROM referrals WHERE id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`;

export interface ReferralDetailRow {
  id: string;
  case_id: string;
  person_id: string;
  service_id: string;
  service_name: string;
  organisation_id: string;
  organisation_name: string;
  status: ReferralStatus;
  held_from: ReferralStatus | null;
  reason: string;
  shared_fields: SharedField[];
  snapshot: ReferralSnapshot;
  priority: Priority | null;
  urgent: boolean;
  safeguarding: boolean;
  overdue: boolean;
  area_code: string | null;
  out_of_area_reason: string | null;
  consent_id: string | null;
  consent_override_reason: string | null;
  consent_override_by: string | null;
  consent_override_by_name: string | null;
  replaces_referral_id: string | null;
  replaces_organisation_id: string | null;
  replaced_by_referral_id: string | null;
  sent_by: string;
  sent_by_name: string;
  sent_at: Date;
  due_at: Date;
  overdue_at: Date | null;
  viewed_at: Date | null;
  answered_at: Date | null;
  decline_reason: DeclineReason | null;
  outcome: ReferralOutcome | null;
  closed_at: Date | null;
  version: number;
  history: {
    at: string;
    action: string;
    from: ReferralStatus | null;
    to: ReferralStatus;
    code: string | null;
    notes: string | null;
    actor: { id: string; name: string } | null;
  }[];
}

/** One referral with its history, for a viewer (`$2`: as in REFERRAL_POSITION_SQL). */
export const REFERRAL_DETAIL_SQL = `SELECT r.id, r.case_id, r.person_id, r.service_id, s.name AS service_name,
       r.organisation_id, o.name AS organisation_name, r.status, r.held_from, r.reason,
       r.shared_fields, r.snapshot, r.priority, r.urgent, r.safeguarding, ${OVERDUE_SQL} AS overdue,
       r.area_code, r.out_of_area_reason, r.consent_id, r.consent_override_reason,
       r.consent_override_by, ob.name AS consent_override_by_name, r.replaces_referral_id,
       rp.organisation_id AS replaces_organisation_id,
       (SELECT n.id FROM referrals n WHERE n.replaces_referral_id = r.id) AS replaced_by_referral_id,
       r.sent_by, sb.name AS sent_by_name, r.sent_at, r.due_at, r.overdue_at, r.viewed_at,
       r.answered_at, r.decline_reason, r.outcome, r.closed_at, r.version,
       (SELECT coalesce(json_agg(json_build_object('at', ${isoSql('h.at')}, 'action', h.action,
                 'from', h.from_status, 'to', h.to_status, 'code', h.code, 'notes', h.notes,
                 'actor', CASE WHEN hu.id IS NULL THEN NULL
                               ELSE json_build_object('id', hu.id, 'name', hu.name) END)
               ORDER BY h.at, h.id), '[]')
          FROM referral_history h LEFT JOIN users hu ON hu.id = h.actor_user_id
         WHERE h.referral_id = r.id) AS history
  FROM referrals r
  JOIN services s ON s.id = r.service_id
  JOIN organisations o ON o.id = r.organisation_id
  JOIN users sb ON sb.id = r.sent_by
  LEFT JOIN users ob ON ob.id = r.consent_override_by
  LEFT JOIN referrals rp ON rp.id = r.replaces_referral_id
 WHERE r.id = $1 AND ($2::uuid IS NULL OR r.organisation_id = $2)`;

/** What a transition writes: the new position, and what the action records on the referral. */
export interface TransitionWrite {
  id: string;
  version: number;
  status: ReferralStatus;
  heldFrom: ReferralStatus | null;
  answered: boolean;
  closed: boolean;
  declineReason: DeclineReason | null;
  outcome: ReferralOutcome | null;
  /** Its history row: the action, the status it moved from, its code and notes, and who acted. */
  action: ReferralAction;
  from: ReferralStatus;
  code: string | null;
  notes: string | null;
  actorUserId: string;
}

/** A referral's row as a change returns it: what its event and audit need. */
export interface ReferralEventRow {
  id: string;
  status: ReferralStatus;
  version: number;
  organisation_id: string;
  service_id: string;
  priority: Priority | null;
  urgent: boolean;
  safeguarding: boolean;
  area_code: string | null;
  due_at: Date;
  overdue_at: Date | null;
  person_id: string;
  case_id: string;
}

/**
 * The compare-and-set, with its history row: changes the referral only if it still has the version
 * the user saw. No row back (and no history) means someone else changed it first.
 */
export const TRANSITION_SQL = `WITH changed AS (
  UPDATE referrals
     SET status = $3, held_from = $4,
         answered_at = CASE WHEN $5 THEN now() ELSE answered_at END,
         closed_at = CASE WHEN $6 THEN now() ELSE closed_at END,
         decline_reason = coalesce($7, decline_reason), outcome = coalesce($8, outcome),
         version = version + 1, updated_at = now()
   WHERE id = $1 AND version = $2
  RETURNING id, status, version, organisation_id, service_id, priority, urgent, safeguarding,
            area_code, due_at, overdue_at, person_id, case_id
), history AS (
  INSERT INTO referral_history
    (referral_id, action, from_status, to_status, code, notes, actor_user_id)
  SELECT id, $9, $10, status, $11, $12, $13 FROM changed
)
SELECT * FROM changed`;

export function transitionParams(write: TransitionWrite): unknown[] {
  return [
    write.id,
    write.version,
    write.status,
    write.heldFrom,
    write.answered,
    write.closed,
    write.declineReason,
    write.outcome,
    write.action,
    write.from,
    write.code,
    write.notes,
    write.actorUserId,
  ];
}

/**
 * The receiving partner's first view ($1 the referral, $2 the partner's organisation, $3 the
 * user): sets viewed_at once; a row back only the first time.
 */
export const RECORD_FIRST_PARTNER_VIEW_SQL = `WITH viewed AS (
  UPDATE referrals SET viewed_at = now(), viewed_by = $3
   WHERE id = $1 AND organisation_id = $2 AND viewed_at IS NULL
  RETURNING id, status, version, organisation_id, service_id, priority, urgent, safeguarding,
            area_code, due_at, overdue_at, person_id, case_id
)
SELECT * FROM viewed`;

export const INSERT_HISTORY_SQL = `INSERT INTO referral_history
  (referral_id, action, from_status, to_status, code, notes, actor_user_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

// ---------------------------------------------------------------- the inbox

export interface ReferralListFilters {
  /** The partner's organisation, or null for the front door. */
  viewerOrganisationId: string | null;
  statuses: ReferralStatus[] | null;
  overdue: boolean | null;
  serviceId: string | null;
  caseId: string | null;
  organisationId: string | null;
  limit: number;
  offset: number;
}

export interface ReferralListRow {
  total: string;
  id: string | null;
  case_id: string;
  person_id: string;
  service_id: string;
  service_name: string;
  organisation_id: string;
  organisation_name: string;
  status: ReferralStatus;
  /** The snapshot's name, when the name was shared. */
  snapshot_name: SnapshotName | null;
  priority: Priority | null;
  area_code: string | null;
  urgent: boolean;
  safeguarding: boolean;
  overdue: boolean;
  consent_override: boolean;
  out_of_area: boolean;
  sent_at: Date;
  due_at: Date;
  viewed_at: Date | null;
  version: number;
}

/** The conditions that scope a list and its counts: whose referrals, which service, case. */
function scope(filters: ReferralListFilters, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filters.viewerOrganisationId !== null) {
    add((p) => `r.organisation_id = ${p}`, filters.viewerOrganisationId);
  }
  if (filters.organisationId !== null)
    add((p) => `r.organisation_id = ${p}`, filters.organisationId);
  if (filters.serviceId !== null) add((p) => `r.service_id = ${p}`, filters.serviceId);
  if (filters.caseId !== null) add((p) => `r.case_id = ${p}`, filters.caseId);
  return where;
}

/**
 * One page of referrals, newest first, with the total, in one statement. The viewer's scope is
 * the first condition, so a partner's page and total come from its organisation's rows only
 * (IDX_referrals_inbox). Only the filters given become conditions.
 */
export function referralListSql(filters: ReferralListFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = scope(filters, params);
  if (filters.statuses !== null) {
    params.push(filters.statuses);
    where.push(`r.status = ANY($${params.length}::referral_status[])`);
  }
  if (filters.overdue !== null) where.push(filters.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
  params.push(filters.limit, filters.offset);
  const limit = `$${params.length - 1}`;
  const offset = `$${params.length}`;
  const sql = `WITH matching AS (
  SELECT r.id, r.sent_at FROM referrals r
  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
), page AS (
  SELECT id FROM matching ORDER BY sent_at DESC, id DESC LIMIT ${limit} OFFSET ${offset}
)
SELECT (SELECT count(*) FROM matching) AS total, r.id, r.case_id, r.person_id, r.service_id,
       s.name AS service_name, r.organisation_id, o.name AS organisation_name, r.status,
       r.snapshot -> 'name' AS snapshot_name, r.priority, r.area_code, r.urgent, r.safeguarding,
       ${OVERDUE_SQL} AS overdue, r.consent_override_reason IS NOT NULL AS consent_override,
       r.out_of_area_reason IS NOT NULL AS out_of_area, r.sent_at, r.due_at, r.viewed_at, r.version
  FROM (SELECT 1) AS always
  LEFT JOIN (page JOIN referrals r ON r.id = page.id
             JOIN services s ON s.id = r.service_id
             JOIN organisations o ON o.id = r.organisation_id) ON true
 ORDER BY r.sent_at DESC, r.id DESC`;
  return { sql, params };
}

export interface ReferralCountRow {
  status: ReferralStatus;
  count: string;
  overdue: string;
}

/** The viewer's referrals by status within the scope (not the status or overdue filters). */
export function referralCountsSql(filters: ReferralListFilters): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const where = scope(filters, params);
  const sql = `SELECT r.status, count(*) AS count, count(*) FILTER (WHERE ${OVERDUE_SQL}) AS overdue
  FROM referrals r ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
 GROUP BY r.status`;
  return { sql, params };
}
