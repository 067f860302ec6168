import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { EventLog } from '../live/event-log.js';
import { REFERRAL_STATUSES } from './referral-states.js';
import type {
  ListReferralsQuery,
  ReferralCounts,
  ReferralPage,
  ReferralResponse,
} from './referral.dto.js';
import { ReferralErrors } from './referral.errors.js';
import {
  referralEventData,
  sideOf,
  toReferralListItem,
  toReferralResponse,
  viewerOrganisation,
} from './referral.mapping.js';
import {
  RECORD_FIRST_PARTNER_VIEW_SQL,
  REFERRAL_DETAIL_SQL,
  referralCountsSql,
  referralListSql,
  type ReferralCountRow,
  type ReferralDetailRow,
  type ReferralListFilters,
  type ReferralListRow,
  type ReferralEventRow,
} from './referral.queries.js';

/**
 * Reading referrals: the inbox (a partner's organisation's only, with counts of those only) and
 * one referral. A partner's first view of a referral is recorded as `viewedAt`. Every read that
 * shows a person's shared details is audited.
 */
@Injectable()
export class ReferralReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventLog,
  ) {}

  async list(actor: Actor, query: ListReferralsQuery): Promise<ReferralPage> {
    const filters: ReferralListFilters = {
      viewerOrganisationId: viewerOrganisation(actor),
      statuses: query.status ?? null,
      overdue: query.overdue ?? null,
      serviceId: query.serviceId ?? null,
      caseId: query.caseId ?? null,
      organisationId: query.organisationId ?? null,
      limit: query.perPage,
      offset: (query.page - 1) * query.perPage,
    };
    const page = referralListSql(filters);
    const counts = referralCountsSql(filters);
    const [rows, countRows] = await Promise.all([
      this.dataSource.query<ReferralListRow[]>(page.sql, page.params),
      this.dataSource.query<ReferralCountRow[]>(counts.sql, counts.params),
    ]);
    const listed = rows.filter((row): row is ReferralListRow & { id: string } => row.id !== null);
    await this.audit.recordViews(
      actor,
      'person.listed',
      'person',
      [...new Set(listed.map((row) => row.person_id))],
      { via: 'referral_list' },
    );
    return {
      items: listed.map((row) => toReferralListItem(row, actor)),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page: query.page,
      perPage: query.perPage,
      counts: toCounts(countRows),
    };
  }

  /**
   * One referral. The receiving partner's first view sets `viewedAt` (announced as
   * `referral.viewed`); each view is audited as a view of the referral and of the person.
   */
  async get(actor: Actor, id: string): Promise<ReferralResponse> {
    const viewer = viewerOrganisation(actor);
    return this.dataSource.transaction(async (manager) => {
      if (sideOf(actor) === 'partner') {
        const [firstView] = await manager.query<ReferralEventRow[]>(RECORD_FIRST_PARTNER_VIEW_SQL, [
          id,
          viewer,
          actor.userId,
        ]);
        if (firstView !== undefined) {
          await this.events.append(manager, {
            type: 'referral.viewed',
            entityType: 'referral',
            entityId: id,
            organisationId: firstView.organisation_id,
            data: referralEventData(firstView),
          });
        }
      }
      const [row] = await manager.query<ReferralDetailRow[]>(REFERRAL_DETAIL_SQL, [id, viewer]);
      if (row === undefined) throw ReferralErrors.notFound();
      await this.audit.record(
        { actor, action: 'referral.viewed', entityType: 'referral', entityId: id },
        manager,
      );
      await this.audit.record(
        {
          actor,
          action: 'person.viewed',
          entityType: 'person',
          entityId: row.person_id,
          details: { via: 'referral', referralId: id, fields: row.shared_fields },
        },
        manager,
      );
      return toReferralResponse(row, actor);
    });
  }
}

function toCounts(rows: ReferralCountRow[]): ReferralCounts {
  const counts = Object.fromEntries(REFERRAL_STATUSES.map((status) => [status, 0])) as Omit<
    ReferralCounts,
    'overdue'
  >;
  let overdue = 0;
  for (const row of rows) {
    counts[row.status] = Number(row.count);
    overdue += Number(row.overdue);
  }
  return { ...counts, overdue };
}
