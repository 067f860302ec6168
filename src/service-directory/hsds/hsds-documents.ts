import type { EntityManager } from 'typeorm';
import { NEED_TAXONOMY_ID, needTermId, uuidV5 } from './ids.js';

/**
 * The directory rendered as Open Referral UK 3.0 documents (HSDS 3.0 shapes): the feed serves
 * them and the import compares them before and after a change. Rendering is deterministic: the
 * same rows always give the same document, keys in HSDS order and arrays ordered by id.
 *
 * Rules: a field with no value is left out rather than sent as null (the schemas type fields
 * strictly, e.g. `minimum_age` is a number); dates are `YYYY-MM-DD`, times `HH:MM:SS`,
 * `last_modified` an ISO 8601 date-time. HSDS fields the tables do not model, kept in
 * `hsds_extra` as they were imported, are put back in their place; a field the tables model is
 * always rendered from the tables. Our referral fields (`accepting_referrals`,
 * `response_target_hours`, `capacity`) come last: the schemas allow extra properties.
 *
 * Each loader runs one query per table for all the ids it is given (`= ANY($1)`), whatever
 * their number.
 */

export const NEED_TAXONOMY_NAME = 'One Front Door needs';
export const NEED_TAXONOMY_DESCRIPTION =
  'What residents ask the front door for help with. Each service lists the needs it meets; a ' +
  "term's children are narrower needs (money.debt under money).";

/** Any field HSDS or the profile does not name (our referral fields, an import's extras). */
interface Extensible {
  [field: string]: unknown;
}

export interface OrukTaxonomy extends Extensible {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
}

export interface OrukTaxonomyTerm extends Extensible {
  id: string;
  code?: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy?: string;
  taxonomy_id?: string;
  term_uri?: string;
  language?: string;
}

export interface OrukAttribute extends Extensible {
  id: string;
  link_id: string;
  link_entity: string;
  taxonomy_term_id: string;
  taxonomy_term: OrukTaxonomyTerm;
}

export interface OrukPhone extends Extensible {
  id: string;
  number: string;
  extension?: number;
  type?: string;
  description?: string;
  languages?: unknown[];
}

export interface OrukContact extends Extensible {
  id: string;
  name?: string;
  title?: string;
  department?: string;
  email?: string;
  phones: OrukPhone[];
}

export interface OrukSchedule extends Extensible {
  id: string;
  valid_from?: string;
  valid_to?: string;
  dtstart?: string;
  freq?: string;
  byday?: string;
  opens_at?: string;
  closes_at?: string;
}

export interface OrukAddress extends Extensible {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: string;
}

export interface OrukLocation extends Extensible {
  id: string;
  location_type: string;
  organization_id: string;
  name?: string;
  latitude?: number;
  longitude?: number;
  addresses: OrukAddress[];
  contacts: OrukContact[];
  phones: OrukPhone[];
  schedules: OrukSchedule[];
}

export interface OrukServiceArea extends Extensible {
  id: string;
  service_id: string;
  name?: string;
}

export interface OrukServiceAtLocation extends Extensible {
  id: string;
  service_id: string;
  location_id: string;
  description?: string;
  contacts: OrukContact[];
  phones: OrukPhone[];
  schedules: OrukSchedule[];
  location: OrukLocation;
}

/** An organisation with its own phones and contacts (as nested in a service). */
export interface OrukOrganization extends Extensible {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  contacts: OrukContact[];
  phones: OrukPhone[];
}

/** The ORUK `service` document, fully nested. */
export interface OrukService extends Extensible {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  status: string;
  minimum_age?: number;
  maximum_age?: number;
  last_modified: string;
  phones: OrukPhone[];
  schedules: OrukSchedule[];
  service_areas: OrukServiceArea[];
  service_at_locations: OrukServiceAtLocation[];
  organization: OrukOrganization;
  contacts: OrukContact[];
  attributes: OrukAttribute[];
  accepting_referrals: boolean;
  response_target_hours?: number;
  capacity?: { available?: number; maximum?: number };
}

/** The ORUK `organization` document: the organisation with its services, fully nested. */
export interface OrukOrganizationDocument extends OrukOrganization {
  services: Omit<OrukService, 'organization'>[];
}

/** The ORUK `service_at_location` document: the service at one location, fully nested. */
export interface OrukServiceAtLocationDocument extends OrukServiceAtLocation {
  service: Omit<OrukService, 'service_at_locations'>;
}

