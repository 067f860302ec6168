import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { EntityManager } from 'typeorm';
import { seedDemoBorough } from '../../scripts/demo/seed.js';
import { projectRoot } from '../../src/common/project-root.js';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import {
  loadServiceDocuments,
  type OrukService,
} from '../../src/service-directory/hsds/hsds-documents.js';
import { NEED_TAXONOMY_ID, needTermId } from '../../src/service-directory/hsds/ids.js';
import { bearer, signedIn, startTestApp, type TestApp } from '../support/app.js';

// ---------------------------------------------------------------------------------------------
// The in-repo Open Referral schemas.

const SCHEMAS = join(projectRoot(), 'schemas', 'openreferral');
const readSchema = (path: string) =>
  JSON.parse(readFileSync(join(SCHEMAS, path), 'utf8')) as Record<string, unknown>;

const ajv = new Ajv.default({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(readSchema('oruk-3.0/taxonomy_term.json'), 'taxonomy_term.json');

const validators = {
  service: ajv.compile(readSchema('oruk-3.0/compiled/service.json')),
  hsdsService: ajv.compile(readSchema('hsds-3.0/compiled/service_with_definitions.json')),
  serviceList: ajv.compile(readSchema('oruk-3.0/compiled/service_list.json')),
  serviceAtLocation: ajv.compile(readSchema('oruk-3.0/compiled/service_at_location.json')),
  serviceAtLocationList: ajv.compile(readSchema('oruk-3.0/compiled/service_at_location_list.json')),
  organization: ajv.compile(readSchema('oruk-3.0/compiled/organization.json')),
  organizationList: ajv.compile(readSchema('oruk-3.0/compiled/organization_list.json')),
  taxonomy: ajv.compile(readSchema('oruk-3.0/taxonomy.json')),
  taxonomyTerm: ajv.getSchema('taxonomy_term.json')!,
};

/** The schema's errors for this document, as readable lines (none when it is valid). */
function schemaErrors(validate: ValidateFunction, document: unknown, where: string): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${where}${error.instancePath}: ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

interface Page<T = Record<string, unknown>> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The page fields (the openapi `Page` component), checked by hand. */
function pageErrors(body: Page, perPage: number, where: string): string[] {
  const errors: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) errors.push(`${where}: ${what} (${JSON.stringify({ ...body, contents: undefined })})`);
  };
  for (const field of ['total_items', 'total_pages', 'page_number', 'size'] as const) {
    expect(Number.isInteger(body[field]) && body[field] >= 0, `${field} is a whole number`);
  }
  for (const field of ['first_page', 'last_page', 'empty'] as const) {
    expect(typeof body[field] === 'boolean', `${field} is a boolean`);
  }
  expect(Array.isArray(body.contents), 'contents is an array');
  expect(body.size === body.contents.length, 'size counts the contents');
  expect(body.empty === (body.contents.length === 0), 'empty says whether there are contents');
  expect(body.total_pages === Math.ceil(body.total_items / perPage), 'total_pages');
  expect(body.first_page === (body.page_number === 1), 'first_page');
  expect(body.last_page === body.page_number >= body.total_pages, 'last_page');
  return errors;
}

