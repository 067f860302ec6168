import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.config.js';
import { PersonErrors } from '../people/person.errors.js';
import { PersonRepository } from '../people/person.repository.js';
import { addMonths, consentState, coverageOf, type Coverage } from './consent-rules.js';
import type {
  ConsentList,
  ConsentResponse,
  RecordConsentRequest,
  WithdrawConsentRequest,
} from './consent.dto.js';
import { ConsentErrors } from './consent.errors.js';
import { ConsentRepository, type ConsentRow } from './consent.repository.js';

export function consentResponse(row: ConsentRow, at: Date): ConsentResponse {
  return {
    id: row.id,
    personId: row.person_id,
    given: row.given,
    scope: row.scope,
    organisationIds: row.organisation_ids,
    method: row.method,
    wordingVersion: row.wording_version,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    withdrawnBy: row.withdrawn_by,
    createdAt: row.created_at.toISOString(),
    state: consentState(
      { given: row.given, expiresAt: row.expires_at, withdrawnAt: row.withdrawn_at },
      at,
    ),
  };
}

/**
 * Consent to share, one record per answer: given or refused, for all partners or named ones,
 * expiring after the configured months, withdrawable. Referrals ask `coverage` whether a
 * person's details may go to an organisation.
 */
@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentRepository,
    private readonly people: PersonRepository,
    private readonly audit: AuditService,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  async record(
    actor: Actor,
    personId: string,
    request: RecordConsentRequest,
  ): Promise<ConsentResponse> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      if ((await this.people.findReference(manager, personId)) === undefined) {
        throw PersonErrors.notFound();
      }
      const row = await this.recordInTransaction(manager, actor, personId, request, now);
      return consentResponse(row, now);
    });
  }

  /**
   * Records an answer inside the caller's transaction (a contact records one with its new
   * person), audited as `consent.recorded`. `field` prefixes field errors (e.g. `consent.`).
   */
  async recordInTransaction(
    manager: EntityManager,
    actor: Actor,
    personId: string,
    request: RecordConsentRequest,
    now: Date,
    field = '',
  ): Promise<ConsentRow> {
    const organisationIds =
      request.scope === 'named_organisations' ? (request.organisationIds ?? []) : [];
    if (organisationIds.length > 0) {
      const partners = await this.consents.partnerOrganisations(manager, organisationIds);
      const unknown = organisationIds.filter((id) => !partners.has(id));
      if (unknown.length > 0) {
        throw ConsentErrors.unknownOrganisations(`${field}organisationIds`, unknown);
      }
    }
    // Up to a minute ahead is clock skew, recorded as now: an answer is never in the future.
    const given = request.recordedAt === undefined ? now : new Date(request.recordedAt);
    const recordedAt = given.getTime() > now.getTime() ? now : given;
    const row = await this.consents.insert(manager, {
      personId,
      given: request.given,
      scope: request.scope,
      organisationIds,
      method: request.method,
      wordingVersion: request.wordingVersion ?? this.settings.consent.wordingVersion,
      recordedBy: actor.userId,
      recordedAt,
      expiresAt: addMonths(recordedAt, this.settings.consent.validForMonths),
    });
    await this.audit.record(
      {
        actor,
        action: 'consent.recorded',
        entityType: 'consent',
        entityId: row.id,
        details: {
          personId,
          given: row.given,
          scope: row.scope,
          organisationIds: row.organisation_ids,
          method: row.method,
          wordingVersion: row.wording_version,
        },
      },
      manager,
    );
    return row;
  }

  /** A person's consent records, newest first; a read of the person, audited as such. */
  async list(actor: Actor, personId: string): Promise<ConsentList> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      if ((await this.people.findReference(manager, personId)) === undefined) {
        throw PersonErrors.notFound();
      }
      const rows = await this.consents.forPerson(manager, personId);
      await this.audit.recordViews(
        actor,
        'person.viewed',
        'person',
        [personId],
        { via: 'consents' },
        manager,
      );
      return { items: rows.map((row) => consentResponse(row, now)) };
    });
  }

  /** Ends a given consent: it covers nothing new from now on. */
  async withdraw(
    actor: Actor,
    consentId: string,
    request: WithdrawConsentRequest,
  ): Promise<ConsentResponse> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.consents.lock(manager, consentId);
      if (current === undefined) throw ConsentErrors.notFound();
      if (current.withdrawn_at !== null) throw ConsentErrors.alreadyWithdrawn();
      if (!current.given) throw ConsentErrors.refusalNotWithdrawable();
      const row = await this.consents.withdraw(manager, consentId, actor.userId, now);
      await this.audit.record(
        {
          actor,
          action: 'consent.withdrawn',
          entityType: 'consent',
          entityId: row.id,
          details: { personId: row.person_id, reason: request.reason ?? null },
        },
        manager,
      );
      return consentResponse(row, now);
    });
  }

  /**
   * Whether the person's consent covers sharing with this organisation at `at`: only their
   * latest answer at that moment decides, and only if it is given, unexpired, not withdrawn and
   * its scope includes the organisation (consent-rules.ts, `coverageOf`).
   */
  async coverage(
    manager: EntityManager,
    personId: string,
    organisationId: string,
    at: Date = new Date(),
  ): Promise<Coverage> {
    const latest = await this.consents.latestAt(manager, personId, at);
    return coverageOf(
      latest === undefined
        ? undefined
        : {
            id: latest.id,
            given: latest.given,
            scope: latest.scope,
            organisationIds: latest.organisation_ids,
            expiresAt: latest.expires_at,
            withdrawnAt: latest.withdrawn_at,
          },
      organisationId,
      at,
    );
  }
}
