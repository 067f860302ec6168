import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { And, LessThan, MoreThanOrEqual, type FindOperator, type Repository } from 'typeorm';
import { givenFilters } from '../common/where.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Newest first. */
  findPage(filter: AuditFilter, page: number, perPage: number): Promise<[AuditEntry[], number]> {
    const bounds: FindOperator<Date>[] = [];
    if (filter.from !== undefined) bounds.push(MoreThanOrEqual(filter.from));
    if (filter.to !== undefined) bounds.push(LessThan(filter.to));
    return this.entries.findAndCount({
      where: givenFilters({
        entityType: filter.entityType,
        entityId: filter.entityId,
        actorUserId: filter.actorUserId,
        action: filter.action,
        occurredAt: bounds.length > 0 ? And(...bounds) : undefined,
      }),
      order: { occurredAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * perPage,
      take: perPage,
    });
  }
}
