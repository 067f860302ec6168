import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import { organisationKindForRole, type Role } from '../../common/auth/roles.js';
import { isUniqueViolation } from '../../common/errors/postgres-errors.js';
import type { Page } from '../../common/http/pagination.js';
import { OrganisationService } from '../../service-directory/organisations/organisation.service.js';
import { LoginThrottleService } from '../login-throttle.service.js';
import { SessionRevocationService } from '../sessions/session-revocation.service.js';
import { checkPassword, hashPassword } from './password-policy.js';
import type {
  CreateUserRequest,
  ListUsersQuery,
  UpdateUserRequest,
  UserResponse,
} from './user.dto.js';
import type { User } from './user.entity.js';
import { UserRepository } from './user.repository.js';
import { UserErrors } from './users.errors.js';

function toResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    version: user.version,
  };
}

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRevocationService,
    private readonly throttle: LoginThrottleService,
    private readonly organisations: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserResponse>> {
    const [rows, total] = await this.users.findPage(
      { role: query.role, organisationId: query.organisationId, active: query.active },
      query.page,
      query.perPage,
    );
    return { items: rows.map(toResponse), total, page: query.page, perPage: query.perPage };
  }

  async get(id: string): Promise<UserResponse> {
    const user = await this.users.findById(id);
    if (user === null) throw UserErrors.notFound();
    return toResponse(user);
  }

  async create(actor: Actor, request: CreateUserRequest): Promise<UserResponse> {
    checkPassword(request.password, { email: request.email });
    await this.assertRoleFitsOrganisation(request.role, request.organisationId);
    const passwordHash = await hashPassword(request.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await this.users.insert(manager, {
          email: request.email,
          name: request.name,
          passwordHash,
          role: request.role,
          organisationId: request.organisationId,
          active: true,
        });
        await this.audit.record(
          {
            actor,
            action: 'user.created',
            entityType: 'user',
            entityId: user.id,
            details: { role: user.role, organisationId: user.organisationId },
          },
          manager,
        );
        return toResponse(user);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email')) throw UserErrors.emailTaken();
      throw error;
    }
  }

  /**
   * Changes a user. A new role, disabling, or a new password ends the user's sessions in the same
   * transaction, so their existing tokens stop working at once.
   */
  async update(actor: Actor, id: string, request: UpdateUserRequest): Promise<UserResponse> {
    if (
      id === actor.userId &&
      (request.active === false || (request.role !== undefined && request.role !== actor.role))
    ) {
      throw UserErrors.cannotChangeOwnAccess();
    }
    const passwordHash =
      request.password === undefined ? undefined : await this.newPasswordHash(id, request.password);
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.users.findByIdForUpdate(manager, id);
      if (before === null) throw UserErrors.notFound();
      if (request.role !== undefined && request.role !== before.role) {
        await this.assertRoleFitsOrganisation(request.role, before.organisationId);
      }
      const applied = await this.users.update(
        manager,
        id,
        { name: request.name, role: request.role, active: request.active, passwordHash },
        request.version,
      );
      if (!applied) throw UserErrors.versionConflict();
      const after = await this.users.findById(id, manager);
      if (after === null) throw UserErrors.notFound();
      await this.recordChanges(manager, actor, before, after, passwordHash !== undefined);
      return toResponse(after);
    });
    // A new password or re-enabling is the administrator's answer to a lock-out: lift it.
    if (passwordHash !== undefined || request.active === true) {
      await this.throttle.clearAccount(updated.email);
    }
    return updated;
  }

  private async newPasswordHash(id: string, password: string): Promise<string> {
    const user = await this.users.findById(id);
    if (user === null) throw UserErrors.notFound();
    checkPassword(password, { email: user.email });
    return hashPassword(password);
  }

  private async recordChanges(
    manager: EntityManager,
    actor: Actor,
    before: User,
    after: User,
    passwordReset: boolean,
  ): Promise<void> {
    const entity = { entityType: 'user', entityId: after.id } as const;
    let endSessions: string | undefined;
    if (before.role !== after.role) {
      endSessions = 'role_changed';
      await this.audit.record(
        {
          actor,
          action: 'user.role_changed',
          ...entity,
          details: { from: before.role, to: after.role },
        },
        manager,
      );
    }
    if (before.active !== after.active) {
      if (!after.active) endSessions = 'user_disabled';
      await this.audit.record(
        { actor, action: after.active ? 'user.enabled' : 'user.disabled', ...entity },
        manager,
      );
    }
    if (passwordReset) {
      endSessions ??= 'password_reset';
      await this.audit.record({ actor, action: 'user.password_reset', ...entity }, manager);
    }
    if (before.name !== after.name) {
      await this.audit.record(
        { actor, action: 'user.updated', ...entity, details: { fields: ['name'] } },
        manager,
      );
    }
    if (endSessions !== undefined) {
      await this.sessions.revokeForUser(manager, after.id, endSessions);
    }
  }

  private async assertRoleFitsOrganisation(role: Role, organisationId: string): Promise<void> {
    const organisation = await this.organisations.kindOf(organisationId);
    if (organisation === undefined) throw UserErrors.unknownOrganisation();
    if (organisation.kind !== organisationKindForRole(role)) {
      throw UserErrors.roleDoesNotFitOrganisation(role, organisation.kind);
    }
  }
}
