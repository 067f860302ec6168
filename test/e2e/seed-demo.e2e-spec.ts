import { DEMO_PARTNERS, DEMO_PASSWORD, DEMO_USERS } from '../../scripts/demo/borough.js';
import { demoId } from '../../scripts/demo/directory.js';
import { seedDemoBorough } from '../../scripts/demo/seed.js';
import { DEMO_LOCATIONS, DEMO_SERVICES } from '../../scripts/demo/services.js';
import { bearer, login, startTestApp, type TestApp } from '../support/app.js';

/** Rows of every table the demo seed writes, to show a second run changes nothing. */
const COUNTS_SQL = `SELECT (SELECT count(*) FROM organisations) AS organisations,
                           (SELECT count(*) FROM users) AS users,
                           (SELECT count(*) FROM services) AS services,
                           (SELECT count(*) FROM service_needs) AS service_needs,
                           (SELECT count(*) FROM service_areas) AS service_areas,
                           (SELECT count(*) FROM locations) AS locations,
                           (SELECT count(*) FROM addresses) AS addresses,
                           (SELECT count(*) FROM service_at_locations) AS service_at_locations,
                           (SELECT count(*) FROM contacts) AS contacts,
                           (SELECT count(*) FROM phones) AS phones,
                           (SELECT count(*) FROM schedules) AS schedules,
                           (SELECT count(*) FROM audit_log) AS audit_log,
                           (SELECT max(updated_at) FROM services) AS services_updated`;

