import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { CaseRow } from '../cases/case.service.js';
import { CaseService } from '../cases/case.service.js';
import type { Actor } from '../common/auth/actor.js';
import { ConsentService } from '../intake/consent/consent.service.js';
import { EventLog } from '../live/event-log.js';
import { takeSnapshot, type SnapshotSource } from './referral-snapshot.js';
import { OPEN_REFERRAL_STATUSES } from './referral-states.js';
import {
  isUrgent,
  REFERRAL_SETTINGS,
  responseHours,
  type ReferralSettings,
} from './referral.config.js';
import type {
  ApproveConsentOverrideRequest,
  ConsentOverrideApprovalResponse,
  ReferralResponse,
  SendReferralRequest,
} from './referral.dto.js';
import { ReferralErrors } from './referral.errors.js';
import { referralEventData, toReferralResponse } from './referral.mapping.js';
import {
  INSERT_HISTORY_SQL,
  REFERRAL_DETAIL_SQL,
  type ReferralDetailRow,
  type ReferralEventRow,
} from './referral.queries.js';

interface ServiceRow {
  id: string;
  status: string;
  accepting_referrals: boolean;
  response_target_hours: number | null;
  receiving_organisation_id: string;
  /** null when the person's area is not known. */
  serves_area: boolean | null;
}

/** The service, and whether one of its areas is the person's area ($2) or contains it. */
const SERVICE_SQL = `SELECT s.id, s.status, s.accepting_referrals, s.response_target_hours,
       s.receiving_organisation_id,
       CASE WHEN $2::text IS NULL THEN NULL
            ELSE coalesce(s.area_codes, '{}') && ARRAY(
              WITH RECURSIVE up AS (
                SELECT code::text, parent_code FROM areas WHERE code = $2::text
                UNION ALL
                SELECT a.code::text, a.parent_code FROM areas a JOIN up ON a.code = up.parent_code)
              SELECT code FROM up) END AS serves_area
  FROM services s WHERE s.id = $1`;

interface PersonRow {
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  language: string | null;
  communication_needs: string | null;
  flags: string[];
  area_code: string | null;
}

const PERSON_SQL = `SELECT first_name, last_name, preferred_name, date_of_birth::text AS date_of_birth,
       phone, email, address, postcode, language, communication_needs, flags, area_code
  FROM people WHERE id = $1`;

/** How the sharing was justified: the person's consent, or a team lead's override. */
interface SharingBasis {
  consentId: string | null;
  consentState: string;
  override: { reason: string; by: string; approvalId: string | null } | null;
}

interface ApprovalRow {
  id: string;
  case_id: string;
  service_id: string;
  reason: string;
  approved_by: string;
  approved_by_name: string;
  approved_at: Date;
  expires_at: Date;
  used_by_referral_id: string | null;
}

/**
 * Sending referrals: the guards (an open case, a service that accepts referrals and covers the
 * person's area, no open referral to it already, consent or a team lead's override), the
 * snapshot of what is shared, and re-routing a declined referral. One transaction each.
 */
