import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService, type AuditActor } from '../../audit/audit.service.js';
import { AppError } from '../../common/errors/app-error.js';
import { normalisePostcode } from '../areas/postcode.js';
import { NEED_TAXONOMY_ID, needTermId, uuidV5 } from './ids.js';
import {
  EXTRA_FIELDS,
  isObject,
  recordsOf,
  validateServiceRecord,
  type HsdsAddress,
  type HsdsContact,
  type HsdsLocation,
  type HsdsOrganization,
  type HsdsPhone,
  type HsdsSchedule,
  type HsdsService,
  type HsdsServiceArea,
  type HsdsServiceAtLocation,
  type ImportIssue,
} from './import-validation.js';

export type { ImportIssue } from './import-validation.js';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** What happened to one service record of the dataset. */
export interface ImportRecordReport {
  /** Its position in the dataset, from 0. */
  index: number;
  id: string | null;
  name: string | null;
  outcome: ImportOutcome;
  /** Why it was rejected (then nothing of it was stored). */
  reasons?: ImportIssue[];
  /** What was stored differently from the record, or not at all (the record was still stored). */
  warnings?: ImportIssue[];
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  records: ImportRecordReport[];
}

/**
 * Namespace of the ids given to a phone, contact, schedule, address, service area, service at a
 * location or location whose HSDS id is already another owner's: `uuidV5(ownerId:hsdsId)`, so
 * the same dataset always gets the same ids.
 */
export const IMPORT_ID_NAMESPACE = 'b1c0f4d6-52a8-4e37-9d0e-6a3f2c7e8b15';

/** The id a repeated child gets under this owner. */
export function derivedId(ownerId: string, hsdsId: string): string {
  return uuidV5(`${ownerId}:${hsdsId}`, IMPORT_ID_NAMESPACE);
}

/** Imports take turns, record by record (advisory lock key). */
const IMPORT_LOCK_KEY = 7_140_318;

export const ImportErrors = {
  notADataset: () =>
    new AppError(
      'bad_request',
      'HSDS_IMPORT_NOT_A_DATASET',
      'The body must be HSDS 3.0 services: a page ({ "contents": [...] }), an array of services, or one service.',
    ),
};

type OwnerKind = 'service' | 'organisation' | 'location' | 'contact' | 'service_at_location';
interface Owner {
  kind: OwnerKind;
  id: string;
}

const OWNER_COLUMN: Record<OwnerKind, string> = {
  service: 'service_id',
  organisation: 'organisation_id',
  location: 'location_id',
  contact: 'contact_id',
  service_at_location: 'service_at_location_id',
};

/** The child tables, with the owners each row may have (exactly one of them). */
const CHILD_TABLES = {
  phones: ['service', 'organisation', 'location', 'contact', 'service_at_location'],
  contacts: ['service', 'organisation', 'location', 'service_at_location'],
  schedules: ['service', 'location', 'service_at_location'],
  addresses: ['location'],
  service_areas: ['service'],
  service_at_locations: ['service'],
  locations: ['organisation'],
} as const satisfies Record<string, readonly OwnerKind[]>;
type ChildTable = keyof typeof CHILD_TABLES;

/** Tables written in this order (parents before children). */
const WRITE_ORDER: ChildTable[] = [
  'locations',
  'addresses',
  'service_at_locations',
  'contacts',
  'phones',
  'schedules',
  'service_areas',
];

const ownerKey = (owner: Owner) => `${owner.kind}:${owner.id}`;

type Row = Record<string, unknown>;

interface Changes {
  inserted: number;
  updated: number;
  deleted: number;
}

/** What the import reads once: need term ids, areas, and the ward of each postcode sector. */
interface ReferenceData {
  needCodeById: Map<string, string>;
  areaCodeByName: Map<string, string>;
  wardBySector: Map<string, string>;
}

class Rejection extends Error {
  constructor(readonly reasons: ImportIssue[]) {
    super('rejected');
  }
}

class Unchanged extends Error {}

/**
 * Imports HSDS 3.0 services (with their organisations, locations and taxonomy terms), matching
 * records by their HSDS ids, each service record in a transaction of its own.
 */
