import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EventLog } from '../live/event-log.js';
import { CaseloadService } from './caseload.service.js';
import type { QueueCaseTile, QueuePicture, QueueReferralTile } from './queue-picture.dto.js';
import {
  OVERDUE_REFERRALS_SQL,
  PICTURE_COUNTS_SQL,
  UNASSIGNED_SQL,
  UNTRIAGED_SQL,
  URGENT_SQL,
} from './queue-picture.queries.js';

interface CountsRow {
  open: number;
  untriaged: number;
  p1: number;
  p2: number;
  unassigned: number;
  overdue: number;
  overdue_referrals: number;
}

/**
 * The team lead's dashboard as it stands, with the `seq` it is current to: read in one
 * REPEATABLE READ snapshot, so every event up to `seq` is in it (and a few after it may be too).
 * It names no one: screens fetch a case's details over HTTP, where reads are audited.
 */
@Injectable()
export class QueuePictureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventLog,
    private readonly caseload: CaseloadService,
  ) {}

  picture(): Promise<QueuePicture> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // The first statement fixes the snapshot: the seq, then everything else, as of then.
      const seq = await this.events.lastPublishedSeq(manager);
      const [counts] = await manager.query<CountsRow[]>(PICTURE_COUNTS_SQL);
      return {
        seq,
        at: new Date().toISOString(),
        counts: {
          open: counts.open,
          untriaged: counts.untriaged,
          P1: counts.p1,
          P2: counts.p2,
          unassigned: counts.unassigned,
          overdueCases: counts.overdue,
          overdueReferrals: counts.overdue_referrals,
        },
        untriaged: await tiles<QueueCaseTile>(manager, UNTRIAGED_SQL),
        urgent: await tiles<QueueCaseTile>(manager, URGENT_SQL),
        unassigned: await tiles<QueueCaseTile>(manager, UNASSIGNED_SQL),
        overdueReferrals: await tiles<QueueReferralTile>(manager, OVERDUE_REFERRALS_SQL),
        caseload: await this.caseload.caseload(manager),
      };
    });
  }
}

async function tiles<T>(manager: EntityManager, sql: string): Promise<T[]> {
  const rows = await manager.query<{ tile: T }[]>(sql);
  return rows.map((row) => row.tile);
}
