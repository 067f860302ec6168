import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/project-root.js';
import { loadCalendar } from '../../src/triage/triage-config.js';
import { dueAt, localClock } from '../../src/triage/working-days.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;

interface TriageBody {
  caseId: string;
  triageId: string;
  priority: string;
  rule: string;
  dueAt: string;
  status: string;
  safeguarding: boolean;
  recommendations: { serviceId: string; name: string; score: number; reasons: string[] }[];
  code?: string;
  details?: { fields: Record<string, string[]> };
}

const { calendar } = loadCalendar();
const RULES_FILE = join(projectRoot(), 'config', 'triage-rules.json');

/** A date of birth that makes the person `years` old today (borough time). */
function bornYearsAgo(years: number): string {
  const today = localClock(new Date(), 'Europe/London').date;
  return `${Number(today.slice(0, 4)) - years}${today.slice(4, 7)}-01`;
}

/** A person (optionally with an area and date of birth) and a new case for them, as SQL. */
async function makeCase(
  t: TestApp,
  openedBy: string,
  person: { areaCode?: string | null; dateOfBirth?: string | null } = {},
): Promise<{ caseId: string; personId: string }> {
  const [row] = await t.asOwner<{ id: string }>(
    `INSERT INTO people (first_name, last_name, date_of_birth, area_code, created_by)
     VALUES ('Test', 'Person', $1, $2, $3) RETURNING id`,
    [
      person.dateOfBirth === undefined ? bornYearsAgo(40) : person.dateOfBirth,
      person.areaCode === undefined ? 'RV-LEY-C' : person.areaCode,
      openedBy,
    ],
  );
  const [opened] = await t.asOwner<{ id: string }>(
    `INSERT INTO cases (person_id, area_code, opened_by) VALUES ($1, $2, $3) RETURNING id`,
    [row.id, person.areaCode === undefined ? 'RV-LEY-C' : person.areaCode, openedBy],
  );
  return { caseId: opened.id, personId: row.id };
}

