import type { PersonFlag } from '../intake/people/person.entity.js';
import type { ContactChannel } from '../intake/contacts/contact.entity.js';
import type {
  CaseListItem,
  CaseResponse,
  CaseStateResponse,
  MeasureSummaryResponse,
  UserRef,
} from './case.dto.js';
import type { CaseDetailRow, CaseQueueRow, CaseStateRow } from './case.queries.js';
import type { ReferralStatus } from '../referral/referral-states.js';
import type { OutcomeInstrument } from './cases.config.js';
import {
  summariseMeasures,
  type MeasureSummary,
  type RecordedMeasure,
} from './outcome-measures.js';

/** ISO 8601 UTC from a driver Date or a time SQL already formatted. */
export const iso = (value: Date | string): string => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null): string | null =>
  value === null ? null : iso(value);

const userRef = (id: string | null, name: string | null): UserRef | null =>
  id === null ? null : { id, name: name ?? '' };

/** The fields every view of a case shares, as CASE_STATE_SQL, the queue and the detail read them. */
type CaseCoreRow = Pick<
  CaseStateRow,
  | 'status'
  | 'priority'
  | 'due_at'
  | 'overdue'
  | 'owner_user_id'
  | 'owner_name'
  | 'area_code'
  | 'needs'
  | 'risks'
  | 'safeguarding'
  | 'opened_at'
>;

function caseCore(row: CaseCoreRow) {
  return {
    status: row.status,
    priority: row.priority,
    dueAt: isoOrNull(row.due_at),
    overdue: row.overdue,
    owner: userRef(row.owner_user_id, row.owner_name),
    areaCode: row.area_code,
    needs: row.needs,
    risks: row.risks,
    safeguarding: row.safeguarding,
    openedAt: iso(row.opened_at),
  };
}

export function toCaseState(row: CaseStateRow): CaseStateResponse {
  return {
    id: row.id,
    personId: row.person_id,
    ...caseCore(row),
    closedAt: isoOrNull(row.closed_at),
    version: row.version,
  };
}

export function toCaseListItem(row: CaseQueueRow & { id: string }): CaseListItem {
  return {
    id: row.id,
    ...caseCore(row),
    person: { id: row.person_id, displayName: row.display_name },
    version: row.version,
  };
}

export function toMeasureSummary(summary: MeasureSummary): MeasureSummaryResponse {
  return {
    ...summary,
    baseline:
      summary.baseline === null
        ? null
        : { score: summary.baseline.score, recordedAt: iso(summary.baseline.recordedAt) },
    latestFollowUp:
      summary.latestFollowUp === null
        ? null
        : {
            score: summary.latestFollowUp.score,
            recordedAt: iso(summary.latestFollowUp.recordedAt),
          },
  };
}

export function toCaseResponse(
  row: CaseDetailRow,
  instruments: readonly OutcomeInstrument[],
): CaseResponse {
  const measures: RecordedMeasure[] = row.measures.map((entry) => ({
    measure: entry.measure,
    stage: entry.stage,
    score: entry.score,
    recordedAt: new Date(entry.recordedAt),
  }));
  const triage = row.latest_triage;
  return {
    id: row.id,
    ...caseCore(row),
    openedBy: { id: row.opened_by, name: row.opened_by_name },
    triagedAt: isoOrNull(row.triaged_at),
    person: { ...row.person, flags: row.person.flags as PersonFlag[] },
    contacts: row.contacts.map((contact) => ({
      ...contact,
      channel: contact.channel as ContactChannel,
    })),
    signposts: row.signposts,
    referrals: row.referrals.map((referral) => ({
      ...referral,
      status: referral.status as ReferralStatus,
    })),
    triage: { latest: triage, count: row.triage_count },
    assignments: row.assignments,
    outcomeMeasures: summariseMeasures(measures, instruments).map(toMeasureSummary),
    closed:
      row.closed_at === null || row.close_reason === null || row.closed_by === null
        ? null
        : {
            at: iso(row.closed_at),
            reason: row.close_reason,
            notes: row.close_notes ?? '',
            by: { id: row.closed_by, name: row.closed_by_name ?? '' },
            openReferralsReason: row.close_open_referrals_reason,
          },
    version: row.version,
  };
}