describe('npm run seed:demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates the front door, about twenty partners and one user of each role, who can sign in', async () => {
    const created = await t.db.transaction((manager) => seedDemoBorough(manager));
    expect(created).toEqual({
      organisations: DEMO_PARTNERS.length + 1,
      users: 5,
      services: DEMO_SERVICES.length,
      locations: DEMO_LOCATIONS.length,
    });
    expect(DEMO_PARTNERS.length).toBeGreaterThanOrEqual(20);
    const roles = await t.db.query<{ role: string }[]>(
      'SELECT role::text FROM users ORDER BY role::text',
    );
    expect(roles.map((r) => r.role)).toEqual([
      'admin',
      'call_handler',
      'caseworker',
      'partner',
      'team_lead',
    ]);
    for (const user of DEMO_USERS) {
      const tokens = await login(t, { email: user.email, password: DEMO_PASSWORD });
      const me = await t.http().get('/api/auth/me').set(bearer(tokens.accessToken));
      expect(me.body).toMatchObject({ email: user.email, role: user.role });
    }
  });

  it('gives every organisation a description, an email address and a website', async () => {
    const missing = await t.db.query<{ name: string }[]>(
      `SELECT name FROM organisations WHERE description = '' OR email IS NULL OR website IS NULL`,
    );
    expect(missing).toEqual([]);
  });

  it('creates about sixty services across the partners, each with needs, areas, a phone and a contact', async () => {
    const [counts] = await t.db.query<{ services: number; partners: number }[]>(
      `SELECT count(*)::int AS services, count(DISTINCT organisation_id)::int AS partners FROM services`,
    );
    expect(counts.services).toBe(DEMO_SERVICES.length);
    expect(counts.services).toBeGreaterThanOrEqual(55);
    expect(counts.services).toBeLessThanOrEqual(70);
    expect(counts.partners).toBe(DEMO_PARTNERS.length);

    const incomplete = await t.db.query<{ name: string; problem: string }[]>(
      `SELECT s.name, p.problem
         FROM services s
         CROSS JOIN LATERAL (VALUES
           ('needs', (SELECT count(*) FROM service_needs n WHERE n.service_id = s.id)),
           ('areas', (SELECT count(*) FROM service_areas a
                       WHERE a.service_id = s.id AND a.area_code IS NOT NULL)),
           ('phones', (SELECT count(*) FROM phones ph WHERE ph.service_id = s.id)),
           ('contacts', (SELECT count(*) FROM contacts c WHERE c.service_id = s.id))
         ) AS p(problem, n)
        WHERE p.n = 0 OR (p.problem = 'needs' AND p.n > 3)`,
    );
    expect(incomplete).toEqual([]);

    const needs = await t.db.query<{ code: string; parent: boolean }[]>(
      `SELECT DISTINCT n.need_code AS code, t.parent_code IS NULL AS parent
         FROM service_needs n JOIN need_terms t ON t.code = n.need_code`,
    );
    expect(needs.some((need) => need.parent)).toBe(true);
    expect(needs.some((need) => !need.parent)).toBe(true);

    const kinds = await t.db.query<{ kind: string }[]>(
      `SELECT DISTINCT a.kind::text AS kind FROM service_areas sa JOIN areas a ON a.code = sa.area_code ORDER BY 1`,
    );
    expect(kinds.map((row) => row.kind)).toEqual(['district', 'service_delivery_area', 'ward']);
  });

  it('varies what matters to referral: accepting, capacity, status, ages, response targets', async () => {
    const [mix] = await t.db.query<
      {
        not_accepting: number;
        full: number;
        uncounted: number;
        temporarily_closed: number;
        with_max_age: number;
        targets: number[];
        with_urls_and_emails: number;
      }[]
    >(
      `SELECT count(*) FILTER (WHERE NOT accepting_referrals)::int AS not_accepting,
              count(*) FILTER (WHERE capacity_available = 0)::int AS full,
              count(*) FILTER (WHERE capacity_maximum IS NULL)::int AS uncounted,
              count(*) FILTER (WHERE status = 'temporarily closed')::int AS temporarily_closed,
              count(*) FILTER (WHERE maximum_age IS NOT NULL)::int AS with_max_age,
              array_agg(DISTINCT response_target_hours) FILTER (WHERE response_target_hours IS NOT NULL) AS targets,
              count(*) FILTER (WHERE url LIKE 'https://www.%.example.org/%' AND email LIKE '%@%.example.org')::int AS with_urls_and_emails
         FROM services`,
    );
    expect(mix.not_accepting).toBeGreaterThanOrEqual(2);
    expect(mix.not_accepting).toBeLessThan(DEMO_SERVICES.length / 5);
    expect(mix.full).toBeGreaterThanOrEqual(2);
    expect(mix.uncounted).toBeGreaterThan(0);
    expect(mix.temporarily_closed).toBe(1);
    expect(mix.with_max_age).toBeGreaterThan(0);
    expect(mix.targets).toEqual(expect.arrayContaining([4, 24, 48, 72, 120]));
    expect(mix.with_urls_and_emails).toBe(DEMO_SERVICES.length);
  });

  it('gives every location an address whose postcode resolves to the ward it records', async () => {
    const handler = DEMO_USERS.find((user) => user.role === 'call_handler')!;
    const tokens = await login(t, { email: handler.email, password: DEMO_PASSWORD });
    const locations = await t.db.query<
      {
        name: string;
        area_code: string | null;
        kind: string | null;
        postal_code: string;
        address_1: string;
        city: string;
        state_province: string;
        country: string;
        address_type: string;
      }[]
    >(
      `SELECT l.name, l.area_code, a.kind::text AS kind, ad.postal_code, ad.address_1, ad.city,
              ad.state_province, ad.country, ad.address_type::text AS address_type
         FROM locations l
         LEFT JOIN areas a ON a.code = l.area_code
         LEFT JOIN addresses ad ON ad.location_id = l.id`,
    );
    expect(locations).toHaveLength(DEMO_LOCATIONS.length);
    for (const location of locations) {
      expect(location).toMatchObject({
        kind: 'ward',
        state_province: 'Lancashire',
        country: 'GB',
        address_type: 'physical',
      });
      expect(location.address_1).not.toBe('');
      expect(location.city).not.toBe('');
      const lookup = await t
        .http()
        .get('/api/areas/lookup')
        .query({ postcode: location.postal_code })
        .set(bearer(tokens.accessToken));
      expect(lookup.status).toBe(200);
      expect((lookup.body as { ward: { code: string } }).ward.code).toBe(location.area_code);
    }
    const wards = new Set(locations.map((location) => location.area_code));
    const [{ count }] = await t.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM areas WHERE kind = 'ward'`,
    );
    expect(wards.size).toBe(count);
  });

  it('gives services weekly opening times, some in the evening or at weekends, and a 24-hour helpline', async () => {
    const [schedules] = await t.db.query<
      {
        services: number;
        weekly: boolean;
        evenings: number;
        weekends: number;
        round_the_clock: number;
        at_locations: number;
      }[]
    >(
      `SELECT count(DISTINCT coalesce(s.service_id, sal.service_id))::int AS services,
              bool_and(s.freq = 'WEEKLY' AND s.byday IS NOT NULL AND s.opens_at < s.closes_at) AS weekly,
              count(*) FILTER (WHERE s.closes_at > '18:00')::int AS evenings,
              count(*) FILTER (WHERE s.byday ~ '(SA|SU)')::int AS weekends,
              count(*) FILTER (WHERE s.byday = 'MO,TU,WE,TH,FR,SA,SU' AND s.opens_at = '00:00'
                                 AND s.closes_at = '23:59:59')::int AS round_the_clock,
              count(s.service_at_location_id)::int AS at_locations
         FROM schedules s LEFT JOIN service_at_locations sal ON sal.id = s.service_at_location_id`,
    );
    expect(schedules.services).toBeGreaterThanOrEqual(DEMO_SERVICES.length - 2);
    expect(schedules.weekly).toBe(true);
    expect(schedules.evenings).toBeGreaterThan(0);
    expect(schedules.weekends).toBeGreaterThan(0);
    expect(schedules.round_the_clock).toBeGreaterThanOrEqual(1);
    expect(schedules.at_locations).toBeGreaterThan(0);
  });

  it("gives the demo partner user's organisation services, one received from another provider", async () => {
    const partner = DEMO_USERS.find((user) => user.role === 'partner')!;
    const [{ organisation_id: organisationId }] = await t.db.query<{ organisation_id: string }[]>(
      `SELECT organisation_id FROM users WHERE email = $1`,
      [partner.email],
    );
    const services = await t.db.query<{ provided: boolean; received: boolean }[]>(
      `SELECT organisation_id = $1 AS provided, receiving_organisation_id = $1 AS received
         FROM services WHERE organisation_id = $1 OR receiving_organisation_id = $1`,
      [organisationId],
    );
    expect(services.filter((service) => service.provided).length).toBeGreaterThanOrEqual(3);
    expect(services.some((service) => service.received && !service.provided)).toBe(true);
  });

  it('audits each service and location it created', async () => {
    const [audited] = await t.db.query<{ services: number; locations: number }[]>(
      `SELECT count(*) FILTER (WHERE action = 'service.created')::int AS services,
              count(*) FILTER (WHERE action = 'location.created')::int AS locations
         FROM audit_log WHERE correlation_id = 'seed:demo'`,
    );
    expect(audited).toEqual({ services: DEMO_SERVICES.length, locations: DEMO_LOCATIONS.length });
    const [entry] = await t.db.query<{ entity_id: string; details: Record<string, unknown> }[]>(
      `SELECT entity_id, details FROM audit_log WHERE action = 'service.created' AND entity_id = $1`,
      [demoId('service', 'food-bank-parcels')],
    );
    expect(entry.details).toMatchObject({ source: 'seed:demo', status: 'active' });
  });

  it('run again, duplicates nothing and keeps what was there', async () => {
    const before = await t.db.query<Record<string, unknown>[]>(COUNTS_SQL);
    const again = await t.db.transaction((manager) => seedDemoBorough(manager));
    expect(again).toEqual({ organisations: 0, users: 0, services: 0, locations: 0 });
    const after = await t.db.query<Record<string, unknown>[]>(COUNTS_SQL);
    expect(after).toEqual(before);
  });

  it('keeps an edited or removed demo record as the administrator left it, and recreates a deleted service', async () => {
    const parcels = demoId('service', 'food-bank-parcels');
    await t.db.query(`DELETE FROM service_needs WHERE service_id = $1 AND need_code = 'food'`, [
      parcels,
    ]);
    await t.db.query(`UPDATE services SET accepting_referrals = false WHERE id = $1`, [parcels]);
    const pantry = demoId('service', 'food-bank-pantry');
    await t.db.query(`DELETE FROM services WHERE id = $1`, [pantry]);

    const again = await t.db.transaction((manager) => seedDemoBorough(manager));
    expect(again).toEqual({ organisations: 0, users: 0, services: 1, locations: 0 });
    const [kept] = await t.db.query<{ accepting_referrals: boolean; needs: number }[]>(
      `SELECT accepting_referrals, (SELECT count(*)::int FROM service_needs WHERE service_id = $1) AS needs
         FROM services WHERE id = $1`,
      [parcels],
    );
    expect(kept).toEqual({ accepting_referrals: false, needs: 0 });
    const [recreated] = await t.db.query<{ areas: number; schedules: number }[]>(
      `SELECT (SELECT count(*)::int FROM service_areas WHERE service_id = $1) AS areas,
              (SELECT count(*)::int FROM schedules s JOIN service_at_locations sal
                  ON sal.id = s.service_at_location_id WHERE sal.service_id = $1) AS schedules`,
      [pantry],
    );
    expect(recreated).toEqual({ areas: 2, schedules: 2 });
  });
});
