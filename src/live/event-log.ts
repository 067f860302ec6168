import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPEND_EVENT_SQL, LAST_SEQ_SQL } from './live.queries.js';

/** Marks, on a transaction's query runner, that it wrote events. */
export const EVENTS_WRITTEN = 'ofdEventsWritten';

/** The types of event the event log holds (API.md, "Live queue"). */
export const EVENT_TYPES = [
  'case.created',
  'case.triaged',
  'case.assigned',
  'case.closed',
  'safeguarding.alert',
  'referral.sent',
  'referral.viewed',
  'referral.accepted',
  'referral.declined',
  'referral.started',
  'referral.held',
  'referral.resumed',
  'referral.completed',
  'referral.withdrawn',
  'referral.overdue',
  'referral.message',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface NewEvent {
  type: EventType;
  entityType: string;
  entityId: string;
  /** The partner organisation the event concerns, if any; front-door events have none. */
  organisationId?: string | null;
  /** Ids, codes, states, priorities, due times and areas: never personal data. */
  data: Record<string, unknown>;
}

/**
 * Appends to the event log, always inside the caller's transaction, so an event is stored if and
 * only if the change it announces is; the relay hears of it once the transaction commits.
 */
@Injectable()
export class EventLog {
  /** The last `seq` published, as `manager`'s transaction sees it (0 before the first event). */
  async lastPublishedSeq(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ seq: string }[]>(LAST_SEQ_SQL);
    return Number(row.seq);
  }

  async append(manager: EntityManager, event: NewEvent): Promise<void> {
    const queryRunner = manager.queryRunner;
    if (!queryRunner?.isTransactionActive) {
      throw new Error('EventLog.append must run inside the transaction of the change');
    }
    // Once the transaction commits, the relay is told (LiveService, afterTransactionCommit).
    (queryRunner.data as Record<string, unknown>)[EVENTS_WRITTEN] = true;
    await manager.query(APPEND_EVENT_SQL, [
      event.type,
      event.entityType,
      event.entityId,
      event.organisationId ?? null,
      JSON.stringify(event.data),
    ]);
  }
}
