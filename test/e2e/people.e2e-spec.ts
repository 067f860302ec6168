import { randomUUID } from 'node:crypto';
import { bearer, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;
interface Person {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  phone: string | null;
  postcode: string | null;
  areaCode: string | null;
  flags: string[];
  version: number;
  consent: { state: string };
}
interface Candidate {
  person: { id: string; firstName: string; lastName: string };
  score: number;
  matched: string[];
  strength: 'strong' | 'possible';
}
interface ErrorBody {
  code: string;
  details?: { fields?: Record<string, string[]>; candidates?: object[] };
}

describe('People: records, duplicate detection and who viewed them', () => {
  let t: TestApp;
  let handler: Signed;
  let caseworker: Signed;
  let teamLead: Signed;
  let admin: Signed;
  let partner: Signed;

  const createPerson = (body: object, token = handler.accessToken) =>
    t.http().post('/api/people').set(bearer(token)).send(body);
  const search = (body: object, token = handler.accessToken) =>
    t.http().post('/api/people/search').set(bearer(token)).send(body);
  const peopleCount = async () =>
    Number((await t.asOwner<{ n: string }>('SELECT count(*) AS n FROM people'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    handler = await signedIn(t, 'call_handler');
    caseworker = await signedIn(t, 'caseworker');
    teamLead = await signedIn(t, 'team_lead');
    admin = await signedIn(t, 'admin');
    partner = await signedIn(t, 'partner');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('creating and reading a person', () => {
    it('stores the record, derives the area from the postcode and normalises phone and postcode', async () => {
      const response = await createPerson({
        firstName: ' Margaret ',
        lastName: 'Thompson',
        preferredName: 'Peggy',
        dateOfBirth: '1951-03-14',
        phone: '+44 (0)7700 900-123',
        email: 'peggy@example.org',
        address: '12 Church Road, Leyland',
        postcode: 'pr25 1dh',
        language: 'en',
        communicationNeeds: 'Hard of hearing',
        flags: ['lives_alone', 'digitally_excluded_no_device'],
      });
      expect(response.status).toBe(201);
      const person = response.body as Person;
      expect(person).toMatchObject({
        firstName: 'Margaret',
        lastName: 'Thompson',
        preferredName: 'Peggy',
        dateOfBirth: '1951-03-14',
        phone: '+44 (0)7700 900-123',
        postcode: 'PR25 1DH',
        areaCode: 'RV-LEY-C',
        flags: ['lives_alone', 'digitally_excluded_no_device'],
        version: 1,
        consent: { state: 'none', consentId: null, scope: null, expiresAt: null },
      });
      const [stored] = await t.asOwner<{ phone_normalised: string; created_by: string }>(
        'SELECT phone_normalised, created_by FROM people WHERE id = $1',
        [person.id],
      );
      expect(stored).toEqual({ phone_normalised: '07700900123', created_by: handler.id });
      const audit = await t.asOwner(
        `SELECT action, actor_user_id, details FROM audit_log WHERE entity_type = 'person' AND entity_id = $1`,
        [person.id],
      );
      expect(audit).toEqual([
        {
          action: 'person.created',
          actor_user_id: handler.id,
          details: { confirmedNewPerson: false },
        },
      ]);
    });

    it('accepts a postcode outside the borough, with no area', async () => {
      const response = await createPerson({
        firstName: 'Owen',
        lastName: 'Travers',
        postcode: 'M1 1AE',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ postcode: 'M1 1AE', areaCode: null });
    });

    it('never takes the area from the body', async () => {
      const response = await createPerson({
        firstName: 'Ann',
        lastName: 'Area',
        areaCode: 'RV-PEN-E',
      });
      expect(response.status).toBe(400);
      expect((response.body as ErrorBody).code).toBe('VALIDATION_FAILED');
    });

    it('writes equality answers apart and never returns them', async () => {
      const created = await createPerson({
        firstName: 'Esther',
        lastName: 'Quayle',
        equality: { ageBand: '65-74', ethnicity: 'Prefer not to say', disability: 'Yes' },
      });
      expect(created.status).toBe(201);
      const id = (created.body as Person).id;
      expect(created.body).not.toHaveProperty('equality');
      expect(JSON.stringify(created.body)).not.toContain('65-74');
      const read = await t.http().get(`/api/people/${id}`).set(bearer(handler.accessToken));
      expect(read.status).toBe(200);
      expect(read.body).not.toHaveProperty('equality');
      expect(JSON.stringify(read.body)).not.toContain('Prefer not to say');
      const stored = await t.asOwner(
        'SELECT age_band, ethnicity, disability, sex FROM person_equality WHERE person_id = $1',
        [id],
      );
      expect(stored).toEqual([
        { age_band: '65-74', ethnicity: 'Prefer not to say', disability: 'Yes', sex: null },
      ]);
    });

    it('audits every read of a person; an unknown id is 404 PERSON_NOT_FOUND', async () => {
      const id = ((await createPerson({ firstName: 'Read', lastName: 'Often' })).body as Person).id;
      for (const user of [handler, caseworker]) {
        const response = await t.http().get(`/api/people/${id}`).set(bearer(user.accessToken));
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ id, firstName: 'Read' });
      }
      const views = await t.asOwner(
        `SELECT actor_user_id, details FROM audit_log
          WHERE action = 'person.viewed' AND entity_type = 'person' AND entity_id = $1 ORDER BY id`,
        [id],
      );
      expect(views).toEqual([
        { actor_user_id: handler.id, details: { via: 'record' } },
        { actor_user_id: caseworker.id, details: { via: 'record' } },
      ]);
      const missing = await t
        .http()
        .get(`/api/people/${randomUUID()}`)
        .set(bearer(handler.accessToken));
      expect(missing.status).toBe(404);
      expect((missing.body as ErrorBody).code).toBe('PERSON_NOT_FOUND');
      const malformed = await t
        .http()
        .get('/api/people/not-a-uuid')
        .set(bearer(handler.accessToken));
      expect(malformed.status).toBe(400);
    });
  });

  describe('bad input: 400 with field errors, and nothing stored', () => {
    const today = new Date();
    const tomorrow = new Date(today.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    it.each([
      ['a date of birth in the future', { dateOfBirth: tomorrow }, 'dateOfBirth', /future/],
      ['an absurdly old date of birth', { dateOfBirth: '1850-01-01' }, 'dateOfBirth', /130 years/],
      [
        'a date of birth that is not a date',
        { dateOfBirth: '1951-02-30' },
        'dateOfBirth',
        /YYYY-MM-DD/,
      ],
      ['a malformed phone', { phone: '0770 09' }, 'phone', /UK phone number/],
      ['a foreign phone', { phone: '+33 1 23 45 67 89' }, 'phone', /UK phone number/],
      ['a malformed postcode', { postcode: 'PR25 1D' }, 'postcode', /UK postcode/],
      ['an unknown flag', { flags: ['carer', 'wizard'] }, 'flags', /one of/],
      ['a missing last name', { lastName: undefined }, 'lastName', /.+/],
      ['a bad email', { email: 'not-an-email' }, 'email', /.+/],
    ])('refuses %s', async (_label, change, field, message) => {
      const before = await peopleCount();
      const response = await createPerson({ firstName: 'Bad', lastName: 'Input', ...change });
      expect(response.status).toBe(400);
      const body = response.body as ErrorBody;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details?.fields?.[field]?.join(' ')).toMatch(message);
      expect(await peopleCount()).toBe(before);
    });
  });

  describe('updating a person', () => {
    it('applies the given fields, bumps the version and audits the names of the changed fields only', async () => {
      const created = (
        await createPerson({
          firstName: 'Derek',
          lastName: 'Holloway',
          phone: '07700 900555',
          postcode: 'PR25 1DH',
          language: 'en',
        })
      ).body as Person;
      const response = await t
        .http()
        .patch(`/api/people/${created.id}`)
        .set(bearer(caseworker.accessToken))
        .send({
          version: 1,
          postcode: 'PR1 9AB',
          language: 'en',
          preferredName: 'Del',
          equality: { sex: 'Male' },
        });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        postcode: 'PR1 9AB',
        areaCode: 'RV-PEN-W',
        preferredName: 'Del',
        language: 'en',
        phone: '07700 900555',
        version: 2,
      });
      expect(response.body).not.toHaveProperty('equality');
      const audit = await t.asOwner(
        `SELECT actor_user_id, details FROM audit_log WHERE action = 'person.updated' AND entity_id = $1`,
        [created.id],
      );
      expect(audit).toEqual([
        {
          actor_user_id: caseworker.id,
          details: { fields: ['preferredName', 'postcode', 'equality'] },
        },
      ]);
      const equality = await t.asOwner('SELECT sex FROM person_equality WHERE person_id = $1', [
        created.id,
      ]);
      expect(equality).toEqual([{ sex: 'Male' }]);

      // Clearing a field, and the normalised phone follows the phone.
      const cleared = await t
        .http()
        .patch(`/api/people/${created.id}`)
        .set(bearer(caseworker.accessToken))
        .send({ version: 2, preferredName: null, phone: '01632 960 001' });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({
        preferredName: null,
        phone: '01632 960 001',
        version: 3,
      });
      const [stored] = await t.asOwner<{ phone_normalised: string }>(
        'SELECT phone_normalised FROM people WHERE id = $1',
        [created.id],
      );
      expect(stored.phone_normalised).toBe('01632960001');
    });

    it('refuses a stale version with 409 PERSON_VERSION_CONFLICT and changes nothing', async () => {
      const created = (await createPerson({ firstName: 'Stale', lastName: 'Version' }))
        .body as Person;
      const first = await t
        .http()
        .patch(`/api/people/${created.id}`)
        .set(bearer(handler.accessToken))
        .send({ version: 1, language: 'pl' });
      expect(first.status).toBe(200);
      const stale = await t
        .http()
        .patch(`/api/people/${created.id}`)
        .set(bearer(handler.accessToken))
        .send({ version: 1, language: 'ur' });
      expect(stale.status).toBe(409);
      expect((stale.body as ErrorBody).code).toBe('PERSON_VERSION_CONFLICT');
      const [stored] = await t.asOwner('SELECT language, version FROM people WHERE id = $1', [
        created.id,
      ]);
      expect(stored).toEqual({ language: 'pl', version: 2 });
    });

    it('refuses bad values, a missing version and an unknown person', async () => {
      const created = (await createPerson({ firstName: 'Patch', lastName: 'Checks' }))
        .body as Person;
      const noVersion = await t
        .http()
        .patch(`/api/people/${created.id}`)
        .set(bearer(handler.accessToken))
        .send({ language: 'pl' });
      expect(noVersion.status).toBe(400);
      expect((noVersion.body as ErrorBody).details?.fields).toHaveProperty('version');
      const badPhone = await t
        .http()
        .patch(`/api/people/${created.id}`)
        .set(bearer(handler.accessToken))
        .send({ version: 1, phone: 'call me' });
      expect(badPhone.status).toBe(400);
      expect((badPhone.body as ErrorBody).details?.fields).toHaveProperty('phone');
      const noName = await t
        .http()
        .patch(`/api/people/${created.id}`)
        .set(bearer(handler.accessToken))
        .send({ version: 1, firstName: null });
      expect(noName.status).toBe(400);
      const missing = await t
        .http()
        .patch(`/api/people/${randomUUID()}`)
        .set(bearer(handler.accessToken))
        .send({ version: 1, language: 'pl' });
      expect(missing.status).toBe(404);
      expect((missing.body as ErrorBody).code).toBe('PERSON_NOT_FOUND');
    });
  });

  describe('duplicate detection', () => {
    let jonathan: Person;
    beforeAll(async () => {
      jonathan = (
        await createPerson({
          firstName: 'Jonathan',
          lastName: 'Blackwood',
          dateOfBirth: '1968-07-02',
          phone: '07700 900777',
          postcode: 'PR5 6AA',
        })
      ).body as Person;
      // Same surname, another first name, another birthday: at most a possible match.
      await createPerson({
        firstName: 'Beatrice',
        lastName: 'Blackwood',
        dateOfBirth: '1970-01-01',
      });
    });

    it('finds a misspelt name with the same date of birth as a strong match, saying what matched', async () => {
      const response = await search({ name: 'Jonathon Blackwod', dateOfBirth: '1968-07-02' });
      expect(response.status).toBe(200);
      const candidates = (response.body as { candidates: Candidate[] }).candidates;
      expect(candidates[0]).toMatchObject({
        person: {
          id: jonathan.id,
          firstName: 'Jonathan',
          lastName: 'Blackwood',
          postcode: 'PR5 6AA',
        },
        matched: ['name', 'dateOfBirth'],
        strength: 'strong',
      });
      expect(candidates[0].score).toBeGreaterThan(0.4);
      expect(candidates[0].score).toBeLessThanOrEqual(1);
      for (const candidate of candidates.slice(1)) {
        expect(candidate.strength).toBe('possible');
        expect(candidate.score).toBeLessThanOrEqual(candidates[0].score);
      }
    });

    it('matches the phone whatever its format, and the postcode', async () => {
      const byPhone = await search({ phone: '+44 7700 900777' });
      expect((byPhone.body as { candidates: Candidate[] }).candidates).toEqual([
        expect.objectContaining({
          person: expect.objectContaining({ id: jonathan.id }),
          matched: ['phone'],
          strength: 'possible',
        }),
      ]);
      const byAll = await search({
        firstName: 'Jonathan',
        lastName: 'Blackwood',
        dateOfBirth: '1968-07-02',
        postcode: 'pr5 6aa',
        phone: '07700900777',
      });
      expect((byAll.body as { candidates: Candidate[] }).candidates[0]).toMatchObject({
        person: { id: jonathan.id },
        score: 1,
        matched: ['name', 'dateOfBirth', 'postcode', 'phone'],
        strength: 'strong',
      });
    });

    it('answers at most 10 candidates, best first', async () => {
      for (let index = 0; index < 12; index += 1) {
        await createPerson({
          firstName: `Twelve${index}`,
          lastName: 'Sameday',
          dateOfBirth: '1990-09-09',
          confirmedNewPerson: true,
        });
      }
      const response = await search({ dateOfBirth: '1990-09-09' });
      const candidates = (response.body as { candidates: Candidate[] }).candidates;
      expect(candidates).toHaveLength(10);
      expect(candidates.every((candidate) => candidate.matched.includes('dateOfBirth'))).toBe(true);
    });

    it('still finds the strong match among more neighbours than it looks at per signal', async () => {
      for (let index = 0; index < 55; index += 1) {
        await t.asOwner(
          `INSERT INTO people (first_name, last_name, date_of_birth, postcode, created_by)
           VALUES ($1, 'Neighbour', '1980-02-02', 'PR4 4ZZ', $2)`,
          [`N${index}`, handler.id],
        );
      }
      const target = (
        await createPerson({
          firstName: 'Philippa',
          lastName: 'Marchbanks',
          dateOfBirth: '1980-02-02',
          postcode: 'PR4 4ZZ',
        })
      ).body as Person;
      const response = await search({
        name: 'Phillipa Marchbank',
        dateOfBirth: '1980-02-02',
        postcode: 'PR4 4ZZ',
      });
      const candidates = (response.body as { candidates: Candidate[] }).candidates;
      expect(candidates).toHaveLength(10);
      expect(candidates[0]).toMatchObject({
        person: { id: target.id },
        matched: ['name', 'dateOfBirth', 'postcode'],
        strength: 'strong',
      });
    });

    it('refuses an empty search, a bad phone and a name given twice', async () => {
      const empty = await search({});
      expect(empty.status).toBe(400);
      expect((empty.body as ErrorBody).details?.fields).toHaveProperty('name');
      const badPhone = await search({ phone: 'abc' });
      expect(badPhone.status).toBe(400);
      expect((badPhone.body as ErrorBody).details?.fields).toHaveProperty('phone');
      const twice = await search({ name: 'A B', firstName: 'A' });
      expect(twice.status).toBe(400);
    });

    it('refuses to create a strong duplicate with 409 and the candidates (ids only), unless confirmed', async () => {
      const before = await peopleCount();
      const body = { firstName: 'Johnathan', lastName: 'Blackwood', dateOfBirth: '1968-07-02' };
      const refused = await createPerson(body);
      expect(refused.status).toBe(409);
      const error = refused.body as ErrorBody & { message: string };
      expect(error.code).toBe('PERSON_POSSIBLE_DUPLICATE');
      expect(error.details?.candidates).toEqual([
        {
          id: jonathan.id,
          score: expect.any(Number),
          matched: ['name', 'dateOfBirth'],
          strength: 'strong',
        },
      ]);
      expect(JSON.stringify(error)).not.toMatch(/Blackwood|Jonathan|1968/);
      expect(await peopleCount()).toBe(before);

      const confirmed = await createPerson({ ...body, confirmedNewPerson: true });
      expect(confirmed.status).toBe(201);
      expect(await peopleCount()).toBe(before + 1);
      const audit = await t.asOwner(
        `SELECT details FROM audit_log WHERE action = 'person.created' AND entity_id = $1`,
        [(confirmed.body as Person).id],
      );
      expect(audit).toEqual([{ details: { confirmedNewPerson: true } }]);
    });

    it('lets a possible match (same surname and postcode) be created without confirmation', async () => {
      const response = await createPerson({
        firstName: 'Harriet',
        lastName: 'Blackwood',
        postcode: 'PR5 6AA',
      });
      expect(response.status).toBe(201);
    });
  });

  describe('who viewed a person', () => {
    it('lists every read (records and search results) with who, their role and when, newest first', async () => {
      const person = (
        await createPerson({
          firstName: 'Winifred',
          lastName: 'Ashcombe',
          dateOfBirth: '1944-11-30',
        })
      ).body as Person;
      await t
        .http()
        .get(`/api/people/${person.id}`)
        .set(bearer(caseworker.accessToken))
        .expect(200);
      const found = await search(
        { name: 'Winnifred Ashcomb', dateOfBirth: '1944-11-30' },
        teamLead.accessToken,
      );
      expect((found.body as { candidates: Candidate[] }).candidates[0].person.id).toBe(person.id);

      const response = await t
        .http()
        .get(`/api/people/${person.id}/views?perPage=2`)
        .set(bearer(teamLead.accessToken));
      expect(response.status).toBe(200);
      const page = response.body as {
        items: {
          action: string;
          at: string;
          user: { id: string; name: string; role: string };
          details: object;
        }[];
        total: number;
        page: number;
        perPage: number;
      };
      expect(page.total).toBe(3);
      expect(page.perPage).toBe(2);
      expect(page.items).toEqual([
        {
          id: expect.any(String),
          at: expect.any(String),
          action: 'person.viewed',
          user: { id: teamLead.id, name: 'Test team_lead', role: 'team_lead' },
          details: { via: 'search' },
        },
        {
          id: expect.any(String),
          at: expect.any(String),
          action: 'person.viewed',
          user: { id: caseworker.id, name: 'Test caseworker', role: 'caseworker' },
          details: { via: 'record' },
        },
      ]);
      const second = await t
        .http()
        .get(`/api/people/${person.id}/views?perPage=2&page=2`)
        .set(bearer(admin.accessToken));
      expect(second.status).toBe(200);
      expect((second.body as typeof page).items).toEqual([
        expect.objectContaining({
          action: 'person.created',
          user: expect.objectContaining({ id: handler.id }),
        }),
      ]);
    });

    it('is for admins and team leads only; an unknown person is 404', async () => {
      const person = (await createPerson({ firstName: 'Private', lastName: 'Record' }))
        .body as Person;
      for (const user of [handler, caseworker, partner]) {
        const response = await t
          .http()
          .get(`/api/people/${person.id}/views`)
          .set(bearer(user.accessToken));
        expect(response.status).toBe(403);
      }
      const missing = await t
        .http()
        .get(`/api/people/${randomUUID()}/views`)
        .set(bearer(admin.accessToken));
      expect(missing.status).toBe(404);
      expect((missing.body as ErrorBody).code).toBe('PERSON_NOT_FOUND');
    });
  });

  it('refuses partner users on every people route, and records nothing', async () => {
    const person = (await createPerson({ firstName: 'Not', lastName: 'Shared' })).body as Person;
    const before = await peopleCount();
    const token = partner.accessToken;
    const responses = await Promise.all([
      createPerson({ firstName: 'Partner', lastName: 'Made' }, token),
      t.http().get(`/api/people/${person.id}`).set(bearer(token)),
      t
        .http()
        .patch(`/api/people/${person.id}`)
        .set(bearer(token))
        .send({ version: 1, language: 'x' }),
      search({ name: 'Not Shared' }, token),
      t.http().get(`/api/people/${person.id}/views`).set(bearer(token)),
    ]);
    expect(responses.map((response) => response.status)).toEqual([403, 403, 403, 403, 403]);
    expect(await peopleCount()).toBe(before);
    const views = await t.asOwner(
      `SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'person.viewed'`,
      [person.id],
    );
    expect(views).toEqual([]);
  });
});
