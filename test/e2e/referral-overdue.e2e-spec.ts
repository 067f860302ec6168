import pg from 'pg';
import { OverdueSweeper } from '../../src/referral/overdue-sweeper.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import {
  act,
  makeReferral,
  makeReferralWorld,
  moveTo,
  type ReferralBody,
  type ReferralWorld,
} from '../support/referrals.js';

interface ListBody {
  items: { id: string; flags: { overdue: boolean } }[];
  total: number;
  counts: Record<string, number>;
}

/**
 * Stops an instance's periodic sweep (its first sweep, at start, has run), so that the sweeps
 * in these tests are the only ones and their counts can be checked.
 */
async function withoutTimer(t: TestApp): Promise<TestApp> {
  await t.app.get(OverdueSweeper).onModuleDestroy();
  return t;
}

describe('Overdue sweeper: referrals nobody answered in time are flagged once', () => {
  let t: TestApp;
  let world: ReferralWorld;

  const sweep = () => t.app.get(OverdueSweeper).sweep();

  const fallDue = (ids: string[]) =>
    t.asOwner(`UPDATE referrals SET due_at = now() - interval '1 hour' WHERE id = ANY($1)`, [ids]);

  const overdueEvents = (id: string) =>
    t.asOwner<{ organisation_id: string | null; data: Record<string, unknown> }>(
      `SELECT organisation_id, data FROM events WHERE type = 'referral.overdue' AND entity_id = $1`,
      [id],
    );

  const read = async (id: string, token = world.partner.accessToken) => {
    const response = await t.http().get(`/api/referrals/${id}`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as ReferralBody & { overdueAt: string | null };
  };

  const list = async (query: Record<string, string>) => {
    const response = await t
      .http()
      .get('/api/referrals')
      .query({ perPage: '100', ...query })
      .set(bearer(world.partner.accessToken));
    expect(response.status).toBe(200);
    return response.body as ListBody;
  };

  beforeAll(async () => {
    t = await withoutTimer(await startTestApp());
    world = await makeReferralWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('flags a referral past its due time: flag, history, one event for the partner, audit', async () => {
    const referral = await makeReferral(t, world);
    const waiting = await makeReferral(t, world);
    await fallDue([referral.id]);

    expect(await sweep()).toBe(1);

    const flagged = await read(referral.id);
    expect(flagged.status).toBe('sent');
    expect(flagged.flags.overdue).toBe(true);
    expect(flagged.overdueAt).toEqual(expect.any(String));
    expect(Number.isNaN(Date.parse(flagged.overdueAt ?? ''))).toBe(false);
    expect(flagged.version).toBe(referral.version);
    expect(flagged.history.filter((entry) => entry.action === 'overdue')).toEqual([
      expect.objectContaining({ action: 'overdue', from: 'sent', to: 'sent', actor: null }),
    ]);
    const events = await overdueEvents(referral.id);
    expect(events).toHaveLength(1);
    expect(events[0].organisation_id).toBe(world.partnerOrg.id);
    expect(events[0].data).toMatchObject({
      referralId: referral.id,
      status: 'sent',
      overdue: true,
      organisationId: world.partnerOrg.id,
    });
    const audits = await t.asOwner<{ actor_user_id: string | null; details: unknown }>(
      `SELECT actor_user_id, details FROM audit_log
        WHERE action = 'referral.overdue' AND entity_type = 'referral' AND entity_id = $1`,
      [referral.id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].actor_user_id).toBeNull();

    const overdue = await list({ overdue: 'true' });
    expect(overdue.items.map((item) => item.id)).toEqual([referral.id]);
    expect(overdue.counts.overdue).toBe(1);
    expect((await read(waiting.id)).flags.overdue).toBe(false);

    // Once flagged, it is not flagged again.
    expect(await sweep()).toBe(0);
    expect(await overdueEvents(referral.id)).toHaveLength(1);
    const again = await read(referral.id);
    expect(again.overdueAt).toBe(flagged.overdueAt);
    expect(again.history.filter((entry) => entry.action === 'overdue')).toHaveLength(1);
  });

  it('leaves alone referrals not yet due, and those already answered or closed', async () => {
    const notDue = await makeReferral(t, world);
    const accepted = await moveTo(t, world, await makeReferral(t, world), 'accepted');
    const declined = await moveTo(t, world, await makeReferral(t, world), 'declined');
    const withdrawn = await moveTo(t, world, await makeReferral(t, world), 'withdrawn');
    const inProgress = await moveTo(t, world, await makeReferral(t, world), 'in_progress');
    const answered = [accepted, declined, withdrawn, inProgress];
    await fallDue(answered.map((referral) => referral.id));
    // Due in a minute: not yet.
    await t.asOwner(`UPDATE referrals SET due_at = now() + interval '1 minute' WHERE id = $1`, [
      notDue.id,
    ]);

    expect(await sweep()).toBe(0);

    for (const referral of [notDue, ...answered]) {
      const seen = await read(referral.id);
      expect({ id: seen.id, overdue: seen.flags.overdue, overdueAt: seen.overdueAt }).toEqual({
        id: referral.id,
        overdue: false,
        overdueAt: null,
      });
      expect(seen.history.some((entry) => entry.action === 'overdue')).toBe(false);
      expect(await overdueEvents(referral.id)).toHaveLength(0);
    }
  });

  it('keeps overdueAt once the partner answers, but the flag and the overdue filter drop it', async () => {
    const referral = await makeReferral(t, world);
    await fallDue([referral.id]);
    expect(await sweep()).toBe(1);
    const flagged = await read(referral.id);
    expect(flagged.flags.overdue).toBe(true);
    expect((await list({ overdue: 'true' })).items.map((item) => item.id)).toContain(referral.id);

    const accepted = await act(t, world.partner.accessToken, referral.id, 'accept', {
      version: flagged.version,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.flags.overdue).toBe(false);
    expect(accepted.body.overdueAt).toBe(flagged.overdueAt);

    const seen = await read(referral.id);
    expect(seen.flags.overdue).toBe(false);
    expect(seen.overdueAt).toBe(flagged.overdueAt);
    const overdue = await list({ overdue: 'true' });
    expect(overdue.items.map((item) => item.id)).not.toContain(referral.id);
    const notOverdue = await list({ overdue: 'false' });
    expect(notOverdue.items.map((item) => item.id)).toContain(referral.id);
    // Answered, it is not flagged again.
    expect(await sweep()).toBe(0);
    expect(await overdueEvents(referral.id)).toHaveLength(1);
  });

  it('flags each of 300 referrals exactly once when two instances sweep at the same time', async () => {
    const other = await withoutTimer(
      await startTestApp({
        databaseUrl: t.config.databaseUrl,
        migrationDatabaseUrl: t.config.migrationDatabaseUrl,
      }),
    );
    try {
      // Nothing else is waiting to be flagged.
      await sweep();
      const template = await makeReferral(t, world);
      const [{ person_id: personId }] = await t.asOwner<{ person_id: string }>(
        `SELECT person_id FROM referrals WHERE id = $1`,
        [template.id],
      );
      // 300 cases of the same person, each with a referral like the template's, all past due.
      const created = await t.asOwner<{ id: string }>(
        `WITH new_cases AS (
           INSERT INTO cases (person_id, area_code, opened_by)
           SELECT $2, 'RV-LEY-C', $3 FROM generate_series(1, 300)
           RETURNING id
         )
         INSERT INTO referrals (case_id, person_id, service_id, organisation_id, status, reason,
                                shared_fields, snapshot, priority, urgent, safeguarding, area_code,
                                consent_id, sent_by, sent_at, due_at)
         SELECT c.id, r.person_id, r.service_id, r.organisation_id, 'sent', r.reason,
                r.shared_fields, r.snapshot, r.priority, r.urgent, r.safeguarding, r.area_code,
                r.consent_id, r.sent_by, now() - interval '3 days',
                now() - interval '1 hour' - random() * interval '1 day'
           FROM new_cases c CROSS JOIN referrals r WHERE r.id = $1
         RETURNING id`,
        [template.id, personId, world.handler.id],
      );
      expect(created).toHaveLength(300);
      const ids = created.map((row) => row.id);

      const a = t.app.get(OverdueSweeper);
      const b = other.app.get(OverdueSweeper);
      const results = await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);

      expect(results.reduce((sum, n) => sum + n, 0)).toBe(300);
      const perReferral = await t.asOwner<{ entity_id: string; events: number }>(
        `SELECT entity_id, count(*)::int AS events FROM events
          WHERE type = 'referral.overdue' AND entity_id = ANY($1) GROUP BY entity_id`,
        [ids],
      );
      expect(perReferral).toHaveLength(300);
      expect(perReferral.every((row) => row.events === 1)).toBe(true);
      const [counts] = await t.asOwner<{ flagged: number; history: number; audits: number }>(
        `SELECT (SELECT count(*)::int FROM referrals
                  WHERE id = ANY($1) AND overdue_at IS NOT NULL) AS flagged,
                (SELECT count(*)::int FROM referral_history
                  WHERE referral_id = ANY($1) AND action = 'overdue') AS history,
                (SELECT count(*)::int FROM audit_log
                  WHERE action = 'referral.overdue' AND entity_id = ANY($1::text[])) AS audits`,
        [ids],
      );
      expect(counts).toEqual({ flagged: 300, history: 300, audits: 300 });
      expect(await Promise.all([a.sweep(), b.sweep()])).toEqual([0, 0]);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('flags at start what fell due while the application was stopped, once', async () => {
    const referral = await makeReferral(t, world);
    const { config } = t;
    await t.close();

    // The application is down; the referral falls due meanwhile.
    const client = new pg.Client({ connectionString: config.migrationDatabaseUrl });
    await client.connect();
    try {
      await client.query(`UPDATE referrals SET due_at = now() - interval '1 hour' WHERE id = $1`, [
        referral.id,
      ]);
    } finally {
      await client.end();
    }

    // The same database and signing secret: the same installation, restarted.
    t = await withoutTimer(
      await startTestApp({
        databaseUrl: config.databaseUrl,
        migrationDatabaseUrl: config.migrationDatabaseUrl,
        tokenSecret: config.tokenSecret,
      }),
    );

    const seen = await read(referral.id);
    expect(seen.flags.overdue).toBe(true);
    expect(seen.overdueAt).toEqual(expect.any(String));
    expect(seen.history.filter((entry) => entry.action === 'overdue')).toHaveLength(1);
    expect(await overdueEvents(referral.id)).toHaveLength(1);

    expect(await sweep()).toBe(0);
    expect(await overdueEvents(referral.id)).toHaveLength(1);
  });
});