/** Items of the paged lists: one-to-one fields only (`*_list` schemas). */
export type OrukOrganizationListItem = Extensible & { id: string; name: string };
export type OrukServiceListItem = Extensible & {
  id: string;
  name: string;
  status: string;
  organization: OrukOrganizationListItem;
};
export type OrukServiceAtLocationListItem = Extensible & {
  id: string;
  service_id: string;
  location_id: string;
  location: Extensible & { id: string; location_type: string };
  service: OrukServiceListItem;
};

// HSDS 3.0 field order of each object, so documents read like the specification.
const SERVICE_FIELDS = [
  'id',
  'organization_id',
  'program_id',
  'name',
  'alternate_name',
  'description',
  'url',
  'email',
  'status',
  'interpretation_services',
  'application_process',
  'fees_description',
  'wait_time',
  'fees',
  'accreditations',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'assured_date',
  'assurer_email',
  'licenses',
  'alert',
  'last_modified',
  'phones',
  'schedules',
  'service_areas',
  'service_at_locations',
  'languages',
  'organization',
  'funding',
  'cost_options',
  'program',
  'required_documents',
  'contacts',
  'attributes',
  'metadata',
] as const;

const ORGANIZATION_FIELDS = [
  'id',
  'name',
  'alternate_name',
  'description',
  'email',
  'website',
  'tax_status',
  'tax_id',
  'year_incorporated',
  'legal_status',
  'logo',
  'uri',
  'parent_organization_id',
  'funding',
  'contacts',
  'phones',
  'locations',
  'programs',
  'organization_identifiers',
  'attributes',
  'metadata',
] as const;

const LOCATION_FIELDS = [
  'id',
  'location_type',
  'url',
  'organization_id',
  'name',
  'alternate_name',
  'description',
  'transportation',
  'latitude',
  'longitude',
  'external_identifier',
  'external_identifier_type',
  'languages',
  'addresses',
  'contacts',
  'accessibility',
  'phones',
  'schedules',
  'attributes',
  'metadata',
] as const;

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const present = (value: unknown): boolean => value !== null && value !== undefined;

/** The object's fields that have a value, in the given order (entries, so any key is safe). */
function withoutEmpty(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => present(value)));
}

/**
 * One HSDS object, in HSDS order: each field the tables model comes from them (even when empty,
 * so an imported value never stands in for it), each other field from `hsds_extra`; then fields
 * HSDS does not name, imported ones before our own.
 */
function assemble(
  order: readonly string[],
  modelled: Fields,
  extra: unknown,
  own: Fields = {},
): Fields {
  const imported = isPlainObject(extra) ? extra : {};
  const isOurs = (key: string) => Object.hasOwn(modelled, key) || Object.hasOwn(own, key);
  const entries: [string, unknown][] = [];
  for (const key of order) {
    if (Object.hasOwn(modelled, key)) entries.push([key, modelled[key]]);
    else if (!isOurs(key) && Object.hasOwn(imported, key)) entries.push([key, imported[key]]);
  }
  for (const [key, value] of Object.entries(modelled)) {
    if (!order.includes(key)) entries.push([key, value]);
  }
  for (const [key, value] of Object.entries(imported)) {
    if (!order.includes(key) && !isOurs(key)) entries.push([key, value]);
  }
  entries.push(...Object.entries(own));
  return withoutEmpty(Object.fromEntries(entries));
}

/** The child collections a document has even when a list leaves them out (then none is imported). */
function children(keys: readonly string[], given: Fields): Fields {
  return { ...Object.fromEntries(keys.map((key) => [key, null])), ...given };
}

/** Only the one-to-one fields (what the `*_list` schemas describe). */
function oneToOne(document: Fields): Fields {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => !Array.isArray(value)));
}

function omit<T extends object, K extends keyof T>(object: T, key: K): Omit<T, K> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

const byId = <T extends { id: string }>(a: T, b: T): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const value = key(row);
    if (value === null) continue;
    const group = groups.get(value);
    if (group === undefined) groups.set(value, [row]);
    else group.push(row);
  }
  return groups;
}

const unique = (values: readonly (string | null)[]): string[] => [
  ...new Set(values.filter((value): value is string => value !== null)),
];

// ---------------------------------------------------------------------------------------------
// Rows, selected with their HSDS names.

