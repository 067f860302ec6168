import { isoSql } from './case.queries.js';

/**
 * The sources of a case's timeline: each a SELECT, for the case `$1`, of
 * `(at, type, rank, actor_id, id, data)`: when it happened, its type, its rank among things that
 * happened at the same instant (the order of the case's life), who did it, the row's id (the last
 * tie-break), and what a screen shows (jsonb of ids, codes and the words written).
 *
 * This list is the one place the timeline is assembled: a module whose rows belong on a case's
 * timeline (referrals, next) adds its SELECT here, with a rank between the existing ones.
 */
export const CASE_TIMELINE_SOURCES: readonly string[] = [
  `SELECT c.opened_at, 'opened', 0, c.opened_by, c.id,
          jsonb_build_object('personId', c.person_id)
     FROM cases c WHERE c.id = $1`,
  `SELECT ic.started_at, 'contact', 10, ic.handler_user_id, ic.id,
          jsonb_build_object('contactId', ic.id, 'channel', ic.channel, 'reason', ic.reason,
            'notes', ic.notes, 'callerName', ic.caller_name,
            'callerRelationship', ic.caller_relationship,
            'callerOrganisation', ic.caller_organisation, 'endedAt', ${isoSql('ic.ended_at')})
     FROM intake_contacts ic WHERE ic.case_id = $1`,
  `SELECT t.triaged_at, 'triage', 20, t.triaged_by, t.id,
          jsonb_build_object('triageId', t.id, 'priority', t.priority, 'rule', t.rule,
            'dueAt', ${isoSql('t.due_at')},
            'needs', (SELECT coalesce(jsonb_agg(n ->> 'code'), '[]') FROM jsonb_array_elements(t.needs) n),
            'risks', to_jsonb(t.risks), 'safeguarding', t.safeguarding, 'notes', t.notes)
     FROM triages t WHERE t.case_id = $1`,
  `SELECT s.given_at, 'signpost', 30, s.given_by, s.id,
          jsonb_build_object('signpostId', s.id, 'serviceId', s.service_id,
            'serviceName', sv.name, 'notes', s.notes)
     FROM signposts s JOIN services sv ON sv.id = s.service_id WHERE s.case_id = $1`,
  `SELECT a.assigned_at, 'assignment', 40, a.assigned_by, a.id,
          jsonb_build_object('assignmentId', a.id,
            'from', CASE WHEN fu.id IS NULL THEN NULL ELSE jsonb_build_object('id', fu.id, 'name', fu.name) END,
            'to', jsonb_build_object('id', tu.id, 'name', tu.name),
            'overrideReason', a.override_reason)
     FROM case_assignments a
     LEFT JOIN users fu ON fu.id = a.from_user_id
     JOIN users tu ON tu.id = a.to_user_id
    WHERE a.case_id = $1`,
  `SELECT h.at, 'referral', 50, h.actor_user_id, h.id,
          jsonb_build_object('referralId', r.id, 'serviceId', r.service_id,
            'serviceName', sv.name, 'organisationName', o.name, 'action', h.action,
            'from', h.from_status, 'to', h.to_status, 'code', h.code, 'notes', h.notes)
     FROM referral_history h
     JOIN referrals r ON r.id = h.referral_id
     JOIN services sv ON sv.id = r.service_id
     JOIN organisations o ON o.id = r.organisation_id
    WHERE r.case_id = $1`,
  `SELECT n.written_at, 'note', 60, n.written_by, n.id,
          jsonb_build_object('noteId', n.id, 'body', n.body)
     FROM case_notes n WHERE n.case_id = $1`,
  `SELECT m.recorded_at, 'outcome_measure', 70, m.recorded_by, m.id,
          jsonb_build_object('measureId', m.id, 'measure', m.measure, 'stage', m.stage,
            'score', m.score)
     FROM outcome_measures m WHERE m.case_id = $1`,
  `SELECT c.closed_at, 'closed', 100, c.closed_by, c.id,
          jsonb_build_object('reason', c.close_reason, 'notes', c.close_notes,
            'openReferralsReason', c.close_open_referrals_reason)
     FROM cases c WHERE c.id = $1 AND c.closed_at IS NOT NULL`,
];

export interface TimelineRow {
  at: Date;
  type: string;
  /** null: the system (a referral flagged overdue). */
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
}

/** Everything that happened on case `$1`, oldest first, with the actors' names: one statement. */
export function caseTimelineSql(sources: readonly string[] = CASE_TIMELINE_SOURCES): string {
  return `SELECT e.at, e.type, e.actor_id, u.name AS actor_name, e.data
  FROM (${sources.join('\n  UNION ALL\n  ')}) AS e (at, type, rank, actor_id, id, data)
  LEFT JOIN users u ON u.id = e.actor_id
 ORDER BY e.at, e.rank, e.id`;
}

export const CASE_TIMELINE_SQL = caseTimelineSql();
