import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { EventLog } from '../live/event-log.js';
import type {
  PostMessageRequest,
  ReferralMessageList,
  ReferralMessageResponse,
} from './referral.dto.js';
import { ReferralErrors } from './referral.errors.js';
import { sideOf, viewerOrganisation } from './referral.mapping.js';
import { REFERRAL_POSITION_SQL, type ReferralPositionRow } from './referral.queries.js';

interface MessageRow {
  id: string;
  body: string;
  side: 'front_door' | 'partner';
  author_user_id: string;
  author_name: string;
  sent_at: Date;
}

const MESSAGES_SQL = `SELECT m.id, m.body, m.side, m.author_user_id, u.name AS author_name, m.sent_at
  FROM referral_messages m JOIN users u ON u.id = m.author_user_id`;

const toResponse = (row: MessageRow): ReferralMessageResponse => ({
  id: row.id,
  body: row.body,
  side: row.side,
  author: { id: row.author_user_id, name: row.author_name },
  sentAt: row.sent_at.toISOString(),
});

/** The thread between the front door and the receiving partner on one referral. */
@Injectable()
export class ReferralMessageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventLog,
  ) {}

  async list(actor: Actor, referralId: string): Promise<ReferralMessageList> {
    return this.dataSource.transaction(async (manager) => {
      await this.visible(manager, actor, referralId);
      const rows = await manager.query<MessageRow[]>(
        `${MESSAGES_SQL} WHERE m.referral_id = $1 ORDER BY m.sent_at, m.id`,
        [referralId],
      );
      await this.audit.record(
        {
          actor,
          action: 'referral.viewed',
          entityType: 'referral',
          entityId: referralId,
          details: { view: 'messages', messages: rows.length },
        },
        manager,
      );
      return { items: rows.map(toResponse) };
    });
  }

  /** A message from either side, in any state (a closed referral may still need a last word). */
  async post(
    actor: Actor,
    referralId: string,
    request: PostMessageRequest,
  ): Promise<ReferralMessageResponse> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.visible(manager, actor, referralId);
      const side = sideOf(actor);
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO referral_messages (referral_id, author_user_id, side, body)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [referralId, actor.userId, side, request.body],
      );
      await this.audit.record(
        {
          actor,
          action: 'referral.message_posted',
          entityType: 'referral',
          entityId: referralId,
          details: { messageId: inserted.id, side },
        },
        manager,
      );
      await this.events.append(manager, {
        type: 'referral.message',
        entityType: 'referral',
        entityId: referralId,
        organisationId: referral.organisation_id,
        data: {
          referralId,
          messageId: inserted.id,
          side,
          organisationId: referral.organisation_id,
          status: referral.status,
        },
      });
      const [row] = await manager.query<MessageRow[]>(`${MESSAGES_SQL} WHERE m.id = $1`, [
        inserted.id,
      ]);
      return toResponse(row);
    });
  }

  private async visible(
    manager: EntityManager,
    actor: Actor,
    referralId: string,
  ): Promise<ReferralPositionRow> {
    const [row] = await manager.query<ReferralPositionRow[]>(REFERRAL_POSITION_SQL, [
      referralId,
      viewerOrganisation(actor),
    ]);
    if (row === undefined) throw ReferralErrors.notFound();
    return row;
  }
}