describe('Triage: priority from the configured rules, due times, history, alerts', () => {
  let t: TestApp;
  let handler: Signed;
  let caseworker: Signed;
  let partner: Signed;

  const triage = async (token: string, caseId: string, body: object) => {
    const response = await t
      .http()
      .post(`/api/cases/${caseId}/triage`)
      .set(bearer(token))
      .send(body);
    return { status: response.status, body: response.body as TriageBody };
  };

  beforeAll(async () => {
    t = await startTestApp();
    handler = await signedIn(t, 'call_handler');
    caseworker = await signedIn(t, 'caseworker');
    partner = await signedIn(t, 'partner');
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets the priority by the first matching rule and a due time in working days', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const before = new Date();
    const { status, body } = await triage(handler.accessToken, caseId, {
      needs: [
        { code: 'fuel', severity: 2 },
        { code: 'money.debt', severity: 1 },
      ],
      risks: ['no_heating'],
      safeguarding: false,
      notes: 'Storage heaters broken; two small children at home.',
    });
    const after = new Date();
    expect(status).toBe(201);
    expect(body).toMatchObject({
      caseId,
      priority: 'P2',
      rule: 'without_essentials',
      status: 'triaged',
      safeguarding: false,
    });
    // P2 is due one working day later (config/triage-rules.json, config/calendar.json).
    const due = new Date(body.dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(
      dueAt(before, { workingDays: 1 }, calendar).getTime() - 1000,
    );
    expect(due).toBeLessThanOrEqual(dueAt(after, { workingDays: 1 }, calendar).getTime());

    const [stored] = await t.asOwner<Record<string, unknown>>(
      `SELECT status, priority, due_at, needs, need_codes, risks, safeguarding, area_code, triaged_at IS NOT NULL AS triaged
         FROM cases WHERE id = $1`,
      [caseId],
    );
    expect(stored).toEqual({
      status: 'triaged',
      priority: 'P2',
      due_at: new Date(body.dueAt),
      needs: [
        { code: 'fuel', severity: 2 },
        { code: 'money.debt', severity: 1 },
      ],
      need_codes: ['fuel', 'money.debt'],
      risks: ['no_heating'],
      safeguarding: false,
      area_code: 'RV-LEY-C',
      triaged: true,
    });
    const [kept] = await t.asOwner<Record<string, unknown>>(
      `SELECT id, rule, priority, notes, triaged_by FROM triages WHERE case_id = $1`,
      [caseId],
    );
    expect(kept).toEqual({
      id: body.triageId,
      rule: 'without_essentials',
      priority: 'P2',
      notes: 'Storage heaters broken; two small children at home.',
      triaged_by: handler.id,
    });
  });

  it('audits the triage with codes only, never the notes', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const { body } = await triage(caseworker.accessToken, caseId, {
      needs: [{ code: 'money.debt', severity: 3 }],
      risks: [],
      safeguarding: false,
      notes: 'Owes the landlord; very anxious.',
    });
    const audit = await t.asOwner<{ actor_user_id: string; details: object }>(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'case.triaged' AND entity_id = $1`,
      [caseId],
    );
    expect(audit).toEqual([
      {
        actor_user_id: caseworker.id,
        details: {
          triageId: body.triageId,
          priority: 'P2',
          rule: 'severe_need',
          needs: ['money.debt'],
          risks: [],
          safeguarding: false,
        },
      },
    ]);
  });

  it('raises a safeguarding alert for a P1 case, in the same transaction as the triage', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const before = Date.now();
    const { status, body } = await triage(handler.accessToken, caseId, {
      needs: [{ code: 'safety.domestic_abuse', severity: 3 }],
      risks: ['domestic_abuse'],
      safeguarding: false,
      notes: 'Partner threatening her tonight.',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ priority: 'P1', rule: 'safeguarding', safeguarding: true });
    // P1's target is in hours: two hours, nights and weekends included.
    const due = new Date(body.dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);

    // Written in the triage's transaction: stamped with its start time (now()), like the triage.
    const events = await t.asOwner<{ type: string; data: Record<string, unknown>; tx: string }>(
      `SELECT type, data, created_at::text AS tx FROM events WHERE entity_id = $1 ORDER BY id`,
      [caseId],
    );
    expect(events.map((event) => event.type)).toEqual(['case.triaged', 'safeguarding.alert']);
    expect(events[1].data).toMatchObject({
      caseId,
      priority: 'P1',
      dueAt: body.dueAt,
      areaCode: 'RV-LEY-C',
      safeguarding: true,
    });
    // Ids, states, priorities, due time and area: not the person's needs, risks or story.
    expect(Object.keys(events[1].data).sort()).toEqual(
      ['areaCode', 'caseId', 'dueAt', 'ownerId', 'priority', 'safeguarding', 'status'].sort(),
    );
    expect(JSON.stringify(events)).not.toContain('threatening');
    expect(JSON.stringify(events)).not.toContain('domestic_abuse');
    const [kept] = await t.asOwner<{ tx: string; safeguarding: boolean }>(
      `SELECT triaged_at::text AS tx, safeguarding FROM triages WHERE id = $1`,
      [body.triageId],
    );
    expect(kept.safeguarding).toBe(true);
    expect(events.map((event) => event.tx)).toEqual([kept.tx, kept.tx]);
  });

  it('raises no alert below P1', async () => {
    const { caseId } = await makeCase(t, handler.id);
    await triage(handler.accessToken, caseId, { needs: [], safeguarding: false });
    const types = await t.asOwner<{ type: string }>(
      `SELECT type FROM events WHERE entity_id = $1`,
      [caseId],
    );
    expect(types).toEqual([{ type: 'case.triaged' }]);
  });

  it('keeps every triage when a case is triaged again; the case carries the latest', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const first = await triage(handler.accessToken, caseId, {
      needs: [{ code: 'wellbeing.loneliness', severity: 1 }],
      risks: [],
      safeguarding: false,
    });
    const second = await triage(caseworker.accessToken, caseId, {
      needs: [
        { code: 'wellbeing.loneliness', severity: 1 },
        { code: 'housing.homelessness', severity: 2 },
      ],
      risks: ['eviction_within_14_days'],
      safeguarding: false,
    });
    expect([first.body.priority, first.body.rule]).toEqual(['P3', 'default']);
    expect([second.body.priority, second.body.rule]).toEqual(['P2', 'support_breaking_down']);
    expect(second.body.triageId).not.toBe(first.body.triageId);

    const history = await t.asOwner<{ id: string; priority: string; triaged_by: string }>(
      `SELECT id, priority, triaged_by FROM triages WHERE case_id = $1 ORDER BY triaged_at, id`,
      [caseId],
    );
    expect(history).toEqual([
      { id: first.body.triageId, priority: 'P3', triaged_by: handler.id },
      { id: second.body.triageId, priority: 'P2', triaged_by: caseworker.id },
    ]);
    const [current] = await t.asOwner<Record<string, unknown>>(
      `SELECT priority, due_at, need_codes, risks, status FROM cases WHERE id = $1`,
      [caseId],
    );
    expect(current).toEqual({
      priority: 'P2',
      due_at: new Date(second.body.dueAt),
      need_codes: ['wellbeing.loneliness', 'housing.homelessness'],
      risks: ['eviction_within_14_days'],
      status: 'triaged',
    });
  });

  describe('refuses bad input with field errors, storing nothing', () => {
    it.each([
      [
        'an unknown need code',
        { needs: [{ code: 'money.debts', severity: 2 }], risks: [], safeguarding: false },
        { 'needs.0.code': ['"money.debts" is not a need code'] },
      ],
      [
        'a need code given twice',
        {
          needs: [
            { code: 'food', severity: 1 },
            { code: 'food', severity: 3 },
          ],
          risks: [],
          safeguarding: false,
        },
        { 'needs.1.code': ['"food" is given more than once'] },
      ],
      [
        'an unknown risk code',
        { needs: [], risks: ['no_heating', 'cold_house'], safeguarding: false },
        { risks: ['"cold_house" is not a risk code'] },
      ],
      [
        'a severity out of range',
        { needs: [{ code: 'food', severity: 4 }], risks: [], safeguarding: false },
        { 'needs.0.severity': ['must not be greater than 3'] },
      ],
      [
        'no safeguarding answer',
        { needs: [{ code: 'food', severity: 1 }], risks: [] },
        { safeguarding: ['must be a boolean value'] },
      ],
      [
        'an unknown field',
        { needs: [], risks: [], safeguarding: false, priority: 'P1' },
        { priority: ['property priority should not exist'] },
      ],
    ])('%s', async (_case, request, fields) => {
      const { caseId } = await makeCase(t, handler.id);
      const { status, body } = await triage(handler.accessToken, caseId, request);
      expect(status).toBe(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details?.fields).toEqual(fields);
      const [counts] = await t.asOwner<Record<string, string>>(
        `SELECT (SELECT count(*) FROM triages WHERE case_id = $1) AS triages,
                (SELECT count(*) FROM events WHERE entity_id = $1) AS events,
                (SELECT count(*) FROM audit_log WHERE entity_id = $2) AS audits,
                (SELECT status::text FROM cases WHERE id = $1) AS status`,
        [caseId, caseId],
      );
      expect(counts).toEqual({ triages: '0', events: '0', audits: '0', status: 'new' });
    });
  });

  it('refuses partner users (403), answers 404 for no such case and 409 for a closed one', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const request = { needs: [], risks: [], safeguarding: false };
    expect((await triage(partner.accessToken, caseId, request)).status).toBe(403);
    const missing = await triage(handler.accessToken, randomUUID(), request);
    expect([missing.status, missing.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect((await triage(handler.accessToken, 'not-a-uuid', request)).status).toBe(400);
    await t.asOwner(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [
      caseId,
    ]);
    const closed = await triage(handler.accessToken, caseId, request);
    expect([closed.status, closed.body.code]).toEqual([409, 'CASE_CLOSED']);
    expect(await t.asOwner(`SELECT id FROM triages WHERE case_id = $1`, [caseId])).toEqual([]);
    const unauthenticated = await t.http().post(`/api/cases/${caseId}/triage`).send(request);
    expect(unauthenticated.status).toBe(401);
  });

  it('shows the configuration to front-door staff: risks, priorities with targets, rules, calendar', async () => {
    const response = await t.http().get('/api/triage/config').set(bearer(handler.accessToken));
    expect(response.status).toBe(200);
    const configured = JSON.parse(readFileSync(RULES_FILE, 'utf8')) as {
      risks: { code: string }[];
      rules: { name: string; when: object; priority: string }[];
      default: string;
    };
    const body = response.body as {
      risks: { code: string; label: string; safeguarding: boolean }[];
      priorities: { code: string; label: string; target: object }[];
      rules: { name: string; when: object; priority: string }[];
      default: string;
      calendar: { timeZone: string; bankHolidays: { date: string }[] };
    };
    expect(body.risks.map((risk) => risk.code)).toEqual(configured.risks.map((risk) => risk.code));
    expect(body.risks).toContainEqual({
      code: 'child_safeguarding',
      label: 'Risk of harm to a child',
      safeguarding: true,
    });
    expect(body.priorities).toEqual([
      { code: 'P1', label: 'Immediate: safeguarding or risk to life', target: { hours: 2 } },
      { code: 'P2', label: 'Urgent', target: { workingDays: 1 } },
      { code: 'P3', label: 'Standard', target: { workingDays: 5 } },
      { code: 'P4', label: 'Information only', target: { workingDays: 10 } },
    ]);
    expect(body.rules).toEqual(configured.rules);
    expect(body.default).toBe('P3');
    expect(body.calendar.timeZone).toBe('Europe/London');
    expect(body.calendar.bankHolidays).toContainEqual({
      date: '2026-12-28',
      name: 'Boxing Day (substitute day)',
    });
    const refused = await t.http().get('/api/triage/config').set(bearer(partner.accessToken));
    expect(refused.status).toBe(403);
  });
});

describe('Triage rules from another file (OFD_TRIAGE_RULES_FILE)', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'ofd-triage-'));
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives a different priority when a council changes a rule', async () => {
    const rules = JSON.parse(readFileSync(RULES_FILE, 'utf8')) as {
      rules: { name: string; priority: string }[];
    };
    // This council treats anyone homeless tonight as immediate.
    rules.rules.find((rule) => rule.name === 'homeless_tonight')!.priority = 'P1';
    const file = join(folder, 'triage-rules.json');
    writeFileSync(file, JSON.stringify(rules));
    const request = {
      needs: [{ code: 'housing.homelessness', severity: 2 }],
      risks: ['homeless_tonight'],
      safeguarding: false,
    };

    const apps = {
      standard: await startTestApp(),
      changed: await startTestApp({ triageRulesFile: file }),
    };
    try {
      const answers: Record<string, unknown> = {};
      for (const [name, app] of Object.entries(apps)) {
        const user = await signedIn(app, 'call_handler');
        const { caseId } = await makeCase(app, user.id);
        const response = await app
          .http()
          .post(`/api/cases/${caseId}/triage`)
          .set(bearer(user.accessToken))
          .send(request);
        expect(response.status).toBe(201);
        const body = response.body as TriageBody;
        answers[name] = [body.priority, body.rule];
      }
      expect(answers).toEqual({
        standard: ['P2', 'homeless_tonight'],
        changed: ['P1', 'homeless_tonight'],
      });
    } finally {
      await apps.standard.close();
      await apps.changed.close();
    }
  });

  it('refuses to start on a rules file with a mistake, naming the file and the problem', async () => {
    const rules = JSON.parse(readFileSync(RULES_FILE, 'utf8')) as {
      rules: { name: string; priority: string }[];
    };
    rules.rules[0].priority = 'P0';
    const file = join(folder, 'broken-rules.json');
    writeFileSync(file, JSON.stringify(rules));
    await expect(startTestApp({ triageRulesFile: file })).rejects.toThrow(
      `${file}: rules[0] (risk_to_life): priority "P0" is not one of P1, P2, P3, P4.`,
    );
    writeFileSync(file, '{ "risks": [');
    await expect(startTestApp({ triageRulesFile: file })).rejects.toThrow(
      new RegExp(`^${file.replaceAll('/', '\\/')} is not valid JSON`),
    );
  });
});

describe('Recommendations: the directory services that fit the case', () => {
  let t: TestApp;
  let handler: Signed;
  let partner: Signed;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await signedIn(t, 'admin');
    handler = await signedIn(t, 'call_handler');
    partner = await signedIn(t, 'partner');
    const advice = await makeOrganisation(t, 'partner', 'Leyland Advice Centre');
    const food = await makeOrganisation(t, 'partner', 'Vale Food Network');
    const services: [string, string, object][] = [
      [
        'debtClinic',
        advice.id,
        {
          name: 'Leyland debt clinic',
          needs: ['money.debt'],
          areas: ['RV-LEY-C'],
          eligibility: { minAge: 18 },
          capacity: { available: 4, maximum: 10 },
          responseTargetHours: 48,
        },
      ],
      ['moneyAdvice', advice.id, { name: 'Borough money advice', needs: ['money'], areas: ['RV'] }],
      [
        'pantry',
        food.id,
        {
          name: 'Leyland pantry',
          needs: ['food'],
          areas: ['RV-LEY'],
          capacity: { available: 12, maximum: 20 },
          responseTargetHours: 24,
        },
      ],
      [
        'penwortham',
        advice.id,
        { name: 'Penwortham debt drop-in', needs: ['money.debt'], areas: ['RV-PEN'] },
      ],
      [
        'full',
        advice.id,
        {
          name: 'Debt casework (full)',
          needs: ['money.debt'],
          areas: ['RV'],
          capacity: { available: 0, maximum: 5 },
        },
      ],
      [
        'youth',
        advice.id,
        {
          name: 'Young people debt project',
          needs: ['money.debt'],
          areas: ['RV'],
          eligibility: { minAge: 16, maxAge: 25 },
        },
      ],
      [
        'notAccepting',
        advice.id,
        {
          name: 'Debt line (not taking referrals)',
          needs: ['money.debt'],
          areas: ['RV'],
          acceptingReferrals: false,
        },
      ],
      [
        'inactive',
        food.id,
        { name: 'Old food bank', needs: ['food'], areas: ['RV'], status: 'inactive' },
      ],
      ['unrelated', food.id, { name: 'Digital skills', needs: ['digital.skills'], areas: ['RV'] }],
    ];
    for (const [key, organisationId, body] of services) {
      const response = await t
        .http()
        .post('/api/services')
        .set(bearer(admin.accessToken))
        .send({ organisationId, ...body });
      expect(response.status).toBe(201);
      ids[key] = (response.body as { id: string }).id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const request = {
    needs: [
      { code: 'money.debt', severity: 3 },
      { code: 'food', severity: 1 },
    ],
    risks: [],
    safeguarding: false,
  };

  it('ranks them by need, place, places left and response, with reasons a handler reads', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const response = await t
      .http()
      .post(`/api/cases/${caseId}/triage`)
      .set(bearer(handler.accessToken))
      .send(request);
    expect(response.status).toBe(201);
    const body = response.body as TriageBody;
    expect(body.recommendations).toEqual([
      {
        serviceId: ids.debtClinic,
        name: 'Leyland debt clinic',
        organisation: { id: expect.any(String) as string, name: 'Leyland Advice Centre' },
        score: 39,
        reasons: [
          'Debt advice (money.debt)',
          'covers Leyland Central',
          'accepts 18+',
          '4 places left',
          'responds within 48 hours',
        ],
      },
      {
        serviceId: ids.pantry,
        name: 'Leyland pantry',
        organisation: { id: expect.any(String) as string, name: 'Vale Food Network' },
        score: 22,
        reasons: [
          'Food poverty (food)',
          'covers Leyland',
          '12 places left',
          'responds within 24 hours',
        ],
      },
      {
        serviceId: ids.moneyAdvice,
        name: 'Borough money advice',
        organisation: { id: expect.any(String) as string, name: 'Leyland Advice Centre' },
        score: 13,
        reasons: [
          'Money and debt (money), related to Debt advice (money.debt)',
          'covers all of Ribble Vale',
        ],
      },
    ]);
  });

  it('gives the same answer for the same case, and recomputes from the case when asked', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const triaged = await t
      .http()
      .post(`/api/cases/${caseId}/triage`)
      .set(bearer(handler.accessToken))
      .send(request);
    const again = async () =>
      t.http().get(`/api/cases/${caseId}/recommendations`).set(bearer(handler.accessToken));
    const first = await again();
    const second = await again();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      caseId,
      recommendations: (triaged.body as TriageBody).recommendations,
    });
    expect(second.body).toEqual(first.body);
    const views = await t.asOwner<{ details: object }>(
      `SELECT details FROM audit_log WHERE action = 'case.viewed' AND entity_id = $1`,
      [caseId],
    );
    expect(views).toEqual([
      { details: { view: 'recommendations' } },
      { details: { view: 'recommendations' } },
    ]);

    // A service fills up: it drops out of the recommendations.
    await t.asOwner(`UPDATE services SET capacity_available = 0 WHERE id = $1`, [ids.pantry]);
    const after = await again();
    expect(
      (after.body as TriageBody).recommendations.map((recommendation) => recommendation.name),
    ).toEqual(['Leyland debt clinic', 'Borough money advice']);
    await t.asOwner(`UPDATE services SET capacity_available = 12 WHERE id = $1`, [ids.pantry]);
  });

  it('filters only on what is recorded about the person, and says what to check', async () => {
    const { caseId } = await makeCase(t, handler.id, { areaCode: null, dateOfBirth: null });
    const response = await t
      .http()
      .post(`/api/cases/${caseId}/triage`)
      .set(bearer(handler.accessToken))
      .send({ needs: [{ code: 'money.debt', severity: 2 }], risks: [], safeguarding: false });
    const names = (response.body as TriageBody).recommendations.map((item) => [
      item.name,
      item.reasons,
    ]);
    expect(names).toEqual([
      [
        'Leyland debt clinic',
        [
          'Debt advice (money.debt)',
          'accepts 18+ (age not recorded: check)',
          '4 places left',
          'responds within 48 hours',
        ],
      ],
      ['Penwortham debt drop-in', ['Debt advice (money.debt)']],
      [
        'Young people debt project',
        ['Debt advice (money.debt)', 'accepts ages 16 to 25 (age not recorded: check)'],
      ],
      ['Borough money advice', ['Money and debt (money), related to Debt advice (money.debt)']],
    ]);
  });

  it('answers none for a case with no needs, 404 for no such case, 403 for partner users', async () => {
    const { caseId } = await makeCase(t, handler.id);
    const empty = await t
      .http()
      .get(`/api/cases/${caseId}/recommendations`)
      .set(bearer(handler.accessToken));
    expect(empty.body).toEqual({ caseId, recommendations: [] });
    const missing = await t
      .http()
      .get(`/api/cases/${randomUUID()}/recommendations`)
      .set(bearer(handler.accessToken));
    expect(missing.status).toBe(404);
    const refused = await t
      .http()
      .get(`/api/cases/${caseId}/recommendations`)
      .set(bearer(partner.accessToken));
    expect(refused.status).toBe(403);
  });

  it('is open to every front-door role', async () => {
    const { caseId } = await makeCase(t, handler.id);
    for (const role of ['admin', 'team_lead', 'call_handler', 'caseworker'] as const) {
      const user = await signedIn(t, role);
      const response = await t
        .http()
        .get(`/api/cases/${caseId}/recommendations`)
        .set(bearer(user.accessToken));
      expect(response.status).toBe(200);
    }
  });
});
