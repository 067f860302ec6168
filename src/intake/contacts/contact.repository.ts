import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContactChannel } from './contact.entity.js';

export interface ContactRow {
  id: string;
  person_id: string;
  case_id: string;
  channel: ContactChannel;
  caller_name: string | null;
  caller_relationship: string | null;
  caller_organisation: string | null;
  reason: string;
  notes: string | null;
  handler_user_id: string;
  started_at: Date;
  ended_at: Date | null;
  created_at: Date;
}

export interface NewContact {
  personId: string;
  caseId: string;
  channel: ContactChannel;
  callerName: string | null;
  callerRelationship: string | null;
  callerOrganisation: string | null;
  reason: string;
  notes: string | null;
  handlerUserId: string;
  startedAt: Date;
  endedAt: Date | null;
}

const SQL = {
  insert: `INSERT INTO intake_contacts (person_id, case_id, channel, caller_name, caller_relationship,
                                        caller_organisation, reason, notes, handler_user_id, started_at, ended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           RETURNING id, person_id, case_id, channel, caller_name, caller_relationship, caller_organisation,
                     reason, notes, handler_user_id, started_at, ended_at, created_at`,
};

/** Contacts' SQL, in the caller's transaction. */
@Injectable()
export class ContactRepository {
  async insert(manager: EntityManager, contact: NewContact): Promise<ContactRow> {
    const [row] = await manager.query<ContactRow[]>(SQL.insert, [
      contact.personId,
      contact.caseId,
      contact.channel,
      contact.callerName,
      contact.callerRelationship,
      contact.callerOrganisation,
      contact.reason,
      contact.notes,
      contact.handlerUserId,
      contact.startedAt,
      contact.endedAt,
    ]);
    return row;
  }
}
