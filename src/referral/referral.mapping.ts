import type { Actor } from '../common/auth/actor.js';
import { snapshotDisplayName } from './referral-snapshot.js';
import { allowedActions, type ReferralSide } from './referral-states.js';
import type { ReferralListItem, ReferralResponse } from './referral.dto.js';
import type { ReferralDetailRow, ReferralListRow } from './referral.queries.js';

export const sideOf = (actor: Actor): ReferralSide =>
  actor.role === 'partner' ? 'partner' : 'front_door';

/** The organisation a viewer is confined to: a partner's own; null (every referral) for the front door. */
export const viewerOrganisation = (actor: Actor): string | null =>
  actor.role === 'partner' ? actor.organisationId : null;

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

/**
 * A referral as this viewer may see it. A partner gets the snapshot, the thread's history and its
 * own answers; never the case, the person record, consent details or another organisation's ids.
 */
export function toReferralResponse(row: ReferralDetailRow, actor: Actor): ReferralResponse {
  const side = sideOf(actor);
  const response: ReferralResponse = {
    id: row.id,
    status: row.status,
    service: { id: row.service_id, name: row.service_name },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    reason: row.reason,
    shared: row.shared_fields,
    snapshot: row.snapshot,
    priority: row.priority,
    areaCode: row.area_code,
    flags: {
      overdue: row.overdue,
      urgent: row.urgent,
      safeguarding: row.safeguarding,
      consentOverride: row.consent_override_reason !== null,
      outOfArea: row.out_of_area_reason !== null,
    },
    sentAt: row.sent_at.toISOString(),
    sentBy: { id: row.sent_by, name: row.sent_by_name },
    dueAt: row.due_at.toISOString(),
    overdueAt: iso(row.overdue_at),
    viewedAt: iso(row.viewed_at),
    answeredAt: iso(row.answered_at),
    declineReason: row.decline_reason,
    outcome: row.outcome,
    closedAt: iso(row.closed_at),
    outOfAreaReason: row.out_of_area_reason,
    allowedActions: allowedActions({ status: row.status, heldFrom: row.held_from }, side),
    history: row.history,
    version: row.version,
  };
  if (side === 'partner') {
    if (row.replaces_organisation_id === actor.organisationId) {
      response.replacesReferralId = row.replaces_referral_id;
    }
    return response;
  }
  return {
    ...response,
    caseId: row.case_id,
    personId: row.person_id,
    consentId: row.consent_id,
    consentOverrideReason: row.consent_override_reason,
    consentOverrideBy:
      row.consent_override_by === null
        ? null
        : { id: row.consent_override_by, name: row.consent_override_by_name ?? '' },
    replacesReferralId: row.replaces_referral_id,
    replacedByReferralId: row.replaced_by_referral_id,
  };
}

export function toReferralListItem(
  row: ReferralListRow & { id: string },
  actor: Actor,
): ReferralListItem {
  const item: ReferralListItem = {
    id: row.id,
    status: row.status,
    service: { id: row.service_id, name: row.service_name },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    personName:
      row.snapshot_name === null ? null : snapshotDisplayName({ name: row.snapshot_name }),
    priority: row.priority,
    areaCode: row.area_code,
    flags: {
      overdue: row.overdue,
      urgent: row.urgent,
      safeguarding: row.safeguarding,
      consentOverride: row.consent_override,
      outOfArea: row.out_of_area,
    },
    sentAt: row.sent_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    viewedAt: iso(row.viewed_at),
    version: row.version,
  };
  return sideOf(actor) === 'partner' ? item : { ...item, caseId: row.case_id };
}

/** What an event about a referral carries: ids, state, flags, due time and area; no personal data. */
export function referralEventData(row: {
  id: string;
  status: string;
  version: number;
  organisation_id: string;
  service_id: string;
  priority: string | null;
  urgent: boolean;
  safeguarding: boolean;
  area_code: string | null;
  due_at: Date;
  overdue_at: Date | null;
}): Record<string, unknown> {
  return {
    referralId: row.id,
    status: row.status,
    version: row.version,
    organisationId: row.organisation_id,
    serviceId: row.service_id,
    priority: row.priority,
    urgent: row.urgent,
    safeguarding: row.safeguarding,
    areaCode: row.area_code,
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'sent' && row.overdue_at !== null,
  };
}
