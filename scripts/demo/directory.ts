import type { EntityManager } from 'typeorm';
import { normalisePostcode } from '../../src/service-directory/areas/postcode.js';
import { uuidV5 } from '../../src/service-directory/hsds/ids.js';
import { audit } from './audit.js';
import { DEMO_PARTNER_DETAILS, type DemoPartner } from './borough.js';
import {
  DEMO_LOCATIONS,
  DEMO_SERVICES,
  type DemoLocation,
  type DemoSchedule,
  type DemoService,
} from './services.js';

/**
 * The namespace of the demo directory's name-based ids (RFC 9562 version 5): every demo record
 * gets the same id on every run and every installation, so a second run finds what the first
 * one made and inserts nothing.
 */
export const DEMO_DIRECTORY_NAMESPACE = '8e26aa32-1602-4a59-a773-0977a44207ca';

/** The id of a demo record, e.g. `demoId('service', 'food-bank-parcels')`. */
export function demoId(kind: string, key: string): string {
  return uuidV5(`${kind}:${key}`, DEMO_DIRECTORY_NAMESPACE);
}

/** When the demo entries were last checked (HSDS `assured_date`), and by whom. */
const ASSURED_DATE = '2026-10-01';
const ASSURER_EMAIL = 'directory@onefrontdoor.ribblevale.example.org';

const DAY_ORDER = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_NAMES: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/** "MO,TU,WE,TH,FR" → "Monday to Friday"; "TU,TH" → "Tuesday and Thursday". */
export function describeDays(byday: string): string {
  const days = byday.split(',');
  const indexes = days.map((day) => DAY_ORDER.indexOf(day as (typeof DAY_ORDER)[number]));
  if (days.length === 7) return 'Every day';
  const consecutive = indexes.every((index, i) => i === 0 || index === indexes[i - 1] + 1);
  const names = days.map((day) => DAY_NAMES[day]);
  if (consecutive && names.length >= 3) return `${names[0]} to ${names[names.length - 1]}`;
  return names.length === 1
    ? names[0]
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "09:30" → "9:30am", "17:00" → "5pm", "12:00" → "noon", "00:00" and "23:59:59" → "midnight". */
export function describeTime(time: string): string {
  if (time === '00:00' || time.startsWith('23:59')) return 'midnight';
  if (time === '12:00') return 'noon';
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour12}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}${hours < 12 ? 'am' : 'pm'}`;
}

export function describeSchedule(schedule: DemoSchedule): string {
  const days = describeDays(schedule.byday);
  if (schedule.opensAt === '00:00' && schedule.closesAt.startsWith('23:59')) {
    return `${days}, 24 hours`;
  }
  return `${days}, ${describeTime(schedule.opensAt)} to ${describeTime(schedule.closesAt)}`;
}

/** Refuses demo data that contradicts itself, before anything is written. */
export function checkDemoDirectory(): void {
  const locationKeys = new Set<string>();
  for (const location of DEMO_LOCATIONS) {
    if (locationKeys.has(location.key)) throw new Error(`Demo location "${location.key}" twice`);
    if (normalisePostcode(location.postcode)?.postcode !== location.postcode) {
      throw new Error(`Demo location "${location.key}": "${location.postcode}" is not a postcode`);
    }
    locationKeys.add(location.key);
  }
  const serviceKeys = new Set<string>();
  for (const service of DEMO_SERVICES) {
    const problem = (text: string) => new Error(`Demo service "${service.key}": ${text}`);
    if (serviceKeys.has(service.key)) throw problem('appears twice');
    serviceKeys.add(service.key);
    if (service.needs.length < 1 || service.needs.length > 3) throw problem('needs 1 to 3 needs');
    if (new Set(service.needs).size !== service.needs.length) throw problem('a need twice');
    if (service.areas.length < 1) throw problem('needs an area');
    if (new Set(service.areas).size !== service.areas.length) throw problem('an area twice');
    const locations = service.locations ?? [];
    for (const key of locations) {
      if (!locationKeys.has(key)) throw problem(`unknown location "${key}"`);
    }
    for (const schedule of service.schedules) {
      if (schedule.at !== undefined && !locations.includes(schedule.at)) {
        throw problem(`a schedule at "${schedule.at}", which is not one of its locations`);
      }
      for (const day of schedule.byday.split(',')) {
        if (!(DAY_ORDER as readonly string[]).includes(day)) throw problem(`day "${day}"`);
      }
      if (schedule.opensAt >= schedule.closesAt)
        throw problem('a schedule that closes as it opens');
    }
  }
}

function website(partner: DemoPartner): string {
  return `https://www.${DEMO_PARTNER_DETAILS[partner].domain}`;
}

