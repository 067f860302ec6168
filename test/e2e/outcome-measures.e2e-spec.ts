import { randomUUID } from 'node:crypto';
import { bearer, signedIn, startTestApp, type TestApp } from '../support/app.js';

type Signed = Awaited<ReturnType<typeof signedIn>>;

// ---------------------------------------------------------------- factories (rows as owner)

async function makeCase(
  t: TestApp,
  openedBy: string,
  status: 'new' | 'active' | 'closed' = 'active',
): Promise<string> {
  const [person] = await t.asOwner<{ id: string }>(
    `INSERT INTO people (first_name, last_name, created_by) VALUES ('Susan', $1, $2) RETURNING id`,
    [`Measure${randomUUID().slice(0, 6)}`, openedBy],
  );
  const [row] = await t.asOwner<{ id: string }>(
    `INSERT INTO cases (person_id, status, opened_by, closed_at)
     VALUES ($1, $2::case_status, $3, CASE WHEN $2::case_status = 'closed' THEN now() END) RETURNING id`,
    [person.id, status, openedBy],
  );
  return row.id;
}

interface Summary {
  measure: string;
  baseline: { score: number } | null;
  latestFollowUp: { score: number } | null;
  followUps: number;
  change: number | null;
  outcome: string | null;
  higherIsBetter: boolean | null;
}

// ---------------------------------------------------------------- tests