@Injectable()
export class HsdsImportService {
  private readonly logger = new Logger('HsdsImport');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async import(actor: AuditActor, body: unknown, source: 'api' | 'cli'): Promise<ImportReport> {
    const records = recordsOf(body);
    if (records === undefined) throw ImportErrors.notADataset();
    const reference = await this.referenceData();
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected: 0, records: [] };
    const seen = new Map<string, number>();
    for (const [index, record] of records.entries()) {
      const entry = await this.importRecord(actor, reference, record, index, seen);
      report[entry.outcome] += 1;
      report.records.push(entry);
    }
    await this.audit.record({
      actor,
      action: 'directory.imported',
      entityType: 'directory',
      details: {
        source,
        records: records.length,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
      },
    });
    return report;
  }

  private async importRecord(
    actor: AuditActor,
    reference: ReferenceData,
    record: unknown,
    index: number,
    seen: Map<string, number>,
  ): Promise<ImportRecordReport> {
    const id = isObject(record) && typeof record.id === 'string' ? record.id.slice(0, 100) : null;
    const name =
      isObject(record) && typeof record.name === 'string' ? record.name.slice(0, 300) : null;
    const entry = (
      outcome: ImportOutcome,
      reasons: ImportIssue[] = [],
      warnings: ImportIssue[] = [],
    ): ImportRecordReport => ({
      index,
      id: id?.toLowerCase() ?? null,
      name,
      outcome,
      ...(reasons.length > 0 ? { reasons } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    });

    const checked = validateServiceRecord(record);
    if (!checked.ok) return entry('rejected', checked.reasons, checked.warnings);
    const { service, warnings } = checked;
    const earlier = seen.get(service.id);
    if (earlier !== undefined) {
      return entry(
        'rejected',
        [{ path: '/id', message: `the same service is record ${earlier} of this dataset` }],
        warnings,
      );
    }
    seen.set(service.id, index);

    try {
      const outcome = await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
        const writer = new RecordWriter(manager, reference, service, warnings);
        const result = await writer.write();
        if (result === 'unchanged') throw new Unchanged();
        await this.audit.record(
          {
            actor,
            action: 'service.imported',
            entityType: 'service',
            entityId: service.id,
            details: {
              outcome: result,
              organisationId: writer.organisationId,
              changes: writer.changeCounts(),
            },
          },
          manager,
        );
        if (writer.organisationOutcome !== undefined) {
          await this.audit.record(
            {
              actor,
              action: 'organisation.imported',
              entityType: 'organisation',
              entityId: writer.organisationId,
              details: { outcome: writer.organisationOutcome, serviceId: service.id },
            },
            manager,
          );
        }
        return result;
      });
      return entry(outcome, [], warnings);
    } catch (error) {
      if (error instanceof Unchanged) return entry('unchanged', [], warnings);
      if (error instanceof Rejection) return entry('rejected', error.reasons, warnings);
      return entry('rejected', [this.databaseReason(error, index)], warnings);
    }
  }

  /** A database refusal we did not foresee: named by its SQLSTATE and constraint, never by value. */
  private databaseReason(error: unknown, index: number): ImportIssue {
    const driver =
      error instanceof QueryFailedError
        ? (error.driverError as { code?: string; constraint?: string; column?: string })
        : undefined;
    this.logger.warn(
      {
        record: index,
        code: driver?.code,
        constraint: driver?.constraint,
        column: driver?.column,
        // Not a database refusal: a fault of ours, whose stack holds no record's values.
        stack: driver === undefined && error instanceof Error ? error.stack : undefined,
      },
      'An imported record could not be stored',
    );
    if (driver === undefined) {
      return { path: '', message: 'could not be stored: unexpected error' };
    }
    const what = [
      driver.code === undefined ? undefined : `error ${driver.code}`,
      driver.constraint === undefined ? undefined : `constraint ${driver.constraint}`,
      driver.column === undefined ? undefined : `column ${driver.column}`,
    ].filter((part) => part !== undefined);
    return { path: '', message: `the database refused this record (${what.join(', ')})` };
  }

  private async referenceData(): Promise<ReferenceData> {
    const needs = await this.dataSource.query<{ code: string }[]>('SELECT code FROM need_terms');
    const areas = await this.dataSource.query<{ code: string; name: string }[]>(
      'SELECT code, name FROM areas ORDER BY code',
    );
    const sectors = await this.dataSource.query<{ sector: string; area_code: string }[]>(
      'SELECT sector, area_code FROM area_postcode_sectors',
    );
    const areaCodeByName = new Map<string, string>();
    for (const area of areas) {
      areaCodeByName.set(area.code.toLowerCase(), area.code);
      if (!areaCodeByName.has(area.name.toLowerCase())) {
        areaCodeByName.set(area.name.toLowerCase(), area.code);
      }
    }
    return {
      needCodeById: new Map(needs.map((need) => [needTermId(need.code), need.code])),
      areaCodeByName,
      wardBySector: new Map(sectors.map((row) => [row.sector, row.area_code])),
    };
  }
}

/** Writes one validated service record in the caller's transaction, changing only what differs. */
class RecordWriter {
  organisationId = '';
  organisationOutcome: 'created' | 'updated' | undefined;
  private reasons: ImportIssue[] = [];
  private readonly changes = new Map<string, Changes>();
  /** HSDS id → the owner whose row has it, per table (from the database). */
  private readonly stored = new Map<ChildTable, Map<string, string>>();
  /** Stored ids this record deletes from their owner: free to be taken again. */
  private freed = new Map<ChildTable, Set<string>>();
  /** HSDS id → the owner that took it in this record, per table. */
  private claimed = new Map<ChildTable, Map<string, string>>();
  /** Rows to write, by table then id, in traversal order; the JSON they came from. */
  private rows = new Map<ChildTable, Map<string, { row: Row; source: string }>>();
  /** Owners whose list of children was given: their other children are deleted. */
  private scopes: { table: ChildTable; owner: Owner; keep: Set<string> }[] = [];
  private planWarnings: ImportIssue[] = [];
  private readonly storedLocationExtras = new Map<string, unknown>();
  private readonly recordLocations = new Map<string, HsdsLocation>();

