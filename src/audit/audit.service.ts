import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import type { Page } from '../common/http/pagination.js';
import type { AuditEntryResponse, AuditQuery } from './audit.dto.js';
import { AuditRepository } from './audit.repository.js';

/** Who acted: a signed-in actor, or (before sign-in) just the request's correlation id. */
export type AuditActor =
  | Pick<Actor, 'userId' | 'organisationId' | 'role' | 'correlationId'>
  | { userId?: undefined; organisationId?: undefined; role?: undefined; correlationId: string };

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Identifiers and codes only: never names, contact details or free text about a person. */
  details?: Record<string, unknown>;
}

/** Writes the append-only audit trail, inside the caller's transaction when one is given. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: AuditRepository,
  ) {}

  async list(query: AuditQuery): Promise<Page<AuditEntryResponse>> {
    const [rows, total] = await this.entries.findPage(
      {
        entityType: query.entityType,
        entityId: query.entityId,
        actorUserId: query.actorUserId,
        action: query.action,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      },
      query.page,
      query.perPage,
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        actorUserId: row.actorUserId,
        actorOrganisationId: row.actorOrganisationId,
        actorRole: row.actorRole,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        correlationId: row.correlationId,
        details: row.details,
      })),
      total,
      page: query.page,
      perPage: query.perPage,
    };
  }

  async record(
    record: AuditRecord,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, actor_organisation_id, actor_role, action, entity_type, entity_id, correlation_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        record.actor.userId ?? null,
        record.actor.organisationId ?? null,
        record.actor.role ?? null,
        record.action,
        record.entityType,
        record.entityId ?? null,
        record.actor.correlationId,
        JSON.stringify(record.details ?? {}),
      ],
    );
  }

  /**
   * Several records by one actor, in one statement and in this order: a change and the view of
   * the person that its answer shows, say.
   */
  async recordAll(
    actor: AuditActor,
    records: readonly Omit<AuditRecord, 'actor'>[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (records.length === 0) return;
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, actor_organisation_id, actor_role, action, entity_type, entity_id, correlation_id, details)
       SELECT $1, $2, $3, r.action, r.entity_type, r.entity_id, $4, r.details
         FROM unnest($5::text[], $6::text[], $7::text[], $8::jsonb[])
              WITH ORDINALITY AS r(action, entity_type, entity_id, details, n)
        ORDER BY r.n`,
      [
        actor.userId ?? null,
        actor.organisationId ?? null,
        actor.role ?? null,
        actor.correlationId,
        records.map((record) => record.action),
        records.map((record) => record.entityType),
        records.map((record) => record.entityId ?? null),
        records.map((record) => JSON.stringify(record.details ?? {})),
      ],
    );
  }

  /**
   * One audit row per record, the same action on each, in one statement: a list or a search that
   * shows several people records a view of each (`person.listed`); a sweep that flags several
   * referrals records each flag.
   */
  async recordViews(
    actor: AuditActor,
    action: string,
    entityType: string,
    entityIds: readonly string[],
    details: Record<string, unknown> = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (entityIds.length === 0) return;
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, actor_organisation_id, actor_role, action, entity_type, entity_id, correlation_id, details)
       SELECT $1, $2, $3, $4, $5, id, $7, $8 FROM unnest($6::text[]) AS id`,
      [
        actor.userId ?? null,
        actor.organisationId ?? null,
        actor.role ?? null,
        action,
        entityType,
        entityIds,
        actor.correlationId,
        JSON.stringify(details),
      ],
    );
  }
}
