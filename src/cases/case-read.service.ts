import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { CASE_TIMELINE_SQL, type TimelineRow } from './case-timeline.js';
import type { CasePage, CaseResponse, CaseTimelineResponse, ListCasesQuery } from './case.dto.js';
import { CaseErrors } from './case.errors.js';
import { iso, toCaseListItem, toCaseResponse } from './case.mapping.js';
import {
  CASE_DETAIL_SQL,
  caseQueueSql,
  QUEUE_TERMS_SQL,
  type CaseDetailRow,
  type CaseQueueRow,
  type QueueTerms,
} from './case.queries.js';
import { OUTCOME_INSTRUMENTS, type OutcomeInstrument } from './cases.config.js';

/**
 * Reading cases: the team's queue, one case, its timeline. Every read that shows a person is
 * audited (a list records a view of each person on the page, in one statement); the audit is
 * written before the answer leaves, so an unaudited read is never answered.
 */
@Injectable()
export class CaseReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(OUTCOME_INSTRUMENTS) private readonly instruments: OutcomeInstrument[],
  ) {}

  async list(actor: Actor, query: ListCasesQuery): Promise<CasePage> {
    let needCodes: string[] | null = null;
    let areaCodes: string[] | null = null;
    if (query.need !== undefined || query.area !== undefined) {
      const [terms] = await this.dataSource.query<QueueTerms[]>(QUEUE_TERMS_SQL, [
        query.need ?? [],
        query.area ?? null,
      ]);
      const unknown = (query.need ?? []).filter((code) => !terms.needs.includes(code));
      if (unknown.length > 0) throw CaseErrors.unknownNeeds(unknown);
      if (query.area !== undefined && terms.areas.length === 0) {
        throw CaseErrors.unknownArea(query.area);
      }
      if (query.need !== undefined) needCodes = terms.covered_needs;
      if (query.area !== undefined) areaCodes = terms.areas;
    }
    const { sql, params } = caseQueueSql({
      statuses: query.status ?? null,
      priorities: query.priority ?? null,
      owner: query.ownerId ?? null,
      overdue: query.overdue ?? null,
      areaCodes,
      needCodes,
      limit: query.perPage,
      offset: (query.page - 1) * query.perPage,
    });
    const rows = await this.dataSource.query<CaseQueueRow[]>(sql, params);
    const items = rows
      .filter((row): row is CaseQueueRow & { id: string } => row.id !== null)
      .map(toCaseListItem);
    const personIds = [...new Set(items.map((item) => item.person.id))];
    await this.audit.recordViews(actor, 'person.listed', 'person', personIds, {
      via: 'case_list',
    });
    return {
      items,
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page: query.page,
      perPage: query.perPage,
    };
  }

  async get(actor: Actor, caseId: string): Promise<CaseResponse> {
    const [row] = await this.dataSource.query<CaseDetailRow[]>(CASE_DETAIL_SQL, [caseId]);
    if (row === undefined) throw CaseErrors.notFound();
    await this.recordCaseView(actor, caseId, row.person_id, 'case');
    return toCaseResponse(row, this.instruments);
  }

  async timeline(actor: Actor, caseId: string): Promise<CaseTimelineResponse> {
    const [found] = await this.dataSource.query<{ person_id: string }[]>(
      `SELECT person_id FROM cases WHERE id = $1`,
      [caseId],
    );
    if (found === undefined) throw CaseErrors.notFound();
    const rows = await this.dataSource.query<TimelineRow[]>(CASE_TIMELINE_SQL, [caseId]);
    await this.recordCaseView(actor, caseId, found.person_id, 'case_timeline');
    return {
      caseId,
      items: rows.map((row) => ({
        at: iso(row.at),
        type: row.type,
        actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
        data: row.data,
      })),
    };
  }

  /** A case screen shows the person: a view of the case and of the person, together. */
  private async recordCaseView(
    actor: Actor,
    caseId: string,
    personId: string,
    via: 'case' | 'case_timeline',
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(
        { actor, action: 'case.viewed', entityType: 'case', entityId: caseId, details: { via } },
        manager,
      );
      await this.audit.record(
        {
          actor,
          action: 'person.viewed',
          entityType: 'person',
          entityId: personId,
          details: { via, caseId },
        },
        manager,
      );
    });
  }
}