  constructor(
    private readonly manager: EntityManager,
    private readonly reference: ReferenceData,
    private readonly service: HsdsService,
    private readonly warnings: ImportIssue[],
  ) {
    for (const table of Object.keys(CHILD_TABLES) as ChildTable[]) {
      this.stored.set(table, new Map());
      this.freed.set(table, new Set());
    }
  }

  changeCounts(): Record<string, Changes> {
    return Object.fromEntries(this.changes);
  }

  /** Throws a Rejection (rolling the transaction back) when the record cannot be stored. */
  async write(): Promise<'created' | 'updated' | 'unchanged'> {
    const service = this.service;
    const [existing] = await this.manager.query<{ organisation_id: string; hsds_extra: unknown }[]>(
      'SELECT organisation_id, hsds_extra FROM services WHERE id = $1 FOR UPDATE',
      [service.id],
    );
    const organisation = service.organization;
    const organisationId = organisation?.id ?? service.organization_id ?? existing?.organisation_id;
    if (organisationId === undefined) {
      this.reject('/organization', 'is required for a service the directory does not have yet');
    } else if (existing !== undefined && existing.organisation_id !== organisationId) {
      this.reject(
        organisation === undefined ? '/organization_id' : '/organization/id',
        "this service is another organisation's in the directory: an import does not move services between organisations",
      );
    }
    if (organisationId !== undefined) this.organisationId = organisationId;
    await this.checkOrganisation(organisation);
    this.throwIfRejected();

    await this.loadStoredOwners();
    this.planWithFreedIds();
    const taxonomy = await this.planTaxonomy();
    this.throwIfRejected();

    if (organisation !== undefined) {
      const outcome = await this.writeOrganisation(organisation);
      if (outcome !== undefined) this.organisationOutcome = outcome;
    }
    const serviceOutcome = await this.writeService(existing?.hsds_extra);
    for (const scope of this.scopes.sort(
      (a, b) => WRITE_ORDER.indexOf(a.table) - WRITE_ORDER.indexOf(b.table),
    )) {
      await this.deleteOthers(scope.table, scope.owner, scope.keep);
    }
    for (const table of WRITE_ORDER) {
      for (const { row } of this.rows.get(table)!.values()) {
        await this.upsert(table, row, { versioned: table === 'locations' });
      }
    }
    await taxonomy();

    if (serviceOutcome === 'inserted') return 'created';
    const changed = [...this.changes.values()].some(
      (change) => change.inserted + change.updated + change.deleted > 0,
    );
    if (!changed) return 'unchanged';
    if (serviceOutcome === undefined) {
      await this.manager.query(
        'UPDATE services SET updated_at = now(), version = version + 1 WHERE id = $1',
        [service.id],
      );
    }
    return 'updated';
  }

  private reject(path: string, message: string): void {
    this.reasons.push({ path, message });
  }

  private throwIfRejected(): void {
    if (this.reasons.length > 0) throw new Rejection(this.reasons);
  }