interface ServiceRow {
  id: string;
  organization_id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  url: string | null;
  email: string | null;
  status: string;
  interpretation_services: string | null;
  application_process: string | null;
  fees_description: string | null;
  accreditations: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  assured_date: string | null;
  assurer_email: string | null;
  alert: string | null;
  updated_at: Date;
  accepting_referrals: boolean;
  response_target_hours: number | null;
  capacity_available: number | null;
  capacity_maximum: number | null;
  hsds_extra: unknown;
}

const SERVICE_COLUMNS = `id, organisation_id AS organization_id, name, alternate_name, description, url,
  email, status::text AS status, interpretation_services, application_process, fees_description,
  accreditations, eligibility_description, minimum_age, maximum_age,
  to_char(assured_date, 'YYYY-MM-DD') AS assured_date, assurer_email, alert, updated_at,
  accepting_referrals, response_target_hours, capacity_available, capacity_maximum, hsds_extra`;

interface OrganizationRow {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  hsds_extra: unknown;
}

interface LocationRow {
  id: string;
  location_type: string;
  url: string | null;
  organization_id: string;
  name: string | null;
  alternate_name: string | null;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  external_identifier: string | null;
  external_identifier_type: string | null;
  hsds_extra: unknown;
}

interface AddressRow {
  id: string;
  location_id: string;
  attention: string | null;
  address_1: string;
  address_2: string | null;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: string;
}

interface ServiceAtLocationRow {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
}

interface Owners {
  service_id: string | null;
  organization_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
}

interface ContactRow extends Owners {
  id: string;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
}

interface PhoneRow extends Owners {
  id: string;
  contact_id: string | null;
  number: string;
  extension: number | null;
  type: string | null;
  description: string | null;
  languages: unknown[] | null;
}

interface ScheduleRow {
  id: string;
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  dtstart: string | null;
  timezone: number | null;
  until: string | null;
  count: number | null;
  wkst: string | null;
  freq: string | null;
  interval: number | null;
  byday: string | null;
  byweekno: string | null;
  bymonthday: string | null;
  byyearday: string | null;
  description: string | null;
  opens_at: string | null;
  closes_at: string | null;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
}

interface ServiceAreaRow {
  id: string;
  service_id: string;
  name: string | null;
  description: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
}

/** A need term as stored (`need_terms`). */
export interface NeedTermRow {
  code: string;
  label: string;
  parent_code: string | null;
}

/** An imported taxonomy term as stored (`taxonomy_terms`). */
export interface TaxonomyTermRow {
  id: string;
  taxonomy_id: string | null;
  code: string | null;
  name: string;
  description: string;
  parent_id: string | null;
  taxonomy_name: string | null;
  term_uri: string | null;
  language: string | null;
}

/** An imported taxonomy as stored (`taxonomies`). */
export interface TaxonomyRow {
  id: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
}

// ---------------------------------------------------------------------------------------------
// Taxonomies and their terms.

/** The need taxonomy, published under its fixed id. */
export function needTaxonomy(): OrukTaxonomy {
  return { id: NEED_TAXONOMY_ID, name: NEED_TAXONOMY_NAME, description: NEED_TAXONOMY_DESCRIPTION };
}

export function renderTaxonomy(row: TaxonomyRow): OrukTaxonomy {
  return withoutEmpty({
    id: row.id,
    name: row.name,
    description: row.description,
    uri: row.uri,
    version: row.version,
  }) as OrukTaxonomy;
}

/** A need term: its id derives from its code; its label doubles as the required description. */
export function renderNeedTerm(row: NeedTermRow): OrukTaxonomyTerm {
  return withoutEmpty({
    id: needTermId(row.code),
    code: row.code,
    name: row.label,
    description: row.label,
    parent_id: row.parent_code === null ? null : needTermId(row.parent_code),
    taxonomy: NEED_TAXONOMY_NAME,
    taxonomy_id: NEED_TAXONOMY_ID,
  }) as OrukTaxonomyTerm;
}

export function renderTaxonomyTerm(row: TaxonomyTermRow): OrukTaxonomyTerm {
  return withoutEmpty({
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    parent_id: row.parent_id,
    taxonomy: row.taxonomy_name,
    taxonomy_id: row.taxonomy_id,
    term_uri: row.term_uri,
    language: row.language,
  }) as OrukTaxonomyTerm;
}

