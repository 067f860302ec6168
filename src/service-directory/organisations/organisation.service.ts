import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import type { OrganisationKind } from '../../common/auth/roles.js';
import { isUniqueViolation } from '../../common/errors/postgres-errors.js';
import type { Page } from '../../common/http/pagination.js';
import type {
  CreateOrganisationRequest,
  ListOrganisationsQuery,
  OrganisationResponse,
  UpdateOrganisationRequest,
} from './organisation.dto.js';
import type { Organisation } from './organisation.entity.js';
import { OrganisationErrors } from './organisation.errors.js';
import { OrganisationRepository } from './organisation.repository.js';
import { SessionRevocationService } from '../../auth/sessions/session-revocation.service.js';

function toResponse(organisation: Organisation): OrganisationResponse {
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    active: organisation.active,
    createdAt: organisation.createdAt.toISOString(),
    updatedAt: organisation.updatedAt.toISOString(),
    version: organisation.version,
  };
}

@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRepository,
    private readonly sessions: SessionRevocationService,
    private readonly audit: AuditService,
  ) {}

  /** The kind of an organisation, for the rule that a user's role fits its organisation. */
  async kindOf(id: string): Promise<{ kind: OrganisationKind } | undefined> {
    const organisation = await this.organisations.findById(id);
    return organisation === null ? undefined : { kind: organisation.kind };
  }

  /** The front door's organisation, created (named "One Front Door") if there is none yet. */
  async ensureFrontDoor(manager: EntityManager): Promise<string> {
    const existing = await this.organisations.findFirstOfKind('front_door', manager);
    if (existing !== null) return existing.id;
    return (
      await this.organisations.insert(manager, { name: 'One Front Door', kind: 'front_door' })
    ).id;
  }

  async list(query: ListOrganisationsQuery): Promise<Page<OrganisationResponse>> {
    const [rows, total] = await this.organisations.findPage(
      { kind: query.kind, active: query.active },
      query.page,
      query.perPage,
    );
    return { items: rows.map(toResponse), total, page: query.page, perPage: query.perPage };
  }

  async get(id: string): Promise<OrganisationResponse> {
    const organisation = await this.organisations.findById(id);
    if (organisation === null) throw OrganisationErrors.notFound();
    return toResponse(organisation);
  }

  async create(actor: Actor, request: CreateOrganisationRequest): Promise<OrganisationResponse> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organisation = await this.organisations.insert(manager, {
          name: request.name,
          kind: request.kind,
        });
        await this.audit.record(
          {
            actor,
            action: 'organisation.created',
            entityType: 'organisation',
            entityId: organisation.id,
            details: { kind: organisation.kind },
          },
          manager,
        );
        return toResponse(organisation);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_organisations_name')) throw OrganisationErrors.nameTaken();
      if (isUniqueViolation(error, 'UQ_organisations_one_front_door')) {
        throw OrganisationErrors.frontDoorExists();
      }
      throw error;
    }
  }

  /**
   * Deactivating an organisation ends its users' sessions in the same transaction: they are
   * refused at once, and their old tokens stay dead if the organisation is reactivated.
   */
  async update(
    actor: Actor,
    id: string,
    request: UpdateOrganisationRequest,
  ): Promise<OrganisationResponse> {
    if (request.active === false && id === actor.organisationId) {
      throw OrganisationErrors.ownOrganisation();
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const before = await this.organisations.findByIdForUpdate(manager, id);
        if (before === null) throw OrganisationErrors.notFound();
        const applied = await this.organisations.update(
          manager,
          id,
          { name: request.name, active: request.active },
          request.version,
        );
        if (!applied) throw OrganisationErrors.versionConflict();
        const after = await this.organisations.findById(id, manager);
        if (after === null) throw OrganisationErrors.notFound();
        const entity = { entityType: 'organisation', entityId: id } as const;
        if (before.name !== after.name) {
          await this.audit.record(
            { actor, action: 'organisation.updated', ...entity, details: { fields: ['name'] } },
            manager,
          );
        }
        if (before.active !== after.active) {
          const action = after.active ? 'organisation.activated' : 'organisation.deactivated';
          await this.audit.record({ actor, action, ...entity }, manager);
          if (!after.active) {
            await this.sessions.revokeForOrganisation(manager, id, 'organisation_deactivated');
          }
        }
        return toResponse(after);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_organisations_name')) throw OrganisationErrors.nameTaken();
      throw error;
    }
  }
}
