import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeReport,
  ImportFileError,
  importArguments,
  importDirectoryFile,
} from '../../scripts/directory-import.js';
import type { OrukService } from '../../src/service-directory/hsds/hsds-documents.js';
import { needTermId } from '../../src/service-directory/hsds/ids.js';
import type {
  HsdsLocation,
  HsdsService,
} from '../../src/service-directory/hsds/import-validation.js';
import { derivedId, type ImportReport } from '../../src/service-directory/hsds/import.service.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Json = Record<string, unknown>;

/** A copy of the object without these fields. */
const without = (value: object, ...keys: string[]): Json =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));

const fixture = <T = HsdsService>(name: string): T =>
  JSON.parse(readFileSync(`test/fixtures/hsds-3.0/${name}`, 'utf8')) as T;

/** The directory's tables: a row that changes in any way changes its table's sum. */
const DIRECTORY_TABLES = [
  'organisations',
  'services',
  'locations',
  'addresses',
  'service_at_locations',
  'contacts',
  'phones',
  'schedules',
  'service_areas',
  'taxonomies',
  'taxonomy_terms',
  'service_needs',
  'service_taxonomy_terms',
];

/** The one location of a service made by `newService`. */
const locationOf = (service: HsdsService): HsdsLocation =>
  service.service_at_locations![0].location!;

