import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import { normalisePostcode } from '../../service-directory/areas/postcode.js';
import { normaliseUkPhone } from './phone.js';
import type {
  CreatePersonRequest,
  PersonEqualityDto,
  PersonResponse,
  PersonSearchResponse,
  PersonViewsPage,
  PersonViewsQuery,
  SearchPeopleRequest,
  UpdatePersonRequest,
} from './person.dto.js';
import { PersonErrors, type DuplicateCandidate } from './person.errors.js';
import { personResponse } from './person.mapping.js';
import { NAME_SIMILARITY_THRESHOLD, rankMatches } from './person-matching.js';
import { comparableName } from './person-rules.js';
import {
  PersonRepository,
  type CandidateQuery,
  type CandidateRow,
  type EqualityField,
  type PersonRow,
  type PersonValues,
} from './person.repository.js';

/** At most this many candidates are shown. */
export const MAX_CANDIDATES = 10;
/** How many people each signal (name, date of birth, phone, postcode) hands to the scoring. */
const CANDIDATES_PER_SIGNAL = 50;

/** The person's own fields, as the API names them (what `person.updated` lists). */
const PERSON_FIELDS = [
  'firstName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'phone',
  'email',
  'address',
  'postcode',
  'language',
  'communicationNeeds',
  'flags',
] as const;
type PersonField = (typeof PERSON_FIELDS)[number];

/** A postcode or phone that passed the DTO's validation, normalised. */
function postcodeOf(raw: string | null | undefined): { postcode: string; sector: string } | null {
  if (raw === null || raw === undefined) return null;
  const normalised = normalisePostcode(raw);
  if (normalised === undefined) throw new Error('postcode reached the service unvalidated');
  return normalised;
}

function phoneOf(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const normalised = normaliseUkPhone(raw);
  if (normalised === undefined) throw new Error('phone reached the service unvalidated');
  return normalised;
}

function valuesOf(request: CreatePersonRequest): PersonValues {
  const place = postcodeOf(request.postcode);
  return {
    firstName: request.firstName,
    lastName: request.lastName,
    preferredName: request.preferredName ?? null,
    dateOfBirth: request.dateOfBirth ?? null,
    phone: request.phone ?? null,
    phoneNormalised: phoneOf(request.phone),
    email: request.email ?? null,
    address: request.address ?? null,
    postcode: place?.postcode ?? null,
    postcodeSector: place?.sector ?? null,
    language: request.language ?? null,
    communicationNeeds: request.communicationNeeds ?? null,
    flags: request.flags ?? [],
  };
}

function storedValues(row: PersonRow): PersonValues {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    phoneNormalised: row.phone_normalised,
    email: row.email,
    address: row.address,
    postcode: row.postcode,
    postcodeSector: postcodeOf(row.postcode)?.sector ?? null,
    language: row.language,
    communicationNeeds: row.communication_needs,
    flags: row.flags,
  };
}

/** The stored values with the request's given fields applied (undefined: unchanged). */
function mergedValues(current: PersonValues, request: UpdatePersonRequest): PersonValues {
  const pick = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
  const place = request.postcode === undefined ? undefined : postcodeOf(request.postcode);
  return {
    firstName: pick(request.firstName, current.firstName),
    lastName: pick(request.lastName, current.lastName),
    preferredName: pick(request.preferredName, current.preferredName),
    dateOfBirth: pick(request.dateOfBirth, current.dateOfBirth),
    phone: pick(request.phone, current.phone),
    phoneNormalised: request.phone === undefined ? current.phoneNormalised : phoneOf(request.phone),
    email: pick(request.email, current.email),
    address: pick(request.address, current.address),
    postcode: place === undefined ? current.postcode : (place?.postcode ?? null),
    postcodeSector: place === undefined ? current.postcodeSector : (place?.sector ?? null),
    language: pick(request.language, current.language),
    communicationNeeds: pick(request.communicationNeeds, current.communicationNeeds),
    flags: pick(request.flags, current.flags),
  };
}

