import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { CaseService, type CaseRow } from '../../cases/case.service.js';
import type { Actor } from '../../common/auth/actor.js';
import {
  IdempotencyService,
  type IdempotentResponse,
} from '../../common/idempotency/idempotency.service.js';
import { consentResponse, ConsentService } from '../consent/consent.service.js';
import { PersonService } from '../people/person.service.js';
import type {
  ContactPersonSummary,
  RecordContactRequest,
  RecordContactResponse,
} from './contact.dto.js';
import { ContactErrors } from './contact.errors.js';
import { ContactRepository } from './contact.repository.js';

/** The route idempotency keys of contacts are stored against. */
export const CONTACTS_ROUTE = 'POST /api/contacts';

/** A time given by the client, at most now (a minute's skew ahead is read as now). */
function givenTime(value: string | undefined, fallback: Date, now: Date): Date {
  if (value === undefined) return fallback;
  const time = new Date(value);
  return time.getTime() > now.getTime() ? now : time;
}

/**
 * Contacts (calls, emails, visits, web forms, professional referrals). One contact is one
 * transaction: the idempotency key, a new person (with equality answers) or an existing one,
 * their consent answer, a new case or an open one, the contact, and the audit and event rows.
 */
@Injectable()
export class ContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly people: PersonService,
    private readonly consents: ConsentService,
    private readonly cases: CaseService,
    private readonly contacts: ContactRepository,
    private readonly audit: AuditService,
  ) {}

  async record(
    actor: Actor,
    idempotencyKey: string | undefined,
    request: RecordContactRequest,
  ): Promise<IdempotentResponse<RecordContactResponse>> {
    const key = this.idempotency.checkKey(idempotencyKey);
    const now = new Date();
    try {
      return await this.dataSource.transaction((manager) =>
        this.idempotency.once(
          manager,
          { userId: actor.userId, key, route: CONTACTS_ROUTE, body: request },
          async () => ({ status: 201, body: await this.recordOnce(manager, actor, request, now) }),
        ),
      );
    } catch (error) {
      await this.people.auditDuplicateRefusal(actor, error);
      throw error;
    }
  }

  private async recordOnce(
    manager: EntityManager,
    actor: Actor,
    request: RecordContactRequest,
    now: Date,
  ): Promise<RecordContactResponse> {
    const person = await this.personFor(manager, actor, request);
    const consent =
      request.consent === undefined
        ? null
        : await this.consents.recordInTransaction(
            manager,
            actor,
            person.id,
            request.consent,
            now,
            'consent.',
          );
    const { row: caseRow, opened } = await this.caseFor(manager, actor, request, person);

    const endedAt = givenTime(request.endedAt, now, now);
    const startedAt = givenTime(
      request.startedAt,
      request.endedAt === undefined ? now : endedAt,
      now,
    );
    const contact = await this.contacts.insert(manager, {
      personId: person.id,
      caseId: caseRow.id,
      channel: request.channel,
      callerName: request.caller?.name ?? null,
      callerRelationship: request.caller?.relationship ?? null,
      callerOrganisation: request.caller?.organisation ?? null,
      reason: request.reason,
      notes: request.notes ?? null,
      handlerUserId: actor.userId,
      startedAt,
      endedAt,
    });
    await this.audit.record(
      {
        actor,
        action: 'contact.recorded',
        entityType: 'contact',
        entityId: contact.id,
        details: {
          personId: person.id,
          caseId: caseRow.id,
          channel: contact.channel,
          newPerson: person.created,
          newCase: opened,
          consentId: consent?.id ?? null,
        },
      },
      manager,
    );

    const caller =
      contact.caller_name === null &&
      contact.caller_relationship === null &&
      contact.caller_organisation === null
        ? null
        : {
            name: contact.caller_name,
            relationship: contact.caller_relationship,
            organisation: contact.caller_organisation,
          };
    return {
      contact: {
        id: contact.id,
        personId: contact.person_id,
        caseId: contact.case_id,
        channel: contact.channel,
        caller,
        reason: contact.reason,
        notes: contact.notes,
        handlerUserId: contact.handler_user_id,
        startedAt: contact.started_at.toISOString(),
        endedAt: contact.ended_at?.toISOString() ?? null,
        createdAt: contact.created_at.toISOString(),
      },
      case: {
        id: caseRow.id,
        personId: caseRow.person_id,
        status: caseRow.status,
        priority: caseRow.priority,
        dueAt: caseRow.due_at?.toISOString() ?? null,
        ownerId: caseRow.owner_user_id,
        areaCode: caseRow.area_code,
        openedAt: caseRow.opened_at.toISOString(),
        version: caseRow.version,
        opened,
      },
      person,
      consent: consent === null ? null : consentResponse(consent, now),
    };
  }

  private async personFor(
    manager: EntityManager,
    actor: Actor,
    request: RecordContactRequest,
  ): Promise<ContactPersonSummary> {
    if (request.person !== undefined) {
      const row = await this.people.createInTransaction(manager, actor, request.person);
      return { id: row.id, areaCode: row.area_code, version: row.version, created: true };
    }
    if (request.personId === undefined) {
      throw new Error('RecordContactRequest reached the service without personId or person');
    }
    return { ...(await this.people.requireReference(manager, request.personId)), created: false };
  }

  /** The open case named (locked; the same person's), or a new one opened for the contact. */
  private async caseFor(
    manager: EntityManager,
    actor: Actor,
    request: RecordContactRequest,
    person: ContactPersonSummary,
  ): Promise<{ row: CaseRow; opened: boolean }> {
    if (request.caseId === undefined) {
      return { row: await this.cases.openForContact(manager, actor, person), opened: true };
    }
    const row = await this.cases.lockOpenCase(manager, request.caseId);
    if (row.person_id !== person.id) throw ContactErrors.caseOfAnotherPerson();
    return { row, opened: false };
  }
}
