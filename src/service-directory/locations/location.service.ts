import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import { AppError } from '../../common/errors/app-error.js';
import type { Page } from '../../common/http/pagination.js';
import { givenFilters } from '../../common/where.js';
import { AreaErrors } from '../areas/area.service.js';
import { normalisePostcode } from '../areas/postcode.js';
import { ServiceErrors } from '../services/service.errors.js';
import { Address, Location } from './location.entity.js';
import type {
  AddressDto,
  CreateLocationRequest,
  ListLocationsQuery,
  LocationFields,
  LocationResponse,
  UpdateLocationRequest,
} from './location.dto.js';

export const LocationErrors = {
  notFound: () => new AppError('not_found', 'LOCATION_NOT_FOUND', 'There is no such location.'),
  versionConflict: () =>
    new AppError(
      'conflict',
      'LOCATION_VERSION_CONFLICT',
      'The location was changed by someone else; reload and try again.',
    ),
};

/**
 * Places services are delivered from. Everyone signed in reads them; administrators change any,
 * a partner user only its own organisation's (others' are "not found" to them). Audited.
 */
@Injectable()
export class LocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListLocationsQuery): Promise<Page<LocationResponse>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(Location, {
      where: givenFilters({ organisationId: query.organisationId }),
      order: { name: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    const addresses = await this.addressesOf(
      this.dataSource.manager,
      rows.map((row) => row.id),
    );
    return {
      items: rows.map((row) => toResponse(row, addresses.get(row.id) ?? null)),
      total,
      page: query.page,
      perPage: query.perPage,
    };
  }

  async get(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LocationResponse> {
    const location = await manager.findOneBy(Location, { id });
    if (location === null) throw LocationErrors.notFound();
    const addresses = await this.addressesOf(manager, [id]);
    return toResponse(location, addresses.get(id) ?? null);
  }

  async create(actor: Actor, request: CreateLocationRequest): Promise<LocationResponse> {
    const organisationId =
      actor.role === 'partner'
        ? (request.organisationId ?? actor.organisationId)
        : request.organisationId;
    if (organisationId === undefined) throw ServiceErrors.organisationRequired();
    if (actor.role === 'partner' && organisationId !== actor.organisationId) {
      throw ServiceErrors.organisationNotFound('organisationId');
    }
    const address = request.address == null ? null : normaliseAddress(request.address);
    return this.dataSource.transaction(async (manager) => {
      const [owner] = await manager.query<{ id: string }[]>(
        `SELECT id FROM organisations WHERE id = $1`,
        [organisationId],
      );
      if (owner === undefined) throw ServiceErrors.organisationNotFound('organisationId');
      const inserted = await manager.insert(Location, {
        organisationId,
        name: request.name,
        locationType: request.locationType ?? 'physical',
        description: request.description ?? null,
        transportation: request.transportation ?? null,
        url: request.url ?? null,
        latitude: request.latitude ?? null,
        longitude: request.longitude ?? null,
        areaCode: address === null ? null : await this.wardOf(manager, address.sector),
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      if (address !== null) await manager.insert(Address, addressRow(id, address));
      await this.audit.record(
        {
          actor,
          action: 'location.created',
          entityType: 'location',
          entityId: id,
          details: { organisationId },
        },
        manager,
      );
      return this.get(id, manager);
    });
  }

  async update(
    actor: Actor,
    id: string,
    request: UpdateLocationRequest,
  ): Promise<LocationResponse> {
    const address = request.address == null ? request.address : normaliseAddress(request.address);
    return this.dataSource.transaction(async (manager) => {
      const location = await manager.findOne(Location, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (location === null) throw LocationErrors.notFound();
      if (actor.role === 'partner' && location.organisationId !== actor.organisationId) {
        throw LocationErrors.notFound();
      }
      if (request.version !== undefined && request.version !== location.version) {
        throw LocationErrors.versionConflict();
      }
      const changes: Partial<Location> = {};
      const fields: ((keyof LocationFields & keyof Location) | 'name')[] = [
        'name',
        'locationType',
        'description',
        'transportation',
        'url',
        'latitude',
        'longitude',
      ];
      for (const field of fields) {
        const value = request[field];
        if (value !== undefined && value !== location[field]) {
          Object.assign(changes, { [field]: value });
        }
      }
      const changed: string[] = Object.keys(changes);
      if (address !== undefined) {
        await manager.delete(Address, { locationId: id });
        if (address !== null) await manager.insert(Address, addressRow(id, address));
        changes.areaCode = address === null ? null : await this.wardOf(manager, address.sector);
        changed.push('address');
      }
      if (changed.length === 0) return this.get(id, manager);
      await manager.update(Location, { id }, { ...changes, updatedAt: () => 'now()' });
      await this.audit.record(
        {
          actor,
          action: 'location.updated',
          entityType: 'location',
          entityId: id,
          details: { fields: changed.sort() },
        },
        manager,
      );
      return this.get(id, manager);
    });
  }

  private async wardOf(manager: EntityManager, sector: string): Promise<string | null> {
    const [row] = await manager.query<{ area_code: string }[]>(
      `SELECT area_code FROM area_postcode_sectors WHERE sector = $1`,
      [sector],
    );
    return row?.area_code ?? null;
  }

  private async addressesOf(manager: EntityManager, ids: string[]): Promise<Map<string, Address>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder(Address, 'a')
      .where('a.location_id = ANY(:ids)', { ids })
      .orderBy('a.id')
      .getMany();
    const byLocation = new Map<string, Address>();
    for (const row of rows)
      if (!byLocation.has(row.locationId)) byLocation.set(row.locationId, row);
    return byLocation;
  }
}

interface NormalisedAddress extends AddressDto {
  sector: string;
}

function normaliseAddress(address: AddressDto): NormalisedAddress {
  const postcode = normalisePostcode(address.postcode);
  if (postcode === undefined) {
    const error = AreaErrors.malformedPostcode();
    throw new AppError(error.kind, error.code, error.message, {
      fields: { 'address.postcode': ['must be a full UK postcode, e.g. PR25 1DH'] },
    });
  }
  return { ...address, postcode: postcode.postcode, sector: postcode.sector };
}

function addressRow(locationId: string, address: NormalisedAddress): Partial<Address> {
  return {
    locationId,
    address1: address.line1,
    address2: address.line2 ?? null,
    city: address.city,
    stateProvince: address.county ?? 'Lancashire',
    postalCode: address.postcode,
    country: 'GB',
    addressType: 'physical',
  };
}

function toResponse(location: Location, address: Address | null): LocationResponse {
  return {
    id: location.id,
    organisationId: location.organisationId,
    locationType: location.locationType,
    name: location.name,
    description: location.description,
    transportation: location.transportation,
    url: location.url,
    latitude: location.latitude,
    longitude: location.longitude,
    address:
      address === null
        ? null
        : {
            line1: address.address1,
            line2: address.address2,
            city: address.city,
            county: address.stateProvince,
            postcode: address.postalCode,
          },
    areaCode: location.areaCode,
    version: location.version,
  };
}