describe('Outcome measures', () => {
  let t: TestApp;
  let worker: Signed;

  const record = (caseId: string, body: object, token = worker.accessToken) =>
    t.http().post(`/api/cases/${caseId}/outcome-measures`).set(bearer(token)).send(body);
  const measuresOf = async (caseId: string): Promise<Summary[]> => {
    const response = await t.http().get(`/api/cases/${caseId}`).set(bearer(worker.accessToken));
    expect(response.status).toBe(200);
    return (response.body as { outcomeMeasures: Summary[] }).outcomeMeasures;
  };
  const stored = async (caseId: string) =>
    t.asOwner<{ measure: string; stage: string; score: number }>(
      `SELECT measure, stage, score FROM outcome_measures WHERE case_id = $1 ORDER BY recorded_at, id`,
      [caseId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    worker = await signedIn(t, 'caseworker');
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a baseline and a follow-up; the case shows the change and whether it is better', async () => {
    const caseId = await makeCase(t, worker.id);
    const baseline = await record(caseId, { measure: 'swemwbs', stage: 'baseline', score: 14 });
    expect(baseline.status).toBe(201);
    expect(baseline.body).toMatchObject({
      caseId,
      measure: 'swemwbs',
      stage: 'baseline',
      score: 14,
      recordedBy: { id: worker.id },
      summary: { baseline: { score: 14 }, latestFollowUp: null, change: null, outcome: null },
    });
    const followUp = await record(caseId, { measure: 'swemwbs', stage: 'followup', score: 19 });
    expect(followUp.status).toBe(201);
    const later = await record(caseId, { measure: 'swemwbs', stage: 'followup', score: 21 });
    expect(later.body).toMatchObject({
      summary: { baseline: { score: 14 }, latestFollowUp: { score: 21 }, followUps: 2, change: 7 },
    });

    // Loneliness: a higher score is worse, so a fall is better.
    await record(caseId, { measure: 'loneliness3', stage: 'baseline', score: 8 });
    await record(caseId, { measure: 'loneliness3', stage: 'followup', score: 5 });
    // Coping got worse.
    await record(caseId, { measure: 'coping', stage: 'baseline', score: 6 });
    await record(caseId, { measure: 'coping', stage: 'followup', score: 6 });

    expect(await measuresOf(caseId)).toEqual([
      {
        measure: 'swemwbs',
        label: 'Short Warwick-Edinburgh Mental Wellbeing Scale',
        min: 7,
        max: 35,
        higherIsBetter: true,
        baseline: { score: 14, recordedAt: expect.any(String) },
        latestFollowUp: { score: 21, recordedAt: expect.any(String) },
        followUps: 2,
        change: 7,
        outcome: 'better',
      },
      expect.objectContaining({
        measure: 'loneliness3',
        higherIsBetter: false,
        baseline: expect.objectContaining({ score: 8 }),
        latestFollowUp: expect.objectContaining({ score: 5 }),
        change: -3,
        outcome: 'better',
      }),
      expect.objectContaining({ measure: 'coping', change: 0, outcome: 'unchanged' }),
    ]);
  });

  it('keeps a follow-up with no baseline, with no change until the baseline comes', async () => {
    const caseId = await makeCase(t, worker.id);
    const followUp = await record(caseId, { measure: 'coping', stage: 'followup', score: 4 });
    expect(followUp.status).toBe(201);
    expect(followUp.body).toMatchObject({
      summary: { baseline: null, latestFollowUp: { score: 4 }, change: null, outcome: null },
    });
    await record(caseId, { measure: 'coping', stage: 'baseline', score: 7 });
    expect(await measuresOf(caseId)).toEqual([
      expect.objectContaining({ measure: 'coping', change: -3, outcome: 'worse' }),
    ]);
  });

  it('refuses scores out of the instrument’s range, unknown measures and stages; stores nothing', async () => {
    const caseId = await makeCase(t, worker.id);
    const refused: [object, string][] = [
      [{ measure: 'swemwbs', stage: 'baseline', score: 6 }, 'score'],
      [{ measure: 'swemwbs', stage: 'baseline', score: 36 }, 'score'],
      [{ measure: 'loneliness3', stage: 'baseline', score: 10 }, 'score'],
      [{ measure: 'loneliness3', stage: 'followup', score: 2 }, 'score'],
      [{ measure: 'coping', stage: 'baseline', score: -1 }, 'score'],
      [{ measure: 'coping', stage: 'baseline', score: 11 }, 'score'],
      [{ measure: 'coping', stage: 'baseline', score: 5.5 }, 'score'],
      [{ measure: 'coping', stage: 'baseline', score: '5' }, 'score'],
      [{ measure: 'coping', stage: 'baseline' }, 'score'],
      [{ measure: 'happiness', stage: 'baseline', score: 5 }, 'measure'],
      [{ measure: 'SWEMWBS', stage: 'baseline', score: 20 }, 'measure'],
      [{ measure: 'coping', stage: 'midway', score: 5 }, 'stage'],
    ];
    for (const [body, field] of refused) {
      const response = await record(caseId, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(response.body).toHaveProperty(['details', 'fields', field]);
    }
    const range = await record(caseId, { measure: 'swemwbs', stage: 'baseline', score: 6 });
    expect(range.body).toMatchObject({
      details: { fields: { score: ['must be a whole number from 7 to 35 for swemwbs'] } },
    });
    expect(await stored(caseId)).toEqual([]);
    // The ends of the range are in it.
    expect((await record(caseId, { measure: 'swemwbs', stage: 'baseline', score: 7 })).status).toBe(
      201,
    );
    expect(
      (await record(caseId, { measure: 'swemwbs', stage: 'followup', score: 35 })).status,
    ).toBe(201);
  });

  it('refuses a second baseline for the same measure, and measures on a closed case', async () => {
    const caseId = await makeCase(t, worker.id);
    expect((await record(caseId, { measure: 'coping', stage: 'baseline', score: 3 })).status).toBe(
      201,
    );
    const second = await record(caseId, { measure: 'coping', stage: 'baseline', score: 5 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'MEASURE_BASELINE_EXISTS' });
    // Another measure's baseline is fine.
    expect(
      (await record(caseId, { measure: 'swemwbs', stage: 'baseline', score: 20 })).status,
    ).toBe(201);

    const closed = await makeCase(t, worker.id, 'closed');
    const onClosed = await record(closed, { measure: 'coping', stage: 'followup', score: 8 });
    expect(onClosed.status).toBe(409);
    expect(onClosed.body).toMatchObject({ code: 'CASE_CLOSED' });
    expect(await stored(closed)).toEqual([]);
    expect(await stored(caseId)).toHaveLength(2);
  });

  it('audits each score recorded, without the score', async () => {
    const caseId = await makeCase(t, worker.id);
    const recorder = await signedIn(t, 'call_handler');
    const response = await record(
      caseId,
      { measure: 'loneliness3', stage: 'baseline', score: 9 },
      recorder.accessToken,
    );
    expect(response.status).toBe(201);
    const audits = await t.asOwner<{ action: string; entity_id: string; details: object }>(
      `SELECT action, entity_id, details FROM audit_log WHERE actor_user_id = $1 AND action LIKE 'case.%'`,
      [recorder.id],
    );
    expect(audits).toEqual([
      {
        action: 'case.outcome_measure_recorded',
        entity_id: caseId,
        details: {
          measureId: (response.body as { id: string }).id,
          measure: 'loneliness3',
          stage: 'baseline',
        },
      },
    ]);
  });

  it('answers 404 for an unknown case', async () => {
    const response = await record(randomUUID(), { measure: 'coping', stage: 'baseline', score: 5 });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
});