  private async checkOrganisation(organisation: HsdsOrganization | undefined): Promise<void> {
    if (organisation === undefined) {
      if (this.service.organization_id === undefined) return;
      const [known] = await this.manager.query<{ id: string }[]>(
        'SELECT id FROM organisations WHERE id = $1',
        [this.service.organization_id],
      );
      if (known === undefined) {
        this.reject(
          '/organization_id',
          'no organisation in the directory has this id: include the organization',
        );
      }
      return;
    }
    const [namesake] = await this.manager.query<{ id: string }[]>(
      'SELECT id FROM organisations WHERE name = $1 AND id <> $2',
      [organisation.name, organisation.id],
    );
    if (namesake !== undefined) {
      this.reject(
        '/organization/name',
        `another organisation in the directory (id ${namesake.id}) already has this name`,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Ids: the HSDS id where it is free, else an id derived from the owner's.

  private async loadStoredOwners(): Promise<void> {
    const ids = new Map<ChildTable, Set<string>>(
      (Object.keys(CHILD_TABLES) as ChildTable[]).map((table) => [table, new Set<string>()]),
    );
    const add = (table: ChildTable, items: { id: string }[] | undefined) =>
      items?.forEach((item) => ids.get(table)!.add(item.id));
    const contacts = (items: HsdsContact[] | undefined) => {
      add('contacts', items);
      items?.forEach((contact) => add('phones', contact.phones));
    };
    const location = (item: HsdsLocation) => {
      add('locations', [item]);
      add('addresses', item.addresses);
      contacts(item.contacts);
      add('phones', item.phones);
      add('schedules', item.schedules);
    };
    const service = this.service;
    add('phones', service.phones);
    add('schedules', service.schedules);
    add('service_areas', service.service_areas);
    contacts(service.contacts);
    for (const sal of service.service_at_locations ?? []) {
      add('service_at_locations', [sal]);
      contacts(sal.contacts);
      add('phones', sal.phones);
      add('schedules', sal.schedules);
      if (sal.location !== undefined) location(sal.location);
      else if (sal.location_id !== undefined) ids.get('locations')!.add(sal.location_id);
    }
    contacts(service.organization?.contacts);
    add('phones', service.organization?.phones);
    service.organization?.locations?.forEach(location);

    for (const [table, owners] of Object.entries(CHILD_TABLES) as [
      ChildTable,
      readonly OwnerKind[],
    ][]) {
      const wanted = [...ids.get(table)!];
      if (wanted.length === 0) continue;
      const columns = owners.map((owner) => OWNER_COLUMN[owner]);
      const rows = await this.manager.query<Row[]>(
        `SELECT id, ${columns.join(', ')}${table === 'locations' ? ', hsds_extra' : ''}
           FROM ${table} WHERE id = ANY($1::uuid[])`,
        [wanted],
      );
      for (const row of rows) {
        const owner = owners.find((kind) => row[OWNER_COLUMN[kind]] !== null);
        if (owner === undefined) continue;
        this.stored
          .get(table)!
          .set(row.id as string, ownerKey({ kind: owner, id: row[OWNER_COLUMN[owner]] as string }));
        if (table === 'locations') this.storedLocationExtras.set(row.id as string, row.hsds_extra);
      }
    }
  }

  /**
   * The first occurrence (in traversal order, service-level children first) keeps its HSDS id,
   * unless the database already has that id under another owner; a repeat under another owner
   * gets `derivedId(owner, id)`.
   */
  private assign(table: ChildTable, hsdsId: string, owner: Owner): string {
    const key = ownerKey(owner);
    const claimed = this.claimed.get(table)!;
    const claimedBy = claimed.get(hsdsId);
    if (claimedBy === undefined) {
      const storedBy = this.stored.get(table)!.get(hsdsId);
      if (storedBy === undefined || storedBy === key || this.freed.get(table)!.has(hsdsId)) {
        claimed.set(hsdsId, key);
        return hsdsId;
      }
    } else if (claimedBy === key) {
      return hsdsId;
    }
    return derivedId(owner.id, hsdsId);
  }

  /** Adds a row; false when this id was already planned (the first occurrence is kept). */
  private addRow(table: ChildTable, id: string, row: Row, path: string, source: unknown): boolean {
    const rows = this.rows.get(table)!;
    const json = JSON.stringify(source);
    const planned = rows.get(id);
    if (planned !== undefined) {
      if (planned.source !== json) {
        this.planWarnings.push({
          path,
          message: 'appears earlier in the record with other details: the first is kept',
        });
      }
      return false;
    }
    rows.set(id, { row: { id, ...row }, source: json });
    return true;
  }

  private scope(table: ChildTable, owner: Owner): Set<string> {
    const keep = new Set<string>();
    this.scopes.push({ table, owner, keep });
    return keep;
  }

  private ownerColumns(table: ChildTable, owner: Owner): Row {
    return Object.fromEntries(
      (CHILD_TABLES[table] as readonly OwnerKind[]).map((kind) => [
        OWNER_COLUMN[kind],
        kind === owner.kind ? owner.id : null,
      ]),
    );
  }

  // -------------------------------------------------------------------------------------------
  // The plan: every row of the record, with its final id.

  /**
   * Plans the record; then, if it deletes stored rows whose ids it also uses elsewhere, plans it
   * again with those ids free, so that the ids a record gets do not depend on what an earlier
   * version of it left behind (and a second import of the same data changes nothing).
   */
  private planWithFreedIds(): void {
    for (let round = 0; round < 4; round += 1) {
      this.reasons = [];
      this.claimed = new Map(
        (Object.keys(CHILD_TABLES) as ChildTable[]).map((table) => [
          table,
          new Map<string, string>(),
        ]),
      );
      this.rows = new Map(
        (Object.keys(CHILD_TABLES) as ChildTable[]).map((table) => [
          table,
          new Map<string, { row: Row; source: string }>(),
        ]),
      );
      this.scopes = [];
      this.planWarnings = [];
      this.plan();
      const freed = new Map<ChildTable, Set<string>>(
        (Object.keys(CHILD_TABLES) as ChildTable[]).map((table) => [table, new Set<string>()]),
      );
      for (const { table, owner, keep } of this.scopes) {
        for (const [id, storedBy] of this.stored.get(table)!) {
          if (storedBy === ownerKey(owner) && !keep.has(id)) freed.get(table)!.add(id);
        }
      }
      const same = [...freed].every(
        ([table, ids]) =>
          ids.size === this.freed.get(table)!.size &&
          [...ids].every((id) => this.freed.get(table)!.has(id)),
      );
      if (same) break;
      this.freed = freed;
    }
    this.warnings.push(...this.planWarnings);
  }

  private plan(): void {
    const service = this.service;
    const owner: Owner = { kind: 'service', id: service.id };
    const organisation: Owner = { kind: 'organisation', id: this.organisationId };
    for (const location of service.organization?.locations ?? []) {
      this.recordLocations.set(location.id, location);
    }
    for (const sal of service.service_at_locations ?? []) {
      if (sal.location !== undefined && !this.recordLocations.has(sal.location.id)) {
        this.recordLocations.set(sal.location.id, sal.location);
      }
    }
    this.phones(service.phones, owner, '/phones');
    this.schedules(service.schedules, owner, '/schedules');
    this.serviceAreas(service.service_areas, '/service_areas');
    this.contacts(service.contacts, owner, '/contacts');
    if (service.service_at_locations !== undefined) {
      const keep = this.scope('service_at_locations', owner);
      service.service_at_locations.forEach((sal, index) =>
        this.serviceAtLocation(sal, `/service_at_locations/${index}`, keep),
      );
    }
    const given = service.organization;
    if (given !== undefined) {
      this.contacts(given.contacts, organisation, '/organization/contacts');
      this.phones(given.phones, organisation, '/organization/phones');
      given.locations?.forEach((location, index) =>
        this.location(location, `/organization/locations/${index}`),
      );
    }
  }

  private phones(list: HsdsPhone[] | undefined, owner: Owner, path: string): void {
    if (list === undefined) return;
    const keep = this.scope('phones', owner);
    list.forEach((phone, index) => {
      const id = this.assign('phones', phone.id, owner);
      keep.add(id);
      this.addRow(
        'phones',
        id,
        {
          ...this.ownerColumns('phones', owner),
          number: phone.number,
          extension: phone.extension ?? null,
          type: phone.type ?? null,
          description: phone.description ?? null,
          languages: json(phone.languages),
        },
        `${path}/${index}`,
        phone,
      );
    });
  }

  private contacts(list: HsdsContact[] | undefined, owner: Owner, path: string): void {
    if (list === undefined) return;
    const keep = this.scope('contacts', owner);
    list.forEach((contact, index) => {
      const id = this.assign('contacts', contact.id, owner);
      keep.add(id);
      const added = this.addRow(
        'contacts',
        id,
        {
          ...this.ownerColumns('contacts', owner),
          name: contact.name ?? null,
          title: contact.title ?? null,
          department: contact.department ?? null,
          email: contact.email ?? null,
        },
        `${path}/${index}`,
        contact,
      );
      if (added) this.phones(contact.phones, { kind: 'contact', id }, `${path}/${index}/phones`);
    });
  }

  private schedules(list: HsdsSchedule[] | undefined, owner: Owner, path: string): void {
    if (list === undefined) return;
    const keep = this.scope('schedules', owner);
    list.forEach((schedule, index) => {
      const id = this.assign('schedules', schedule.id, owner);
      keep.add(id);
      this.addRow(
        'schedules',
        id,
        {
          ...this.ownerColumns('schedules', owner),
          ...Object.fromEntries(
            SCHEDULE_COLUMNS.map((column) => [column, schedule[column] ?? null]),
          ),
        },
        `${path}/${index}`,
        schedule,
      );
    });
  }

  private serviceAreas(list: HsdsServiceArea[] | undefined, path: string): void {
    if (list === undefined) return;
    const owner: Owner = { kind: 'service', id: this.service.id };
    const keep = this.scope('service_areas', owner);
    list.forEach((area, index) => {
      const id = this.assign('service_areas', area.id, owner);
      keep.add(id);
      this.addRow(
        'service_areas',
        id,
        {
          service_id: this.service.id,
          area_code: this.areaCodeOf(area),
          name: area.name ?? null,
          description: area.description ?? null,
          extent: area.extent ?? null,
          extent_type: area.extent_type ?? null,
          uri: area.uri ?? null,
        },
        `${path}/${index}`,
        area,
      );
    });
  }

  /** One of the borough's areas, when the service area's name or uri names it. */
  private areaCodeOf(area: HsdsServiceArea): string | null {
    const byName = this.reference.areaCodeByName;
    const name = area.name?.trim().toLowerCase();
    if (name !== undefined && byName.has(name)) return byName.get(name)!;
    if (area.uri !== undefined) {
      const uri = area.uri.trim().toLowerCase();
      if (byName.has(uri)) return byName.get(uri)!;
      const last = uri
        .split(/[?#]/, 1)[0]
        .split('/')
        .filter((part) => part !== '')
        .pop();
      if (last !== undefined) {
        let decoded = last;
        try {
          decoded = decodeURIComponent(last);
        } catch {
          // A malformed escape: compare it as it is.
        }
        if (byName.has(decoded)) return byName.get(decoded)!;
      }
    }
    return null;
  }

  private serviceAtLocation(sal: HsdsServiceAtLocation, path: string, keep: Set<string>): void {
    const owner: Owner = { kind: 'service', id: this.service.id };
    const location =
      sal.location ??
      (sal.location_id === undefined ? undefined : this.recordLocations.get(sal.location_id));
    let locationId: string;
    if (location !== undefined) {
      locationId = this.location(
        location,
        sal.location === undefined ? this.pathOf(location) : `${path}/location`,
      );
    } else if (
      sal.location_id !== undefined &&
      this.stored.get('locations')!.has(sal.location_id)
    ) {
      // A location already in the directory (perhaps another organisation's): linked as it is.
      locationId = sal.location_id;
    } else {
      this.reject(
        `${path}/location_id`,
        'no location with this id in the record or the directory: include the location',
      );
      return;
    }
    const id = this.assign('service_at_locations', sal.id, owner);
    keep.add(id);
    const added = this.addRow(
      'service_at_locations',
      id,
      {
        service_id: this.service.id,
        location_id: locationId,
        description: sal.description ?? null,
      },
      path,
      { ...sal, location: undefined },
    );
    if (!added) return;
    const atLocation: Owner = { kind: 'service_at_location', id };
    this.contacts(sal.contacts, atLocation, `${path}/contacts`);
    this.phones(sal.phones, atLocation, `${path}/phones`);
    this.schedules(sal.schedules, atLocation, `${path}/schedules`);
  }

  /** Where a location is in the record. */
  private pathOf(location: HsdsLocation): string {
    const listed = this.service.organization?.locations?.indexOf(location) ?? -1;
    if (listed >= 0) return `/organization/locations/${listed}`;
    const at = this.service.service_at_locations?.findIndex((sal) => sal.location === location);
    return `/service_at_locations/${at ?? 0}/location`;
  }

  /**
   * Plans the location (under the service's organisation) and, at its first occurrence, its
   * addresses, contacts, phones and schedules; returns its id.
   */
  private location(location: HsdsLocation, path: string): string {
    const organisation: Owner = { kind: 'organisation', id: this.organisationId };
    const id = this.assign('locations', location.id, organisation);
    const storedBy = this.stored.get('locations')!.get(location.id);
    const storedExtra =
      storedBy === ownerKey(organisation) ? this.storedLocationExtras.get(location.id) : undefined;
    const row: Row = {
      organisation_id: this.organisationId,
      location_type: location.location_type,
      url: location.url ?? null,
      name: location.name ?? null,
      alternate_name: location.alternate_name ?? null,
      description: location.description ?? null,
      transportation: location.transportation ?? null,
      latitude: location.latitude ?? null,
      longitude: location.longitude ?? null,
      external_identifier: location.external_identifier ?? null,
      external_identifier_type: location.external_identifier_type ?? null,
      hsds_extra: json(extraOf(location, EXTRA_FIELDS.location, storedExtra)),
    };
    // Without addresses the stored ward stays (the column is then left out of the write).
    if (location.addresses !== undefined) row.area_code = this.wardOf(location.addresses[0]);
    if (this.addRow('locations', id, row, path, location))
      this.locationChildren(location, id, path);
    return id;
  }

  private locationChildren(location: HsdsLocation, id: string, path: string): void {
    const owner: Owner = { kind: 'location', id };
    if (location.addresses !== undefined) {
      const keep = this.scope('addresses', owner);
      location.addresses.forEach((address, index) => {
        const addressId = this.assign('addresses', address.id, owner);
        keep.add(addressId);
        this.addRow(
          'addresses',
          addressId,
          addressRow(address, id),
          `${path}/addresses/${index}`,
          address,
        );
      });
    }
    this.contacts(location.contacts, owner, `${path}/contacts`);
    this.phones(location.phones, owner, `${path}/phones`);
    this.schedules(location.schedules, owner, `${path}/schedules`);
  }

  /** The ward of the address's postcode, when it is in the borough. */
  private wardOf(address: HsdsAddress | undefined): string | null {
    if (address === undefined) return null;
    const postcode = normalisePostcode(address.postal_code);
    return postcode === undefined
      ? null
      : (this.reference.wardBySector.get(postcode.sector) ?? null);
  }

  // -------------------------------------------------------------------------------------------
  // Taxonomy: need terms become service_needs; other terms are stored and linked.

  /** Checks the record's attributes; returns the writes to do once the service exists. */
  private async planTaxonomy(): Promise<() => Promise<void>> {
    const attributes = this.service.attributes;
    if (attributes === undefined) return () => Promise.resolve();
    const needs = new Set<string>();
    const links = new Map<string, string>();
    const linkedAt = new Map<string, number>();
    const terms = new Map<string, Row>();
    const taxonomies = new Map<string, Row>();
    const referencedTerms: { id: string; path: string }[] = [];
    const referencedTaxonomies: { id: string; path: string }[] = [];

    attributes.forEach((attribute, index) => {
      const path = `/attributes/${index}`;
      const term = attribute.taxonomy_term;
      const termId = term?.id ?? attribute.taxonomy_term_id;
      if (termId === undefined) return;
      const need = this.reference.needCodeById.get(termId);
      if (need !== undefined) {
        needs.add(need);
        return;
      }
      const earlier = linkedAt.get(termId);
      if (earlier !== undefined) {
        this.warnings.push({
          path,
          message: `names the same taxonomy term as /attributes/${earlier}: only the first is kept`,
        });
        return;
      }
      linkedAt.set(termId, index);
      links.set(termId, attribute.id);
      if (term === undefined) {
        referencedTerms.push({ id: termId, path: `${path}/taxonomy_term_id` });
        return;
      }
      const detail = term.taxonomy_detail;
      const taxonomyId = detail?.id ?? term.taxonomy_id;
      if (taxonomyId === NEED_TAXONOMY_ID) {
        this.reject(`${path}/taxonomy_term/id`, 'is not a term of the need taxonomy');
        return;
      }
      if (detail !== undefined) {
        taxonomies.set(detail.id, {
          id: detail.id,
          name: detail.name,
          description: detail.description,
          uri: detail.uri ?? null,
          version: detail.version ?? null,
        });
      } else if (taxonomyId !== undefined) {
        referencedTaxonomies.push({ id: taxonomyId, path: `${path}/taxonomy_term/taxonomy_id` });
      }
      terms.set(term.id, {
        id: term.id,
        taxonomy_id: taxonomyId ?? null,
        code: term.code ?? null,
        name: term.name,
        description: term.description,
        parent_id: term.parent_id ?? null,
        taxonomy_name: term.taxonomy ?? null,
        term_uri: term.term_uri ?? null,
        language: term.language ?? null,
      });
    });

    const missingTerms = referencedTerms.filter((reference) => !terms.has(reference.id));
    if (missingTerms.length > 0) {
      const known = await this.existing(
        'taxonomy_terms',
        missingTerms.map((term) => term.id),
      );
      for (const reference of missingTerms) {
        if (!known.has(reference.id)) {
          this.reject(
            reference.path,
            'no taxonomy term with this id in the record or the directory: include taxonomy_term',
          );
        }
      }
    }
    const missingTaxonomies = referencedTaxonomies.filter(
      (reference) => !taxonomies.has(reference.id),
    );
    if (missingTaxonomies.length > 0) {
      const known = await this.existing(
        'taxonomies',
        missingTaxonomies.map((item) => item.id),
      );
      for (const reference of missingTaxonomies) {
        if (!known.has(reference.id)) {
          this.reject(
            reference.path,
            'no taxonomy with this id in the record or the directory: include taxonomy_detail',
          );
        }
      }
    }

    return async () => {
      for (const taxonomy of taxonomies.values()) await this.upsert('taxonomies', taxonomy);
      for (const term of terms.values()) await this.upsert('taxonomy_terms', term);
      const serviceId = this.service.id;
      // Needs an administrator set stay unless the record names need terms itself.
      if (needs.size > 0) {
        await this.count(
          'service_needs',
          'deleted',
          `DELETE FROM service_needs WHERE service_id = $1 AND NOT (need_code = ANY($2::text[]))`,
          [serviceId, [...needs]],
        );
        await this.count(
          'service_needs',
          'inserted',
          `INSERT INTO service_needs (service_id, need_code) SELECT $1, unnest($2::text[])
             ON CONFLICT DO NOTHING`,
          [serviceId, [...needs]],
        );
      }
      await this.count(
        'service_taxonomy_terms',
        'deleted',
        `DELETE FROM service_taxonomy_terms
          WHERE service_id = $1 AND NOT (taxonomy_term_id = ANY($2::uuid[]))`,
        [serviceId, [...links.keys()]],
      );
      for (const [termId, attributeId] of links) {
        const [result] = await this.manager.query<{ inserted: boolean }[]>(
          `INSERT INTO service_taxonomy_terms AS t (service_id, taxonomy_term_id, attribute_id)
           VALUES ($1, $2, $3)
           ON CONFLICT (service_id, taxonomy_term_id) DO UPDATE SET attribute_id = EXCLUDED.attribute_id
           WHERE t.attribute_id IS DISTINCT FROM EXCLUDED.attribute_id
           RETURNING (xmax = 0) AS inserted`,
          [serviceId, termId, attributeId],
        );
        if (result !== undefined)
          this.tally('service_taxonomy_terms', result.inserted ? 'inserted' : 'updated');
      }
    };
  }

  private async existing(
    table: 'taxonomy_terms' | 'taxonomies',
    ids: string[],
  ): Promise<Set<string>> {
    const rows = await this.manager.query<{ id: string }[]>(
      `SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  // -------------------------------------------------------------------------------------------
  // Writes.

  private async writeOrganisation(
    organisation: HsdsOrganization,
  ): Promise<'created' | 'updated' | undefined> {
    const [stored] = await this.manager.query<{ hsds_extra: unknown }[]>(
      'SELECT hsds_extra FROM organisations WHERE id = $1',
      [organisation.id],
    );
    const outcome = await this.upsert(
      'organisations',
      {
        id: organisation.id,
        name: organisation.name,
        kind: 'partner',
        active: true,
        description: organisation.description,
        email: organisation.email ?? null,
        website: organisation.website ?? null,
        hsds_extra: json(extraOf(organisation, EXTRA_FIELDS.organization, stored?.hsds_extra)),
      },
      { update: ['name', 'description', 'email', 'website', 'hsds_extra'], versioned: true },
    );
    return outcome === undefined ? undefined : outcome === 'inserted' ? 'created' : 'updated';
  }

  private async writeService(storedExtra: unknown): Promise<'inserted' | 'updated' | undefined> {
    const service = this.service;
    const fields: Row = {
      name: service.name,
      alternate_name: service.alternate_name ?? null,
      description: service.description ?? '',
      url: service.url ?? null,
      email: service.email ?? null,
      status: service.status,
      interpretation_services: service.interpretation_services ?? null,
      application_process: service.application_process ?? null,
      fees_description: service.fees_description ?? null,
      accreditations: service.accreditations ?? null,
      eligibility_description: service.eligibility_description ?? null,
      minimum_age: service.minimum_age ?? null,
      maximum_age: service.maximum_age ?? null,
      assured_date: service.assured_date ?? null,
      assurer_email: service.assurer_email ?? null,
      alert: service.alert ?? null,
      hsds_extra: json(extraOf(service, EXTRA_FIELDS.service, storedExtra)),
    };
    return this.upsert(
      'services',
      {
        id: service.id,
        organisation_id: this.organisationId,
        receiving_organisation_id: this.organisationId,
        // Nobody at an imported organisation may have a login yet: an administrator opens it.
        accepting_referrals: false,
        ...fields,
      },
      { update: Object.keys(fields), versioned: true },
    );
  }

  private async deleteOthers(table: ChildTable, owner: Owner, keep: Set<string>): Promise<void> {
    await this.count(
      table,
      'deleted',
      `DELETE FROM ${table} WHERE ${OWNER_COLUMN[owner.kind]} = $1 AND NOT (id = ANY($2::uuid[]))`,
      [owner.id, [...keep]],
    );
  }

  /**
   * Inserts the row, or updates it where a column differs (then also `updated_at` and `version`
   * when the table has them). Returns what was done; undefined when nothing differed.
   */
  private async upsert(
    table: string,
    row: Row,
    options: { update?: string[]; versioned?: boolean } = {},
  ): Promise<'inserted' | 'updated' | undefined> {
    const columns = Object.keys(row);
    const update = options.update ?? columns.filter((column) => column !== 'id');
    const set = update.map((column) => `"${column}" = EXCLUDED."${column}"`);
    if (options.versioned === true) set.push('updated_at = now()', 'version = t.version + 1');
    const [result] = await this.manager.query<{ inserted: boolean }[]>(
      `INSERT INTO ${table} AS t (${columns.map((column) => `"${column}"`).join(', ')})
       VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${set.join(', ')}
       WHERE (${update.map((column) => `t."${column}"`).join(', ')})
             IS DISTINCT FROM (${update.map((column) => `EXCLUDED."${column}"`).join(', ')})
       RETURNING (xmax = 0) AS inserted`,
      columns.map((column) => row[column]),
    );
    if (result === undefined) return undefined;
    const outcome = result.inserted ? 'inserted' : 'updated';
    this.tally(table, outcome);
    return outcome;
  }

  /** Runs a write and adds the number of rows it touched to the table's tally. */
  private async count(
    table: string,
    kind: keyof Changes,
    sql: string,
    params: unknown[],
  ): Promise<void> {
    const [result] = await this.manager.query<{ n: number }[]>(
      `WITH touched AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM touched`,
      params,
    );
    this.tally(table, kind, result.n);
  }

  private tally(table: string, kind: keyof Changes, n = 1): void {
    if (n === 0) return;
    const changes = this.changes.get(table) ?? { inserted: 0, updated: 0, deleted: 0 };
    changes[kind] += n;
    this.changes.set(table, changes);
  }
}

const SCHEDULE_COLUMNS = [
  'valid_from',
  'valid_to',
  'dtstart',
  'timezone',
  'until',
  'count',
  'wkst',
  'freq',
  'interval',
  'byday',
  'byweekno',
  'bymonthday',
  'byyearday',
  'description',
  'opens_at',
  'closes_at',
  'schedule_link',
  'attending_type',
  'notes',
] as const;

function addressRow(address: HsdsAddress, locationId: string): Row {
  return {
    location_id: locationId,
    attention: address.attention ?? null,
    address_1: address.address_1,
    address_2: address.address_2 ?? null,
    city: address.city,
    region: address.region ?? null,
    state_province: address.state_province,
    postal_code: address.postal_code,
    country: address.country,
    address_type: address.address_type,
  };
}

/**
 * The record's HSDS fields that have no column. A list the record leaves out keeps its stored
 * value (a summary record does not wipe out details); any other field left out is removed.
 */
function extraOf(
  record: Record<string, unknown>,
  fields: readonly string[],
  stored: unknown,
): Record<string, unknown> | null {
  const before = isObject(stored) ? stored : {};
  const extra: Record<string, unknown> = {};
  for (const field of fields) {
    if (record[field] !== undefined) extra[field] = record[field];
    else if (Array.isArray(before[field])) extra[field] = before[field];
  }
  return Object.keys(extra).length > 0 ? extra : null;
}

/** A jsonb parameter (node-pg would send a JavaScript array as a PostgreSQL array). */
function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