export const TAXONOMY_TERM_COLUMNS =
  'id, taxonomy_id, code, name, description, parent_id, taxonomy_name, term_uri, language';

/** The id of the attribute linking a service to a need term (stable, never stored). */
export function needAttributeId(serviceId: string, code: string): string {
  return uuidV5(`${serviceId}/${code}`, NEED_TAXONOMY_ID);
}

async function loadAttributes(
  manager: EntityManager,
  serviceIds: readonly string[],
): Promise<Map<string, OrukAttribute[]>> {
  const needs = await manager.query<(NeedTermRow & { service_id: string })[]>(
    `SELECT sn.service_id, t.code, t.label, t.parent_code
       FROM service_needs sn JOIN need_terms t ON t.code = sn.need_code
      WHERE sn.service_id = ANY($1::uuid[])`,
    [serviceIds],
  );
  const imported = await manager.query<
    (TaxonomyTermRow & { service_id: string; attribute_id: string })[]
  >(
    `SELECT st.service_id, st.attribute_id, t.id, t.taxonomy_id, t.code, t.name, t.description,
            t.parent_id, t.taxonomy_name, t.term_uri, t.language
       FROM service_taxonomy_terms st JOIN taxonomy_terms t ON t.id = st.taxonomy_term_id
      WHERE st.service_id = ANY($1::uuid[])`,
    [serviceIds],
  );
  const attributes: { serviceId: string; attribute: OrukAttribute }[] = [
    ...needs.map((row) => ({
      serviceId: row.service_id,
      attribute: attribute(
        needAttributeId(row.service_id, row.code),
        row.service_id,
        renderNeedTerm(row),
      ),
    })),
    ...imported.map((row) => ({
      serviceId: row.service_id,
      attribute: attribute(row.attribute_id, row.service_id, renderTaxonomyTerm(row)),
    })),
  ];
  const grouped = new Map<string, OrukAttribute[]>();
  for (const [serviceId, group] of groupBy(attributes, (entry) => entry.serviceId)) {
    grouped.set(serviceId, group.map((entry) => entry.attribute).sort(byId));
  }
  return grouped;
}

function attribute(id: string, serviceId: string, term: OrukTaxonomyTerm): OrukAttribute {
  return {
    id,
    link_id: serviceId,
    link_entity: 'service',
    taxonomy_term_id: term.id,
    taxonomy_term: term,
  };
}

// ---------------------------------------------------------------------------------------------
// Phones, contacts, schedules: each belongs to exactly one owner.

function renderPhone(row: PhoneRow): OrukPhone {
  return withoutEmpty({
    id: row.id,
    location_id: row.location_id,
    service_id: row.service_id,
    organization_id: row.organization_id,
    contact_id: row.contact_id,
    service_at_location_id: row.service_at_location_id,
    number: row.number,
    extension: row.extension,
    type: row.type,
    description: row.description,
    languages: row.languages,
  }) as OrukPhone;
}

function renderSchedule(row: ScheduleRow): OrukSchedule {
  return withoutEmpty({ ...row }) as OrukSchedule;
}

const OWNER_COLUMNS = `service_id, organisation_id AS organization_id, location_id, service_at_location_id`;

type Owner = keyof Owners;

/** The key of an owner's group: ids are UUIDs, but a phone's owner kind is part of the key anyway. */
const ownerKey = (owner: Owner | 'contact_id', id: string) => `${owner}:${id}`;

function ownerOf(row: Partial<Owners> & { contact_id?: string | null }): string | null {
  for (const owner of [
    'service_id',
    'organization_id',
    'location_id',
    'service_at_location_id',
    'contact_id',
  ] as const) {
    const id = row[owner];
    if (id !== null && id !== undefined) return ownerKey(owner, id);
  }
  return null;
}

/** Phones, contacts (with their phones) and schedules of many owners, grouped by owner. */
class Belongings {
  private constructor(
    private readonly contacts: Map<string, OrukContact[]>,
    private readonly phones: Map<string, OrukPhone[]>,
    private readonly schedules: Map<string, OrukSchedule[]>,
  ) {}