/** A small service of a new organisation, with a phone, a location in the borough and a need. */
function newService(overrides: Partial<HsdsService> = {}): HsdsService {
  const organisation = randomUUID();
  return {
    id: randomUUID(),
    name: `Warm Homes ${randomUUID().slice(0, 6)}`,
    description: 'Energy advice and help with fuel debt.',
    status: 'active',
    minimum_age: 18,
    phones: [{ id: randomUUID(), number: '01772 000000' }],
    service_at_locations: [
      {
        id: randomUUID(),
        location: {
          id: randomUUID(),
          location_type: 'physical',
          name: 'Leyland Library',
          latitude: 53.6948,
          longitude: -2.6953,
          addresses: [
            {
              id: randomUUID(),
              address_1: 'Lancastergate',
              city: 'Leyland',
              state_province: 'Lancashire',
              postal_code: 'pr25 2ej',
              country: 'GB',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
    service_areas: [{ id: randomUUID(), name: 'Leyland' }],
    attributes: [
      {
        id: randomUUID(),
        taxonomy_term: { id: needTermId('fuel'), name: 'Fuel', description: 'Fuel' },
      },
    ],
    organization: {
      id: organisation,
      name: `Warm Homes Trust ${organisation.slice(0, 8)}`,
      description: 'A local energy charity.',
      email: 'hello@warmhomes.example',
      website: 'https://warmhomes.example',
    },
    ...overrides,
  };
}

describe('HSDS 3.0 import', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: unknown) =>
    t
      .http()
      .post('/api/hsds/import')
      .set(bearer(admin.accessToken))
      .send(body as object);

  async function importOk(body: unknown): Promise<ImportReport> {
    const response = await post(body);
    expect(response.status).toBe(200);
    return response.body as ImportReport;
  }

  const feed = async (id: string): Promise<OrukService> => {
    const response = await t.http().get(`/api/hsds/services/${id}`);
    expect(response.status).toBe(200);
    return response.body as OrukService;
  };

  async function checksums(): Promise<Record<string, string>> {
    const sums: Record<string, string> = {};
    for (const table of DIRECTORY_TABLES) {
      const [row] = await t.asOwner<{ sum: string }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${table} t`,
      );
      sums[table] = row.sum;
    }
    return sums;
  }

  const auditCount = async () =>
    Number((await t.asOwner<{ n: string }>('SELECT count(*) AS n FROM audit_log'))[0].n);

  describe('the HSDS example service', () => {
    const input = fixture('service_full.json');
    const S = input.id;
    const organisation = input.organization!;
    const O = organisation.id;
    const sal = input.service_at_locations![0];
    const SAL = sal.id;
    const location = sal.location!;
    const L = location.id;
    const phone = input.phones![0];
    const P = phone.id;
    const schedule = input.schedules![0];
    const SCH = schedule.id;
    const contact = input.contacts![0];
    const C = contact.id;
    const contactFields = without(contact, 'phones');

    /** The contact as an owner has it: the owner's id for it, its phone under an id of its own. */
    const contactUnder = (contactId: string) => ({
      ...contactFields,
      id: contactId,
      phones: [{ ...phone, id: derivedId(contactId, P) }],
    });

    it('is stored and given back by the feed with its fields intact', async () => {
      const report = await importOk(input);
      expect(report).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
      const [record] = report.records;
      expect(record).toMatchObject({ index: 0, id: S, name: input.name, outcome: 'created' });
      expect(record.reasons).toBeUndefined();
      // Latitude 100 is impossible: both coordinates are dropped, wherever the location appears.
      expect(record.warnings).toEqual(
        expect.arrayContaining([
          {
            path: '/service_at_locations/0/location/latitude',
            message: 'out of range (-90 to 90): the coordinates are not kept',
          },
          {
            path: '/organization/locations/0/latitude',
            message: 'out of range (-90 to 90): the coordinates are not kept',
          },
        ]),
      );

      const document = await feed(S);
      // The feed's last_modified is the directory's own.
      const serviceFields = without(
        input,
        'phones',
        'schedules',
        'service_at_locations',
        'organization',
        'contacts',
        'attributes',
        'last_modified',
      );
      const organisationFields = without(organisation, 'contacts', 'phones', 'locations');
      const locationFields = without(
        location,
        'latitude',
        'longitude',
        'contacts',
        'phones',
        'schedules',
      );
      const attribute = input.attributes![0];
      const { taxonomy_detail: taxonomy, ...term } = attribute.taxonomy_term!;

      // Every field of the record (the unmodelled ones came back from hsds_extra), with the
      // documented differences only: repeated children under their derived ids, no coordinates.
      expect(document).toMatchObject({
        ...serviceFields,
        phones: [phone],
        schedules: [schedule],
        contacts: [contactUnder(C)],
        service_at_locations: [
          {
            id: SAL,
            service_id: S,
            location_id: L,
            description: sal.description,
            contacts: [contactUnder(derivedId(SAL, C))],
            phones: [{ ...phone, id: derivedId(SAL, P) }],
            schedules: [{ ...schedule, id: derivedId(SAL, SCH) }],
            location: {
              ...locationFields,
              organization_id: O,
              contacts: [contactUnder(derivedId(L, C))],
              phones: [{ ...phone, id: derivedId(L, P) }],
              schedules: [{ ...schedule, id: derivedId(L, SCH) }],
            },
          },
        ],
        organization: {
          ...organisationFields,
          contacts: [contactUnder(derivedId(O, C))],
          phones: [{ ...phone, id: derivedId(O, P) }],
        },
        attributes: [
          {
            id: attribute.id,
            taxonomy_term_id: term.id,
            taxonomy_term: { ...term, taxonomy_id: taxonomy!.id },
          },
        ],
      });
      expect(organisation.locations).toEqual([location]);
      const storedLocation = document.service_at_locations[0].location;
      expect(storedLocation).not.toHaveProperty('latitude');
      expect(storedLocation).not.toHaveProperty('longitude');
      // The first occurrence keeps the HSDS id; each repeat is a row of its own owner.
      expect(document.phones[0].id).toBe(P);
      expect(document.contacts[0].id).toBe(C);
      expect(document.schedules[0].id).toBe(SCH);
      const phoneOwners = await t.db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM phones WHERE number = $1`,
        [phone.number],
      );
      expect(Number(phoneOwners[0].n)).toBe(8);
    });

    it('creates the organisation as an active partner and the service closed to referrals', async () => {
      const [row] = await t.db.query<Json[]>(
        `SELECT o.kind, o.active, o.description, o.email, o.website, s.accepting_referrals,
                s.receiving_organisation_id, s.response_target_hours, s.capacity_available
           FROM services s JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1`,
        [S],
      );
      expect(row).toEqual({
        kind: 'partner',
        active: true,
        description: organisation.description,
        email: organisation.email,
        website: organisation.website,
        accepting_referrals: false,
        receiving_organisation_id: O,
        response_target_hours: null,
        capacity_available: null,
      });
    });

    it('changes nothing when imported again: no row, no version, no service audit', async () => {
      const before = await checksums();
      const audits = await auditCount();
      const document = await feed(S);
      const report = await importOk(input);
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
      expect(await checksums()).toEqual(before);
      // Only the import's own summary is audited.
      expect(await auditCount()).toBe(audits + 1);
      const [summary] = await t.asOwner<Json>(
        `SELECT action, actor_user_id, details FROM audit_log ORDER BY id DESC LIMIT 1`,
      );
      expect(summary).toEqual({
        action: 'directory.imported',
        actor_user_id: admin.id,
        details: { source: 'api', records: 1, created: 0, updated: 0, unchanged: 1, rejected: 0 },
      });
      expect(await feed(S)).toEqual(document);
    });

    it('leaves out nothing when a summary of the same service comes later (service_list.json)', async () => {
      const before = await checksums();
      const page = fixture('service_list.json');
      const report = await importOk(page);
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
      expect(report.records[0]).toMatchObject({ id: S, outcome: 'unchanged' });
      expect(await checksums()).toEqual(before);
    });

    it('updates what changed, keeping accepting_referrals, and audits it', async () => {
      await t.db.query(
        `UPDATE services SET accepting_referrals = true, response_target_hours = 48 WHERE id = $1`,
        [S],
      );
      const [{ version }] = await t.db.query<{ version: number }[]>(
        'SELECT version FROM services WHERE id = $1',
        [S],
      );
      const changed = structuredClone(input);
      changed.name = 'Community Counselling (Leyland)';
      changed.phones = [];
      changed.service_at_locations![0].location!.addresses![0].postal_code = 'PR25 1DH';
      changed.service_areas = [
        { id: input.service_areas![0].id, name: 'leyland' },
        { id: randomUUID(), name: 'The whole borough', uri: 'https://areas.example/areas/RV' },
        { id: randomUUID(), name: 'MyCity' },
      ];
      const report = await importOk(changed);
      expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: 0 });

      const [service] = await t.db.query<Json[]>(
        `SELECT name, version, accepting_referrals, response_target_hours FROM services WHERE id = $1`,
        [S],
      );
      expect(service).toEqual({
        name: 'Community Counselling (Leyland)',
        version: version + 1,
        accepting_referrals: true,
        response_target_hours: 48,
      });
      expect(await t.db.query('SELECT id FROM phones WHERE service_id = $1', [S])).toEqual([]);
      const areas = await t.db.query<{ name: string; area_code: string | null }[]>(
        'SELECT name, area_code FROM service_areas WHERE service_id = $1 ORDER BY name',
        [S],
      );
      expect(areas).toEqual([
        { name: 'MyCity', area_code: null },
        { name: 'The whole borough', area_code: 'RV' },
        { name: 'leyland', area_code: 'RV-LEY' },
      ]);
      const [place] = await t.db.query<{ area_code: string }[]>(
        'SELECT area_code FROM locations WHERE id = $1',
        [L],
      );
      expect(place.area_code).toBe('RV-LEY-C');
      const audit = await t.db.query<{ details: Json }[]>(
        `SELECT details FROM audit_log WHERE action = 'service.imported' AND entity_id = $1 ORDER BY id`,
        [S],
      );
      expect(audit.map((row) => row.details.outcome)).toEqual(['created', 'updated']);
      // The service's phone went; the first phone left with its id (the contact's) now has it.
      expect(audit[1].details.changes).toMatchObject({
        services: { updated: 1 },
        phones: { deleted: 2, inserted: 1 },
      });
      const document = await feed(S);
      expect(document.phones).toEqual([]);
      expect(document.contacts[0].phones.map((item) => item.id)).toEqual([P]);
      expect(JSON.stringify(audit)).not.toContain('Persona');
      // And once more: unchanged.
      const before = await checksums();
      expect(await importOk(changed)).toMatchObject({ unchanged: 1 });
      expect(await checksums()).toEqual(before);
    });
  });

  describe('services sharing their organisation, location and phone', () => {
    it('are stored once each, and a second import changes nothing', async () => {
      const first = newService();
      const organisation = first.organization!;
      const phone = { id: randomUUID(), number: '01772 111111' };
      organisation.phones = [phone];
      first.phones = [phone];
      const second = newService({
        organization: organisation,
        phones: [phone],
        service_at_locations: [{ id: randomUUID(), location: structuredClone(locationOf(first)) }],
      });
      const third = newService({ organization: organisation, phones: [] });
      const dataset = { contents: [first, second, third] };

      expect(await importOk(dataset)).toMatchObject({ created: 3, rejected: 0 });
      const before = await checksums();
      expect(await importOk(dataset)).toMatchObject({ unchanged: 3 });
      expect(await checksums()).toEqual(before);

      // One location, shared; the phone id went to the first service, the others' copies are theirs.
      const [firstDocument, secondDocument] = [await feed(first.id), await feed(second.id)];
      const locationId = locationOf(first).id;
      expect(firstDocument.service_at_locations[0].location.id).toBe(locationId);
      expect(secondDocument.service_at_locations[0].location.id).toBe(locationId);
      expect(firstDocument.phones[0].id).toBe(phone.id);
      expect(secondDocument.phones[0].id).toBe(derivedId(second.id, phone.id));
      expect(firstDocument.organization.phones[0].id).toBe(derivedId(organisation.id, phone.id));
    });
  });

  describe('references by id', () => {
    it('links a location of the organisation, a need and a known taxonomy term by their ids', async () => {
      const termId = randomUUID();
      const taxonomyId = randomUUID();
      const first = newService({
        attributes: [
          {
            id: randomUUID(),
            taxonomy_term: {
              id: termId,
              name: 'Energy',
              description: 'Energy advice',
              taxonomy_detail: { id: taxonomyId, name: 'Council services', description: '' },
            },
          },
        ],
      });
      const place = locationOf(first);
      const second = newService({
        organization: { ...first.organization!, locations: [place] },
        service_at_locations: [{ id: randomUUID(), location_id: place.id }],
        attributes: [
          { id: randomUUID(), taxonomy_term_id: termId },
          { id: randomUUID(), taxonomy_term_id: needTermId('money.debt') },
        ],
      });
      const report = await importOk([first, second]);
      expect(report).toMatchObject({ created: 2, rejected: 0 });
      const document = await feed(second.id);
      expect(document.service_at_locations[0].location).toMatchObject({
        id: place.id,
        name: place.name,
      });
      expect(document.attributes.map((attribute) => attribute.taxonomy_term_id).sort()).toEqual(
        [termId, needTermId('money.debt')].sort(),
      );
      const [term] = await t.db.query<{ taxonomy_id: string }[]>(
        'SELECT taxonomy_id FROM taxonomy_terms WHERE id = $1',
        [termId],
      );
      expect(term.taxonomy_id).toBe(taxonomyId);
      expect(await importOk([first, second])).toMatchObject({ unchanged: 2 });
    });
  });

  describe('a dataset mixing good and bad records', () => {
    it('stores the good ones and nothing of the bad ones, with reasons', async () => {
      const existing = await makeOrganisation(t, 'partner', `Riverside Advice ${randomUUID()}`);
      const good = newService();
      const withExistingOrganisation = newService({
        organization: undefined,
        organization_id: existing.id,
      });
      const badCoordinates = newService();
      (locationOf(badCoordinates) as Json).latitude = 'north';
      const nameTaken = newService();
      nameTaken.organization!.name = existing.name;
      const ages = newService({ minimum_age: 65, maximum_age: 18 });
      const unknownLocation = newService({
        service_at_locations: [{ id: randomUUID(), location_id: randomUUID() }],
      });
      const unknownTerm = newService({
        attributes: [{ id: randomUUID(), taxonomy_term_id: randomUUID() }],
      });
      const movedService = newService({ id: 'ac148810-d857-441c-9679-408f346de14b' });
      const noOrganisation = newService({ organization: undefined });
      const dataset = [
        good,
        badCoordinates,
        nameTaken,
        ages,
        unknownLocation,
        unknownTerm,
        movedService,
        noOrganisation,
        'not a service',
        { ...good, name: 'Again' },
        withExistingOrganisation,
      ];

      const report = await importOk(dataset);
      expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 9 });
      expect(report.records.map((record) => record.outcome)).toEqual([
        'created',
        ...Array<string>(9).fill('rejected'),
        'created',
      ]);
      const reasons = (index: number) => report.records[index].reasons;
      expect(reasons(1)).toEqual([
        { path: '/service_at_locations/0/location/latitude', message: 'must be number' },
      ]);
      expect(reasons(2)).toEqual([
        {
          path: '/organization/name',
          message: `another organisation in the directory (id ${existing.id}) already has this name`,
        },
      ]);
      expect(reasons(3)).toEqual([
        { path: '/minimum_age', message: 'must not be above maximum_age' },
      ]);
      expect(reasons(4)).toEqual([
        {
          path: '/service_at_locations/0/location_id',
          message: 'no location with this id in the record or the directory: include the location',
        },
      ]);
      expect(reasons(5)).toEqual([
        {
          path: '/attributes/0/taxonomy_term_id',
          message:
            'no taxonomy term with this id in the record or the directory: include taxonomy_term',
        },
      ]);
      expect(reasons(6)).toEqual([
        {
          path: '/organization/id',
          message:
            "this service is another organisation's in the directory: an import does not move services between organisations",
        },
      ]);
      expect(reasons(7)).toEqual([
        {
          path: '/organization',
          message: 'is required for a service the directory does not have yet',
        },
      ]);
      expect(report.records[8]).toMatchObject({
        id: null,
        reasons: [{ path: '', message: 'must be an object' }],
      });
      expect(reasons(9)).toEqual([
        { path: '/id', message: 'the same service is record 0 of this dataset' },
      ]);

      // The good ones, as given: the need, the ward of the postcode, the area named.
      const [stored] = await t.db.query<Json[]>(
        `SELECT s.name, s.organisation_id, l.area_code AS ward, sa.area_code,
                array(SELECT need_code FROM service_needs WHERE service_id = s.id) AS needs
           FROM services s
           JOIN service_at_locations sal ON sal.service_id = s.id
           JOIN locations l ON l.id = sal.location_id
           JOIN service_areas sa ON sa.service_id = s.id
          WHERE s.id = $1`,
        [good.id],
      );
      expect(stored).toEqual({
        name: good.name,
        organisation_id: good.organization!.id,
        ward: 'RV-LEY-C',
        area_code: 'RV-LEY',
        needs: ['fuel'],
      });
      const document = await feed(good.id);
      expect(document.service_at_locations[0].location).toMatchObject({
        latitude: 53.6948,
        longitude: -2.6953,
      });
      expect(document.attributes).toEqual([
        expect.objectContaining({ taxonomy_term_id: needTermId('fuel') }),
      ]);
      const [second] = await t.db.query<{ organisation_id: string }[]>(
        'SELECT organisation_id FROM services WHERE id = $1',
        [withExistingOrganisation.id],
      );
      expect(second.organisation_id).toBe(existing.id);

      // Nothing of the rejected ones.
      const rejected = [badCoordinates, nameTaken, ages, unknownLocation, unknownTerm];
      const none = async (table: string, ids: string[]) =>
        expect(
          await t.db.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]),
        ).toEqual([]);
      await none(
        'services',
        [...rejected, noOrganisation].map((service) => service.id),
      );
      await none(
        'organisations',
        rejected.map((service) => service.organization!.id),
      );
      await none(
        'phones',
        rejected.map((service) => service.phones![0].id),
      );
      await none(
        'locations',
        [badCoordinates, nameTaken, ages].map((service) => locationOf(service).id),
      );
      const [moved] = await t.db.query<{ name: string }[]>(
        'SELECT name FROM services WHERE id = $1',
        [movedService.id],
      );
      expect(moved.name).not.toBe(movedService.name);
    });

    it('rejects only the record the database refuses, leaving nothing of it behind', async () => {
      await t.asOwner(`CREATE FUNCTION refuse_test_phone() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.number = '000 refused' THEN RAISE EXCEPTION 'refused by test'; END IF;
          RETURN NEW;
        END $$`);
      await t.asOwner(
        `CREATE TRIGGER refuse_test_phone BEFORE INSERT ON phones FOR EACH ROW EXECUTE FUNCTION refuse_test_phone()`,
      );
      try {
        const refused = newService();
        refused.phones = [{ id: randomUUID(), number: '000 refused' }];
        const fine = newService();
        const report = await importOk({ contents: [refused, fine] });
        expect(report).toMatchObject({ created: 1, rejected: 1 });
        expect(report.records[0].reasons).toEqual([
          { path: '', message: 'the database refused this record (error P0001)' },
        ]);
        // The organisation, service and location were written before the phone: all rolled back.
        const left = await t.db.query<{ n: string }[]>(
          `SELECT (SELECT count(*) FROM organisations WHERE id = $1)
                + (SELECT count(*) FROM services WHERE id = $2)
                + (SELECT count(*) FROM locations WHERE id = $3) AS n`,
          [refused.organization!.id, refused.id, locationOf(refused).id],
        );
        expect(Number(left[0].n)).toBe(0);
        expect(await t.db.query('SELECT 1 FROM services WHERE id = $1', [fine.id])).toHaveLength(1);
      } finally {
        await t.asOwner('DROP TRIGGER refuse_test_phone ON phones');
        await t.asOwner('DROP FUNCTION refuse_test_phone()');
      }
    });
  });

  describe('the request', () => {
    it('is for administrators only', async () => {
      const body = newService();
      expect((await t.http().post('/api/hsds/import').send(body)).status).toBe(401);
      for (const role of ['call_handler', 'team_lead', 'caseworker', 'partner'] as const) {
        const user = await signedIn(t, role);
        const response = await t
          .http()
          .post('/api/hsds/import')
          .set(bearer(user.accessToken))
          .send(body);
        expect(response.status).toBe(403);
      }
      expect(await t.db.query('SELECT 1 FROM services WHERE id = $1', [body.id])).toEqual([]);
    });

    it('refuses a body that is not HSDS services', async () => {
      for (const body of [{ services: [] }, { contents: 'all' }]) {
        const response = await post(body);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'HSDS_IMPORT_NOT_A_DATASET' });
      }
      const number = await t
        .http()
        .post('/api/hsds/import')
        .set(bearer(admin.accessToken))
        .set('Content-Type', 'application/json')
        .send('42');
      expect(number.status).toBe(400);
      expect(await importOk([])).toEqual({
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        records: [],
      });
    });

    it('takes bodies far larger than the rest of the API does, up to 20 MB', async () => {
      const large = newService({ x_notes: 'x'.repeat(3_000_000) });
      const report = await importOk(large);
      expect(report.records[0]).toMatchObject({
        outcome: 'created',
        warnings: [
          {
            path: '/x_notes',
            message: 'not kept: the directory does not store this field of a service',
          },
        ],
      });
      const elsewhere = await t
        .http()
        .post('/api/organisations')
        .set(bearer(admin.accessToken))
        .send({ name: 'x'.repeat(3_000_000), kind: 'partner' });
      expect(elsewhere.status).toBe(413);
      const tooLarge = await post(newService({ x_notes: 'x'.repeat(21 * 1024 * 1024) }));
      expect(tooLarge.status).toBe(413);
    });
  });

  describe('npm run directory:import -- FILE', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ofd-import-'));
    const env = () => ({
      DATABASE_URL: t.config.databaseUrl,
      OFD_MIGRATION_DATABASE_URL: t.config.migrationDatabaseUrl,
      OFD_TOKEN_SECRET: t.config.tokenSecret,
    });

    it('imports a file and audits it as the command, with no user', async () => {
      const service = newService();
      const file = join(folder, 'services.json');
      writeFileSync(file, JSON.stringify({ contents: [service, { id: 'nope' }] }));
      const report = await importDirectoryFile(file, env());
      expect(report).toMatchObject({ created: 1, rejected: 1 });
      const audit = await t.db.query<Json[]>(
        `SELECT actor_user_id, correlation_id, details FROM audit_log
          WHERE action = 'service.imported' AND entity_id = $1`,
        [service.id],
      );
      expect(audit).toEqual([
        expect.objectContaining({
          actor_user_id: null,
          correlation_id: expect.stringMatching(/^directory:import:/),
        }),
      ]);
      expect(describeReport(report)).toEqual([
        '2 services: 1 created, 0 updated, 0 unchanged, 1 rejected.',
        'Record 1 (nope) rejected:',
        '  /name: is required',
        '  /status: is required',
        '  /id: must match format "uuid"',
      ]);
      expect((await importDirectoryFile(file, env())).unchanged).toBe(1);
    });

    it('stops before the database when the file cannot be read or is not a dataset', async () => {
      const notJson = join(folder, 'broken.json');
      writeFileSync(notJson, '{ "contents": [');
      const notServices = join(folder, 'other.json');
      writeFileSync(notServices, '{ "services": [] }');
      for (const file of [notJson, notServices, join(folder, 'missing.json')]) {
        // No database settings at all: the file is refused first.
        await expect(importDirectoryFile(file, {})).rejects.toBeInstanceOf(ImportFileError);
      }
    });

    it('reads the file from its arguments, relative to where the command was run', () => {
      const previous = process.env.INIT_CWD;
      process.env.INIT_CWD = '/srv/council';
      try {
        expect(importArguments(['--', 'directory.json'])).toEqual({
          file: '/srv/council/directory.json',
          warnings: false,
        });
        expect(importArguments(['/data/x.json', '--warnings'])).toEqual({
          file: '/data/x.json',
          warnings: true,
        });
        for (const args of [[], ['a.json', 'b.json'], ['--help']]) {
          expect(() => importArguments(args)).toThrow(ImportFileError);
        }
      } finally {
        if (previous === undefined) delete process.env.INIT_CWD;
        else process.env.INIT_CWD = previous;
      }
    });
  });
});
