import { applyReferenceData } from '../../src/service-directory/reference-data.js';
import { bearer, signedIn, startTestApp, type TestApp } from '../support/app.js';

describe('Need taxonomy and areas', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let handler: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t, 'admin');
    handler = await signedIn(t, 'call_handler');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('taxonomy', () => {
    it('lists the configured needs with their hierarchy', async () => {
      const response = await t.http().get('/api/taxonomy').set(bearer(handler.accessToken));
      expect(response.status).toBe(200);
      const terms = response.body as { code: string; parent: string | null; label: string }[];
      expect(terms).toContainEqual(expect.objectContaining({ code: 'money', parent: null }));
      expect(terms).toContainEqual(
        expect.objectContaining({ code: 'money.debt', parent: 'money', label: 'Debt advice' }),
      );
      expect(terms).toContainEqual(
        expect.objectContaining({ code: 'digital.device', parent: 'digital' }),
      );
    });

    it('lets an administrator add a term under an existing parent, and audits it', async () => {
      const created = await t
        .http()
        .post('/api/taxonomy')
        .set(bearer(admin.accessToken))
        .send({ code: 'money.pensions', label: 'Pensions advice' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        code: 'money.pensions',
        parent: 'money',
        active: true,
        version: 1,
      });
      const audit = await t.db.query(
        `SELECT 1 FROM audit_log WHERE action = 'need_term.created' AND entity_id = 'money.pensions' AND actor_user_id = $1`,
        [admin.id],
      );
      expect(audit).toHaveLength(1);
    });

    it('refuses a missing parent, a malformed code and a duplicate', async () => {
      const orphan = await t
        .http()
        .post('/api/taxonomy')
        .set(bearer(admin.accessToken))
        .send({ code: 'transport.buses', label: 'Buses' });
      expect(orphan.status).toBe(400);
      expect(orphan.body).toMatchObject({ code: 'NEED_TERM_PARENT_UNKNOWN' });
      const malformed = await t
        .http()
        .post('/api/taxonomy')
        .set(bearer(admin.accessToken))
        .send({ code: 'Money Debt', label: 'x' });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { code: expect.any(Array) } },
      });
      const duplicate = await t
        .http()
        .post('/api/taxonomy')
        .set(bearer(admin.accessToken))
        .send({ code: 'money.debt', label: 'Again' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 'NEED_TERM_CODE_TAKEN' });
    });

    it('lets an administrator relabel and retire a term, refusing a stale version', async () => {
      const relabelled = await t
        .http()
        .patch('/api/taxonomy/fuel')
        .set(bearer(admin.accessToken))
        .send({ label: 'Fuel poverty', version: 1 });
      expect(relabelled.status).toBe(200);
      expect(relabelled.body).toMatchObject({ label: 'Fuel poverty', version: 2 });
      const stale = await t
        .http()
        .patch('/api/taxonomy/fuel')
        .set(bearer(admin.accessToken))
        .send({ active: false, version: 1 });
      expect(stale.status).toBe(409);
      const retired = await t
        .http()
        .patch('/api/taxonomy/fuel')
        .set(bearer(admin.accessToken))
        .send({ active: false, version: 2 });
      expect(retired.body).toMatchObject({ active: false, version: 3 });
      expect(
        (
          await t
            .http()
            .patch('/api/taxonomy/no.such')
            .set(bearer(admin.accessToken))
            .send({ label: 'x' })
        ).status,
      ).toBe(404);
    });

    it("keeps administrators' edits when config/ is applied again, and only adds what is missing", async () => {
      await t
        .http()
        .patch('/api/taxonomy/food')
        .set(bearer(admin.accessToken))
        .send({ label: 'Food (edited)' });
      await t.asOwner(`DELETE FROM need_terms WHERE code = 'substance_misuse'`);
      await applyReferenceData(t.config.migrationDatabaseUrl);
      const terms = (await t.http().get('/api/taxonomy').set(bearer(handler.accessToken))).body as {
        code: string;
        label: string;
      }[];
      expect(terms.find((term) => term.code === 'food')?.label).toBe('Food (edited)');
      expect(terms.find((term) => term.code === 'substance_misuse')).toBeDefined();
    });

    it('is edited by administrators only', async () => {
      const response = await t
        .http()
        .post('/api/taxonomy')
        .set(bearer(handler.accessToken))
        .send({ code: 'money.other', label: 'x' });
      expect(response.status).toBe(403);
    });
  });

  describe('areas', () => {
    it('lists the district, service delivery areas and wards with their postcode sectors', async () => {
      const response = await t.http().get('/api/areas').set(bearer(handler.accessToken));
      const areas = response.body as {
        code: string;
        kind: string;
        parent: string | null;
        postcodeSectors: string[];
      }[];
      expect(areas).toContainEqual({
        code: 'RV',
        name: 'Ribble Vale',
        kind: 'district',
        parent: null,
        postcodeSectors: [],
      });
      expect(areas).toContainEqual(
        expect.objectContaining({
          code: 'RV-LEY-C',
          kind: 'ward',
          parent: 'RV-LEY',
          postcodeSectors: ['PR25 1', 'PR25 2'],
        }),
      );
    });

    it('finds the area of a postcode, whatever its case and spacing', async () => {
      for (const postcode of ['PR25 1DH', 'pr251dh', '  Pr25   1dh ']) {
        const response = await t
          .http()
          .get('/api/areas/lookup')
          .query({ postcode })
          .set(bearer(handler.accessToken));
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          postcode: 'PR25 1DH',
          sector: 'PR25 1',
          ward: { code: 'RV-LEY-C', name: 'Leyland Central' },
          serviceDeliveryArea: { code: 'RV-LEY', name: 'Leyland' },
          district: { code: 'RV', name: 'Ribble Vale' },
        });
      }
    });

    it('answers 400 for a malformed postcode and 404 for one outside every area', async () => {
      for (const postcode of ['PR25', 'not a postcode', '12345', 'PR25 1D']) {
        const response = await t
          .http()
          .get('/api/areas/lookup')
          .query({ postcode })
          .set(bearer(handler.accessToken));
        expect({ postcode, status: response.status }).toEqual({ postcode, status: 400 });
        expect(response.body).toMatchObject({
          code: 'POSTCODE_MALFORMED',
          details: { fields: { postcode: expect.any(Array) } },
        });
      }
      const missing = await t.http().get('/api/areas/lookup').set(bearer(handler.accessToken));
      expect(missing.status).toBe(400);
      const outside = await t
        .http()
        .get('/api/areas/lookup')
        .query({ postcode: 'SW1A 1AA' })
        .set(bearer(handler.accessToken));
      expect(outside.status).toBe(404);
      expect(outside.body).toMatchObject({ code: 'POSTCODE_OUTSIDE_AREAS' });
    });
  });
});
