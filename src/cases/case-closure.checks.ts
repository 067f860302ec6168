import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import type { CloseCaseRequest } from './case.dto.js';
import { CaseErrors } from './case.errors.js';
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

  async check(
    manager: EntityManager,
    actor: Actor,
    current: CaseRow,
    request: CloseCaseRequest,
  ): Promise<void> {
    const open = await manager.query<{ id: string }[]>(
      `SELECT id FROM referrals
        WHERE case_id = $1 AND status IN ('sent', 'accepted', 'in_progress', 'on_hold')
        ORDER BY sent_at, id`,
      [current.id],
    );
    if (open.length === 0) return;
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
  }
}
