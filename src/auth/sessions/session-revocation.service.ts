import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SessionRepository } from './session.repository.js';

/**
 * Ends sessions when who someone is changes (disabled, new role, new password, organisation
 * deactivated), inside the caller's transaction, so their tokens stop working at once and stay
 * dead if the change is later undone.
 */
@Injectable()
export class SessionRevocationService {
  constructor(private readonly sessions: SessionRepository) {}

  revokeForUser(manager: EntityManager, userId: string, reason: string): Promise<number> {
    return this.sessions.revokeSessionsOfUsers(manager, [userId], reason);
  }

  revokeForOrganisation(
    manager: EntityManager,
    organisationId: string,
    reason: string,
  ): Promise<number> {
    return this.sessions.revokeSessionsOfOrganisation(manager, organisationId, reason);
  }
}
