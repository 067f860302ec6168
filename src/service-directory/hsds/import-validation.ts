import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { projectRoot } from '../../common/project-root.js';

/** A field of a record and what is wrong with it (or what was done to it). */
export interface ImportIssue {
  /** JSON pointer into the record, e.g. `/service_at_locations/0/location/latitude`. */
  path: string;
  message: string;
}

export interface HsdsPhone {
  id: string;
  number: string;
  extension?: number;
  type?: string;
  description?: string;
  languages?: unknown[];
  [field: string]: unknown;
}

export interface HsdsContact {
  id: string;
  name?: string;
  title?: string;
  department?: string;
  email?: string;
  phones?: HsdsPhone[];
  [field: string]: unknown;
}

export interface HsdsSchedule {
  id: string;
  valid_from?: string;
  valid_to?: string;
  dtstart?: string;
  timezone?: number;
  until?: string;
  count?: number;
  wkst?: string;
  freq?: string;
  interval?: number;
  byday?: string;
  byweekno?: string;
  bymonthday?: string;
  byyearday?: string;
  description?: string;
  opens_at?: string;
  closes_at?: string;
  schedule_link?: string;
  attending_type?: string;
  notes?: string;
  [field: string]: unknown;
}

export interface HsdsServiceArea {
  id: string;
  name?: string;
  description?: string;
  extent?: string;
  extent_type?: string;
  uri?: string;
  [field: string]: unknown;
}

export interface HsdsAddress {
  id: string;
  attention?: string;
  address_1: string;
  address_2?: string;
  city: string;
  region?: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
  [field: string]: unknown;
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  organization_id?: string;
  url?: string;
  name?: string;
  alternate_name?: string;
  description?: string;
  transportation?: string;
  latitude?: number;
  longitude?: number;
  external_identifier?: string;
  external_identifier_type?: string;
  addresses?: HsdsAddress[];
  contacts?: HsdsContact[];
  phones?: HsdsPhone[];
  schedules?: HsdsSchedule[];
  [field: string]: unknown;
}

export interface HsdsServiceAtLocation {
  id: string;
  location_id?: string;
  description?: string;
  contacts?: HsdsContact[];
  phones?: HsdsPhone[];
  schedules?: HsdsSchedule[];
  location?: HsdsLocation;
  [field: string]: unknown;
}

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
  [field: string]: unknown;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code?: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy?: string;
  taxonomy_id?: string;
  taxonomy_detail?: HsdsTaxonomy;
  language?: string;
  term_uri?: string;
  [field: string]: unknown;
}

export interface HsdsAttribute {
  id: string;
  taxonomy_term_id?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
  [field: string]: unknown;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  contacts?: HsdsContact[];
  phones?: HsdsPhone[];
  locations?: HsdsLocation[];
  [field: string]: unknown;
}

export interface HsdsService {
  id: string;
  organization_id?: string;
  name: string;
  alternate_name?: string;
  description?: string;
  url?: string;
  email?: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  interpretation_services?: string;
  application_process?: string;
  fees_description?: string;
  accreditations?: string;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  assurer_email?: string;
  alert?: string;
  phones?: HsdsPhone[];
  schedules?: HsdsSchedule[];
  service_areas?: HsdsServiceArea[];
  service_at_locations?: HsdsServiceAtLocation[];
  contacts?: HsdsContact[];
  organization?: HsdsOrganization;
  attributes?: HsdsAttribute[];
  [field: string]: unknown;
}

/**
 * HSDS fields the directory has no column for, kept as given in `hsds_extra` so the feed gives
 * them back. Lists among them that a record leaves out are kept as stored (see `LIST_FIELDS`).
 */
export const EXTRA_FIELDS = {
  service: [
    'program_id',
    'wait_time',
    'fees',
    'licenses',
    'languages',
    'funding',
    'cost_options',
    'program',
    'required_documents',
    'metadata',
  ],
  organization: [
    'alternate_name',
    'tax_status',
    'tax_id',
    'year_incorporated',
    'legal_status',
    'logo',
    'uri',
    'parent_organization_id',
    'funding',
    'programs',
    'organization_identifiers',
    'attributes',
    'metadata',
  ],
  location: ['languages', 'accessibility', 'attributes', 'metadata'],
} as const;