  static async load(
    manager: EntityManager,
    owners: {
      services?: readonly string[];
      organizations?: readonly string[];
      locations?: readonly string[];
      servicesAtLocations?: readonly string[];
    },
  ): Promise<Belongings> {
    const services = owners.services ?? [];
    const locations = owners.locations ?? [];
    const servicesAtLocations = owners.servicesAtLocations ?? [];
    const params = [services, owners.organizations ?? [], locations, servicesAtLocations];
    const ownedBy = `service_id = ANY($1::uuid[]) OR organisation_id = ANY($2::uuid[])
      OR location_id = ANY($3::uuid[]) OR service_at_location_id = ANY($4::uuid[])`;
    const contactRows = await manager.query<ContactRow[]>(
      `SELECT id, ${OWNER_COLUMNS}, name, title, department, email
         FROM contacts WHERE ${ownedBy} ORDER BY id`,
      params,
    );
    const phoneRows = await manager.query<PhoneRow[]>(
      `SELECT id, ${OWNER_COLUMNS}, contact_id, number, extension, type, description, languages
         FROM phones WHERE ${ownedBy} OR contact_id = ANY($5::uuid[]) ORDER BY id`,
      [...params, contactRows.map((contact) => contact.id)],
    );
    const scheduleRows = await manager.query<ScheduleRow[]>(
      `SELECT id, service_id, location_id, service_at_location_id,
              to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
              to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
              to_char(dtstart, 'YYYY-MM-DD') AS dtstart, timezone,
              to_char(until, 'YYYY-MM-DD') AS until, count, wkst, freq, "interval", byday,
              byweekno, bymonthday, byyearday, description, opens_at::text AS opens_at,
              closes_at::text AS closes_at, schedule_link, attending_type, notes
         FROM schedules
        WHERE service_id = ANY($1::uuid[]) OR location_id = ANY($2::uuid[])
           OR service_at_location_id = ANY($3::uuid[])
        ORDER BY id`,
      [services, locations, servicesAtLocations],
    );
    const phones = new Map<string, OrukPhone[]>();
    for (const [key, rows] of groupBy(phoneRows, ownerOf)) phones.set(key, rows.map(renderPhone));
    const contacts = new Map<string, OrukContact[]>();
    for (const [key, rows] of groupBy(contactRows, ownerOf)) {
      contacts.set(
        key,
        rows.map(
          (row) =>
            ({
              ...withoutEmpty({ ...row }),
              phones: phones.get(ownerKey('contact_id', row.id)) ?? [],
            }) as OrukContact,
        ),
      );
    }
    const schedules = new Map<string, OrukSchedule[]>();
    for (const [key, rows] of groupBy(scheduleRows, ownerOf)) {
      schedules.set(key, rows.map(renderSchedule));
    }
    return new Belongings(contacts, phones, schedules);
  }

  contactsOf(owner: Owner, id: string): OrukContact[] {
    return this.contacts.get(ownerKey(owner, id)) ?? [];
  }

  phonesOf(owner: Owner, id: string): OrukPhone[] {
    return this.phones.get(ownerKey(owner, id)) ?? [];
  }

  schedulesOf(owner: Exclude<Owner, 'organization_id'>, id: string): OrukSchedule[] {
    return this.schedules.get(ownerKey(owner, id)) ?? [];
  }
}

// ---------------------------------------------------------------------------------------------
// Organisations and locations.

function organizationFields(row: OrganizationRow, nested: Fields): Fields {
  const { hsds_extra: extra, ...columns } = row;
  return assemble(
    ORGANIZATION_FIELDS,
    { ...columns, ...children(['contacts', 'phones'], nested) },
    extra,
  );
}

