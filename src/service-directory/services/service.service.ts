import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import type { Page } from '../../common/http/pagination.js';
import { AreaErrors } from '../areas/area.service.js';
import { normalisePostcode } from '../areas/postcode.js';
import { Phone } from './contact.entity.js';
import { Schedule } from './schedule.entity.js';
import { ServiceAtLocation } from './service-at-location.entity.js';
import {
  BOROUGH_TIME_ZONE,
  queryWords,
  ServiceSearch,
  textQuery,
  type SearchTerms,
  type ServiceSearchRow,
} from './service-search.js';
import { Service, ServiceArea, ServiceNeed } from './service.entity.js';
import type {
  CreateServiceRequest,
  OpeningTimeDto,
  SearchServicesQuery,
  ServiceFields,
  ServiceResponse,
  ServiceSearchItem,
  ServiceSummary,
  UpdateServiceRequest,
  Weekday,
} from './service.dto.js';
import { ServiceErrors } from './service.errors.js';

/** Which of the given need codes and area codes exist, and the ward of a postcode sector. */
export const RESOLVE_SQL = `SELECT ARRAY(SELECT code FROM need_terms WHERE code = ANY($1::text[])) AS needs,
       ARRAY(SELECT code FROM areas WHERE code = ANY($2::text[])) AS areas,
       (SELECT area_code FROM area_postcode_sectors WHERE sector = $3) AS ward`;

interface Resolved {
  needs: string[];
  areas: string[];
  ward: string | null;
}

/** The borough's local weekday (MO..SU), time and date at `moment`. */
export function boroughClock(moment: Date): { day: Weekday; time: string; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: BOROUGH_TIME_ZONE,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: String(parts.weekday).slice(0, 2).toUpperCase() as Weekday,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

function summary(row: ServiceSearchRow): ServiceSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    organisationId: row.organisation_id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    receivingOrganisationId: row.receiving_organisation_id,
    needs: row.needs,
    areas: row.areas,
    eligibility: {
      minAge: row.minimum_age,
      maxAge: row.maximum_age,
      criteria: row.eligibility_description,
    },
    acceptingReferrals: row.accepting_referrals,
    responseTargetHours: row.response_target_hours,
    capacity: { available: row.capacity_available, maximum: row.capacity_maximum },
    contact: { phone: row.phone, email: row.email, url: row.url },
  };
}

const DAY_ORDER: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Services: search for everyone signed in; changes by administrators, and by partner users for
 * their own organisation's services only (others' are "not found" to them). Every change is
 * audited in its transaction.
 */