/** Every value in the document, with its path (to find nulls). */
function* leaves(value: unknown, path = ''): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* leaves(item, `${path}[${index}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* leaves(item, `${path}.${key}`);
  } else {
    yield [path, value];
  }
}

// ---------------------------------------------------------------------------------------------
// A service with every table filled, and a few plainer ones to filter.

interface Fixture {
  organisation: string;
  otherOrganisation: string;
  taxonomy: string;
  term: string;
  location: string;
  service: string;
  atLocation: string;
  youth: string;
  boroughWide: string;
  noAreas: string;
  stale: string;
}

async function insertFixture(t: TestApp): Promise<Fixture> {
  const id = () => randomUUID();
  const f: Fixture = {
    organisation: id(),
    otherOrganisation: id(),
    taxonomy: id(),
    term: id(),
    location: id(),
    service: id(),
    atLocation: id(),
    youth: id(),
    boroughWide: id(),
    noAreas: id(),
    stale: id(),
  };
  await t.db.transaction(async (m) => {
    const q = (sql: string, params: unknown[]) => m.query(sql, params);
    await q(
      `INSERT INTO organisations (id, name, kind, description, email, website, hsds_extra)
       VALUES ($1, 'Feed Test Advice Centre', 'partner', 'Independent advice on money and housing.',
               'hello@feedtest.example.org', 'https://feedtest.example.org', $2)`,
      [
        f.organisation,
        {
          alternate_name: 'FTAC',
          legal_status: 'Charity',
          uri: 'https://feedtest.example.org/about',
          organization_identifiers: [
            {
              id: id(),
              organization_id: f.organisation,
              identifier_scheme: 'GB-CHC',
              identifier_type: 'Charity number',
              identifier: '1234567',
            },
          ],
          funding: [{ id: id(), organization_id: f.organisation, source: 'Borough grant' }],
        },
      ],
    );
    await q(
      `INSERT INTO organisations (id, name, kind, description) VALUES ($1, 'Feed Test Youth Trust', 'partner', 'Young people.')`,
      [f.otherOrganisation],
    );
    const orgContact = id();
    await q(
      `INSERT INTO contacts (id, organisation_id, name, title, department, email)
       VALUES ($1, $2, 'Reception', 'Receptionist', 'Front office', 'reception@feedtest.example.org')`,
      [orgContact, f.organisation],
    );
    await q(
      `INSERT INTO phones (organisation_id, number, type, description) VALUES ($1, '01772 000001', 'voice', 'Main line')`,
      [f.organisation],
    );
    await q(
      `INSERT INTO phones (contact_id, number, extension, type) VALUES ($1, '01772 000002', 12, 'voice')`,
      [orgContact],
    );

    await q(
      `INSERT INTO taxonomies (id, name, description, uri, version)
       VALUES ($1, 'Feed Test Categories', 'Categories of an imported directory.', 'https://taxonomy.example.org', '2')`,
      [f.taxonomy],
    );
    await q(
      `INSERT INTO taxonomy_terms (id, taxonomy_id, code, name, description, term_uri, language, taxonomy_name)
       VALUES ($1, $2, 'FT-1', 'Advice drop-in', 'Walk-in advice sessions.', 'https://taxonomy.example.org/FT-1', 'en', 'Feed Test Categories')`,
      [f.term, f.taxonomy],
    );

    await q(
      `INSERT INTO locations (id, organisation_id, location_type, name, alternate_name, description,
              transportation, url, latitude, longitude, external_identifier, external_identifier_type,
              area_code, hsds_extra)
       VALUES ($1, $2, 'physical', 'Feed Test Hub', 'The Hub', 'Ground floor, step-free.', 'Bus 111',
               'https://feedtest.example.org/hub', 53.69, -2.69, '100010000001', 'UPRN', 'RV-LEY-C', $3)`,
      [
        f.location,
        f.organisation,
        {
          languages: [{ id: id(), location_id: f.location, name: 'Polish', code: 'pl' }],
          accessibility: [
            { id: id(), location_id: f.location, description: 'Hearing loop at reception.' },
          ],
        },
      ],
    );
    await q(
      `INSERT INTO addresses (location_id, attention, address_1, address_2, city, region, state_province, postal_code, country, address_type)
       VALUES ($1, 'Reception', '1 Towngate', 'Leyland', 'Leyland', 'North West', 'Lancashire', 'PR25 1DH', 'GB', 'physical')`,
      [f.location],
    );
    await q(`INSERT INTO phones (location_id, number) VALUES ($1, '01772 000003')`, [f.location]);
    const locationContact = id();
    await q(`INSERT INTO contacts (id, location_id, name) VALUES ($1, $2, 'Hub desk')`, [
      locationContact,
      f.location,
    ]);
    await q(`INSERT INTO phones (contact_id, number) VALUES ($1, '01772 000004')`, [
      locationContact,
    ]);
    await q(
      `INSERT INTO schedules (location_id, freq, byday, opens_at, closes_at, description)
       VALUES ($1, 'WEEKLY', 'MO,TU,WE,TH,FR', '08:30', '17:30', 'Building open on weekdays')`,
      [f.location],
    );

    await q(
      `INSERT INTO services (id, organisation_id, receiving_organisation_id, name, alternate_name,
              description, url, email, status, interpretation_services, application_process,
              fees_description, accreditations, eligibility_description, minimum_age, maximum_age,
              alert, assured_date, assurer_email, accepting_referrals, response_target_hours,
              capacity_available, capacity_maximum, hsds_extra)
       VALUES ($1, $2, $2, 'Feed Test Debt Clinic', 'Debt clinic',
               'Free debt advice and benefit checks with a trained adviser.',
               'https://feedtest.example.org/debt', 'debt@feedtest.example.org', 'active',
               'Interpreters on request', 'Call or be referred', 'Free', 'Advice Quality Standard',
               'Adults living in Ribble Vale', 18, 120, 'Closed on bank holidays', '2026-09-01',
               'assurer@feedtest.example.org', true, 48, 3, 10, $3)`,
      [
        f.service,
        f.organisation,
        {
          name: 'A modelled field is never taken from here',
          wait_time: 'About a week',
          languages: [{ id: id(), service_id: f.service, name: 'English', code: 'en' }],
          funding: [{ id: id(), service_id: f.service, source: 'Money and Pensions Service' }],
          cost_options: [
            {
              id: id(),
              service_id: f.service,
              option: 'Everyone',
              currency: 'GBP',
              amount: 0,
              amount_description: 'No charge',
            },
          ],
          required_documents: [{ id: id(), service_id: f.service, document: 'Recent letters' }],
          x_local_note: 'kept as imported',
        },
      ],
    );
    await q(`INSERT INTO service_needs (service_id, need_code) VALUES ($1, 'money.debt')`, [
      f.service,
    ]);
    await q(
      `INSERT INTO service_taxonomy_terms (service_id, taxonomy_term_id, attribute_id) VALUES ($1, $2, $3)`,
      [f.service, f.term, id()],
    );
    await q(`INSERT INTO service_areas (service_id, area_code) VALUES ($1, 'RV-LEY-C')`, [
      f.service,
    ]);
    await q(
      `INSERT INTO service_areas (service_id, name, description, extent, extent_type, uri)
       VALUES ($1, 'Leyland town centre', 'Around the market', 'Leyland', 'text', 'https://areas.example.org/leyland')`,
      [f.service],
    );
    await q(
      `INSERT INTO phones (service_id, number, type, languages) VALUES ($1, '01772 000005', 'voice', $2)`,
      [f.service, JSON.stringify([{ id: id(), name: 'English', code: 'en' }])],
    );
    const serviceContact = id();
    await q(
      `INSERT INTO contacts (id, service_id, name, title, email) VALUES ($1, $2, 'Debt team', 'Adviser', 'team@feedtest.example.org')`,
      [serviceContact, f.service],
    );
    await q(`INSERT INTO phones (contact_id, number) VALUES ($1, '01772 000006')`, [
      serviceContact,
    ]);
    await q(
      `INSERT INTO schedules (service_id, valid_from, valid_to, dtstart, timezone, until, count, wkst,
              freq, interval, byday, byweekno, bymonthday, byyearday, description, opens_at,
              closes_at, schedule_link, attending_type, notes)
       VALUES ($1, '2026-01-01', '2026-12-31', '2026-01-05', 0, '2026-12-31', 50, 'MO', 'WEEKLY', 1,
               'MO,WE', '1,2', '3', '4', 'Mondays and Wednesdays', '09:30', '16:00',
               'https://feedtest.example.org/book', 'in person', 'Book ahead')`,
      [f.service],
    );
    await q(
      `INSERT INTO service_at_locations (id, service_id, location_id, description) VALUES ($1, $2, $3, 'Drop-in at the Hub')`,
      [f.atLocation, f.service, f.location],
    );
    await q(`INSERT INTO phones (service_at_location_id, number) VALUES ($1, '01772 000007')`, [
      f.atLocation,
    ]);
    await q(`INSERT INTO contacts (service_at_location_id, name) VALUES ($1, 'Drop-in lead')`, [
      f.atLocation,
    ]);
    await q(
      `INSERT INTO schedules (service_at_location_id, freq, byday, opens_at, closes_at) VALUES ($1, 'WEEKLY', 'WE', '10:00', '12:00')`,
      [f.atLocation],
    );

    // Plainer services: ages, areas and needs to filter on.
    const plain = async (
      serviceId: string,
      organisationId: string,
      name: string,
      description: string,
      ages: [number | null, number | null],
      need: string | null,
      areas: string[],
    ) => {
      await q(
        `INSERT INTO services (id, organisation_id, receiving_organisation_id, name, description, minimum_age, maximum_age)
         VALUES ($1, $2, $2, $3, $4, $5, $6)`,
        [serviceId, organisationId, name, description, ...ages],
      );
      if (need !== null) {
        await q(`INSERT INTO service_needs (service_id, need_code) VALUES ($1, $2)`, [
          serviceId,
          need,
        ]);
      }
      for (const area of areas) {
        await q(`INSERT INTO service_areas (service_id, area_code) VALUES ($1, $2)`, [
          serviceId,
          area,
        ]);
      }
    };
    await plain(
      f.youth,
      f.otherOrganisation,
      'Feed Test Youth Housing',
      'Somewhere to stay for young people at risk of homelessness.',
      [16, 25],
      'housing.homelessness',
      ['RV-PEN'],
    );
    await plain(
      f.boroughWide,
      f.otherOrganisation,
      'Feed Test Benefits Line',
      'Telephone help with welfare claims across the borough.',
      [null, null],
      'money.benefits',
      ['RV'],
    );
    await plain(
      f.noAreas,
      f.otherOrganisation,
      'Feed Test Quizzical Zebra Club',
      'A club with no area and no need.',
      [null, null],
      null,
      [],
    );
    await plain(
      f.stale,
      f.otherOrganisation,
      'Feed Test Old Listing',
      'Unchanged for years.',
      [65, null],
      'older_people',
      ['RV'],
    );
    await q(`UPDATE services SET updated_at = '2020-01-01T00:00:00Z' WHERE id = $1`, [f.stale]);
  });
  return f;
}

// ---------------------------------------------------------------------------------------------

describe('Open Referral UK feed', () => {
  let t: TestApp;
  let f: Fixture;
  const CONSOLE = 'https://console.borough.example';

  beforeAll(async () => {
    t = await startTestApp({ corsOrigins: [CONSOLE] });
    await t.db.transaction((m) => seedDemoBorough(m));
    f = await insertFixture(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string) => t.http().get(path);

  /** Every item of a list, page after page, each page's fields checked. */
  async function everyItem(path: string, perPage = 100): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      const separator = path.includes('?') ? '&' : '?';
      const response = await get(`${path}${separator}page=${pageNumber}&per_page=${perPage}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const body = response.body as Page;
      expect(pageErrors(body, perPage, path)).toEqual([]);
      items.push(...body.contents);
      if (body.last_page) return items;
    }
  }

  const idsOf = async (path: string) => (await everyItem(path)).map((item) => item.id as string);

  describe('the documents validate against the in-repo ORUK schemas, on the demo data', () => {
    const needTaxonomyItem = { id: NEED_TAXONOMY_ID, name: 'needs', description: 'needs' };

    it('the schemas are strict where ORUK types fields (a null age or a bad uuid fails)', async () => {
      const service = (await get(`/api/hsds/services/${f.service}`)).body as OrukService;
      expect(schemaErrors(validators.service, service, 'as served')).toEqual([]);
      expect(schemaErrors(validators.service, { ...service, minimum_age: null }, '')).not.toEqual(
        [],
      );
      expect(schemaErrors(validators.service, { ...service, id: 'x' }, '')).not.toEqual([]);
      expect(
        schemaErrors(validators.taxonomy, { ...needTaxonomyItem, taxonomy_terms: [{}] }, ''),
      ).not.toEqual([]);
    });

    it('has demo data and our fully filled service to validate', async () => {
      const services = await idsOf('/api/hsds/services');
      expect(services).toEqual(expect.arrayContaining([f.service, f.youth]));
      expect(services.length).toBeGreaterThan(5);
    });

    it('/ says which version and profile it follows, with or without the trailing slash', async () => {
      for (const path of ['/api/hsds/', '/api/hsds']) {
        const response = await get(path);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          version: '3.0',
          profile: expect.stringMatching(/^https:\/\//),
          openapi_url: expect.stringMatching(/^https:\/\/.*openapi\.json$/),
        });
      }
    });

    it('/services and every /services/{id}', async () => {
      const errors: string[] = [];
      const items = await everyItem('/api/hsds/services');
      for (const item of items) {
        errors.push(...schemaErrors(validators.serviceList, item, `list ${String(item.id)}`));
        expect(Object.values(item).some(Array.isArray)).toBe(false);
        const response = await get(`/api/hsds/services/${String(item.id)}`);
        expect(response.status).toBe(200);
        errors.push(
          ...schemaErrors(validators.service, response.body, `service ${String(item.id)}`),
        );
        errors.push(
          ...schemaErrors(validators.hsdsService, response.body, `hsds ${String(item.id)}`),
        );
        const nulls = [...leaves(response.body)].filter(([, value]) => value === null);
        expect(nulls).toEqual([]);
      }
      expect(errors).toEqual([]);
    });

    it('/service_at_locations and every /service_at_locations/{id}', async () => {
      const errors: string[] = [];
      const items = await everyItem('/api/hsds/service_at_locations');
      expect(items.map((item) => item.id)).toContain(f.atLocation);
      for (const item of items) {
        errors.push(
          ...schemaErrors(validators.serviceAtLocationList, item, `list ${String(item.id)}`),
        );
        const response = await get(`/api/hsds/service_at_locations/${String(item.id)}`);
        expect(response.status).toBe(200);
        errors.push(
          ...schemaErrors(validators.serviceAtLocation, response.body, `sal ${String(item.id)}`),
        );
      }
      expect(errors).toEqual([]);
    });

    it('/organizations and every /organizations/{id}', async () => {
      const errors: string[] = [];
      const items = await everyItem('/api/hsds/organizations');
      expect(items.map((item) => item.id)).toEqual(
        expect.arrayContaining([f.organisation, f.otherOrganisation]),
      );
      for (const item of items) {
        errors.push(...schemaErrors(validators.organizationList, item, `list ${String(item.id)}`));
        const response = await get(`/api/hsds/organizations/${String(item.id)}`);
        expect(response.status).toBe(200);
        errors.push(
          ...schemaErrors(validators.organization, response.body, `org ${String(item.id)}`),
        );
      }
      expect(errors).toEqual([]);
    });

    it('/taxonomies and every /taxonomies/{id}', async () => {
      const errors: string[] = [];
      const items = await everyItem('/api/hsds/taxonomies');
      expect(items[0]).toMatchObject({ id: NEED_TAXONOMY_ID, name: 'One Front Door needs' });
      expect(items.map((item) => item.id)).toContain(f.taxonomy);
      expect(await everyItem('/api/hsds/taxonomies', 1)).toEqual(items);
      for (const item of items) {
        errors.push(...schemaErrors(validators.taxonomy, item, `list ${String(item.id)}`));
        const response = await get(`/api/hsds/taxonomies/${String(item.id)}`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(item);
      }
      expect(errors).toEqual([]);
    });

    it('/taxonomy_terms and every /taxonomy_terms/{id}', async () => {
      const errors: string[] = [];
      const items = await everyItem('/api/hsds/taxonomy_terms', 20);
      expect(items).toContainEqual(
        expect.objectContaining({
          id: needTermId('money.debt'),
          code: 'money.debt',
          name: 'Debt advice',
          description: 'Debt advice',
          parent_id: needTermId('money'),
          taxonomy_id: NEED_TAXONOMY_ID,
        }),
      );
      expect(items.map((item) => item.id)).toContain(f.term);
      for (const item of items) {
        errors.push(...schemaErrors(validators.taxonomyTerm, item, `list ${String(item.id)}`));
        const response = await get(`/api/hsds/taxonomy_terms/${String(item.id)}`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(item);
      }
      expect(errors).toEqual([]);
      const imported = await everyItem(`/api/hsds/taxonomy_terms?taxonomy_id=${f.taxonomy}`);
      expect(imported.map((item) => item.id)).toEqual([f.term]);
      const needs = await everyItem(`/api/hsds/taxonomy_terms?taxonomy_id=${NEED_TAXONOMY_ID}`);
      expect(needs.every((item) => item.taxonomy_id === NEED_TAXONOMY_ID)).toBe(true);
    });
  });

  describe('the fully filled service', () => {
    let service: OrukService;
    beforeAll(async () => {
      service = (await get(`/api/hsds/services/${f.service}`)).body as OrukService;
    });

    it('nests its organisation, places, contacts, phones, schedules, areas and terms', () => {
      expect(service).toMatchObject({
        id: f.service,
        organization_id: f.organisation,
        name: 'Feed Test Debt Clinic',
        status: 'active',
        minimum_age: 18,
        maximum_age: 120,
        assured_date: '2026-09-01',
        organization: {
          id: f.organisation,
          name: 'Feed Test Advice Centre',
          alternate_name: 'FTAC',
          legal_status: 'Charity',
          phones: [expect.objectContaining({ number: '01772 000001' })],
          contacts: [
            expect.objectContaining({
              name: 'Reception',
              phones: [expect.objectContaining({ number: '01772 000002', extension: 12 })],
            }),
          ],
          organization_identifiers: [expect.objectContaining({ identifier: '1234567' })],
        },
        phones: [
          expect.objectContaining({ number: '01772 000005', languages: [expect.anything()] }),
        ],
        contacts: [
          expect.objectContaining({
            name: 'Debt team',
            phones: [expect.objectContaining({ number: '01772 000006' })],
          }),
        ],
        schedules: [
          expect.objectContaining({
            freq: 'WEEKLY',
            byday: 'MO,WE',
            valid_from: '2026-01-01',
            opens_at: '09:30:00',
            closes_at: '16:00:00',
            interval: 1,
          }),
        ],
        service_at_locations: [
          expect.objectContaining({
            id: f.atLocation,
            description: 'Drop-in at the Hub',
            phones: [expect.objectContaining({ number: '01772 000007' })],
            contacts: [expect.objectContaining({ name: 'Drop-in lead' })],
            schedules: [expect.objectContaining({ byday: 'WE', opens_at: '10:00:00' })],
            location: expect.objectContaining({
              id: f.location,
              location_type: 'physical',
              latitude: 53.69,
              languages: [expect.objectContaining({ code: 'pl' })],
              accessibility: [expect.anything()],
              addresses: [expect.objectContaining({ postal_code: 'PR25 1DH', country: 'GB' })],
              phones: [expect.objectContaining({ number: '01772 000003' })],
              contacts: [
                expect.objectContaining({
                  name: 'Hub desk',
                  phones: [expect.objectContaining({ number: '01772 000004' })],
                }),
              ],
              schedules: [expect.objectContaining({ byday: 'MO,TU,WE,TH,FR' })],
            }),
          }),
        ],
        wait_time: 'About a week',
        languages: [expect.objectContaining({ code: 'en' })],
        funding: [expect.objectContaining({ source: 'Money and Pensions Service' })],
        cost_options: [expect.objectContaining({ amount: 0 })],
        required_documents: [expect.anything()],
        x_local_note: 'kept as imported',
        accepting_referrals: true,
        response_target_hours: 48,
        capacity: { available: 3, maximum: 10 },
      });
      expect(service.last_modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(service.service_areas).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Leyland Central' }),
          expect.objectContaining({ name: 'Leyland town centre', extent_type: 'text' }),
        ]),
      );
      expect(service.attributes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            link_id: f.service,
            taxonomy_term_id: needTermId('money.debt'),
            taxonomy_term: expect.objectContaining({ name: 'Debt advice', code: 'money.debt' }),
          }),
          expect.objectContaining({
            taxonomy_term_id: f.term,
            taxonomy_term: expect.objectContaining({
              name: 'Advice drop-in',
              taxonomy_id: f.taxonomy,
            }),
          }),
        ]),
      );
    });

    it('keeps HSDS field order, our referral fields last', () => {
      const keys = Object.keys(service);
      expect(keys.slice(0, 4)).toEqual(['id', 'organization_id', 'name', 'alternate_name']);
      expect(keys.slice(-3)).toEqual(['accepting_referrals', 'response_target_hours', 'capacity']);
      expect(keys.indexOf('last_modified')).toBeLessThan(keys.indexOf('phones'));
    });

    it('renders deterministically, in batches, with one query per table whatever the number', async () => {
      const ids = await idsOf('/api/hsds/services');
      const counted = async (batch: string[]) => {
        let queries = 0;
        const documents = await t.db.transaction(async (manager) => {
          const counting = new Proxy(manager, {
            get: (target, property, receiver) =>
              property === 'query'
                ? (...args: Parameters<EntityManager['query']>) => {
                    queries += 1;
                    return target.query(...args);
                  }
                : (Reflect.get(target, property, receiver) as unknown),
          });
          return loadServiceDocuments(counting, batch);
        });
        return { documents, queries };
      };
      const one = await counted([f.service]);
      const all = await counted([...ids, randomUUID()]);
      expect(all.queries).toBe(one.queries);
      expect(all.documents.size).toBe(ids.length);
      expect(JSON.stringify(all.documents.get(f.service))).toBe(JSON.stringify(service));
      expect(JSON.stringify((await counted([f.service])).documents.get(f.service))).toBe(
        JSON.stringify(one.documents.get(f.service)),
      );
    });

    it('the service at a location carries its service, and the organisation its services', async () => {
      const atLocation = (await get(`/api/hsds/service_at_locations/${f.atLocation}`)).body as {
        location: { id: string };
        service: Record<string, unknown>;
      };
      expect(atLocation).toMatchObject({ id: f.atLocation, service_id: f.service });
      expect(atLocation.location.id).toBe(f.location);
      expect(atLocation.service).toMatchObject({ id: f.service, name: 'Feed Test Debt Clinic' });
      expect(atLocation.service.service_at_locations).toBeUndefined();

      const organisation = (await get(`/api/hsds/organizations/${f.otherOrganisation}`)).body as {
        services: { id: string; organization?: unknown }[];
      };
      expect(organisation.services.map((s) => s.id).sort()).toEqual(
        [f.youth, f.boroughWide, f.noAreas, f.stale].sort(),
      );
      expect(organisation.services[0].organization).toBeUndefined();
    });
  });

  describe('filters', () => {
    const ours = (ids: string[]) =>
      ids.filter((id) => [f.service, f.youth, f.boroughWide, f.noAreas, f.stale].includes(id));
    const services = async (query: string) =>
      ours(await idsOf(`/api/hsds/services?${query}`)).sort();
    const sorted = (...ids: string[]) => [...ids].sort();

    it('search: words of the name and description, spelling mistakes forgiven, best first', async () => {
      expect(await services('search=quizzical')).toEqual([f.noAreas]);
      expect(await services('search=quizicle%20zebra')).toEqual([f.noAreas]);
      expect(await services('search=benifit')).toEqual(sorted(f.service, f.boroughWide));
      expect(await services('search=welfare%20claims')).toEqual([f.boroughWide]);
      const ranked = await idsOf('/api/hsds/services?search=zebra%20club');
      expect(ranked[0]).toBe(f.noAreas);
    });

    it('taxonomy_term_id: a need term matches the needs under it; an imported term its services', async () => {
      expect(await services(`taxonomy_term_id=${needTermId('money')}`)).toEqual(
        sorted(f.service, f.boroughWide),
      );
      expect(await services(`taxonomy_term_id=${needTermId('money.debt')}`)).toEqual([f.service]);
      expect(await services(`taxonomy_term_id=${f.term}`)).toEqual([f.service]);
      expect(await services(`taxonomy_term_id=${randomUUID()}`)).toEqual([]);
    });

    it('taxonomy_id: services with any term of the taxonomy', async () => {
      expect(await services(`taxonomy_id=${f.taxonomy}`)).toEqual([f.service]);
      expect(await services(`taxonomy_id=${NEED_TAXONOMY_ID}`)).toEqual(
        sorted(f.service, f.youth, f.boroughWide, f.stale),
      );
    });

    it('organization_id', async () => {
      expect(await idsOf(`/api/hsds/services?organization_id=${f.organisation}`)).toEqual([
        f.service,
      ]);
    });

    it('minimum_age and maximum_age: services open to someone in that age range', async () => {
      // Ages: debt clinic 18-120, youth 16-25, others any age, old listing 65+.
      expect(await services('minimum_age=30')).toEqual(
        sorted(f.service, f.boroughWide, f.noAreas, f.stale),
      );
      expect(await services('maximum_age=17')).toEqual(sorted(f.youth, f.boroughWide, f.noAreas));
      expect(await services('minimum_age=17&maximum_age=17')).toEqual(
        sorted(f.youth, f.boroughWide, f.noAreas),
      );
      expect(await services('minimum_age=70&maximum_age=80')).toEqual(
        sorted(f.service, f.boroughWide, f.noAreas, f.stale),
      );
    });

    it('postcode: services covering its ward, its service delivery area or the whole borough', async () => {
      // PR25 1DH is in Leyland Central (RV-LEY-C, in Leyland); PR1 0AA in Penwortham East.
      expect(await services('postcode=pr25%201dh')).toEqual(
        sorted(f.service, f.boroughWide, f.stale),
      );
      expect(await services('postcode=PR10AA')).toEqual(sorted(f.youth, f.boroughWide, f.stale));
      expect(await idsOf('/api/hsds/services?postcode=SW1A%201AA')).toEqual([]);
      const atLocations = await everyItem('/api/hsds/service_at_locations?postcode=PR1%200AA');
      expect(atLocations.map((item) => item.service_id)).not.toContain(f.service);
    });

    it('modified_after: what changed at or after that time', async () => {
      const recent = await services('modified_after=2021-01-01');
      expect(recent).not.toContain(f.stale);
      expect(recent).toContain(f.service);
      expect(await services('modified_after=2019-12-31T23:00:00Z')).toContain(f.stale);
    });

    it('filters combine, and apply to service_at_locations too', async () => {
      expect(
        await services(`taxonomy_term_id=${needTermId('money')}&postcode=PR1%200AA&minimum_age=20`),
      ).toEqual([f.boroughWide]);
      const atLocations = await everyItem(
        `/api/hsds/service_at_locations?organization_id=${f.organisation}&search=debt`,
      );
      expect(atLocations.map((item) => item.id)).toEqual([f.atLocation]);
    });

    it('pages: numbers, first and last page, past the end', async () => {
      const all = await idsOf('/api/hsds/services');
      const total = all.length;
      const second = (await get('/api/hsds/services?per_page=2&page=2')).body as Page;
      expect(second).toMatchObject({
        total_items: total,
        total_pages: Math.ceil(total / 2),
        page_number: 2,
        size: 2,
        first_page: false,
        last_page: false,
        empty: false,
      });
      expect(second.contents.map((item) => item.id)).toEqual(all.slice(2, 4));
      const beyond = (await get(`/api/hsds/services?per_page=2&page=${total}`)).body as Page;
      expect(beyond).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
      const defaults = (await get('/api/hsds/services')).body as Page;
      expect(defaults).toMatchObject({ page_number: 1, first_page: true });
      expect(defaults.size).toBe(Math.min(50, total));
      const none = (await get(`/api/hsds/services?organization_id=${randomUUID()}`)).body as Page;
      expect(none).toEqual({
        total_items: 0,
        total_pages: 0,
        page_number: 1,
        size: 0,
        first_page: true,
        last_page: true,
        empty: true,
        contents: [],
      });
    });
  });

  describe('refusals', () => {
    it.each([
      ['/api/hsds/services?per_page=0', 'per_page'],
      ['/api/hsds/services?per_page=101', 'per_page'],
      ['/api/hsds/services?page=0', 'page'],
      ['/api/hsds/services?page=two', 'page'],
      ['/api/hsds/services?minimum_age=-1', 'minimum_age'],
      ['/api/hsds/services?minimum_age=40&maximum_age=30', 'maximum_age'],
      ['/api/hsds/services?taxonomy_term_id=money.debt', 'taxonomy_term_id'],
      ['/api/hsds/services?taxonomy_id=x', 'taxonomy_id'],
      ['/api/hsds/services?organization_id=1', 'organization_id'],
      ['/api/hsds/services?postcode=not%20a%20postcode', 'postcode'],
      ['/api/hsds/services?modified_after=yesterday', 'modified_after'],
      ['/api/hsds/services?search=a%20b', 'search'],
      ['/api/hsds/service_at_locations?postcode=XX', 'postcode'],
      ['/api/hsds/services?day=MO', 'day'],
      ['/api/hsds/taxonomies?per_page=1000', 'per_page'],
      ['/api/hsds/taxonomy_terms?taxonomy_id=nope', 'taxonomy_id'],
      ['/api/hsds/organizations?page=-3', 'page'],
    ])('%s: 400 naming the field', async (path, field) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { [field]: expect.any(Array) } },
        correlationId: expect.any(String),
      });
    });

    it.each([
      ['services', 'SERVICE_NOT_FOUND'],
      ['service_at_locations', 'SERVICE_AT_LOCATION_NOT_FOUND'],
      ['organizations', 'ORGANISATION_NOT_FOUND'],
      ['taxonomies', 'TAXONOMY_NOT_FOUND'],
      ['taxonomy_terms', 'TAXONOMY_TERM_NOT_FOUND'],
    ])('/%s/{id}: 404 for an unknown id, 400 for a malformed one', async (kind, code) => {
      const unknown = await get(`/api/hsds/${kind}/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code, correlationId: expect.any(String) });
      const malformed = await get(`/api/hsds/${kind}/not-an-id`);
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'INVALID_ID' });
    });
  });

  describe('CORS', () => {
    const ANYWHERE = 'https://some-other-directory.example';

    it('lets any origin read the feed (GET, HEAD and their preflight)', async () => {
      const read = await get('/api/hsds/services').set('Origin', ANYWHERE);
      expect(read.headers['access-control-allow-origin']).toBe('*');
      const root = await get('/api/hsds/').set('Origin', ANYWHERE);
      expect(root.headers['access-control-allow-origin']).toBe('*');
      const head = await t.http().head(`/api/hsds/services/${f.service}`).set('Origin', ANYWHERE);
      expect(head.status).toBe(200);
      expect(head.headers['access-control-allow-origin']).toBe('*');
      const preflight = await t
        .http()
        .options('/api/hsds/taxonomy_terms?page=2')
        .set('Origin', ANYWHERE)
        .set('Access-Control-Request-Method', 'GET');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    });

    it('keeps the allow-list for everything else, the HSDS import included', async () => {
      const importPreflight = await t
        .http()
        .options('/api/hsds/import')
        .set('Origin', ANYWHERE)
        .set('Access-Control-Request-Method', 'POST');
      expect(importPreflight.headers['access-control-allow-origin']).toBeUndefined();
      const fromConsole = await t
        .http()
        .options('/api/hsds/import')
        .set('Origin', CONSOLE)
        .set('Access-Control-Request-Method', 'POST');
      expect(fromConsole.headers['access-control-allow-origin']).toBe(CONSOLE);
      const importPost = await t.http().post('/api/hsds/import').set('Origin', ANYWHERE).send({});
      expect(importPost.headers['access-control-allow-origin']).toBeUndefined();
      const api = await get('/api/health/live').set('Origin', ANYWHERE);
      expect(api.headers['access-control-allow-origin']).toBeUndefined();
      const apiPreflight = await t
        .http()
        .options('/api/services')
        .set('Origin', ANYWHERE)
        .set('Access-Control-Request-Method', 'GET');
      expect(apiPreflight.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('Open Referral UK feed with OFD_HSDS_FEED_PUBLIC=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ hsdsFeedPublic: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is read from the environment: true unless set to false', () => {
    expect(loadConfig({}).hsdsFeedPublic).toBe(true);
    expect(loadConfig({ OFD_HSDS_FEED_PUBLIC: 'false' }).hsdsFeedPublic).toBe(false);
    expect(loadConfig({ OFD_HSDS_FEED_PUBLIC: 'TRUE' }).hsdsFeedPublic).toBe(true);
    expect(() => loadConfig({ OFD_HSDS_FEED_PUBLIC: 'no' })).toThrow(ConfigError);
  });

  it('answers only signed-in users, of any role', async () => {
    for (const path of ['/api/hsds/', '/api/hsds/services', '/api/hsds/taxonomy_terms']) {
      const anonymous = await t.http().get(path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
    }
    for (const role of ['partner', 'caseworker'] as const) {
      const user = await signedIn(t, role);
      const response = await t.http().get('/api/hsds/services').set(bearer(user.accessToken));
      expect(response.status).toBe(200);
      const term = await t
        .http()
        .get(`/api/hsds/taxonomy_terms/${needTermId('money')}`)
        .set(bearer(user.accessToken));
      expect(term.status).toBe(200);
    }
  });
});