function changedFields(before: PersonValues, after: PersonValues): PersonField[] {
  return PERSON_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

function equalityAnswers(
  equality: PersonEqualityDto,
): Partial<Record<EqualityField, string | null>> {
  return {
    ageBand: equality.ageBand,
    sex: equality.sex,
    genderIdentity: equality.genderIdentity,
    ethnicity: equality.ethnicity,
    disability: equality.disability,
    religion: equality.religion,
    sexualOrientation: equality.sexualOrientation,
  };
}

/**
 * People: records with their derived area, duplicate detection, and an audit row for every
 * read. Equality answers are written here and never read back one person at a time.
 */
@Injectable()
export class PersonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, request: CreatePersonRequest): Promise<PersonResponse> {
    try {
      return await this.dataSource.transaction(async (manager) =>
        personResponse(await this.createInTransaction(manager, actor, request)),
      );
    } catch (error) {
      await this.auditDuplicateRefusal(actor, error);
      throw error;
    }
  }

  /**
   * A 409 PERSON_POSSIBLE_DUPLICATE tells the handler that the candidates exist: a view of each,
   * audited once the refused transaction has rolled back (its own audit rows went with it).
   * Call with whatever a transaction that may have created a person threw.
   */
  async auditDuplicateRefusal(actor: Actor, error: unknown): Promise<void> {
    if (!(error instanceof AppError) || error.code !== 'PERSON_POSSIBLE_DUPLICATE') return;
    const candidates = (error.details?.candidates ?? []) as { id: string }[];
    await this.audit.recordViews(
      actor,
      'person.viewed',
      'person',
      candidates.map((candidate) => candidate.id),
      { via: 'duplicate_check' },
    );
  }

  /**
   * Creates a person inside the caller's transaction (a contact creates one with its case):
   * refused with 409 PERSON_POSSIBLE_DUPLICATE when someone already recorded matches strongly,
   * unless the handler confirmed this is a different person. Audited as `person.created`.
   */
  async createInTransaction(
    manager: EntityManager,
    actor: Actor,
    request: CreatePersonRequest,
  ): Promise<PersonRow> {
    const values = valuesOf(request);
    const confirmed = request.confirmedNewPerson === true;
    if (!confirmed) {
      const duplicates = await this.strongMatches(manager, values);
      if (duplicates.length > 0) throw PersonErrors.possibleDuplicate(duplicates);
    }
    const row = await this.people.insert(manager, values, actor.userId);
    if (request.equality !== undefined) {
      await this.people.writeEquality(manager, row.id, equalityAnswers(request.equality));
    }
    await this.audit.record(
      {
        actor,
        action: 'person.created',
        entityType: 'person',
        entityId: row.id,
        details: { confirmedNewPerson: confirmed },
      },
      manager,
    );
    return row;
  }

  /** The record (and its current consent); the read is audited as `person.viewed`. */
  async get(actor: Actor, id: string): Promise<PersonResponse> {
    const manager = this.dataSource.manager;
    const row = await this.people.findWithLatestConsent(manager, id);
    if (row === undefined) throw PersonErrors.notFound();
    await this.audit.recordViews(
      actor,
      'person.viewed',
      'person',
      [id],
      { via: 'record' },
      manager,
    );
    return personResponse(row, row);
  }

  async update(actor: Actor, id: string, request: UpdatePersonRequest): Promise<PersonResponse> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.people.lock(manager, id);
      if (current === undefined) throw PersonErrors.notFound();
      if (current.version !== request.version) throw PersonErrors.versionConflict();
      const before = storedValues(current);
      const after = mergedValues(before, request);
      const changed: string[] = changedFields(before, after);
      if (changed.length > 0) await this.people.update(manager, id, after);
      if (
        request.equality !== undefined &&
        (await this.people.writeEquality(manager, id, equalityAnswers(request.equality)))
      ) {
        changed.push('equality');
      }
      if (changed.length > 0) {
        await this.audit.record(
          {
            actor,
            action: 'person.updated',
            entityType: 'person',
            entityId: id,
            details: { fields: changed },
          },
          manager,
        );
      } else {
        // Nothing changed, but the answer shows the record: a view.
        await this.audit.recordViews(
          actor,
          'person.viewed',
          'person',
          [id],
          { via: 'update' },
          manager,
        );
      }
      const row = await this.people.findWithLatestConsent(manager, id);
      if (row === undefined) throw PersonErrors.notFound();
      return personResponse(row, row);
    });
  }

  /**
   * Candidates for "is this someone we know?", best first; each shown candidate's record is
   * audited as viewed.
   */
  async search(actor: Actor, request: SearchPeopleRequest): Promise<PersonSearchResponse> {
    const hasName =
      request.name !== undefined ||
      request.firstName !== undefined ||
      request.lastName !== undefined;
    if (
      !hasName &&
      request.dateOfBirth === undefined &&
      request.postcode === undefined &&
      request.phone === undefined
    ) {
      throw PersonErrors.emptySearch();
    }
    if (request.name !== undefined && (request.firstName ?? request.lastName) !== undefined) {
      throw PersonErrors.nameTwice();
    }
    const name =
      request.name ??
      [request.firstName, request.lastName].filter((part) => part !== undefined).join(' ');
    const manager = this.dataSource.manager;
    const ranked = await this.rankedCandidates(manager, {
      name: hasName ? comparableName(name) : null,
      dateOfBirth: request.dateOfBirth ?? null,
      postcode: postcodeOf(request.postcode)?.postcode ?? null,
      phone: phoneOf(request.phone),
    });
    await this.audit.recordViews(
      actor,
      'person.viewed',
      'person',
      ranked.map(({ item }) => item.id),
      { via: 'search' },
      manager,
    );
    return {
      candidates: ranked.map(({ item, match }) => ({
        person: {
          id: item.id,
          firstName: item.first_name,
          lastName: item.last_name,
          preferredName: item.preferred_name,
          dateOfBirth: item.date_of_birth,
          postcode: item.postcode,
          areaCode: item.area_code,
        },
        score: match.score,
        matched: match.matched,
        strength: match.strength,
      })),
    };
  }

  /** Who did and who saw what with a person's record (admins and team leads), newest first. */
  async views(_actor: Actor, id: string, query: PersonViewsQuery): Promise<PersonViewsPage> {
    const manager = this.dataSource.manager;
    if ((await this.people.findReference(manager, id)) === undefined) {
      throw PersonErrors.notFound();
    }
    const { rows, total } = await this.people.auditPage(manager, id, query.page, query.perPage);
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.occurred_at.toISOString(),
        action: row.action,
        user:
          row.actor_user_id === null
            ? null
            : {
                id: row.actor_user_id,
                name: row.actor_name ?? '',
                role: row.actor_role ?? '',
              },
        details: row.details,
      })),
      total,
      page: query.page,
      perPage: query.perPage,
    };
  }

  /** An existing person as a contact needs them, or 404 PERSON_NOT_FOUND. */
  async requireReference(
    manager: EntityManager,
    id: string,
  ): Promise<{ id: string; areaCode: string | null; version: number }> {
    const row = await this.people.findReference(manager, id);
    if (row === undefined) throw PersonErrors.notFound();
    return { id: row.id, areaCode: row.area_code, version: row.version };
  }

  private async strongMatches(
    manager: EntityManager,
    values: PersonValues,
  ): Promise<DuplicateCandidate[]> {
    const ranked = await this.rankedCandidates(manager, {
      name: comparableName(`${values.firstName} ${values.lastName}`),
      dateOfBirth: values.dateOfBirth,
      postcode: values.postcode,
      phone: values.phoneNormalised,
    });
    return ranked
      .filter(({ match }) => match.strength === 'strong')
      .map(({ item, match }) => ({ id: item.id, ...match }));
  }

  private async rankedCandidates(
    manager: EntityManager,
    query: Omit<CandidateQuery, 'nameThreshold' | 'limitPerSignal'>,
  ) {
    const rows = await this.people.findCandidates(manager, {
      ...query,
      nameThreshold: NAME_SIMILARITY_THRESHOLD,
      limitPerSignal: CANDIDATES_PER_SIGNAL,
    });
    return rankMatches<CandidateRow>(
      rows.map((row) => ({
        item: row,
        key: row.id,
        signals: {
          nameSimilarity: row.name_similarity,
          dateOfBirth: row.same_date_of_birth,
          postcode: row.same_postcode,
          phone: row.same_phone,
        },
      })),
      MAX_CANDIDATES,
    );
  }
}