/** The HSDS object kinds a service record holds, as named in the HSDS 3.0 schema. */
type Kind =
  | 'service'
  | 'organization'
  | 'location'
  | 'address'
  | 'service_at_location'
  | 'phone'
  | 'contact'
  | 'schedule'
  | 'service_area'
  | 'attribute'
  | 'taxonomy_term'
  | 'taxonomy';

/** Where each kind's nested records are, and of what kind (extras such as funding are not listed). */
const NESTED: Record<Kind, Record<string, Kind>> = {
  service: {
    phones: 'phone',
    schedules: 'schedule',
    service_areas: 'service_area',
    service_at_locations: 'service_at_location',
    contacts: 'contact',
    organization: 'organization',
    attributes: 'attribute',
  },
  organization: { contacts: 'contact', phones: 'phone', locations: 'location' },
  location: { addresses: 'address', contacts: 'contact', phones: 'phone', schedules: 'schedule' },
  service_at_location: {
    contacts: 'contact',
    phones: 'phone',
    schedules: 'schedule',
    location: 'location',
  },
  contact: { phones: 'phone' },
  attribute: { taxonomy_term: 'taxonomy_term' },
  taxonomy_term: { taxonomy_detail: 'taxonomy' },
  address: {},
  phone: {},
  schedule: {},
  service_area: {},
  taxonomy: {},
};

/** Fields of each kind that are kept: columns, nested records, back-references and extras. */
const KEPT: Record<Kind, readonly string[]> = {
  service: [
    'id',
    // The feed's last_modified is the directory's own: when its copy last changed.
    'last_modified',
    'organization_id',
    'name',
    'alternate_name',
    'description',
    'url',
    'email',
    'status',
    'interpretation_services',
    'application_process',
    'fees_description',
    'accreditations',
    'eligibility_description',
    'minimum_age',
    'maximum_age',
    'assured_date',
    'assurer_email',
    'alert',
    ...Object.keys(NESTED.service),
    ...EXTRA_FIELDS.service,
  ],
  organization: [
    'id',
    'name',
    'description',
    'email',
    'website',
    ...Object.keys(NESTED.organization),
    ...EXTRA_FIELDS.organization,
  ],
  location: [
    'id',
    'organization_id',
    'location_type',
    'url',
    'name',
    'alternate_name',
    'description',
    'transportation',
    'latitude',
    'longitude',
    'external_identifier',
    'external_identifier_type',
    ...Object.keys(NESTED.location),
    ...EXTRA_FIELDS.location,
  ],
  address: [
    'id',
    'location_id',
    'attention',
    'address_1',
    'address_2',
    'city',
    'region',
    'state_province',
    'postal_code',
    'country',
    'address_type',
  ],
  service_at_location: [
    'id',
    'service_id',
    'location_id',
    'description',
    ...Object.keys(NESTED.service_at_location),
  ],
  phone: [
    'id',
    'location_id',
    'service_id',
    'organization_id',
    'contact_id',
    'service_at_location_id',
    'number',
    'extension',
    'type',
    'description',
    'languages',
  ],
  contact: [
    'id',
    'organization_id',
    'service_id',
    'service_at_location_id',
    'location_id',
    'name',
    'title',
    'department',
    'email',
    'phones',
  ],
  schedule: [
    'id',
    'service_id',
    'location_id',
    'service_at_location_id',
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
  ],
  service_area: ['id', 'service_id', 'name', 'description', 'extent', 'extent_type', 'uri'],
  attribute: ['id', 'taxonomy_term_id', 'taxonomy_term'],
  taxonomy_term: [
    'id',
    'code',
    'name',
    'description',
    'parent_id',
    'taxonomy',
    'taxonomy_id',
    'taxonomy_detail',
    'language',
    'term_uri',
  ],
  taxonomy: ['id', 'name', 'description', 'uri', 'version'],
};

type Rule =
  { max: number } | { integer: true; min?: number; max?: number } | 'date' | 'time' | 'not_blank';

const INT4 = { integer: true as const, min: -2_147_483_648, max: 2_147_483_647 };
const AGE = { integer: true as const, min: 0, max: 130 };

