import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import type { CloseCaseRequest } from './case.dto.js';
import { CaseErrors } from './case.errors.js';
import { OPEN_REFERRAL_STATUSES } from '../referral/referral-states.js';
import type { CaseRow } from './case.service.js';

/**
 * What must hold before a case is closed, beyond it being open: checked inside the closing
 * transaction, with the case locked (a referral is sent only with the case locked too, so none
 * can appear meanwhile). The one place for such rules.
 *
 * A case with open referrals (sent, accepted, in progress, on hold) is closed only when a team
 * lead says why (`openReferralsReason`): the referrals stay open, and the loop still closes on
 * each of them.
 */
@Injectable()
export class CaseClosureChecks {
  constructor(private readonly audit: AuditService) {}

  /** Refuses the closing, or answers what it records: the reason, when referrals stay open. */
  async check(
    manager: EntityManager,
    actor: Actor,
    current: CaseRow,
    request: CloseCaseRequest,
  ): Promise<{ openReferralsReason: string | null }> {
    const open = await manager.query<{ id: string }[]>(
      `SELECT id FROM referrals
        WHERE case_id = $1 AND status = ANY($2::referral_status[])
        ORDER BY sent_at, id`,
      [current.id, OPEN_REFERRAL_STATUSES],
    );
    if (open.length === 0) return { openReferralsReason: null };
    const referralIds = open.map((row) => row.id);
    if (request.openReferralsReason === undefined) throw CaseErrors.openReferrals(referralIds);
    if (actor.role !== 'team_lead') throw CaseErrors.openReferralsTeamLeadOnly();
    await this.audit.record(
      {
        actor,
        action: 'case.closed_with_open_referrals',
        entityType: 'case',
        entityId: current.id,
        details: { referralIds },
      },
      manager,
    );
    return { openReferralsReason: request.openReferralsReason };
  }
}
