import { DEMO_PARTNERS, DEMO_PASSWORD, DEMO_USERS } from '../../scripts/demo/borough.js';
import { demoId } from '../../scripts/demo/directory.js';
import { seedDemoBorough } from '../../scripts/demo/seed.js';
import { DEMO_LOCATIONS, DEMO_SERVICES } from '../../scripts/demo/services.js';
import { DEMO_STORIES } from '../../scripts/demo/stories.js';
import { REFERRAL_STATUSES } from '../../src/referral/referral-states.js';
import { bearer, login, startTestApp, type TestApp } from '../support/app.js';

const DEMO_REFERRALS = DEMO_STORIES.flatMap((story) => story.referrals);

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
                           (SELECT count(*) FROM people) AS people,
                           (SELECT count(*) FROM consents) AS consents,
                           (SELECT count(*) FROM cases) AS cases,
                           (SELECT count(*) FROM intake_contacts) AS contacts_logged,
                           (SELECT count(*) FROM triages) AS triages,
                           (SELECT count(*) FROM referrals) AS referrals,
                           (SELECT count(*) FROM referral_history) AS referral_history,
                           (SELECT count(*) FROM events) AS events,
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
      cases: DEMO_STORIES.length,
      referrals: DEMO_REFERRALS.length,
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

  it('adds referrals in every state, one flagged overdue, one on a consent override and one re-routed after a decline', async () => {
    const statuses = await t.db.query<{ status: string }[]>(
      `SELECT DISTINCT status::text AS status FROM referrals ORDER BY 1`,
    );
    expect(statuses.map((row) => row.status)).toEqual([...REFERRAL_STATUSES].sort());
    expect(DEMO_REFERRALS.length).toBeGreaterThanOrEqual(REFERRAL_STATUSES.length);

    const overdue = await t.db.query<{ due_at: Date; overdue_at: Date }[]>(
      `SELECT due_at, overdue_at FROM referrals WHERE status = 'sent' AND overdue_at IS NOT NULL`,
    );
    expect(overdue).toHaveLength(1);
    expect(overdue[0].due_at.getTime()).toBeLessThan(overdue[0].overdue_at.getTime());
    expect(overdue[0].overdue_at.getTime()).toBeLessThan(Date.now());
    // Any other referral still waiting is not due yet: nothing for the overdue sweeper to find.
    const [{ due: dueUnflagged }] = await t.db.query<{ due: number }[]>(
      `SELECT count(*)::int AS due FROM referrals
        WHERE status = 'sent' AND overdue_at IS NULL AND due_at <= now()`,
    );
    expect(dueUnflagged).toBe(0);

    const overrides = await t.db.query<
      { consent_id: string | null; by_role: string; sent_by_role: string; approval: string }[]
    >(
      `SELECT r.consent_id, ob.role::text AS by_role, sb.role::text AS sent_by_role,
              (SELECT a.details ->> 'approvalId' FROM audit_log a
                WHERE a.action = 'referral.consent_overridden' AND a.entity_id = r.id::text) AS approval
         FROM referrals r JOIN users ob ON ob.id = r.consent_override_by JOIN users sb ON sb.id = r.sent_by
        WHERE r.consent_override_reason IS NOT NULL`,
    );
    expect(overrides).toEqual([
      { consent_id: null, by_role: 'team_lead', sent_by_role: 'team_lead', approval: null },
    ]);

    const rerouted = await t.db.query<
      { replaced_status: string; same_case: boolean; other_organisation: boolean; status: string }[]
    >(
      `SELECT old.status::text AS replaced_status, old.case_id = r.case_id AS same_case,
              old.organisation_id <> r.organisation_id AS other_organisation, r.status::text AS status
         FROM referrals r JOIN referrals old ON old.id = r.replaces_referral_id`,
    );
    expect(rerouted).toEqual([
      { replaced_status: 'declined', same_case: true, other_organisation: true, status: 'sent' },
    ]);
  });

  it('gives each referral a person, their consent and a triaged case, as a contact and a triage leave them', async () => {
    const stories = await t.db.query<
      {
        case_status: string;
        priority: string | null;
        triages: number;
        contacts: number;
        consent_covers: boolean;
        overridden: boolean;
        person_area: string | null;
        referral_area: string | null;
        same_person: boolean;
      }[]
    >(
      `SELECT c.status::text AS case_status, c.priority::text AS priority,
              (SELECT count(*)::int FROM triages tr WHERE tr.case_id = c.id) AS triages,
              (SELECT count(*)::int FROM intake_contacts ic WHERE ic.case_id = c.id AND ic.person_id = p.id) AS contacts,
              coalesce(cn.given AND cn.scope = 'all_partners' AND cn.withdrawn_at IS NULL
                       AND cn.expires_at > now() AND cn.person_id = p.id, false) AS consent_covers,
              r.consent_override_reason IS NOT NULL AS overridden,
              p.area_code AS person_area, r.area_code AS referral_area,
              c.person_id = r.person_id AS same_person
         FROM referrals r
         JOIN cases c ON c.id = r.case_id
         JOIN people p ON p.id = r.person_id
         LEFT JOIN consents cn ON cn.id = r.consent_id`,
    );
    expect(stories).toHaveLength(DEMO_REFERRALS.length);
    for (const story of stories) {
      expect(story).toMatchObject({ case_status: 'triaged', triages: 1, contacts: 1 });
      expect(story.same_person).toBe(true);
      expect(story.priority).not.toBeNull();
      expect(story.referral_area).toBe(story.person_area);
      // Shared on the person's consent, or on a team lead's override: never on neither.
      expect(story.consent_covers || story.overridden).toBe(true);
    }
  });

  it("records each referral's steps as the application does: history, events and audit rows", async () => {
    const referrals = await t.db.query<
      {
        id: string;
        status: string;
        version: number;
        history: { action: string; from: string | null; to: string; actor: string | null }[];
        events: string[];
        audited: string[];
      }[]
    >(
      `SELECT r.id, r.status::text AS status, r.version,
              (SELECT json_agg(json_build_object('action', h.action, 'from', h.from_status,
                                                 'to', h.to_status, 'actor', u.role)
                                ORDER BY h.at, h.id)
                 FROM referral_history h LEFT JOIN users u ON u.id = h.actor_user_id
                WHERE h.referral_id = r.id) AS history,
              (SELECT array_agg(e.type ORDER BY e.id) FROM events e WHERE e.entity_id = r.id) AS events,
              (SELECT array_agg(a.action ORDER BY a.id) FROM audit_log a
                WHERE a.entity_id = r.id::text AND a.correlation_id = 'seed:demo') AS audited
         FROM referrals r`,
    );
    for (const referral of referrals) {
      const [sent, ...rest] = referral.history;
      expect(sent).toMatchObject({ action: 'send', from: null, to: 'sent' });
      expect(referral.history.at(-1)?.to).toBe(referral.status);
      const actions = rest.filter((step) => step.action !== 'overdue');
      expect(referral.version).toBe(1 + actions.length);
      for (const [index, step] of rest.entries()) {
        expect(step.from).toBe(referral.history[index].to);
        if (step.action === 'withdraw') expect(step.actor).toBe('call_handler');
        else if (step.action === 'overdue') expect(step.actor).toBeNull();
        else expect(step.actor).toBe('partner');
      }
      expect(referral.events[0]).toBe('referral.sent');
      expect(referral.events.filter((type) => type !== 'referral.viewed')).toHaveLength(
        referral.history.length,
      );
      expect(referral.audited[0]).toBe('referral.sent');
    }
    const [completed] = referrals.filter((referral) => referral.status === 'completed');
    expect(completed.history.map((step) => step.action)).toEqual([
      'send',
      'accept',
      'start',
      'complete',
    ]);
    expect(completed.events).toEqual([
      'referral.sent',
      'referral.viewed',
      'referral.accepted',
      'referral.started',
      'referral.completed',
    ]);
  });

  it('shows the demo partner an inbox with referrals in every state, and lets them act on one that waits', async () => {
    const partner = DEMO_USERS.find((user) => user.role === 'partner')!;
    const tokens = await login(t, { email: partner.email, password: DEMO_PASSWORD });
    const inbox = await t.http().get('/api/referrals').set(bearer(tokens.accessToken));
    expect(inbox.status).toBe(200);
    const counts = (inbox.body as { counts: Record<string, number> }).counts;
    for (const status of REFERRAL_STATUSES) expect(counts[status]).toBeGreaterThanOrEqual(1);
    expect(counts.overdue).toBe(1);

    const waiting = await t
      .http()
      .get('/api/referrals')
      .query({ status: 'sent', overdue: false })
      .set(bearer(tokens.accessToken));
    const [first] = (waiting.body as { items: { id: string; version: number }[] }).items;
    expect(first).toBeDefined();
    const accepted = await t
      .http()
      .post(`/api/referrals/${first.id}/accept`)
      .set(bearer(tokens.accessToken))
      .send({ version: first.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: first.version + 1 });
  });

  it('shows the front door both ends of the re-routed referral', async () => {
    const handler = DEMO_USERS.find((user) => user.role === 'call_handler')!;
    const tokens = await login(t, { email: handler.email, password: DEMO_PASSWORD });
    const [{ id, replaces }] = await t.db.query<{ id: string; replaces: string }[]>(
      `SELECT id, replaces_referral_id AS replaces FROM referrals WHERE replaces_referral_id IS NOT NULL`,
    );
    const declined = await t
      .http()
      .get(`/api/referrals/${replaces}`)
      .set(bearer(tokens.accessToken));
    expect(declined.body).toMatchObject({
      status: 'declined',
      declineReason: 'no_capacity',
      replacedByReferralId: id,
    });
    const rerouted = await t.http().get(`/api/referrals/${id}`).set(bearer(tokens.accessToken));
    expect(rerouted.body).toMatchObject({ status: 'sent', replacesReferralId: replaces });

    // The case's timeline tells the story in order: the call (the case opened as it was logged,
    // at its end), the triage, then the referrals.
    const caseId = (rerouted.body as { caseId: string }).caseId;
    const timeline = await t
      .http()
      .get(`/api/cases/${caseId}/timeline`)
      .set(bearer(tokens.accessToken));
    expect(timeline.status).toBe(200);
    const items = (timeline.body as { items: { type: string; data: { action?: string } }[] }).items;
    expect(items.map((item) => item.data.action ?? item.type)).toEqual([
      'contact',
      'opened',
      'triage',
      'send',
      'decline',
      'send',
    ]);
  });

  it('run again, duplicates nothing and keeps what was there', async () => {
    const before = await t.db.query<Record<string, unknown>[]>(COUNTS_SQL);
    const again = await t.db.transaction((manager) => seedDemoBorough(manager));
    expect(again).toEqual({
      organisations: 0,
      users: 0,
      services: 0,
      locations: 0,
      cases: 0,
      referrals: 0,
    });
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
    expect(again).toEqual({
      organisations: 0,
      users: 0,
      services: 1,
      locations: 0,
      cases: 0,
      referrals: 0,
    });
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