/** What the database columns accept, checked here so a record is refused with a reason instead. */
const RULES: Partial<Record<Kind, Record<string, Rule | Rule[]>>> = {
  service: {
    name: ['not_blank', { max: 300 }],
    alternate_name: { max: 300 },
    url: { max: 2000 },
    email: { max: 254 },
    assurer_email: { max: 254 },
    assured_date: 'date',
    minimum_age: AGE,
    maximum_age: AGE,
  },
  organization: {
    name: ['not_blank', { max: 200 }],
    email: { max: 254 },
    website: { max: 2000 },
  },
  location: {
    name: { max: 300 },
    alternate_name: { max: 300 },
    url: { max: 2000 },
    external_identifier: { max: 200 },
    external_identifier_type: { max: 100 },
  },
  address: {
    attention: { max: 300 },
    address_1: { max: 300 },
    address_2: { max: 300 },
    city: { max: 200 },
    region: { max: 200 },
    state_province: { max: 200 },
    postal_code: { max: 20 },
    country: { max: 2 },
  },
  phone: { number: { max: 50 }, extension: INT4, type: { max: 20 } },
  contact: {
    name: { max: 200 },
    title: { max: 200 },
    department: { max: 200 },
    email: { max: 254 },
  },
  schedule: {
    valid_from: 'date',
    valid_to: 'date',
    dtstart: 'date',
    until: 'date',
    timezone: INT4,
    count: INT4,
    interval: INT4,
    wkst: { max: 2 },
    freq: { max: 10 },
    byday: { max: 40 },
    byweekno: { max: 200 },
    bymonthday: { max: 200 },
    byyearday: { max: 400 },
    opens_at: 'time',
    closes_at: 'time',
    schedule_link: { max: 2000 },
  },
  service_area: { extent_type: { max: 40 }, uri: { max: 2000 } },
  taxonomy_term: {
    code: { max: 300 },
    name: { max: 300 },
    taxonomy: { max: 300 },
    term_uri: { max: 2000 },
    language: { max: 60 },
  },
  taxonomy: { name: { max: 300 }, uri: { max: 2000 }, version: { max: 60 } },
};

const STRICT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** HH:MM or HH:MM:SS (fractions allowed), with an optional UTC offset that is not kept. */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const MAX_REASONS = 50;

let validator: ValidateFunction | undefined;

/** The HSDS 3.0 service schema (with its definitions), compiled once. */
function schemaValidator(): ValidateFunction {
  if (validator === undefined) {
    const path = join(
      projectRoot(),
      'schemas/openreferral/hsds-3.0/compiled/service_with_definitions.json',
    );
    const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // Stricter than ajv-formats (which allows a urn:uuid: prefix): the ids become primary keys.
    ajv.addFormat('uuid', STRICT_UUID);
    validator = ajv.compile(schema);
  }
  return validator;
}

/**
 * The service records of a dataset: a page (`{ contents: [...] }`), a bare array of services, or a
 * single service object. Undefined when the body is none of these.
 */
export function recordsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body as unknown[];
  if (!isObject(body)) return undefined;
  if ('contents' in body) {
    return Array.isArray(body.contents) ? (body.contents as unknown[]) : undefined;
  }
  return 'id' in body || 'name' in body ? [body] : undefined;
}

export type ValidatedRecord =
  | { ok: true; service: HsdsService; warnings: ImportIssue[] }
  | { ok: false; reasons: ImportIssue[]; warnings: ImportIssue[] };

/**
 * Checks one service record against the HSDS 3.0 schema and the directory's own rules, and
 * returns it normalised: nulls removed (HSDS treats null and absent alike), ids in lower case,
 * out-of-range coordinates and time zone offsets dropped (each with a warning).
 */
export function validateServiceRecord(input: unknown): ValidatedRecord {
  const warnings: ImportIssue[] = [];
  if (!isObject(input)) {
    return { ok: false, reasons: [{ path: '', message: 'must be an object' }], warnings };
  }
  const record = withoutNulls(input) as Record<string, unknown>;
  const reasons: ImportIssue[] = [];
  const validate = schemaValidator();
  const shaped = validate(record);
  if (!shaped) reasons.push(...schemaIssues(validate.errors ?? []));
  checkStrings(record, '', reasons);
  // Only walk a record of the right shape: the schema errors already say what is wrong otherwise.
  if (shaped) {
    normaliseIds(record);
    checkKind('service', record, '', reasons, warnings);
    checkReferences(record as HsdsService, reasons, warnings);
  }
  const unique = dedupe(reasons);
  if (unique.length > 0) {
    const shown = unique.slice(0, MAX_REASONS);
    if (unique.length > MAX_REASONS) {
      shown.push({ path: '', message: `and ${unique.length - MAX_REASONS} more problems` });
    }
    return { ok: false, reasons: shown, warnings: dedupe(warnings) };
  }
  return { ok: true, service: record as HsdsService, warnings: dedupe(warnings) };
}

