import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { EventLog } from '../live/event-log.js';
import { REFERRAL_SETTINGS, type ReferralSettings } from './referral.config.js';
import { referralEventData } from './referral.mapping.js';
import type { ReferralEventRow } from './referral.queries.js';

/** Referrals flagged per transaction. */
const BATCH = 200;

/**
 * Claims referrals still `sent` past their due time and not yet flagged, in due order, skipping
 * rows another sweeper (or a transition) holds, and flags them: each exactly once however many
 * instances sweep, because the claim and the flag are one statement on locked rows. (NO KEY
 * UPDATE: messages and history rows being added meanwhile are not held up.)
 */
const FLAG_OVERDUE_SQL = `WITH due AS (
  SELECT id FROM referrals
   WHERE status = 'sent' AND overdue_at IS NULL AND due_at <= now()
   ORDER BY due_at
   LIMIT $1
   FOR NO KEY UPDATE SKIP LOCKED
), flagged AS (
  UPDATE referrals r SET overdue_at = now()
    FROM due WHERE r.id = due.id
  RETURNING r.id, r.status, r.version, r.organisation_id, r.service_id, r.priority, r.urgent,
            r.safeguarding, r.area_code, r.due_at, r.overdue_at, r.person_id, r.case_id
)
SELECT * FROM flagged`;

/**
 * Escalates referrals nobody answered in time: flags them `overdue` and announces
 * `referral.overdue` for team leads (and the receiving partner). Its state is the referrals
 * themselves, so it runs when the application starts (catching what fell due while it was
 * stopped) and then every `overdueSweepSeconds`, on every instance.
 */
@Injectable()
export class OverdueSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OverdueSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    @Inject(REFERRAL_SETTINGS) private readonly settings: ReferralSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.settings.overdueSweepSeconds * 1000);
    this.timer.unref();
  }

  /** Stops before the database connection closes, letting a sweep in progress finish. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Flags every referral due by now; answers how many it flagged. */
  async sweep(): Promise<number> {
    const correlationId = `overdue-sweep-${randomUUID()}`;
    let total = 0;
    for (;;) {
      const flagged = await this.sweepBatch(correlationId);
      total += flagged;
      if (flagged < BATCH) return total;
    }
  }

  private async tick(): Promise<void> {
    if (this.running !== undefined) return;
    this.running = this.sweep();
    try {
      const flagged = await this.running;
      if (flagged > 0) this.logger.log({ flagged }, 'Referrals flagged overdue');
    } catch (error) {
      this.logger.error({ err: error }, 'The overdue sweep failed; it will run again');
    } finally {
      this.running = undefined;
    }
  }

  private sweepBatch(correlationId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<ReferralEventRow[]>(FLAG_OVERDUE_SQL, [BATCH]);
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      await manager.query(
        `INSERT INTO referral_history (referral_id, action, from_status, to_status)
         SELECT id, 'overdue', 'sent', 'sent' FROM unnest($1::uuid[]) AS id`,
        [ids],
      );
      await this.audit.recordViews(
        { correlationId },
        'referral.overdue',
        'referral',
        ids,
        {},
        manager,
      );
      for (const row of rows) {
        await this.events.append(manager, {
          type: 'referral.overdue',
          entityType: 'referral',
          entityId: row.id,
          organisationId: row.organisation_id,
          data: referralEventData(row),
        });
      }
      return rows.length;
    });
  }
}