function emailAt(partner: DemoPartner, local: string): string {
  return `${local}@${DEMO_PARTNER_DETAILS[partner].domain}`;
}

function organisationId(ids: ReadonlyMap<DemoPartner, string>, partner: DemoPartner): string {
  const id = ids.get(partner);
  if (id === undefined) throw new Error(`Demo partner "${partner}" has no organisation`);
  return id;
}

/** Inserts the location and its address unless it exists; true if it was created. */
async function ensureLocation(
  manager: EntityManager,
  location: DemoLocation,
  ownerId: string,
): Promise<boolean> {
  const id = demoId('location', location.key);
  const postcode = normalisePostcode(location.postcode)!;
  const [ward] = await manager.query<{ area_code: string }[]>(
    `SELECT area_code FROM area_postcode_sectors WHERE sector = $1`,
    [postcode.sector],
  );
  if (ward === undefined) {
    throw new Error(
      `Demo location "${location.key}": ${postcode.postcode} is outside every area of config/areas.json`,
    );
  }
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO locations (id, organisation_id, location_type, name, description, transportation,
                            latitude, longitude, area_code)
     VALUES ($1, $2, 'physical', $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      id,
      ownerId,
      location.name,
      location.description,
      location.transportation ?? null,
      location.latitude,
      location.longitude,
      ward.area_code,
    ],
  );
  if (inserted[0] === undefined) return false;
  await manager.query(
    `INSERT INTO addresses (id, location_id, address_1, address_2, city, state_province,
                            postal_code, country, address_type)
     VALUES ($1, $2, $3, $4, $5, 'Lancashire', $6, 'GB', 'physical')`,
    [
      demoId('address', location.key),
      id,
      location.address1,
      location.address2 ?? null,
      location.city,
      postcode.postcode,
    ],
  );
  await audit(manager, 'location.created', 'location', id, {
    organisationId: ownerId,
    areaCode: ward.area_code,
  });
  return true;
}