@Injectable()
export class ReferralSendService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly consents: ConsentService,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    @Inject(REFERRAL_SETTINGS) private readonly settings: ReferralSettings,
  ) {}

  async send(
    actor: Actor,
    caseId: string,
    request: SendReferralRequest,
  ): Promise<ReferralResponse> {
    return this.dataSource.transaction(async (manager) => {
      // The case's row lock makes sends on one case take turns: the duplicate check holds.
      const current = await this.cases.lockOpenCase(manager, caseId);
      const [person] = await manager.query<PersonRow[]>(PERSON_SQL, [current.person_id]);
      const [service] = await manager.query<ServiceRow[]>(SERVICE_SQL, [
        request.serviceId,
        person.area_code,
      ]);
      if (service === undefined) throw ReferralErrors.serviceUnknown();
      if (service.status !== 'active') throw ReferralErrors.serviceNotActive();
      if (!service.accepting_referrals) throw ReferralErrors.serviceNotAccepting();
      if (service.serves_area === false && request.outOfAreaReason === undefined) {
        throw ReferralErrors.outsideArea(person.area_code ?? '');
      }
      if (request.replacesReferralId !== undefined) {
        await this.checkReroute(manager, caseId, request.replacesReferralId);
      }
      const [open] = await manager.query<{ id: string }[]>(
        `SELECT id FROM referrals
          WHERE case_id = $1 AND service_id = $2 AND status = ANY($3::referral_status[])`,
        [caseId, service.id, OPEN_REFERRAL_STATUSES],
      );
      if (open !== undefined) throw ReferralErrors.duplicateOpen(open.id);
      const basis = await this.sharingBasis(manager, actor, current, service, request);

      const [created] = await manager.query<ReferralEventRow[]>(
        `INSERT INTO referrals (case_id, person_id, service_id, organisation_id, reason,
           shared_fields, snapshot, priority, urgent, safeguarding, area_code, out_of_area_reason,
           consent_id, consent_override_reason, consent_override_by, replaces_referral_id,
           sent_by, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 now() + make_interval(hours => $18))
         RETURNING id, status, version, organisation_id, service_id, priority, urgent,
                   safeguarding, area_code, due_at, overdue_at, person_id, case_id`,
        [
          caseId,
          current.person_id,
          service.id,
          service.receiving_organisation_id,
          request.reason,
          request.shared,
          JSON.stringify(takeSnapshot(snapshotSource(person, current), request.shared)),
          current.priority,
          isUrgent(current.priority, this.settings),
          current.safeguarding,
          person.area_code,
          service.serves_area === false ? (request.outOfAreaReason ?? null) : null,
          basis.consentId,
          basis.override?.reason ?? null,
          basis.override?.by ?? null,
          request.replacesReferralId ?? null,
          actor.userId,
          responseHours(service.response_target_hours, current.priority, this.settings),
        ],
      );
      if (basis.override?.approvalId != null) {
        await manager.query(
          `UPDATE consent_override_approvals SET used_by_referral_id = $2 WHERE id = $1`,
          [basis.override.approvalId, created.id],
        );
      }
      await manager.query(INSERT_HISTORY_SQL, [
        created.id,
        'send',
        null,
        'sent',
        null,
        null,
        actor.userId,
      ]);
      await this.recordSending(manager, actor, created, request, basis, service.serves_area);
      await this.events.append(manager, {
        type: 'referral.sent',
        entityType: 'referral',
        entityId: created.id,
        organisationId: created.organisation_id,
        data: referralEventData(created),
      });
      const [row] = await manager.query<ReferralDetailRow[]>(REFERRAL_DETAIL_SQL, [
        created.id,
        null,
      ]);
      return toReferralResponse(row, actor);
    });
  }

  /** A team lead approves sharing without consent with one service, for one case, for a while. */
  async approveOverride(
    actor: Actor,
    caseId: string,
    request: ApproveConsentOverrideRequest,
  ): Promise<ConsentOverrideApprovalResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.cases.lockOpenCase(manager, caseId);
      const [service] = await manager.query<{ id: string }[]>(
        `SELECT id FROM services WHERE id = $1`,
        [request.serviceId],
      );
      if (service === undefined) throw ReferralErrors.serviceUnknown();
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO consent_override_approvals (case_id, service_id, reason, approved_by, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING id`,
        [
          caseId,
          request.serviceId,
          request.reason,
          actor.userId,
          this.settings.overrideApprovalValidHours,
        ],
      );
      await this.audit.record(
        {
          actor,
          action: 'consent_override.approved',
          entityType: 'case',
          entityId: caseId,
          details: { approvalId: inserted.id, serviceId: request.serviceId },
        },
        manager,
      );
      const [row] = await manager.query<ApprovalRow[]>(`${APPROVAL_SQL} WHERE a.id = $1`, [
        inserted.id,
      ]);
      return {
        id: row.id,
        caseId: row.case_id,
        serviceId: row.service_id,
        reason: row.reason,
        approvedBy: { id: row.approved_by, name: row.approved_by_name },
        approvedAt: row.approved_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
      };
    });
  }

  /** A re-route names a declined referral of the same case that nothing has re-routed yet. */
  private async checkReroute(manager: EntityManager, caseId: string, replacesId: string) {
    const [replaced] = await manager.query<
      { case_id: string; status: string; replaced: boolean }[]
    >(
      `SELECT r.case_id, r.status,
              EXISTS (SELECT 1 FROM referrals n WHERE n.replaces_referral_id = r.id) AS replaced
         FROM referrals r WHERE r.id = $1`,
      [replacesId],
    );
    if (replaced === undefined || replaced.case_id !== caseId) {
      throw ReferralErrors.rerouteInvalid('it is not a referral of this case');
    }
    if (replaced.status !== 'declined') {
      throw ReferralErrors.rerouteInvalid('only a declined referral can be re-routed');
    }
    if (replaced.replaced) throw ReferralErrors.rerouteInvalid('it has already been re-routed');
  }

  /**
   * Consent that covers the receiving organisation now; otherwise an override: by a team lead
   * with a reason, or anyone with a team lead's unused, unexpired approval for this case and
   * service. Without either, 422; an override without a team lead, 403.
   */
  private async sharingBasis(
    manager: EntityManager,
    actor: Actor,
    current: CaseRow,
    service: ServiceRow,
    request: SendReferralRequest,
  ): Promise<SharingBasis> {
    const coverage = await this.consents.coverage(
      manager,
      current.person_id,
      service.receiving_organisation_id,
    );
    if (coverage.covered) {
      return { consentId: coverage.consentId, consentState: coverage.state, override: null };
    }
    const override = request.consentOverride;
    if (override === undefined) throw ReferralErrors.consentMissing(coverage.state);
    if (override.approvalId !== undefined) {
      if (override.reason !== undefined) throw ReferralErrors.overrideReasonWithApproval();
      const [approval] = await manager.query<ApprovalRow[]>(
        `${APPROVAL_SQL} WHERE a.id = $1 FOR UPDATE OF a`,
        [override.approvalId],
      );
      if (
        approval === undefined ||
        approval.case_id !== current.id ||
        approval.service_id !== service.id
      ) {
        throw ReferralErrors.overrideApprovalInvalid(
          'it is not an approval for this case and service',
        );
      }
      if (approval.used_by_referral_id !== null) {
        throw ReferralErrors.overrideApprovalInvalid('it has already been used');
      }
      if (approval.expires_at.getTime() <= Date.now()) {
        throw ReferralErrors.overrideApprovalInvalid('it has expired');
      }
      return {
        consentId: coverage.consentId,
        consentState: coverage.state,
        override: {
          reason: approval.reason,
          by: approval.approved_by,
          approvalId: approval.id,
        },
      };
    }
    if (actor.role !== 'team_lead') throw ReferralErrors.overrideTeamLeadOnly();
    if (override.reason === undefined) {
      throw ReferralErrors.noteRequired('consentOverride.reason', 'An override needs a reason.');
    }
    return {
      consentId: coverage.consentId,
      consentState: coverage.state,
      override: { reason: override.reason, by: actor.userId, approvalId: null },
    };
  }

  /** The sending, the disclosure of the person's details, and any consent override: audited. */
  private async recordSending(
    manager: EntityManager,
    actor: Actor,
    created: ReferralEventRow,
    request: SendReferralRequest,
    basis: SharingBasis,
    servesArea: boolean | null,
  ): Promise<void> {
    await this.audit.record(
      {
        actor,
        action: 'referral.sent',
        entityType: 'referral',
        entityId: created.id,
        details: {
          caseId: created.case_id,
          serviceId: created.service_id,
          organisationId: created.organisation_id,
          consentId: basis.consentId,
          consentOverride: basis.override !== null,
          outOfArea: servesArea === false,
          replacesReferralId: request.replacesReferralId ?? null,
        },
      },
      manager,
    );
    await this.audit.record(
      {
        actor,
        action: 'person.shared',
        entityType: 'person',
        entityId: created.person_id,
        details: {
          referralId: created.id,
          organisationId: created.organisation_id,
          fields: request.shared,
        },
      },
      manager,
    );
    if (basis.override !== null) {
      await this.audit.record(
        {
          actor,
          action: 'referral.consent_overridden',
          entityType: 'referral',
          entityId: created.id,
          details: {
            consentState: basis.consentState,
            overriddenBy: basis.override.by,
            approvalId: basis.override.approvalId,
          },
        },
        manager,
      );
    }
  }
}

const APPROVAL_SQL = `SELECT a.id, a.case_id, a.service_id, a.reason, a.approved_by,
       u.name AS approved_by_name, a.approved_at, a.expires_at, a.used_by_referral_id
  FROM consent_override_approvals a JOIN users u ON u.id = a.approved_by`;

function snapshotSource(person: PersonRow, current: CaseRow): SnapshotSource {
  return {
    firstName: person.first_name,
    lastName: person.last_name,
    preferredName: person.preferred_name,
    dateOfBirth: person.date_of_birth,
    phone: person.phone,
    email: person.email,
    address: person.address,
    postcode: person.postcode,
    language: person.language,
    communicationNeeds: person.communication_needs,
    flags: person.flags,
    needs: current.needs,
    risks: current.risks,
  };
}