function schemaIssues(errors: ErrorObject[]): ImportIssue[] {
  return errors.map((error) => {
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { path: `${error.instancePath}/${escapePointer(missing)}`, message: 'is required' };
    }
    if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path: error.instancePath,
        message: `must be one of: ${allowed.map((value) => String(value)).join(', ')}`,
      };
    }
    return { path: error.instancePath, message: error.message ?? 'is not valid' };
  });
}

function checkKind(
  kind: Kind,
  value: Record<string, unknown>,
  path: string,
  reasons: ImportIssue[],
  warnings: ImportIssue[],
): void {
  for (const [field, rules] of Object.entries(RULES[kind] ?? {})) {
    const fieldValue = value[field];
    if (fieldValue === undefined) continue;
    for (const rule of [rules].flat()) {
      const problem = checkRule(rule, fieldValue);
      if (problem !== undefined) reasons.push({ path: `${path}/${field}`, message: problem });
    }
  }
  for (const key of Object.keys(value)) {
    if (!KEPT[kind].includes(key)) {
      warnings.push({
        path: `${path}/${escapePointer(key)}`,
        message: `not kept: the directory does not store this field of ${withArticle(kind)}`,
      });
    }
  }
  if (kind === 'service') {
    const { minimum_age: min, maximum_age: max } = value;
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      reasons.push({ path: `${path}/minimum_age`, message: 'must not be above maximum_age' });
    }
  }
  if (kind === 'location') dropBadCoordinates(value, path, warnings);
  if (kind === 'schedule') {
    for (const field of ['opens_at', 'closes_at']) {
      const time = value[field];
      if (typeof time === 'string' && TIME.test(time)) {
        const local = time.replace(/(Z|[+-]\d{2}(:?\d{2})?)$/i, '');
        if (local !== time) {
          value[field] = local;
          warnings.push({
            path: `${path}/${field}`,
            message: 'the UTC offset is not kept: opening times are stored as local times',
          });
        }
      }
    }
  }
  for (const [field, nestedKind] of Object.entries(NESTED[kind])) {
    const nested = value[field];
    if (Array.isArray(nested)) {
      nested.forEach((item, index) => {
        if (isObject(item))
          checkKind(nestedKind, item, `${path}/${field}/${index}`, reasons, warnings);
      });
    } else if (isObject(nested)) {
      checkKind(nestedKind, nested, `${path}/${field}`, reasons, warnings);
    }
  }
}

function checkRule(rule: Rule, value: unknown): string | undefined {
  if (rule === 'not_blank') {
    return typeof value === 'string' && value.trim() === '' ? 'must not be blank' : undefined;
  }
  if (rule === 'date') {
    return typeof value === 'string' && isCalendarDate(value)
      ? undefined
      : 'must be a date like 2024-01-31';
  }
  if (rule === 'time') {
    return typeof value === 'string' && TIME.test(value)
      ? undefined
      : 'must be a time like 09:30 or 09:30:00';
  }
  if ('integer' in rule) {
    if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
    if (
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max)
    ) {
      return `must be between ${rule.min} and ${rule.max}`;
    }
    return undefined;
  }
  return typeof value === 'string' && [...value].length > rule.max
    ? `must be at most ${rule.max} characters`
    : undefined;
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Coordinates out of range are dropped (both of them: one alone places nothing) with a warning. */
function dropBadCoordinates(
  location: Record<string, unknown>,
  path: string,
  warnings: ImportIssue[],
): void {
  const { latitude, longitude } = location;
  const badLatitude = typeof latitude === 'number' && (latitude < -90 || latitude > 90);
  const badLongitude = typeof longitude === 'number' && (longitude < -180 || longitude > 180);
  if (!badLatitude && !badLongitude) return;
  if (badLatitude) {
    warnings.push({
      path: `${path}/latitude`,
      message: 'out of range (-90 to 90): the coordinates are not kept',
    });
  }
  if (badLongitude) {
    warnings.push({
      path: `${path}/longitude`,
      message: 'out of range (-180 to 180): the coordinates are not kept',
    });
  }
  delete location.latitude;
  delete location.longitude;
}

