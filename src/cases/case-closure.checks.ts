import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import type { CloseCaseRequest } from './case.dto.js';
import type { CaseRow } from './case.service.js';

/**
 * What must hold before a case is closed, beyond it being open: checked inside the closing
 * transaction, with the case locked. The one place for such rules; the referral module adds here
 * that a case with open referrals is closed only when a team lead says why.
 */
@Injectable()
export class CaseClosureChecks {
  check(
    _manager: EntityManager,
    _actor: Actor,
    _current: CaseRow,
    _request: CloseCaseRequest,
  ): Promise<void> {
    return Promise.resolve();
  }
}
