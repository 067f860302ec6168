import { randomUUID } from 'node:crypto';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';
import { boroughClock } from '../../src/service-directory/services/service.service.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;
interface Item {
  id: string;
  name: string;
  needs: string[];
  areas: string[];
  match: { need: string | null; local: boolean | null; textRank: number | null };
}

describe('Services: editing with the right hands, and search', () => {
  let t: TestApp;
  let admin: Signed;
  let handler: Signed;
  let partnerA: Signed;
  let partnerB: Signed;
  let orgA: string;
  let orgB: string;
  const ids: Record<string, string> = {};

  const create = async (token: string, body: object) =>
    t.http().post('/api/services').set(bearer(token)).send(body);
  const search = async (query: string) => {
    const response = await t.http().get(`/api/services?${query}`).set(bearer(handler.accessToken));
    return {
      status: response.status,
      body: response.body as {
        items: Item[];
        total: number;
        code?: string;
        details?: { fields: object };
      },
    };
  };
  const names = (items: Item[]) => items.map((item) => item.name);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t, 'admin');
    handler = await signedIn(t, 'call_handler');
    orgA = (await makeOrganisation(t, 'partner', 'Leyland Advice Centre')).id;
    orgB = (await makeOrganisation(t, 'partner', 'Vale Food Network')).id;
    partnerA = await signedIn(t, 'partner', { organisationId: orgA });
    partnerB = await signedIn(t, 'partner', { organisationId: orgB });

    // A small directory, made through the API as its owners would.
    const services: [string, Signed, object][] = [
      [
        'debtLocal',
        partnerA,
        {
          name: 'Leyland debt clinic',
          description: 'Free, confidential debt advice and help with creditors.',
          needs: ['money.debt'],
          areas: ['RV-LEY-C'],
          eligibility: { minAge: 18 },
          capacity: { available: 4, maximum: 10 },
          responseTargetHours: 48,
          phone: '01632 960001',
        },
      ],
      [
        'benefitsWide',
        partnerA,
        {
          name: 'Benefit advice line',
          description: 'Welfare benefit advice by phone for everyone in Ribble Vale.',
          needs: ['money.benefits'],
          areas: ['RV'],
          capacity: { available: 20, maximum: 20 },
        },
      ],
      [
        'moneyWideFull',
        partnerA,
        {
          name: 'Money coaching',
          description: 'Budgeting and money coaching sessions.',
          needs: ['money'],
          areas: ['RV'],
          capacity: { available: 0, maximum: 5 },
        },
      ],
      [
        'debtPenwortham',
        partnerA,
        {
          name: 'Penwortham debt drop-in',
          description: 'Debt advice drop-in at the library.',
          needs: ['money.debt'],
          areas: ['RV-PEN'],
        },
      ],
      [
        'foodYoung',
        partnerB,
        {
          name: 'Young people food club',
          description: 'Hot meals and food parcels for young people.',
          needs: ['food'],
          areas: ['RV-LEY'],
          eligibility: { minAge: 11, maxAge: 19, criteria: 'Aged 11 to 19' },
          acceptingReferrals: false,
          openingTimes: [
            { days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens: '00:00', closes: '23:59' },
          ],
        },
      ],
      [
        'foodClosed',
        partnerB,
        {
          name: 'Food bank (closed today)',
          description: 'Emergency food parcels.',
          needs: ['food'],
          areas: ['RV'],
          openingTimes: [
            {
              days: [
                (['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const)[
                  (['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].indexOf(
                    boroughClock(new Date()).day,
                  ) +
                    3) %
                    7
                ],
              ],
              opens: '00:00',
              closes: '23:59',
            },
          ],
        },
      ],
    ];
    for (const [key, owner, body] of services) {
      const response = await create(owner.accessToken, body);
      expect(response.status).toBe(201);
      ids[key] = (response.body as { id: string }).id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  describe('editing', () => {
    it('gives back what was created, with its needs, areas, eligibility, capacity and contact', async () => {
      const response = await t
        .http()
        .get(`/api/services/${ids.debtLocal}`)
        .set(bearer(handler.accessToken));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        name: 'Leyland debt clinic',
        organisationId: orgA,
        receivingOrganisationId: orgA,
        organisation: { id: orgA, name: 'Leyland Advice Centre' },
        needs: ['money.debt'],
        areas: ['RV-LEY-C'],
        eligibility: { minAge: 18, maxAge: null },
        acceptingReferrals: true,
        responseTargetHours: 48,
        capacity: { available: 4, maximum: 10 },
        contact: { phone: '01632 960001' },
        status: 'active',
        version: 1,
      });
    });

    it('lets an administrator create a service for any organisation, and audits it', async () => {
      const response = await create(admin.accessToken, {
        organisationId: orgB,
        name: 'Warm space',
        needs: ['fuel'],
        areas: ['RV'],
      });
      expect(response.status).toBe(201);
      const id = (response.body as { id: string }).id;
      const audit = await t.db.query(
        `SELECT details FROM audit_log WHERE action = 'service.created' AND entity_id = $1 AND actor_user_id = $2`,
        [id, admin.id],
      );
      expect(audit).toEqual([{ details: { organisationId: orgB } }]);
    });

    it("refuses a partner user another organisation's service: 404 on update, as if it did not exist", async () => {
      const foreign = await t
        .http()
        .patch(`/api/services/${ids.foodYoung}`)
        .set(bearer(partnerA.accessToken))
        .send({ acceptingReferrals: true });
      const missing = await t
        .http()
        .patch(`/api/services/${randomUUID()}`)
        .set(bearer(partnerA.accessToken))
        .send({ acceptingReferrals: true });
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(foreign.body).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
      expect({ ...foreign.body, correlationId: undefined }).toEqual({
        ...missing.body,
        correlationId: undefined,
      });
      const stored = await t.db.query(
        `SELECT accepting_referrals, version FROM services WHERE id = $1`,
        [ids.foodYoung],
      );
      expect(stored).toEqual([{ accepting_referrals: false, version: 1 }]);
    });

    it('refuses a partner user creating for another organisation, or sending referrals elsewhere', async () => {
      const forOther = await create(partnerA.accessToken, {
        organisationId: orgB,
        name: 'Not mine',
        needs: ['food'],
        areas: ['RV'],
      });
      expect(forOther.status).toBe(404);
      const elsewhere = await create(partnerA.accessToken, {
        receivingOrganisationId: orgB,
        name: 'Mine, received by B',
        needs: ['food'],
        areas: ['RV'],
      });
      expect(elsewhere.status).toBe(403);
      const count = await t.db.query(
        `SELECT count(*)::int AS n FROM services WHERE name IN ('Not mine', 'Mine, received by B')`,
      );
      expect(count).toEqual([{ n: 0 }]);
    });

    it('lets a partner user update its own service, replacing lists, with version checks and an audit row', async () => {
      const updated = await t
        .http()
        .patch(`/api/services/${ids.foodYoung}`)
        .set(bearer(partnerB.accessToken))
        .send({ capacity: { available: 3, maximum: 12 }, areas: ['RV-LEY', 'RV-BAM'], version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        capacity: { available: 3, maximum: 12 },
        areas: ['RV-BAM', 'RV-LEY'],
        version: 2,
      });
      const stale = await t
        .http()
        .patch(`/api/services/${ids.foodYoung}`)
        .set(bearer(partnerB.accessToken))
        .send({ capacity: { available: 2 }, version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'SERVICE_VERSION_CONFLICT' });
      const audit = await t.db.query(
        `SELECT details FROM audit_log WHERE action = 'service.updated' AND entity_id = $1`,
        [ids.foodYoung],
      );
      expect(audit).toEqual([
        { details: { fields: ['areas', 'capacityAvailable', 'capacityMaximum'] } },
      ]);
      // Put the areas back for the search tests.
      await t
        .http()
        .patch(`/api/services/${ids.foodYoung}`)
        .set(bearer(partnerB.accessToken))
        .send({ areas: ['RV-LEY'], capacity: { available: null, maximum: null } })
        .expect(200);
    });

    it('refuses bad input with field errors and stores nothing', async () => {
      const cases: [object, number, string, string][] = [
        [{ name: 'X', needs: ['money.nonsense'], areas: ['RV'] }, 400, 'NEED_UNKNOWN', 'need'],
        [{ name: 'X', needs: ['money'], areas: ['RV-NOWHERE'] }, 400, 'AREA_UNKNOWN', 'areas'],
        [{ name: 'X', needs: ['Money Debt'], areas: ['RV'] }, 400, 'VALIDATION_FAILED', 'needs'],
        [
          { name: 'X', needs: ['money'], areas: ['RV'], eligibility: { minAge: 30, maxAge: 20 } },
          400,
          'VALIDATION_FAILED',
          'eligibility.minAge',
        ],
        [
          { name: 'X', needs: ['money'], areas: ['RV'], capacity: { available: 9, maximum: 2 } },
          400,
          'VALIDATION_FAILED',
          'capacity.available',
        ],
        [
          { name: 'X', needs: ['money'], areas: ['RV'], acceptingReferrals: null },
          400,
          'VALIDATION_FAILED',
          'acceptingReferrals',
        ],
        [
          {
            name: 'X',
            needs: ['money'],
            areas: ['RV'],
            openingTimes: [{ days: ['MO'], opens: '17:00', closes: '09:00' }],
          },
          400,
          'VALIDATION_FAILED',
          'openingTimes.0.closes',
        ],
        [{ needs: ['money'], areas: ['RV'] }, 400, 'VALIDATION_FAILED', 'name'],
      ];
      for (const [body, status, code, fieldName] of cases) {
        const response = await create(partnerA.accessToken, body);
        expect({
          body,
          status: response.status,
          code: (response.body as { code: string }).code,
        }).toEqual({ body, status, code });
        expect(
          Object.keys((response.body as { details: { fields: object } }).details.fields),
        ).toContain(fieldName);
      }
      const stored = await t.db.query(`SELECT count(*)::int AS n FROM services WHERE name = 'X'`);
      expect(stored).toEqual([{ n: 0 }]);
    });
  });

  describe('search', () => {
    it('finds by need, a parent code matching the codes under it', async () => {
      const debt = await search('need=money.debt');
      expect(names(debt.body.items).sort()).toEqual([
        'Leyland debt clinic',
        'Penwortham debt drop-in',
      ]);
      const money = await search('need=money');
      expect(names(money.body.items).sort()).toEqual([
        'Benefit advice line',
        'Leyland debt clinic',
        'Money coaching',
        'Penwortham debt drop-in',
      ]);
      expect(money.body.total).toBe(4);
    });

    it('finds by postcode: services covering its ward, its service delivery area or the borough', async () => {
      const response = await search('postcode=pr25%201dh&need=money');
      expect(response.status).toBe(200);
      expect(names(response.body.items).sort()).toEqual([
        'Benefit advice line',
        'Leyland debt clinic',
        'Money coaching',
      ]);
      const food = await search('postcode=PR251DH&need=food');
      expect(names(food.body.items).sort()).toEqual([
        'Food bank (closed today)',
        'Young people food club',
      ]);
      const penwortham = await search('postcode=PR1%200AA&need=money.debt');
      expect(names(penwortham.body.items)).toEqual(['Penwortham debt drop-in']);
    });

    it('finds by area, including the areas inside it and the borough-wide services', async () => {
      const leyland = await search('area=RV-LEY&need=money');
      expect(names(leyland.body.items).sort()).toEqual([
        'Benefit advice line',
        'Leyland debt clinic',
        'Money coaching',
      ]);
    });

    it('finds by age against eligibility', async () => {
      const child = await search('age=12&need=food');
      expect(names(child.body.items).sort()).toEqual([
        'Food bank (closed today)',
        'Young people food club',
      ]);
      const adult = await search('age=40&need=food');
      expect(names(adult.body.items)).toEqual(['Food bank (closed today)']);
      const teen = await search('age=16&need=money.debt');
      expect(names(teen.body.items)).toEqual(['Penwortham debt drop-in']);
    });

    it('finds by free text, forgiving spelling mistakes', async () => {
      const exact = await search('q=benefit%20advice');
      expect(names(exact.body.items)).toEqual(['Benefit advice line']);
      const typo = await search('q=benifit%20advise');
      expect(names(typo.body.items)).toEqual(['Benefit advice line']);
      const oneWord = await search('q=confidental');
      expect(names(oneWord.body.items)).toEqual(['Leyland debt clinic']);
      // Every word must match (through itself or a word spelt like it).
      const both = await search('q=debt%20advise');
      expect(names(both.body.items).sort()).toEqual([
        'Leyland debt clinic',
        'Penwortham debt drop-in',
      ]);
      const nothing = await search('q=swimming%20lessons');
      expect(nothing.body).toMatchObject({ items: [], total: 0 });
    });

    it('filters on accepting referrals and on open now', async () => {
      const accepting = await search('need=food&accepting=true');
      expect(names(accepting.body.items)).toEqual(['Food bank (closed today)']);
      const refusing = await search('need=food&accepting=false');
      expect(names(refusing.body.items)).toEqual(['Young people food club']);
      const open = await search('need=food&openNow=true');
      expect(names(open.body.items)).toEqual(['Young people food club']);
    });

    it('combines filters', async () => {
      const response = await search(
        'need=money&postcode=PR25%201DH&age=30&q=debt%20advise&accepting=true',
      );
      expect(names(response.body.items)).toEqual(['Leyland debt clinic']);
      const byOrganisation = await search(`organisationId=${orgB}&need=food&age=12&openNow=true`);
      expect(names(byOrganisation.body.items)).toEqual(['Young people food club']);
    });

    it('ranks the exact need first, then local before borough-wide, then places left', async () => {
      const response = await search('need=money.debt&postcode=PR25%201DH');
      expect(names(response.body.items)).toEqual(['Leyland debt clinic']);
      const money = await search('need=money&postcode=PR25%201DH');
      // Exact "money" first; then, among the related: local before borough-wide.
      expect(names(money.body.items)).toEqual([
        'Money coaching',
        'Leyland debt clinic',
        'Benefit advice line',
      ]);
      expect(money.body.items.map((item: Item) => item.match)).toEqual([
        { need: 'exact', local: false, textRank: null },
        { need: 'related', local: true, textRank: null },
        { need: 'related', local: false, textRank: null },
      ]);
      // Without a need: local first, then places left before full.
      const local = await search('postcode=PR25%201DH&q=advice');
      expect(names(local.body.items)).toEqual(['Leyland debt clinic', 'Benefit advice line']);
      // Among equals, places left before full, then most places left (uncounted last).
      const capacity = await search('need=money.benefits,money');
      expect(names(capacity.body.items)).toEqual([
        'Benefit advice line',
        'Money coaching',
        'Leyland debt clinic',
        'Penwortham debt drop-in',
      ]);
    });

    it('pages, with the total of every match', async () => {
      const first = await search('need=money&perPage=3&page=1');
      const second = await search('need=money&perPage=3&page=2');
      const beyond = await search('need=money&perPage=3&page=5');
      expect(first.body).toMatchObject({ total: 4, page: 1, perPage: 3 });
      expect(first.body.items).toHaveLength(3);
      expect(second.body.items).toHaveLength(1);
      expect(beyond.body).toMatchObject({ items: [], total: 4, page: 5 });
      const all = [...names(first.body.items), ...names(second.body.items)];
      expect(new Set(all).size).toBe(4);
    });

    it('answers 400 with field errors for unknown needs, malformed postcodes and perPage=1000', async () => {
      const cases: [string, string, string][] = [
        ['need=money.nonsense', 'NEED_UNKNOWN', 'need'],
        ['need=Not%20A%20Code', 'VALIDATION_FAILED', 'need'],
        ['postcode=NOTAPOSTCODE', 'POSTCODE_MALFORMED', 'postcode'],
        ['perPage=1000', 'VALIDATION_FAILED', 'perPage'],
        ['page=0', 'VALIDATION_FAILED', 'page'],
        ['age=200', 'VALIDATION_FAILED', 'age'],
        ['area=RV-NOWHERE', 'AREA_UNKNOWN', 'area'],
        ['area=RV&postcode=PR25%201DH', 'VALIDATION_FAILED', 'area'],
        ['q=%21%21', 'VALIDATION_FAILED', 'q'],
        ['accepting=maybe', 'VALIDATION_FAILED', 'accepting'],
      ];
      for (const [query, code, fieldName] of cases) {
        const response = await search(query);
        expect({
          query,
          status: response.status,
          code: (response.body as { code: string }).code,
        }).toEqual({
          query,
          status: 400,
          code,
        });
        expect(
          Object.keys((response.body as { details: { fields: object } }).details.fields),
        ).toContain(fieldName);
      }
    });

    it('answers 404 for a postcode outside every area', async () => {
      const response = await search('postcode=SW1A%201AA');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'POSTCODE_OUTSIDE_AREAS' });
    });
  });

  describe('locations', () => {
    it("resolves a location's postcode to its ward, and links it to the organisation's services", async () => {
      const created = await t
        .http()
        .post('/api/locations')
        .set(bearer(partnerA.accessToken))
        .send({
          name: 'Leyland Library',
          address: { line1: 'Lancastergate', city: 'Leyland', postcode: 'pr25 2ex' },
        });
      expect(created.status).toBe(201);
      const location = created.body as { id: string };
      expect(created.body).toMatchObject({
        organisationId: orgA,
        areaCode: 'RV-LEY-C',
        address: { postcode: 'PR25 2EX', county: 'Lancashire' },
      });
      const linked = await t
        .http()
        .patch(`/api/services/${ids.debtLocal}`)
        .set(bearer(partnerA.accessToken))
        .send({ locationIds: [location.id] });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({
        locations: [
          { id: location.id, name: 'Leyland Library', postcode: 'PR25 2EX', areaCode: 'RV-LEY-C' },
        ],
      });
      // Another organisation's service cannot be delivered there.
      const foreign = await t
        .http()
        .patch(`/api/services/${ids.foodYoung}`)
        .set(bearer(partnerB.accessToken))
        .send({ locationIds: [location.id] });
      expect(foreign.status).toBe(400);
      expect(foreign.body).toMatchObject({ code: 'LOCATION_UNKNOWN' });
    });

    it("refuses a partner user another organisation's location with 404, and a malformed postcode with 400", async () => {
      const created = await t
        .http()
        .post('/api/locations')
        .set(bearer(partnerB.accessToken))
        .send({ name: 'Food hub' });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      const foreign = await t
        .http()
        .patch(`/api/locations/${id}`)
        .set(bearer(partnerA.accessToken))
        .send({ name: 'Taken over' });
      expect(foreign.status).toBe(404);
      const own = await t
        .http()
        .patch(`/api/locations/${id}`)
        .set(bearer(partnerB.accessToken))
        .send({ address: { line1: '1 Station Road', city: 'Bamber Bridge', postcode: 'PR5 6XX' } });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ name: 'Food hub', areaCode: 'RV-BAM-B', version: 2 });
      const malformed = await t
        .http()
        .patch(`/api/locations/${id}`)
        .set(bearer(partnerB.accessToken))
        .send({ address: { line1: '1 Station Road', city: 'Bamber Bridge', postcode: 'PR5' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({
        code: 'POSTCODE_MALFORMED',
        details: { fields: { 'address.postcode': expect.any(Array) } },
      });
      const audit = await t.db.query(
        `SELECT action, details FROM audit_log WHERE entity_type = 'location' AND entity_id = $1 ORDER BY occurred_at, id`,
        [id],
      );
      expect(audit).toEqual([
        { action: 'location.created', details: { organisationId: orgB } },
        { action: 'location.updated', details: { fields: ['address'] } },
      ]);
    });
  });
});
