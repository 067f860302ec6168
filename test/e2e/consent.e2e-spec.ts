import { randomUUID } from 'node:crypto';
import { ConsentService } from '../../src/intake/consent/consent.service.js';
import {
  bearer,
  frontDoorOf,
  makeOrganisation,
  signedIn,
  startTestApp,
  type TestApp,
} from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;
interface Consent {
  id: string;
  personId: string;
  given: boolean;
  scope: string;
  organisationIds: string[];
  method: string;
  wordingVersion: string;
  recordedBy: string;
  recordedAt: string;
  expiresAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  state: string;
}
interface ErrorBody {
  code: string;
  details?: { fields?: Record<string, string[]> };
}

const monthsAgo = (months: number) => {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
};

describe('Consent to share: its own record, expiry and withdrawal', () => {
  let t: TestApp;
  let handler: Signed;
  let teamLead: Signed;
  let partner: Signed;
  let orgA: string;
  let orgB: string;

  const newPerson = async (lastName: string) => {
    const response = await t
      .http()
      .post('/api/people')
      .set(bearer(handler.accessToken))
      .send({ firstName: 'Consent', lastName, confirmedNewPerson: true });
    expect(response.status).toBe(201);
    return (response.body as { id: string }).id;
  };
  const recordConsent = (personId: string, body: object, token = handler.accessToken) =>
    t.http().post(`/api/people/${personId}/consents`).set(bearer(token)).send(body);
  const withdraw = (consentId: string, body: object = {}, token = handler.accessToken) =>
    t.http().post(`/api/consents/${consentId}/withdraw`).set(bearer(token)).send(body);
  const coverage = (personId: string, organisationId: string, at = new Date()) =>
    t.db.transaction((manager) =>
      t.app.get(ConsentService).coverage(manager, personId, organisationId, at),
    );
  const consentCount = async () =>
    Number((await t.asOwner<{ n: string }>('SELECT count(*) AS n FROM consents'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    handler = await signedIn(t, 'call_handler');
    teamLead = await signedIn(t, 'team_lead');
    orgA = (await makeOrganisation(t, 'partner', 'Vale Debt Advice')).id;
    orgB = (await makeOrganisation(t, 'partner', 'Leyland Food Bank')).id;
    partner = await signedIn(t, 'partner', { organisationId: orgA });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a consent for all partners, expiring after the configured 12 months, with the configured wording', async () => {
    const personId = await newPerson('Given');
    const recordedAt = '2026-01-31T10:15:00.000Z';
    const response = await recordConsent(personId, {
      given: true,
      scope: 'all_partners',
      method: 'verbal',
      recordedAt: new Date(Math.min(Date.parse(recordedAt), Date.now())).toISOString(),
    });
    expect(response.status).toBe(201);
    const consent = response.body as Consent;
    expect(consent).toMatchObject({
      personId,
      given: true,
      scope: 'all_partners',
      organisationIds: [],
      method: 'verbal',
      wordingVersion: 'OFD-CONSENT-2025-01',
      recordedBy: handler.id,
      withdrawnAt: null,
      withdrawnBy: null,
    });
    const recorded = new Date(consent.recordedAt);
    const expected = new Date(recorded);
    expected.setUTCMonth(expected.getUTCMonth() + 12);
    if (expected.getUTCDate() !== recorded.getUTCDate()) expected.setUTCDate(0);
    expect(consent.expiresAt).toBe(expected.toISOString());
    expect(consent.state).toBe(Date.parse(consent.expiresAt) > Date.now() ? 'given' : 'expired');

    const person = await t.http().get(`/api/people/${personId}`).set(bearer(handler.accessToken));
    expect(person.body).toMatchObject({
      consent: { consentId: consent.id, scope: 'all_partners', expiresAt: consent.expiresAt },
    });
    const audit = await t.asOwner(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'consent.recorded' AND entity_id = $1`,
      [consent.id],
    );
    expect(audit).toEqual([
      {
        actor_user_id: handler.id,
        details: {
          personId,
          given: true,
          scope: 'all_partners',
          organisationIds: [],
          method: 'verbal',
          wordingVersion: 'OFD-CONSENT-2025-01',
        },
      },
    ]);
  });

  it('covers sharing with any partner while given and in date', async () => {
    const personId = await newPerson('Covered');
    const given = (
      await recordConsent(personId, {
        given: true,
        scope: 'all_partners',
        method: 'written',
        wordingVersion: 'v2',
      })
    ).body as Consent;
    expect(given).toMatchObject({ state: 'given', wordingVersion: 'v2' });
    expect(await coverage(personId, orgA)).toEqual({
      covered: true,
      consentId: given.id,
      state: 'given',
    });
    expect(await coverage(personId, orgB)).toMatchObject({ covered: true });
    // Nothing covered before the person answered.
    expect(await coverage(personId, orgA, monthsAgo(1))).toEqual({
      covered: false,
      consentId: null,
      state: 'none',
    });
  });

  it('treats a consent recorded 13 months ago as expired: shown so, and covering nothing', async () => {
    const personId = await newPerson('Expired');
    const response = await recordConsent(personId, {
      given: true,
      scope: 'all_partners',
      method: 'verbal',
      recordedAt: monthsAgo(13).toISOString(),
    });
    expect(response.status).toBe(201);
    const consent = response.body as Consent;
    expect(consent.state).toBe('expired');
    expect(Date.parse(consent.expiresAt)).toBeLessThan(Date.now());
    const person = await t.http().get(`/api/people/${personId}`).set(bearer(handler.accessToken));
    expect((person.body as { consent: { state: string } }).consent.state).toBe('expired');
    expect(await coverage(personId, orgA)).toEqual({
      covered: false,
      consentId: consent.id,
      state: 'expired',
    });
    // Eleven months ago it still held.
    expect((await coverage(personId, orgA, monthsAgo(11))).covered).toBe(true);
  });

  it('with named organisations, covers those only; it needs existing partner organisations', async () => {
    const personId = await newPerson('Named');
    const missing = await recordConsent(personId, {
      given: true,
      scope: 'named_organisations',
      method: 'verbal',
    });
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorBody).details?.fields).toHaveProperty('organisationIds');
    const empty = await recordConsent(personId, {
      given: true,
      scope: 'named_organisations',
      method: 'verbal',
      organisationIds: [],
    });
    expect(empty.status).toBe(400);
    const unknown = randomUUID();
    const frontDoor = await frontDoorOf(t);
    const notPartners = await recordConsent(personId, {
      given: true,
      scope: 'named_organisations',
      method: 'verbal',
      organisationIds: [orgA, unknown, frontDoor],
    });
    expect(notPartners.status).toBe(400);
    expect((notPartners.body as ErrorBody).details?.fields?.organisationIds).toEqual([
      `${unknown} is not a partner organisation`,
      `${frontDoor} is not a partner organisation`,
    ]);
    const withAllPartners = await recordConsent(personId, {
      given: true,
      scope: 'all_partners',
      method: 'verbal',
      organisationIds: [orgA],
    });
    expect(withAllPartners.status).toBe(400);
    expect(await t.asOwner('SELECT id FROM consents WHERE person_id = $1', [personId])).toEqual([]);

    const named = await recordConsent(personId, {
      given: true,
      scope: 'named_organisations',
      method: 'written',
      organisationIds: [orgA],
    });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ organisationIds: [orgA], state: 'given' });
    expect((await coverage(personId, orgA)).covered).toBe(true);
    expect(await coverage(personId, orgB)).toMatchObject({ covered: false, state: 'given' });
  });

  it('refuses bad answers: a future time, an unknown scope or method, a missing answer', async () => {
    const personId = await newPerson('BadConsent');
    const before = await consentCount();
    const cases: [object, string][] = [
      [
        {
          given: true,
          scope: 'all_partners',
          method: 'verbal',
          recordedAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
        'recordedAt',
      ],
      [{ given: true, scope: 'everyone', method: 'verbal' }, 'scope'],
      [{ given: true, scope: 'all_partners', method: 'telepathy' }, 'method'],
      [{ scope: 'all_partners', method: 'verbal' }, 'given'],
      [{ given: 'yes', scope: 'all_partners', method: 'verbal' }, 'given'],
    ];
    for (const [body, field] of cases) {
      const response = await recordConsent(personId, body);
      expect(response.status).toBe(400);
      expect((response.body as ErrorBody).details?.fields).toHaveProperty(field);
    }
    expect(await consentCount()).toBe(before);
    const nobody = await recordConsent(randomUUID(), {
      given: true,
      scope: 'all_partners',
      method: 'verbal',
    });
    expect(nobody.status).toBe(404);
    expect((nobody.body as ErrorBody).code).toBe('PERSON_NOT_FOUND');
  });

  it('withdraws a consent once: from then on it covers nothing; twice is 409', async () => {
    const personId = await newPerson('Withdrawn');
    const consent = (
      await recordConsent(personId, { given: true, scope: 'all_partners', method: 'verbal' })
    ).body as Consent;
    const response = await withdraw(
      consent.id,
      { reason: 'person_withdrew' },
      teamLead.accessToken,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: consent.id,
      state: 'withdrawn',
      withdrawnBy: teamLead.id,
    });
    expect((response.body as Consent).withdrawnAt).not.toBeNull();

    expect(await coverage(personId, orgA)).toEqual({
      covered: false,
      consentId: consent.id,
      state: 'withdrawn',
    });
    // What was shared before the withdrawal was shared with consent.
    expect((await coverage(personId, orgA, new Date(consent.recordedAt))).covered).toBe(true);
    const person = await t.http().get(`/api/people/${personId}`).set(bearer(handler.accessToken));
    expect((person.body as { consent: { state: string } }).consent.state).toBe('withdrawn');

    const again = await withdraw(consent.id);
    expect(again.status).toBe(409);
    expect((again.body as ErrorBody).code).toBe('CONSENT_ALREADY_WITHDRAWN');
    const audit = await t.asOwner(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'consent.withdrawn' AND entity_id = $1`,
      [consent.id],
    );
    expect(audit).toEqual([
      { actor_user_id: teamLead.id, details: { personId, reason: 'person_withdrew' } },
    ]);
  });

  it('withdraws with no body at all; refuses unknown reasons, refusals and unknown consents', async () => {
    const personId = await newPerson('WithdrawChecks');
    const consent = (
      await recordConsent(personId, { given: true, scope: 'all_partners', method: 'verbal' })
    ).body as Consent;
    const badReason = await withdraw(consent.id, { reason: 'because' });
    expect(badReason.status).toBe(400);
    const bare = await t
      .http()
      .post(`/api/consents/${consent.id}/withdraw`)
      .set(bearer(handler.accessToken));
    expect(bare.status).toBe(200);
    const refusal = (
      await recordConsent(personId, { given: false, scope: 'all_partners', method: 'verbal' })
    ).body as Consent;
    expect(refusal.state).toBe('refused');
    const withdrawRefusal = await withdraw(refusal.id);
    expect(withdrawRefusal.status).toBe(409);
    expect((withdrawRefusal.body as ErrorBody).code).toBe('CONSENT_NOT_GIVEN');
    const missing = await withdraw(randomUUID());
    expect(missing.status).toBe(404);
    expect((missing.body as ErrorBody).code).toBe('CONSENT_NOT_FOUND');
  });

  it('lets the latest answer decide: a refusal after a consent covers nothing', async () => {
    const personId = await newPerson('ChangedMind');
    await recordConsent(personId, {
      given: true,
      scope: 'all_partners',
      method: 'verbal',
      recordedAt: monthsAgo(2).toISOString(),
    });
    const refusal = (
      await recordConsent(personId, { given: false, scope: 'all_partners', method: 'verbal' })
    ).body as Consent;
    expect(await coverage(personId, orgA)).toEqual({
      covered: false,
      consentId: refusal.id,
      state: 'refused',
    });
    const person = await t.http().get(`/api/people/${personId}`).set(bearer(handler.accessToken));
    expect(
      (person.body as { consent: { state: string; consentId: string } }).consent,
    ).toMatchObject({
      state: 'refused',
      consentId: refusal.id,
    });
  });

  it('lists a person’s consents newest first with their state, and audits the read', async () => {
    const personId = await newPerson('Listed');
    const old = (
      await recordConsent(personId, {
        given: true,
        scope: 'all_partners',
        method: 'verbal',
        recordedAt: monthsAgo(14).toISOString(),
      })
    ).body as Consent;
    const current = (
      await recordConsent(personId, {
        given: true,
        scope: 'named_organisations',
        organisationIds: [orgB],
        method: 'written',
      })
    ).body as Consent;
    const response = await t
      .http()
      .get(`/api/people/${personId}/consents`)
      .set(bearer(handler.accessToken));
    expect(response.status).toBe(200);
    const items = (response.body as { items: Consent[] }).items;
    expect(items.map((item) => [item.id, item.state])).toEqual([
      [current.id, 'given'],
      [old.id, 'expired'],
    ]);
    const views = await t.asOwner(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'person.viewed' AND entity_id = $1`,
      [personId],
    );
    expect(views).toEqual([{ actor_user_id: handler.id, details: { via: 'consents' } }]);
    const nobody = await t
      .http()
      .get(`/api/people/${randomUUID()}/consents`)
      .set(bearer(handler.accessToken));
    expect(nobody.status).toBe(404);
    expect((nobody.body as ErrorBody).code).toBe('PERSON_NOT_FOUND');
  });

  it('refuses partner users on every consent route', async () => {
    const personId = await newPerson('PartnerRefused');
    const consent = (
      await recordConsent(personId, { given: true, scope: 'all_partners', method: 'verbal' })
    ).body as Consent;
    const before = await consentCount();
    const responses = await Promise.all([
      recordConsent(
        personId,
        { given: true, scope: 'all_partners', method: 'verbal' },
        partner.accessToken,
      ),
      t.http().get(`/api/people/${personId}/consents`).set(bearer(partner.accessToken)),
      withdraw(consent.id, {}, partner.accessToken),
    ]);
    expect(responses.map((response) => response.status)).toEqual([403, 403, 403]);
    expect(await consentCount()).toBe(before);
    const [stored] = await t.asOwner<{ withdrawn_at: Date | null }>(
      'SELECT withdrawn_at FROM consents WHERE id = $1',
      [consent.id],
    );
    expect(stored.withdrawn_at).toBeNull();
  });
});