@Injectable()
export class ServiceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly searchSql: ServiceSearch,
    private readonly audit: AuditService,
  ) {}

  async search(query: SearchServicesQuery, now = new Date()): Promise<Page<ServiceSearchItem>> {
    if (query.postcode !== undefined && query.area !== undefined) {
      throw ServiceErrors.postcodeAndArea();
    }
    const postcode = query.postcode === undefined ? undefined : normalisePostcode(query.postcode);
    if (postcode === undefined && query.postcode !== undefined) {
      throw AreaErrors.malformedPostcode();
    }
    const words = query.q === undefined ? null : queryWords(query.q);
    if (words !== null && words.length === 0) throw ServiceErrors.noWords();

    let terms: SearchTerms | null = null;
    if (query.need !== undefined || query.area !== undefined || postcode !== undefined) {
      terms = await this.searchSql.searchTerms(
        query.need ?? [],
        query.area ?? null,
        postcode?.sector ?? null,
      );
      const unknownNeeds = (query.need ?? []).filter((code) => !terms?.needs.includes(code));
      if (unknownNeeds.length > 0) throw ServiceErrors.unknownNeeds(unknownNeeds);
      if (query.area !== undefined && terms.covering_areas.length === 0) {
        throw ServiceErrors.unknownAreas('area', [query.area]);
      }
      if (postcode !== undefined && terms.area === null) throw AreaErrors.outsideAreas();
    }
    const place = query.area !== undefined || postcode !== undefined;

    const filters = {
      needs: query.need ?? null,
      coveredNeeds: query.need === undefined ? null : (terms?.covered_needs ?? null),
      coveringAreas: place ? (terms?.covering_areas ?? null) : null,
      localAreas: place ? (terms?.local_areas ?? null) : null,
      age: query.age ?? null,
      textQuery: words === null ? null : textQuery(await this.searchSql.similarWords(words)),
      accepting: query.accepting ?? null,
      openAt: query.openNow === true ? boroughClock(now) : null,
      organisationId: query.organisationId ?? null,
    };
    const offset = (query.page - 1) * query.perPage;
    const rows = await this.searchSql.search({ ...filters, limit: query.perPage, offset });
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && offset > 0) {
      // Past the last page: the window count came back empty, so count on the first page.
      const first = await this.searchSql.search({ ...filters, limit: 1, offset: 0 });
      total = first.length > 0 ? Number(first[0].total) : 0;
    }
    return {
      items: rows.map((row) => ({
        ...summary(row),
        match: {
          need: row.exact_need === null ? null : row.exact_need ? 'exact' : 'related',
          local: row.local,
          textRank: row.text_rank === null ? null : Number(row.text_rank),
        },
      })),
      total,
      page: query.page,
      perPage: query.perPage,
    };
  }

  async get(id: string): Promise<ServiceResponse> {
    return this.load(this.dataSource.manager, id);
  }

  async create(actor: Actor, request: CreateServiceRequest): Promise<ServiceResponse> {
    const organisationId =
      actor.role === 'partner'
        ? (request.organisationId ?? actor.organisationId)
        : request.organisationId;
    if (organisationId === undefined) throw ServiceErrors.organisationRequired();
    if (actor.role === 'partner' && organisationId !== actor.organisationId) {
      throw ServiceErrors.organisationNotFound('organisationId');
    }
    const receivingOrganisationId = request.receivingOrganisationId ?? organisationId;
    if (actor.role === 'partner' && receivingOrganisationId !== actor.organisationId) {
      throw ServiceErrors.receiverAdminOnly();
    }
    checkRanges(request, null);
    return this.dataSource.transaction(async (manager) => {
      const [provider] = await manager.query<{ id: string }[]>(
        `SELECT id FROM organisations WHERE id = $1`,
        [organisationId],
      );
      if (provider === undefined) throw ServiceErrors.organisationNotFound('organisationId');
      await this.checkReceiver(manager, receivingOrganisationId);
      await this.checkCodes(manager, request.needs, request.areas);
      const inserted = await manager.insert(Service, {
        organisationId,
        receivingOrganisationId,
        name: request.name,
        description: request.description ?? '',
        status: request.status ?? 'active',
        url: request.url ?? null,
        email: request.email ?? null,
        applicationProcess: request.applicationProcess ?? null,
        alert: request.alert ?? null,
        eligibilityDescription: request.eligibility?.criteria ?? null,
        minimumAge: request.eligibility?.minAge ?? null,
        maximumAge: request.eligibility?.maxAge ?? null,
        acceptingReferrals: request.acceptingReferrals ?? true,
        responseTargetHours: request.responseTargetHours ?? null,
        capacityAvailable: request.capacity?.available ?? null,
        capacityMaximum: request.capacity?.maximum ?? null,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.replaceChildren(manager, id, organisationId, request);
      await this.audit.record(
        {
          actor,
          action: 'service.created',
          entityType: 'service',
          entityId: id,
          details: { organisationId },
        },
        manager,
      );
      return this.load(manager, id);
    });
  }

  async update(actor: Actor, id: string, request: UpdateServiceRequest): Promise<ServiceResponse> {
    return this.dataSource.transaction(async (manager) => {
      const service = await manager.findOne(Service, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (service === null) throw ServiceErrors.notFound();
      if (actor.role === 'partner' && service.organisationId !== actor.organisationId) {
        throw ServiceErrors.notFound();
      }
      if (request.version !== undefined && request.version !== service.version) {
        throw ServiceErrors.versionConflict();
      }
      if (request.receivingOrganisationId !== undefined) {
        if (actor.role === 'partner' && request.receivingOrganisationId !== actor.organisationId) {
          throw ServiceErrors.receiverAdminOnly();
        }
        await this.checkReceiver(manager, request.receivingOrganisationId);
      }
      checkRanges(request, service);
      await this.checkCodes(manager, request.needs, request.areas);

      const changes: Partial<Service> = {};
      const set = <K extends keyof Service>(key: K, value: Service[K] | undefined) => {
        if (value !== undefined && value !== service[key]) changes[key] = value;
      };
      set('name', request.name);
      set('description', request.description);
      set('status', request.status);
      set('receivingOrganisationId', request.receivingOrganisationId);
      set('url', request.url);
      set('email', request.email);
      set('applicationProcess', request.applicationProcess);
      set('alert', request.alert);
      set('eligibilityDescription', request.eligibility?.criteria);
      set('minimumAge', request.eligibility?.minAge);
      set('maximumAge', request.eligibility?.maxAge);
      set('acceptingReferrals', request.acceptingReferrals);
      set('responseTargetHours', request.responseTargetHours);
      set('capacityAvailable', request.capacity?.available);
      set('capacityMaximum', request.capacity?.maximum);
      const replaced = await this.replaceChildren(manager, id, service.organisationId, request);
      const fields = [...Object.keys(changes), ...replaced];
      if (fields.length === 0) return this.load(manager, id);
      // Always an UPDATE of the row, so the version and updated_at move with any change.
      await manager.update(Service, { id }, { ...changes, updatedAt: () => 'now()' });
      await this.audit.record(
        {
          actor,
          action: 'service.updated',
          entityType: 'service',
          entityId: id,
          details: { fields: fields.sort() },
        },
        manager,
      );
      return this.load(manager, id);
    });
  }

  private async resolve(
    manager: EntityManager,
    needs: string[],
    areas: string[],
    sector: string | null,
  ): Promise<Resolved> {
    const [row] = await manager.query<Resolved[]>(RESOLVE_SQL, [needs, areas, sector]);
    return row;
  }

  private async checkCodes(
    manager: EntityManager,
    needs: string[] | undefined,
    areas: string[] | undefined,
  ): Promise<void> {
    if (needs === undefined && areas === undefined) return;
    const resolved = await this.resolve(manager, needs ?? [], areas ?? [], null);
    const unknownNeeds = (needs ?? []).filter((code) => !resolved.needs.includes(code));
    if (unknownNeeds.length > 0) throw ServiceErrors.unknownNeeds(unknownNeeds);
    const unknownAreas = (areas ?? []).filter((code) => !resolved.areas.includes(code));
    if (unknownAreas.length > 0) throw ServiceErrors.unknownAreas('areas', unknownAreas);
  }

  private async checkReceiver(manager: EntityManager, organisationId: string): Promise<void> {
    const [receiver] = await manager.query<{ kind: string; active: boolean }[]>(
      `SELECT kind, active FROM organisations WHERE id = $1`,
      [organisationId],
    );
    if (receiver === undefined) throw ServiceErrors.organisationNotFound('receivingOrganisationId');
    if (receiver.kind !== 'partner' || !receiver.active) throw ServiceErrors.receiverNotPartner();
  }

  /** Replaces the lists the request gives (needs, areas, phone, locations, opening times). */
  private async replaceChildren(
    manager: EntityManager,
    id: string,
    organisationId: string,
    request: ServiceFields & { needs?: string[]; areas?: string[] },
  ): Promise<string[]> {
    const replaced: string[] = [];
    if (request.needs !== undefined) {
      await manager.delete(ServiceNeed, { serviceId: id });
      await manager.insert(
        ServiceNeed,
        request.needs.map((needCode) => ({ serviceId: id, needCode })),
      );
      replaced.push('needs');
    }
    if (request.areas !== undefined) {
      await manager.delete(ServiceArea, { serviceId: id });
      await manager.query(
        `INSERT INTO service_areas (service_id, area_code, name)
         SELECT $1, a.code, a.name FROM areas a WHERE a.code = ANY($2::text[])`,
        [id, request.areas],
      );
      replaced.push('areas');
    }
    if (request.phone !== undefined) {
      await manager.delete(Phone, { serviceId: id });
      if (request.phone !== null) {
        await manager.insert(Phone, { serviceId: id, number: request.phone, type: 'voice' });
      }
      replaced.push('phone');
    }
    if (request.locationIds !== undefined) {
      const own = await manager.query<{ id: string }[]>(
        `SELECT id FROM locations WHERE id = ANY($1::uuid[]) AND organisation_id = $2`,
        [request.locationIds, organisationId],
      );
      const foreign = request.locationIds.filter(
        (locationId) => !own.some((row) => row.id === locationId),
      );
      if (foreign.length > 0) throw ServiceErrors.foreignLocations(foreign);
      await manager.query(
        `DELETE FROM service_at_locations WHERE service_id = $1 AND NOT (location_id = ANY($2::uuid[]))`,
        [id, request.locationIds],
      );
      if (request.locationIds.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ServiceAtLocation)
          .values(request.locationIds.map((locationId) => ({ serviceId: id, locationId })))
          .orIgnore()
          .execute();
      }
      replaced.push('locations');
    }
    if (request.openingTimes !== undefined) {
      request.openingTimes.forEach((time, index) => {
        if (time.closes <= time.opens) throw ServiceErrors.openingTime(index);
      });
      await manager.delete(Schedule, { serviceId: id });
      if (request.openingTimes.length > 0) {
        await manager.insert(
          Schedule,
          request.openingTimes.map((time) => schedule(id, time)),
        );
      }
      replaced.push('openingTimes');
    }
    return replaced;
  }

  private async load(manager: EntityManager, id: string): Promise<ServiceResponse> {
    const [row] = await manager.query<(ServiceSearchRow & Record<string, unknown>)[]>(
      `SELECT s.*, o.name AS organisation_name,
              (SELECT ph.number FROM phones ph WHERE ph.service_id = s.id ORDER BY ph.id LIMIT 1) AS phone,
              coalesce(s.need_codes, '{}') AS needs, coalesce(s.area_codes, '{}') AS areas
         FROM services s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.id = $1`,
      [id],
    );
    if (row === undefined) throw ServiceErrors.notFound();
    const locations = await manager.query<
      {
        id: string;
        name: string | null;
        address: string | null;
        postcode: string | null;
        area_code: string | null;
      }[]
    >(
      `SELECT l.id, l.name, l.area_code,
              (SELECT concat_ws(', ', a.address_1, a.address_2, a.city) FROM addresses a WHERE a.location_id = l.id ORDER BY a.id LIMIT 1) AS address,
              (SELECT a.postal_code FROM addresses a WHERE a.location_id = l.id ORDER BY a.id LIMIT 1) AS postcode
         FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
        WHERE sal.service_id = $1 ORDER BY l.name, l.id`,
      [id],
    );
    const schedules = await manager.find(Schedule, {
      where: { serviceId: id, freq: 'WEEKLY' },
      order: { opensAt: 'ASC', id: 'ASC' },
    });
    return {
      ...summary(row),
      alternateName: row.alternate_name as string | null,
      applicationProcess: row.application_process as string | null,
      alert: row.alert as string | null,
      locations: locations.map((location) => ({
        id: location.id,
        name: location.name,
        address: location.address,
        postcode: location.postcode,
        areaCode: location.area_code,
      })),
      openingTimes: schedules.map((item) => ({
        days: (item.byday ?? '')
          .split(',')
          .filter((day): day is Weekday => DAY_ORDER.includes(day as Weekday)),
        opens: (item.opensAt ?? '00:00').slice(0, 5),
        closes: (item.closesAt ?? '00:00').slice(0, 5),
        description: item.description,
      })),
      createdAt: (row.created_at as Date).toISOString(),
      updatedAt: (row.updated_at as Date).toISOString(),
      version: row.version as number,
    };
  }
}

function schedule(serviceId: string, time: OpeningTimeDto): Partial<Schedule> {
  const days = DAY_ORDER.filter((day) => time.days.includes(day));
  return {
    serviceId,
    freq: 'WEEKLY',
    byday: days.join(','),
    opensAt: `${time.opens}:00`,
    closesAt: `${time.closes}:00`,
    description: time.description ?? null,
  };
}

/** Ages and capacity must stay in order once the request is applied to what is stored. */
function checkRanges(request: ServiceFields, stored: Service | null): void {
  const pick = <T>(given: T | undefined, current: T | null): T | null =>
    given === undefined ? current : given;
  const minAge = pick(request.eligibility?.minAge, stored?.minimumAge ?? null);
  const maxAge = pick(request.eligibility?.maxAge, stored?.maximumAge ?? null);
  if (minAge !== null && maxAge !== null && minAge > maxAge) throw ServiceErrors.ages();
  const available = pick(request.capacity?.available, stored?.capacityAvailable ?? null);
  const maximum = pick(request.capacity?.maximum, stored?.capacityMaximum ?? null);
  if (available !== null && maximum !== null && available > maximum) throw ServiceErrors.capacity();
}