async function organizationRows(
  manager: EntityManager,
  ids: readonly string[],
): Promise<OrganizationRow[]> {
  return manager.query<OrganizationRow[]>(
    `SELECT id, name, description, email, website, hsds_extra
       FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [ids],
  );
}

/** Organisations with their own phones and contacts, as nested in a service. */
async function loadOrganizations(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrukOrganization>> {
  const rows = await organizationRows(manager, ids);
  const belongings = await Belongings.load(manager, { organizations: ids });
  return new Map(
    rows.map((row) => [
      row.id,
      organizationFields(row, {
        contacts: belongings.contactsOf('organization_id', row.id),
        phones: belongings.phonesOf('organization_id', row.id),
      }) as OrukOrganization,
    ]),
  );
}

const LOCATION_COLUMNS = `id, location_type::text AS location_type, url,
  organisation_id AS organization_id, name, alternate_name, description, transportation, latitude,
  longitude, external_identifier, external_identifier_type, hsds_extra`;

function locationFields(row: LocationRow, nested: Fields): Fields {
  const { hsds_extra: extra, ...columns } = row;
  return assemble(
    LOCATION_FIELDS,
    { ...columns, ...children(['addresses', 'contacts', 'phones', 'schedules'], nested) },
    extra,
  );
}

// ---------------------------------------------------------------------------------------------
// Services.

const SERVICE_CHILDREN = [
  'phones',
  'schedules',
  'service_areas',
  'service_at_locations',
  'organization',
  'contacts',
  'attributes',
];

function serviceFields(row: ServiceRow, nested: Fields): Fields {
  const {
    hsds_extra: extra,
    updated_at: updatedAt,
    accepting_referrals: acceptingReferrals,
    response_target_hours: responseTargetHours,
    capacity_available: available,
    capacity_maximum: maximum,
    ...columns
  } = row;
  const capacity = withoutEmpty({ available, maximum });
  return assemble(
    SERVICE_FIELDS,
    {
      ...columns,
      last_modified: updatedAt.toISOString(),
      ...children(SERVICE_CHILDREN, nested),
    },
    extra,
    {
      accepting_referrals: acceptingReferrals,
      response_target_hours: responseTargetHours,
      capacity: Object.keys(capacity).length === 0 ? null : capacity,
    },
  );
}

async function serviceRows(manager: EntityManager, ids: readonly string[]): Promise<ServiceRow[]> {
  return manager.query<ServiceRow[]>(
    `SELECT ${SERVICE_COLUMNS} FROM services WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * Each service as the ORUK `service` document, with everything nested: its organisation (with
 * phones and contacts), schedules, service areas, services at locations (each with its location,
 * addresses, phones, schedules and contacts), contacts (with phones), phones and attributes
 * (need terms and imported taxonomy terms). Ids with no service are absent from the map.
 */
export async function loadServiceDocuments(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrukService>> {
  const services = await serviceRows(manager, ids);
  const serviceIds = services.map((service) => service.id);
  const organizations = await loadOrganizations(
    manager,
    unique(services.map((service) => service.organization_id)),
  );
  const servicesAtLocations = await manager.query<ServiceAtLocationRow[]>(
    `SELECT id, service_id, location_id, description
       FROM service_at_locations WHERE service_id = ANY($1::uuid[]) ORDER BY id`,
    [serviceIds],
  );
  const locationIds = unique(servicesAtLocations.map((sal) => sal.location_id));
  const locations = await manager.query<LocationRow[]>(
    `SELECT ${LOCATION_COLUMNS} FROM locations WHERE id = ANY($1::uuid[])`,
    [locationIds],
  );
  const addresses = groupBy(
    await manager.query<AddressRow[]>(
      `SELECT id, location_id, attention, address_1, address_2, city, region, state_province,
              postal_code, country, address_type::text AS address_type
         FROM addresses WHERE location_id = ANY($1::uuid[]) ORDER BY id`,
      [locationIds],
    ),
    (address) => address.location_id,
  );
  const serviceAreas = groupBy(
    await manager.query<ServiceAreaRow[]>(
      `SELECT sa.id, sa.service_id, coalesce(sa.name, a.name) AS name, sa.description, sa.extent,
              sa.extent_type, sa.uri
         FROM service_areas sa LEFT JOIN areas a ON a.code = sa.area_code
        WHERE sa.service_id = ANY($1::uuid[]) ORDER BY sa.id`,
      [serviceIds],
    ),
    (area) => area.service_id,
  );
  const belongings = await Belongings.load(manager, {
    services: serviceIds,
    locations: locationIds,
    servicesAtLocations: servicesAtLocations.map((sal) => sal.id),
  });
  const attributes = await loadAttributes(manager, serviceIds);

  const locationDocuments = new Map(
    locations.map((row) => [
      row.id,
      locationFields(row, {
        addresses: (addresses.get(row.id) ?? []).map((address) => withoutEmpty({ ...address })),
        contacts: belongings.contactsOf('location_id', row.id),
        phones: belongings.phonesOf('location_id', row.id),
        schedules: belongings.schedulesOf('location_id', row.id),
      }) as OrukLocation,
    ]),
  );
  const atLocations = groupBy(
    servicesAtLocations.map(
      (row) =>
        withoutEmpty({
          ...row,
          contacts: belongings.contactsOf('service_at_location_id', row.id),
          phones: belongings.phonesOf('service_at_location_id', row.id),
          schedules: belongings.schedulesOf('service_at_location_id', row.id),
          location: locationDocuments.get(row.location_id),
        }) as OrukServiceAtLocation,
    ),
    (sal) => sal.service_id,
  );

  const documents = new Map<string, OrukService>();
  for (const row of services) {
    documents.set(
      row.id,
      serviceFields(row, {
        phones: belongings.phonesOf('service_id', row.id),
        schedules: belongings.schedulesOf('service_id', row.id),
        service_areas: (serviceAreas.get(row.id) ?? []).map((area) => withoutEmpty({ ...area })),
        service_at_locations: atLocations.get(row.id) ?? [],
        organization: organizations.get(row.organization_id),
        contacts: belongings.contactsOf('service_id', row.id),
        attributes: attributes.get(row.id) ?? [],
      }) as OrukService,
    );
  }
  return documents;
}

/** Services as items of the paged list: one-to-one fields, with their organisation's. */
export async function loadServiceListItems(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrukServiceListItem>> {
  const services = await serviceRows(manager, ids);
  const organizations = await loadOrganizationListItems(
    manager,
    unique(services.map((service) => service.organization_id)),
  );
  return new Map(
    services.map((row) => [
      row.id,
      {
        ...oneToOne(serviceFields(row, {})),
        organization: organizations.get(row.organization_id),
      } as OrukServiceListItem,
    ]),
  );
}

/** Organisations as items of the paged list: one-to-one fields. */
export async function loadOrganizationListItems(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrukOrganizationListItem>> {
  const rows = await organizationRows(manager, ids);
  return new Map(
    rows.map((row) => [row.id, oneToOne(organizationFields(row, {})) as OrukOrganizationListItem]),
  );
}

/** Each organisation as the ORUK `organization` document, with its services fully nested. */
export async function loadOrganizationDocuments(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrukOrganizationDocument>> {
  const organizations = await loadOrganizations(manager, ids);
  const serviceIds = await manager.query<{ id: string; organisation_id: string }[]>(
    `SELECT id, organisation_id FROM services WHERE organisation_id = ANY($1::uuid[]) ORDER BY id`,
    [ids],
  );
  const services = await loadServiceDocuments(
    manager,
    serviceIds.map((row) => row.id),
  );
  const byOrganization = groupBy(serviceIds, (row) => row.organisation_id);
  const documents = new Map<string, OrukOrganizationDocument>();
  for (const [id, organization] of organizations) {
    const nested = (byOrganization.get(id) ?? []).map((row) =>
      omit(services.get(row.id)!, 'organization'),
    );
    documents.set(id, { ...organization, services: nested });
  }
  return documents;
}

/**
 * Each service at a location as the ORUK `service_at_location` document: its contacts, phones,
 * schedules and location, and the service (without its other locations).
 */
export async function loadServiceAtLocationDocuments(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrukServiceAtLocationDocument>> {
  const rows = await manager.query<{ id: string; service_id: string }[]>(
    `SELECT id, service_id FROM service_at_locations WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const services = await loadServiceDocuments(manager, unique(rows.map((row) => row.service_id)));
  const documents = new Map<string, OrukServiceAtLocationDocument>();
  for (const row of rows) {
    const { service_at_locations: atLocations, ...service } = services.get(row.service_id)!;
    const atLocation = atLocations.find((sal) => sal.id === row.id)!;
    documents.set(row.id, { ...atLocation, service });
  }
  return documents;
}

/** Services at locations as items of the paged list: one-to-one fields of each part. */
export async function loadServiceAtLocationListItems(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrukServiceAtLocationListItem>> {
  const rows = await manager.query<ServiceAtLocationRow[]>(
    `SELECT id, service_id, location_id, description
       FROM service_at_locations WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const locations = await manager.query<LocationRow[]>(
    `SELECT ${LOCATION_COLUMNS} FROM locations WHERE id = ANY($1::uuid[])`,
    [unique(rows.map((row) => row.location_id))],
  );
  const locationItems = new Map(
    locations.map((row) => [row.id, oneToOne(locationFields(row, {}))]),
  );
  const services = await loadServiceListItems(manager, unique(rows.map((row) => row.service_id)));
  return new Map(
    rows.map((row) => [
      row.id,
      withoutEmpty({
        ...row,
        location: locationItems.get(row.location_id),
        service: services.get(row.service_id),
      }) as OrukServiceAtLocationListItem,
    ]),
  );
}