/** Inserts the service and everything that belongs to it unless it exists; true if created. */
async function ensureService(
  manager: EntityManager,
  service: DemoService,
  ids: ReadonlyMap<DemoPartner, string>,
): Promise<boolean> {
  const id = demoId('service', service.key);
  const providerId = organisationId(ids, service.partner);
  const receiverId = organisationId(ids, service.receivedBy ?? service.partner);
  const email = emailAt(service.partner, service.email);
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO services (id, organisation_id, receiving_organisation_id, name, alternate_name,
                           description, url, email, status, interpretation_services,
                           application_process, fees_description, accreditations,
                           eligibility_description, minimum_age, maximum_age, alert, assured_date,
                           assurer_email, accepting_referrals, response_target_hours,
                           capacity_available, capacity_maximum)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             $20, $21, $22, $23)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      id,
      providerId,
      receiverId,
      service.name,
      service.alternateName ?? null,
      service.description,
      `${website(service.partner)}/${service.path}`,
      email,
      service.status ?? 'active',
      service.interpretation ?? null,
      service.applicationProcess,
      service.fees ?? 'Free.',
      service.accreditations ?? null,
      service.eligibility,
      service.minimumAge ?? null,
      service.maximumAge ?? null,
      service.alert ?? null,
      ASSURED_DATE,
      ASSURER_EMAIL,
      service.acceptingReferrals ?? true,
      service.responseTargetHours,
      service.capacity?.available ?? null,
      service.capacity?.maximum ?? null,
    ],
  );
  if (inserted[0] === undefined) return false;

  await manager.query(
    `INSERT INTO service_needs (service_id, need_code) SELECT $1, unnest($2::varchar[])`,
    [id, service.needs],
  );
  const areas = await manager.query<{ area_code: string }[]>(
    `INSERT INTO service_areas (id, service_id, area_code, name, description)
     SELECT x.id, $1, a.code, a.name,
            CASE a.kind WHEN 'district' THEN 'Borough-wide: all of ' || a.name
                        WHEN 'service_delivery_area' THEN a.name || ' service delivery area'
                        ELSE a.name || ' ward' END
       FROM unnest($2::uuid[], $3::varchar[]) AS x(id, code)
       JOIN areas a ON a.code = x.code
     RETURNING area_code`,
    [
      id,
      service.areas.map((area) => demoId('service-area', `${service.key}/${area}`)),
      service.areas,
    ],
  );
  if (areas.length !== service.areas.length) {
    throw new Error(`Demo service "${service.key}": an area is not in config/areas.json`);
  }
  const serviceAtLocation = new Map<string, string>();
  for (const key of service.locations ?? []) {
    const salId = demoId('service-at-location', `${service.key}/${key}`);
    serviceAtLocation.set(key, salId);
    await manager.query(
      `INSERT INTO service_at_locations (id, service_id, location_id) VALUES ($1, $2, $3)`,
      [salId, id, demoId('location', key)],
    );
  }
  await manager.query(
    `INSERT INTO contacts (id, service_id, title, department, email) VALUES ($1, $2, $3, $4, $5)`,
    [demoId('contact', service.key), id, service.contact.title, service.contact.department, email],
  );
  await manager.query(
    `INSERT INTO phones (id, service_id, number, type, description) VALUES ($1, $2, $3, $4, $5)`,
    [
      demoId('phone', service.key),
      id,
      service.phone.number,
      service.phone.number.startsWith('07') ? 'cell' : 'voice',
      service.phone.description,
    ],
  );
  for (const [index, schedule] of service.schedules.entries()) {
    const salId = schedule.at === undefined ? null : serviceAtLocation.get(schedule.at)!;
    await manager.query(
      `INSERT INTO schedules (id, service_id, service_at_location_id, freq, interval, wkst, byday,
                              opens_at, closes_at, description, attending_type, notes)
       VALUES ($1, $2, $3, 'WEEKLY', 1, 'MO', $4, $5, $6, $7, $8, $9)`,
      [
        demoId('schedule', `${service.key}/${index}`),
        salId === null ? id : null,
        salId,
        schedule.byday,
        schedule.opensAt,
        schedule.closesAt,
        describeSchedule(schedule),
        schedule.attending ?? (salId === null ? 'By phone' : 'In person'),
        schedule.notes ?? null,
      ],
    );
  }
  await audit(manager, 'service.created', 'service', id, {
    organisationId: providerId,
    receivingOrganisationId: receiverId,
    status: service.status ?? 'active',
  });
  return true;
}

/**
 * Creates the demo service directory's missing locations and services, in the caller's
 * transaction. A service that exists is kept as it is, with its needs, areas and schedules.
 */
export async function seedDemoDirectory(
  manager: EntityManager,
  organisationIds: ReadonlyMap<DemoPartner, string>,
): Promise<{ services: number; locations: number }> {
  checkDemoDirectory();
  let locations = 0;
  for (const location of DEMO_LOCATIONS) {
    if (
      await ensureLocation(manager, location, organisationId(organisationIds, location.partner))
    ) {
      locations += 1;
    }
  }
  let services = 0;
  for (const service of DEMO_SERVICES) {
    if (await ensureService(manager, service, organisationIds)) services += 1;
  }
  return { services, locations };
}