/** References between a record's parts that must agree. */
function checkReferences(
  service: HsdsService,
  reasons: ImportIssue[],
  warnings: ImportIssue[],
): void {
  const organisation = service.organization;
  if (
    organisation !== undefined &&
    service.organization_id !== undefined &&
    service.organization_id !== organisation.id
  ) {
    reasons.push({ path: '/organization_id', message: 'differs from /organization/id' });
  }
  const organisationId = organisation?.id ?? service.organization_id;
  const locations: [HsdsLocation, string][] = [
    ...(service.service_at_locations ?? []).flatMap((sal, index): [HsdsLocation, string][] =>
      sal.location === undefined ? [] : [[sal.location, `/service_at_locations/${index}/location`]],
    ),
    ...(organisation?.locations ?? []).map((location, index): [HsdsLocation, string] => [
      location,
      `/organization/locations/${index}`,
    ]),
  ];
  for (const [location, path] of locations) {
    if (
      location.organization_id !== undefined &&
      organisationId !== undefined &&
      location.organization_id !== organisationId
    ) {
      warnings.push({
        path: `${path}/organization_id`,
        message:
          "differs from the service's organisation: the location is kept under the service's organisation",
      });
    }
  }
  const seenLocations = new Map<string, number>();
  (service.service_at_locations ?? []).forEach((sal, index) => {
    const path = `/service_at_locations/${index}`;
    const locationId = sal.location?.id ?? sal.location_id;
    if (
      sal.location !== undefined &&
      sal.location_id !== undefined &&
      sal.location_id !== sal.location.id
    ) {
      reasons.push({ path: `${path}/location_id`, message: 'differs from location/id' });
    }
    if (locationId === undefined) {
      reasons.push({ path: `${path}/location`, message: 'is required (or location_id)' });
      return;
    }
    const earlier = seenLocations.get(locationId);
    if (earlier !== undefined) {
      reasons.push({
        path: `${path}/location/id`,
        message: `the service is already at this location (/service_at_locations/${earlier})`,
      });
    }
    seenLocations.set(locationId, index);
  });
  (service.attributes ?? []).forEach((attribute, index) => {
    const path = `/attributes/${index}`;
    const term = attribute.taxonomy_term;
    if (
      term !== undefined &&
      attribute.taxonomy_term_id !== undefined &&
      attribute.taxonomy_term_id !== term.id
    ) {
      reasons.push({ path: `${path}/taxonomy_term_id`, message: 'differs from taxonomy_term/id' });
    }
    if (
      term?.taxonomy_detail !== undefined &&
      term.taxonomy_id !== undefined &&
      term.taxonomy_id !== term.taxonomy_detail.id
    ) {
      reasons.push({
        path: `${path}/taxonomy_term/taxonomy_id`,
        message: 'differs from taxonomy_detail/id',
      });
    }
    if (term === undefined && attribute.taxonomy_term_id === undefined) {
      warnings.push({
        path,
        message: 'not kept: the directory keeps attributes that name a taxonomy term',
      });
    }
  });
}

/** Text the database cannot hold: PostgreSQL refuses the NUL character in text and jsonb. */
function checkStrings(value: unknown, path: string, reasons: ImportIssue[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      reasons.push({ path, message: 'must not contain a NUL character' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkStrings(item, `${path}/${index}`, reasons));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) {
        reasons.push({
          path: `${path}/${escapePointer(key)}`,
          message: 'must not contain a NUL character',
        });
      } else {
        checkStrings(item, `${path}/${escapePointer(key)}`, reasons);
      }
    }
  }
}

/** UUIDs compare case-insensitively in PostgreSQL; lower case keeps the import's maps in step. */
function normaliseIds(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(normaliseIds);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (
        (key === 'id' || key.endsWith('_id')) &&
        typeof item === 'string' &&
        STRICT_UUID.test(item)
      ) {
        value[key] = item.toLowerCase();
      } else {
        normaliseIds(item);
      }
    }
  }
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) copy[key] = withoutNulls(item);
  }
  return copy;
}

function dedupe(issues: ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0001${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withArticle(kind: Kind): string {
  const words = kind.replace(/_/g, ' ');
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
