import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/project-root.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';
import {
  act,
  ACTION_BODY,
  makeCase,
  makeReferral,
  makeReferralWorld,
  makeService,
  moveTo,
  sendReferral,
  type ReferralBody,
  type ReferralWorld,
  type Signed,
} from '../support/referrals.js';

/** The lifecycle as API.md states it ("Referrals"): what may be done from each state. */
const STATES = [
  'sent',
  'accepted',
  'declined',
  'in_progress',
  'on_hold',
  'completed',
  'withdrawn',
] as const;
type State = (typeof STATES)[number];
const ACTIONS = ['accept', 'decline', 'start', 'hold', 'resume', 'complete', 'withdraw'] as const;
type Action = (typeof ACTIONS)[number];
const PARTNER_ACTIONS: Action[] = ['accept', 'decline', 'start', 'hold', 'resume', 'complete'];
const ALLOWED: Record<State, Action[]> = {
  sent: ['accept', 'decline', 'withdraw'],
  accepted: ['start', 'hold', 'complete', 'withdraw'],
  in_progress: ['hold', 'complete', 'withdraw'],
  on_hold: ['resume', 'withdraw'],
  declined: [],
  completed: [],
  withdrawn: [],
};
/** The event each action announces on the live queue. */
const EVENT: Record<Action, string> = {
  accept: 'referral.accepted',
  decline: 'referral.declined',
  start: 'referral.started',
  hold: 'referral.held',
  resume: 'referral.resumed',
  complete: 'referral.completed',
  withdraw: 'referral.withdrawn',
};
const FRONT_DOOR_USERS = ['call_handler', 'caseworker', 'team_lead'] as const;
type FrontDoorUser = (typeof FRONT_DOOR_USERS)[number];

/** Every state x action the lifecycle refuses. */
const REFUSED: [State, Action][] = STATES.flatMap((state) =>
  ACTIONS.filter((action) => !ALLOWED[state].includes(action)).map((action): [State, Action] => [
    state,
    action,
  ]),
);
/** Every state x front-door user x partner action, and the partner's withdraw from every state. */
const WRONG_SIDE: [State, string, Action][] = STATES.flatMap((state) => [
  ...FRONT_DOOR_USERS.flatMap((role) =>
    PARTNER_ACTIONS.map((action): [State, string, Action] => [state, role, action]),
  ),
  [state, 'partner', 'withdraw'] as [State, string, Action],
]);

interface ReferralSettingsFile {
  defaultResponseTargetHours: number;
  urgentResponseTargetHours: Record<string, number>;
}
const SETTINGS = JSON.parse(
  readFileSync(join(projectRoot(), 'config', 'referrals.json'), 'utf8'),
) as ReferralSettingsFile;
const HOUR = 3_600_000;

/** Triage bodies that give each priority (config/triage-rules.json). */
const TRIAGE_FOR = {
  P1: { needs: [{ code: 'money.debt', severity: 2 }], risks: [], safeguarding: true },
  P2: { needs: [{ code: 'money.debt', severity: 1 }], risks: ['no_heating'], safeguarding: false },
  P3: { needs: [{ code: 'money.debt', severity: 1 }], risks: [], safeguarding: false },
} as const;

interface ErrorBody {
  code: string;
  details?: Record<string, unknown> & { fields?: Record<string, string[]> };
}

describe('Referrals: the closed loop between the front door and a partner', () => {
  let t: TestApp;
  let world: ReferralWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await makeReferralWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  // ------------------------------------------------------------------ helpers

  const tokenFor = (action: string) =>
    action === 'withdraw' ? world.handler.accessToken : world.partner.accessToken;
  const userFor = (action: string): Signed =>
    action === 'withdraw' ? world.handler : world.partner;
  const frontDoorUser = (role: string): Signed =>
    ({ call_handler: world.handler, caseworker: world.caseworker, team_lead: world.lead })[
      role as FrontDoorUser
    ];

  const getReferral = async (token: string, id: string) => {
    const response = await t.http().get(`/api/referrals/${id}`).set(bearer(token));
    return { status: response.status, body: response.body as ReferralBody };
  };

  /** The referral's status and version as stored, read behind the application. */
  const stored = async (id: string) => {
    const [row] = await t.asOwner<{ status: string; version: number }>(
      `SELECT status::text AS status, version FROM referrals WHERE id = $1`,
      [id],
    );
    return row;
  };

  const eventTypes = async (id: string) =>
    (
      await t.asOwner<{ type: string }>(
        `SELECT type FROM events WHERE entity_id = $1 ORDER BY id`,
        [id],
      )
    ).map((row) => row.type);

  const auditRows = (entityId: string, action: string) =>
    t.asOwner<{ actor_user_id: string | null; details: Record<string, unknown> }>(
      `SELECT actor_user_id, details FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`,
      [entityId, action],
    );

  const historyActions = async (id: string) =>
    (
      await t.asOwner<{ action: string }>(
        `SELECT action FROM referral_history WHERE referral_id = $1 ORDER BY at, id`,
        [id],
      )
    ).map((row) => row.action);

  const referralsOfCase = async (caseId: string) =>
    Number(
      (
        await t.asOwner<{ count: string }>(`SELECT count(*) FROM referrals WHERE case_id = $1`, [
          caseId,
        ])
      )[0].count,
    );

  const triage = async (caseId: string, body: object) => {
    const response = await t
      .http()
      .post(`/api/cases/${caseId}/triage`)
      .set(bearer(world.handler.accessToken))
      .send({ notes: null, ...body });
    expect(response.status).toBe(201);
    return response.body as { priority: string };
  };

  const closeCase = (token: string, caseId: string, body: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`/api/cases/${caseId}/close`)
      .set(bearer(token))
      .send({ reason: 'referred_on', notes: 'Referred to debt advice', ...body });

  const sorted = (actions: readonly string[]) => [...actions].sort();

  // ------------------------------------------------------------------ 1. allowed transitions

  describe('allowed transitions', () => {
    /**
     * Takes `action` on `referral` as the side it belongs to, and checks the answer, the new
     * history row, the stored version and the event announced.
     */
    async function expectTransition(
      referral: ReferralBody,
      action: Action,
      to: State,
      extra: Record<string, unknown> = ACTION_BODY[action],
    ): Promise<ReferralBody> {
      const moved = await act(t, tokenFor(action), referral.id, action, {
        version: referral.version,
        ...extra,
      });
      expect(moved.status).toBe(200);
      expect(moved.body.status).toBe(to);
      expect(moved.body.version).toBe(referral.version + 1);
      expect(moved.body.history).toHaveLength(referral.history.length + 1);
      expect(moved.body.history.slice(0, -1)).toEqual(referral.history);
      expect(moved.body.history.at(-1)).toMatchObject({
        action,
        from: referral.status,
        to,
        code: (extra.reason ?? extra.outcome ?? null) as string | null,
        notes: (extra.notes ?? null) as string | null,
        actor: { id: userFor(action).id },
      });
      expect(await stored(referral.id)).toEqual({ status: to, version: referral.version + 1 });
      expect((await eventTypes(referral.id)).at(-1)).toBe(EVENT[action]);
      expect(await auditRows(referral.id, EVENT[action])).toHaveLength(
        (await historyActions(referral.id)).filter((done) => done === action).length,
      );
      return moved.body;
    }

    it('a new referral is sent, unanswered, with one history row', async () => {
      const referral = await makeReferral(t, world);
      expect(referral).toMatchObject({
        status: 'sent',
        version: 1,
        answeredAt: null,
        closedAt: null,
        declineReason: null,
        outcome: null,
        viewedAt: null,
      });
      expect(referral.history).toEqual([
        expect.objectContaining({ action: 'send', from: null, to: 'sent', code: null }),
      ]);
      expect(await eventTypes(referral.id)).toEqual(['referral.sent']);
    });

    it('sent -> accepted: answered, not closed', async () => {
      const accepted = await expectTransition(await makeReferral(t, world), 'accept', 'accepted');
      expect(accepted.answeredAt).not.toBeNull();
      expect(accepted).toMatchObject({ closedAt: null, declineReason: null, outcome: null });
      expect(sorted(accepted.allowedActions)).toEqual(sorted(['start', 'hold', 'complete']));
    });

    it('sent -> declined: answered and closed, with the reason and notes', async () => {
      const declined = await expectTransition(await makeReferral(t, world), 'decline', 'declined', {
        reason: 'not_eligible',
        notes: 'Income above the limit',
      });
      expect(declined.answeredAt).not.toBeNull();
      expect(declined.closedAt).not.toBeNull();
      expect(declined).toMatchObject({ declineReason: 'not_eligible', outcome: null });
      expect(declined.allowedActions).toEqual([]);
    });

    it('a decline writes its history row, then audits the change and the view of the person, in order', async () => {
      const referral = await makeReferral(t, world);
      await expectTransition(referral, 'decline', 'declined', {
        reason: 'other',
        notes: 'Moved out of the borough',
      });
      const [stored] = await t.asOwner<{ person_id: string; shared_fields: string[] }>(
        `SELECT person_id, shared_fields FROM referrals WHERE id = $1`,
        [referral.id],
      );
      const history = await t.asOwner<Record<string, unknown>>(
        `SELECT action, from_status, to_status, code, notes, actor_user_id
           FROM referral_history WHERE referral_id = $1 ORDER BY at, id`,
        [referral.id],
      );
      expect(history.at(-1)).toEqual({
        action: 'decline',
        from_status: 'sent',
        to_status: 'declined',
        code: 'other',
        notes: 'Moved out of the borough',
        actor_user_id: world.partner.id,
      });
      const audits = await t.asOwner<Record<string, unknown>>(
        `SELECT action, entity_type, entity_id, actor_user_id, actor_organisation_id, actor_role,
                correlation_id, details
           FROM audit_log
          WHERE actor_user_id = $1 AND (entity_id = $2 OR entity_id = $3)
            AND action IN ('referral.declined', 'person.viewed')
          ORDER BY id`,
        [world.partner.id, referral.id, stored.person_id],
      );
      const actor = {
        actor_user_id: world.partner.id,
        actor_organisation_id: world.partnerOrg.id,
        actor_role: 'partner',
      };
      expect(audits).toEqual([
        {
          action: 'referral.declined',
          entity_type: 'referral',
          entity_id: referral.id,
          ...actor,
          correlation_id: expect.any(String),
          details: { from: 'sent', to: 'declined', code: 'other', version: 2 },
        },
        {
          action: 'person.viewed',
          entity_type: 'person',
          entity_id: stored.person_id,
          ...actor,
          correlation_id: audits[0].correlation_id,
          details: { via: 'referral', referralId: referral.id, fields: stored.shared_fields },
        },
      ]);
    });

    it('accepted -> in_progress: keeps the time it was answered', async () => {
      const accepted = await moveTo(t, world, await makeReferral(t, world), 'accepted');
      const started = await expectTransition(accepted, 'start', 'in_progress');
      expect(started.answeredAt).toBe(accepted.answeredAt);
      expect(started.closedAt).toBeNull();
    });

    it('accepted -> completed: closed with the outcome', async () => {
      const accepted = await moveTo(t, world, await makeReferral(t, world), 'accepted');
      const completed = await expectTransition(accepted, 'complete', 'completed');
      expect(completed).toMatchObject({ outcome: 'need_met', declineReason: null });
      expect(completed.answeredAt).toBe(accepted.answeredAt);
      expect(completed.closedAt).not.toBeNull();
      expect(completed.allowedActions).toEqual([]);
    });

    it('in_progress -> completed: closed with the outcome', async () => {
      const started = await moveTo(t, world, await makeReferral(t, world), 'in_progress');
      const completed = await expectTransition(started, 'complete', 'completed', {
        outcome: 'partly_met',
        notes: 'Payment plan agreed; benefits check still to do',
      });
      expect(completed.outcome).toBe('partly_met');
      expect(completed.closedAt).not.toBeNull();
    });

    it('accepted -> on_hold -> resume returns it to accepted', async () => {
      const accepted = await moveTo(t, world, await makeReferral(t, world), 'accepted');
      const held = await expectTransition(accepted, 'hold', 'on_hold');
      expect(held.allowedActions).toEqual(['resume']);
      expect(held.closedAt).toBeNull();
      const resumed = await expectTransition(held, 'resume', 'accepted');
      expect(resumed.version).toBe(accepted.version + 2);
      expect(sorted(resumed.allowedActions)).toEqual(sorted(['start', 'hold', 'complete']));
    });

    it('in_progress -> on_hold -> resume returns it to in_progress', async () => {
      const started = await moveTo(t, world, await makeReferral(t, world), 'in_progress');
      const held = await expectTransition(started, 'hold', 'on_hold');
      const resumed = await expectTransition(held, 'resume', 'in_progress');
      expect(resumed.version).toBe(started.version + 2);
      expect(sorted(resumed.allowedActions)).toEqual(sorted(['hold', 'complete']));
    });

    it.each(['sent', 'accepted', 'in_progress', 'on_hold'] as const)(
      'the sender withdraws it from %s: closed, with the notes',
      async (state) => {
        const before = await moveTo(t, world, await makeReferral(t, world), state);
        const withdrawn = await expectTransition(before, 'withdraw', 'withdrawn');
        expect(withdrawn.closedAt).not.toBeNull();
        expect(withdrawn.answeredAt).toBe(before.answeredAt ?? null);
        expect(withdrawn).toMatchObject({ declineReason: null, outcome: null });
        expect(withdrawn.allowedActions).toEqual([]);
        const partnerView = await getReferral(world.partner.accessToken, before.id);
        expect(partnerView.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });
      },
    );
  });

  // ------------------------------------------------------------------ 2. refused transitions

  describe('refused transitions', () => {
    it.each(REFUSED)(
      'from %s, %s -> 409 REFERRAL_INVALID_TRANSITION, and the referral is unchanged',
      async (state, action) => {
        const before = await moveTo(t, world, await makeReferral(t, world), state);
        const refused = await act(t, tokenFor(action), before.id, action, {
          version: before.version,
          ...ACTION_BODY[action],
        });
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('REFERRAL_INVALID_TRANSITION');
        expect(refused.body.details).toMatchObject({ status: state, action });
        expect(await stored(before.id)).toEqual({ status: state, version: before.version });
        expect(await historyActions(before.id)).toHaveLength(before.history.length);
      },
    );

    describe('by the wrong side (the route guard)', () => {
      const inState = new Map<State, ReferralBody>();

      beforeAll(async () => {
        for (const state of STATES) {
          inState.set(state, await moveTo(t, world, await makeReferral(t, world), state));
        }
      });

      it.each(STATES)('in %s, each side is offered only its own allowed actions', async (state) => {
        const id = inState.get(state)?.id ?? '';
        const partnerView = await getReferral(world.partner.accessToken, id);
        const frontDoorView = await getReferral(world.handler.accessToken, id);
        expect(sorted(partnerView.body.allowedActions)).toEqual(
          sorted(ALLOWED[state].filter((action) => action !== 'withdraw')),
        );
        expect(frontDoorView.body.allowedActions).toEqual(
          ALLOWED[state].filter((action) => action === 'withdraw'),
        );
      });

      it.each(WRONG_SIDE)('in %s, a %s calling %s -> 403', async (state, role, action) => {
        const before = inState.get(state);
        if (before === undefined) throw new Error(`no referral in ${state}`);
        const user = role === 'partner' ? world.partner : frontDoorUser(role);
        const refused = await act(t, user.accessToken, before.id, action, {
          version: before.version,
          ...ACTION_BODY[action],
        });
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('AUTH_ROLE_NOT_ALLOWED');
        expect(await stored(before.id)).toEqual({ status: state, version: before.version });
      });
    });
  });

  // ------------------------------------------------------------------ 3. versions and bodies

  describe('versions and request bodies', () => {
    it('a stale version -> 409 REFERRAL_VERSION_CONFLICT with the current status and version', async () => {
      const referral = await makeReferral(t, world);
      const accepted = await act(t, world.partner.accessToken, referral.id, 'accept', {
        version: 1,
      });
      expect(accepted.status).toBe(200);
      const stale = await act(t, world.partnerColleague.accessToken, referral.id, 'start', {
        version: 1,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('REFERRAL_VERSION_CONFLICT');
      expect(stale.body.details).toEqual({ status: 'accepted', version: 2 });
      const staleWithdraw = await act(t, world.handler.accessToken, referral.id, 'withdraw', {
        version: 1,
        notes: 'No longer needed',
      });
      expect(staleWithdraw.status).toBe(409);
      expect(staleWithdraw.body.code).toBe('REFERRAL_VERSION_CONFLICT');
      expect(await stored(referral.id)).toEqual({ status: 'accepted', version: 2 });
    });

    /** [what is wrong, state, action, body, the field blamed (null: not named)] */
    const INVALID: [string, State, Action, Record<string, unknown>, string | null][] = [
      ['no version', 'sent', 'accept', { version: undefined }, 'version'],
      ['a version of 0', 'sent', 'accept', { version: 0 }, 'version'],
      ['a version as text', 'sent', 'accept', { version: '1' }, 'version'],
      ['decline for "other" without notes', 'sent', 'decline', { reason: 'other' }, 'notes'],
      ['decline without a reason', 'sent', 'decline', { notes: 'Full' }, 'reason'],
      ['decline with an unknown reason', 'sent', 'decline', { reason: 'busy' }, 'reason'],
      ['complete without an outcome', 'accepted', 'complete', { notes: 'Done' }, 'outcome'],
      ['complete without notes', 'accepted', 'complete', { outcome: 'need_met' }, 'notes'],
      [
        'complete with blank notes',
        'accepted',
        'complete',
        { outcome: 'need_met', notes: ' ' },
        'notes',
      ],
      ['withdraw without notes', 'sent', 'withdraw', {}, 'notes'],
      ['an unknown field', 'sent', 'accept', { priority: 'P1' }, null],
      ['an unknown field on withdraw', 'sent', 'withdraw', { notes: 'Moved', status: 'x' }, null],
    ];

    it.each(INVALID)(
      '%s -> 400, and the referral is unchanged',
      async (_what, state, action, body, field) => {
        const before = await moveTo(t, world, await makeReferral(t, world), state);
        const refused = await act(t, tokenFor(action), before.id, action, {
          version: before.version,
          ...body,
        });
        expect(refused.status).toBe(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
        if (field !== null) {
          expect((refused.body as ErrorBody).details?.fields).toHaveProperty([field]);
        }
        expect(await stored(before.id)).toEqual({ status: state, version: before.version });
      },
    );

    it('decline for "other" with notes is accepted', async () => {
      const referral = await makeReferral(t, world);
      const declined = await act(t, world.partner.accessToken, referral.id, 'decline', {
        version: 1,
        reason: 'other',
        notes: 'Service closing for refurbishment',
      });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'other' });
    });

    it('sending with an unknown field -> 400, nothing sent', async () => {
      const { caseId } = await makeCase(t, world.handler);
      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId: world.serviceId,
        status: 'accepted',
      });
      expect(sent.status).toBe(400);
      expect(sent.body.code).toBe('VALIDATION_FAILED');
      expect(await referralsOfCase(caseId)).toBe(0);
    });

    it('sending an unknown shared field, or none -> 400', async () => {
      const { caseId } = await makeCase(t, world.handler);
      for (const shared of [['name', 'nationalInsurance'], []]) {
        const sent = await sendReferral(t, world.handler.accessToken, caseId, {
          serviceId: world.serviceId,
          shared,
        });
        expect(sent.status).toBe(400);
        expect((sent.body as ErrorBody).details?.fields).toHaveProperty(['shared']);
      }
      expect(await referralsOfCase(caseId)).toBe(0);
    });
  });

  // ------------------------------------------------------------------ 4. concurrency

  describe('two partners accepting at once', () => {
    it('exactly one wins; one history row, one event, one audit row (5 rounds)', async () => {
      for (let round = 0; round < 5; round += 1) {
        const referral = await makeReferral(t, world);
        const answers = await Promise.all([
          act(t, world.partner.accessToken, referral.id, 'accept', { version: 1 }),
          act(t, world.partnerColleague.accessToken, referral.id, 'accept', { version: 1 }),
        ]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
        const lost = answers.find((answer) => answer.status === 409);
        expect(lost?.body.code).toBe('REFERRAL_VERSION_CONFLICT');
        expect(lost?.body.details).toEqual({ status: 'accepted', version: 2 });
        expect(await stored(referral.id)).toEqual({ status: 'accepted', version: 2 });
        expect(await historyActions(referral.id)).toEqual(['send', 'accept']);
        expect(
          (await eventTypes(referral.id)).filter((type) => type === 'referral.accepted'),
        ).toHaveLength(1);
        expect(await auditRows(referral.id, 'referral.accepted')).toHaveLength(1);
      }
    });
  });

  // ------------------------------------------------------------------ 5. consent

  describe('sending: consent and its override', () => {
    const expectConsentRequired = async (caseId: string, consentState: string) => {
      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId: world.serviceId,
      });
      expect(sent.status).toBe(422);
      expect(sent.body.code).toBe('REFERRAL_CONSENT_REQUIRED');
      expect(sent.body.details).toEqual({ consentState });
      expect(await referralsOfCase(caseId)).toBe(0);
    };

    it('no consent recorded -> 422 with consentState none', async () => {
      const { caseId } = await makeCase(t, world.handler, { kind: 'none' });
      await expectConsentRequired(caseId, 'none');
    });

    it('consent refused -> 422 with consentState refused', async () => {
      const { caseId } = await makeCase(t, world.handler, { kind: 'refused' });
      await expectConsentRequired(caseId, 'refused');
    });

    it('consent named to a different organisation -> 422', async () => {
      const other = await makeOrganisation(t, 'partner');
      const { caseId } = await makeCase(t, world.handler, {
        kind: 'named',
        organisationIds: [other.id],
      });
      await expectConsentRequired(caseId, 'given');
    });

    it('consent named to this partner organisation -> 201, with the consent recorded', async () => {
      const { caseId, consentId } = await makeCase(t, world.handler, {
        kind: 'named',
        organisationIds: [world.partnerOrg.id],
      });
      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId: world.serviceId,
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ consentId, consentOverrideReason: null });
      expect(sent.body.flags.consentOverride).toBe(false);
    });

    it('consent expired -> 422 with consentState expired', async () => {
      const { caseId, consentId } = await makeCase(t, world.handler);
      await t.asOwner(`UPDATE consents SET expires_at = now() - interval '1 day' WHERE id = $1`, [
        consentId,
      ]);
      await expectConsentRequired(caseId, 'expired');
    });

    it('consent withdrawn -> 422 with consentState withdrawn', async () => {
      const { caseId, consentId } = await makeCase(t, world.handler);
      const withdrawn = await t
        .http()
        .post(`/api/consents/${consentId}/withdraw`)
        .set(bearer(world.handler.accessToken))
        .send({ reason: 'person_withdrew' });
      expect(withdrawn.status).toBe(200);
      await expectConsentRequired(caseId, 'withdrawn');
    });

    it('a call handler overriding with a reason -> 403 CONSENT_OVERRIDE_TEAM_LEAD_ONLY', async () => {
      const { caseId } = await makeCase(t, world.handler, { kind: 'none' });
      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId: world.serviceId,
        consentOverride: { reason: 'Serious risk; cannot reach her to ask' },
      });
      expect(sent.status).toBe(403);
      expect(sent.body.code).toBe('CONSENT_OVERRIDE_TEAM_LEAD_ONLY');
      expect(await referralsOfCase(caseId)).toBe(0);
    });

    it('a team lead overriding with a reason -> 201, flagged and audited', async () => {
      const { caseId } = await makeCase(t, world.handler, { kind: 'refused' });
      const sent = await sendReferral(t, world.lead.accessToken, caseId, {
        serviceId: world.serviceId,
        consentOverride: { reason: 'Serious risk; cannot reach her to ask' },
      });
      expect(sent.status).toBe(201);
      expect(sent.body.flags.consentOverride).toBe(true);
      expect(sent.body).toMatchObject({
        consentOverrideReason: 'Serious risk; cannot reach her to ask',
        consentOverrideBy: { id: world.lead.id },
      });
      expect(await auditRows(sent.body.id, 'referral.consent_overridden')).toEqual([
        {
          actor_user_id: world.lead.id,
          details: { consentState: 'refused', overriddenBy: world.lead.id, approvalId: null },
        },
      ]);
    });

    it('a team lead override without a reason -> 400', async () => {
      const { caseId } = await makeCase(t, world.handler, { kind: 'none' });
      const sent = await sendReferral(t, world.lead.accessToken, caseId, {
        serviceId: world.serviceId,
        consentOverride: {},
      });
      expect(sent.status).toBe(400);
      expect(await referralsOfCase(caseId)).toBe(0);
    });

    describe("a team lead's approval, used by a handler", () => {
      const approve = (token: string, caseId: string, serviceId: string) =>
        t
          .http()
          .post(`/api/cases/${caseId}/consent-overrides`)
          .set(bearer(token))
          .send({ serviceId, reason: 'Person at risk; consent cannot be asked safely' });

      it('works once; the same approval again -> 422', async () => {
        const { caseId } = await makeCase(t, world.handler, { kind: 'none' });
        const approval = await approve(world.lead.accessToken, caseId, world.serviceId);
        expect(approval.status).toBe(201);
        const approvalId = (approval.body as { id: string }).id;
        expect(approval.body).toMatchObject({
          caseId,
          serviceId: world.serviceId,
          approvedBy: { id: world.lead.id },
        });

        const sent = await sendReferral(t, world.handler.accessToken, caseId, {
          serviceId: world.serviceId,
          consentOverride: { approvalId },
        });
        expect(sent.status).toBe(201);
        expect(sent.body.flags.consentOverride).toBe(true);
        expect(sent.body).toMatchObject({
          consentOverrideBy: { id: world.lead.id },
          consentOverrideReason: 'Person at risk; consent cannot be asked safely',
          sentBy: { id: world.handler.id },
        });
        expect(await auditRows(sent.body.id, 'referral.consent_overridden')).toEqual([
          {
            actor_user_id: world.handler.id,
            details: { consentState: 'none', overriddenBy: world.lead.id, approvalId },
          },
        ]);

        const withdrawn = await act(t, world.handler.accessToken, sent.body.id, 'withdraw', {
          version: sent.body.version,
          notes: 'Sent in error',
        });
        expect(withdrawn.status).toBe(200);
        const again = await sendReferral(t, world.handler.accessToken, caseId, {
          serviceId: world.serviceId,
          consentOverride: { approvalId },
        });
        expect(again.status).toBe(422);
        expect(again.body.code).toBe('CONSENT_OVERRIDE_APPROVAL_INVALID');
        expect(await referralsOfCase(caseId)).toBe(1);
      });

      it('an approval for another service -> 422', async () => {
        const { caseId } = await makeCase(t, world.handler, { kind: 'none' });
        const otherService = await makeService(t, world.admin, world.partnerOrg.id);
        const approval = await approve(world.lead.accessToken, caseId, otherService);
        expect(approval.status).toBe(201);
        const sent = await sendReferral(t, world.handler.accessToken, caseId, {
          serviceId: world.serviceId,
          consentOverride: { approvalId: (approval.body as { id: string }).id },
        });
        expect(sent.status).toBe(422);
        expect(sent.body.code).toBe('CONSENT_OVERRIDE_APPROVAL_INVALID');
        expect(await referralsOfCase(caseId)).toBe(0);
      });

      it('an approval for another case -> 422', async () => {
        const first = await makeCase(t, world.handler, { kind: 'none' });
        const second = await makeCase(t, world.handler, { kind: 'none' });
        const approval = await approve(world.lead.accessToken, first.caseId, world.serviceId);
        const sent = await sendReferral(t, world.handler.accessToken, second.caseId, {
          serviceId: world.serviceId,
          consentOverride: { approvalId: (approval.body as { id: string }).id },
        });
        expect(sent.status).toBe(422);
        expect(sent.body.code).toBe('CONSENT_OVERRIDE_APPROVAL_INVALID');
      });

      it('an expired approval -> 422', async () => {
        const { caseId } = await makeCase(t, world.handler, { kind: 'none' });
        const approval = await approve(world.lead.accessToken, caseId, world.serviceId);
        const approvalId = (approval.body as { id: string }).id;
        await t.asOwner(
          `UPDATE consent_override_approvals SET expires_at = now() - interval '1 minute' WHERE id = $1`,
          [approvalId],
        );
        const sent = await sendReferral(t, world.handler.accessToken, caseId, {
          serviceId: world.serviceId,
          consentOverride: { approvalId },
        });
        expect(sent.status).toBe(422);
        expect(sent.body.code).toBe('CONSENT_OVERRIDE_APPROVAL_INVALID');
        expect(await referralsOfCase(caseId)).toBe(0);
      });

      it.each(['call_handler', 'caseworker'])('a %s cannot approve -> 403', async (role) => {
        const { caseId } = await makeCase(t, world.handler, { kind: 'none' });
        const approval = await approve(frontDoorUser(role).accessToken, caseId, world.serviceId);
        expect(approval.status).toBe(403);
        expect((approval.body as ErrorBody).code).toBe('AUTH_ROLE_NOT_ALLOWED');
        const [{ count }] = await t.asOwner<{ count: string }>(
          `SELECT count(*) FROM consent_override_approvals WHERE case_id = $1`,
          [caseId],
        );
        expect(count).toBe('0');
      });
    });
  });

  // ------------------------------------------------------------------ 6. other guards

  describe('sending: service, area, duplicate and case guards', () => {
    const patchService = async (serviceId: string, body: Record<string, unknown>) => {
      const response = await t
        .http()
        .patch(`/api/services/${serviceId}`)
        .set(bearer(world.admin.accessToken))
        .send(body);
      expect(response.status).toBe(200);
    };

    it('a service not accepting referrals -> 422 SERVICE_NOT_ACCEPTING_REFERRALS', async () => {
      const serviceId = await makeService(t, world.admin, world.partnerOrg.id);
      await patchService(serviceId, { acceptingReferrals: false });
      const { caseId } = await makeCase(t, world.handler);
      const sent = await sendReferral(t, world.handler.accessToken, caseId, { serviceId });
      expect(sent.status).toBe(422);
      expect(sent.body.code).toBe('SERVICE_NOT_ACCEPTING_REFERRALS');
      expect(await referralsOfCase(caseId)).toBe(0);
    });

    it('an inactive service -> 422 SERVICE_NOT_ACTIVE', async () => {
      const serviceId = await makeService(t, world.admin, world.partnerOrg.id);
      await patchService(serviceId, { status: 'inactive' });
      const { caseId } = await makeCase(t, world.handler);
      const sent = await sendReferral(t, world.handler.accessToken, caseId, { serviceId });
      expect(sent.status).toBe(422);
      expect(sent.body.code).toBe('SERVICE_NOT_ACTIVE');
      expect(await referralsOfCase(caseId)).toBe(0);
    });

    it('an unknown service -> 400 naming serviceId', async () => {
      const { caseId } = await makeCase(t, world.handler);
      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId: randomUUID(),
      });
      expect(sent.status).toBe(400);
      expect((sent.body as ErrorBody).details?.fields).toHaveProperty(['serviceId']);
    });

    it("a service outside the person's area -> 422; with an out-of-area reason -> 201, flagged", async () => {
      const serviceId = await makeService(t, world.admin, world.partnerOrg.id, {
        areas: ['RV-PEN'],
      });
      const { caseId } = await makeCase(t, world.handler);
      const refused = await sendReferral(t, world.handler.accessToken, caseId, { serviceId });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('REFERRAL_OUTSIDE_AREA');
      expect(refused.body.details).toEqual({ areaCode: 'RV-LEY-C' });
      expect(await referralsOfCase(caseId)).toBe(0);

      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId,
        outOfAreaReason: 'Only service with a Polish-speaking adviser',
      });
      expect(sent.status).toBe(201);
      expect(sent.body.flags.outOfArea).toBe(true);
      expect(sent.body).toMatchObject({
        areaCode: 'RV-LEY-C',
        outOfAreaReason: 'Only service with a Polish-speaking adviser',
      });
    });

    it("a service covering the person's wider area (RV-LEY) is in area", async () => {
      const serviceId = await makeService(t, world.admin, world.partnerOrg.id, {
        areas: ['RV-LEY'],
      });
      const { caseId } = await makeCase(t, world.handler);
      const sent = await sendReferral(t, world.handler.accessToken, caseId, { serviceId });
      expect(sent.status).toBe(201);
      expect(sent.body.flags.outOfArea).toBe(false);
      expect(sent.body.outOfAreaReason).toBeNull();
    });

    it('a second open referral to the same service -> 409 REFERRAL_DUPLICATE; after a decline, allowed', async () => {
      const first = await makeReferral(t, world);
      const duplicate = await sendReferral(t, world.handler.accessToken, first.caseId, {
        serviceId: world.serviceId,
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('REFERRAL_DUPLICATE');
      expect(duplicate.body.details).toEqual({ referralId: first.id });

      await moveTo(t, world, first, 'declined');
      const again = await sendReferral(t, world.handler.accessToken, first.caseId, {
        serviceId: world.serviceId,
      });
      expect(again.status).toBe(201);
      expect(again.body.status).toBe('sent');
      expect(await referralsOfCase(first.caseId)).toBe(2);
    });

    it('a closed case -> 409 CASE_CLOSED', async () => {
      const { caseId } = await makeCase(t, world.handler);
      expect((await closeCase(world.handler.accessToken, caseId)).status).toBe(200);
      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId: world.serviceId,
      });
      expect(sent.status).toBe(409);
      expect(sent.body.code).toBe('CASE_CLOSED');
      expect(await referralsOfCase(caseId)).toBe(0);
    });

    it('an unknown case -> 404 CASE_NOT_FOUND', async () => {
      const sent = await sendReferral(t, world.handler.accessToken, randomUUID(), {
        serviceId: world.serviceId,
      });
      expect(sent.status).toBe(404);
      expect(sent.body.code).toBe('CASE_NOT_FOUND');
    });

    it('a partner cannot send -> 403', async () => {
      const { caseId } = await makeCase(t, world.handler);
      const sent = await sendReferral(t, world.partner.accessToken, caseId, {
        serviceId: world.serviceId,
      });
      expect(sent.status).toBe(403);
      expect(sent.body.code).toBe('AUTH_ROLE_NOT_ALLOWED');
      expect(await referralsOfCase(caseId)).toBe(0);
    });
  });

  // ------------------------------------------------------------------ 7. re-routing

  describe('re-routing a declined referral', () => {
    let otherOrg: { id: string };
    let otherPartner: Signed;
    let otherService: string;

    beforeAll(async () => {
      otherOrg = await makeOrganisation(t, 'partner');
      otherPartner = await signedIn(t, 'partner', { organisationId: otherOrg.id });
      otherService = await makeService(t, world.admin, otherOrg.id, { name: 'Money advice' });
    });

    const reroute = (caseId: string, replacesReferralId: string, serviceId = otherService) =>
      sendReferral(t, world.handler.accessToken, caseId, { serviceId, replacesReferralId });

    it('links the new referral and the declined one, both ways for the front door', async () => {
      const { caseId, ...original } = await makeReferral(t, world);
      const declined = await moveTo(t, world, original, 'declined');
      const sent = await reroute(caseId, declined.id);
      expect(sent.status).toBe(201);
      expect(sent.body.replacesReferralId).toBe(declined.id);

      const newView = await getReferral(world.handler.accessToken, sent.body.id);
      expect(newView.body).toMatchObject({ replacesReferralId: declined.id, status: 'sent' });
      const oldView = await getReferral(world.handler.accessToken, declined.id);
      expect(oldView.body).toMatchObject({
        replacedByReferralId: sent.body.id,
        status: 'declined',
      });
      // The new partner is not told about another organisation's referral.
      const partnerView = await getReferral(otherPartner.accessToken, sent.body.id);
      expect(partnerView.status).toBe(200);
      expect(partnerView.body).not.toHaveProperty('replacesReferralId');
      expect(partnerView.body).not.toHaveProperty('replacedByReferralId');
    });

    it('a referral that is not declined -> 422 REFERRAL_REROUTE_INVALID', async () => {
      for (const state of ['sent', 'accepted', 'completed', 'withdrawn'] as const) {
        const { caseId, ...original } = await makeReferral(t, world);
        const referral = await moveTo(t, world, original, state);
        const sent = await reroute(caseId, referral.id);
        expect(sent.status).toBe(422);
        expect(sent.body.code).toBe('REFERRAL_REROUTE_INVALID');
        expect(await referralsOfCase(caseId)).toBe(1);
      }
    });

    it('re-routing the same declined referral twice -> 422', async () => {
      const { caseId, ...original } = await makeReferral(t, world);
      const declined = await moveTo(t, world, original, 'declined');
      expect((await reroute(caseId, declined.id)).status).toBe(201);
      const thirdService = await makeService(t, world.admin, otherOrg.id);
      const twice = await reroute(caseId, declined.id, thirdService);
      expect(twice.status).toBe(422);
      expect(twice.body.code).toBe('REFERRAL_REROUTE_INVALID');
      expect(await referralsOfCase(caseId)).toBe(2);
    });

    it("another case's referral, or no such referral -> 422", async () => {
      const declined = await moveTo(t, world, await makeReferral(t, world), 'declined');
      const { caseId } = await makeCase(t, world.handler);
      for (const replaces of [declined.id, randomUUID()]) {
        const sent = await reroute(caseId, replaces);
        expect(sent.status).toBe(422);
        expect(sent.body.code).toBe('REFERRAL_REROUTE_INVALID');
      }
      expect(await referralsOfCase(caseId)).toBe(0);
    });
  });

  // ------------------------------------------------------------------ 8. minimum necessary

  describe('minimum necessary: what the partner sees', () => {
    it('the snapshot holds exactly the fields chosen, as they were at sending', async () => {
      const { caseId, personId } = await makeCase(
        t,
        world.handler,
        { kind: 'all' },
        {
          lastName: 'Hartley',
          email: 'rosa.hartley@example.org',
        },
      );
      const sent = await sendReferral(t, world.handler.accessToken, caseId, {
        serviceId: world.serviceId,
        shared: ['name', 'dateOfBirth'],
      });
      expect(sent.status).toBe(201);
      const expected = {
        name: { firstName: 'Rosa', lastName: 'Hartley', preferredName: null },
        dateOfBirth: '1961-04-02',
      };
      expect(sent.body.snapshot).toEqual(expected);
      expect(sent.body.shared).toEqual(['name', 'dateOfBirth']);

      const person = await t
        .http()
        .get(`/api/people/${personId}`)
        .set(bearer(world.handler.accessToken));
      const patched = await t
        .http()
        .patch(`/api/people/${personId}`)
        .set(bearer(world.handler.accessToken))
        .send({
          version: (person.body as { version: number }).version,
          firstName: 'Rosalind',
          preferredName: 'Roz',
          dateOfBirth: '1962-05-03',
          phone: '01772 400999',
        });
      expect(patched.status).toBe(200);

      const partnerView = await getReferral(world.partner.accessToken, sent.body.id);
      expect(partnerView.body.snapshot).toEqual(expected);
      expect(JSON.stringify(partnerView.body)).not.toContain('01772');
      expect(JSON.stringify(partnerView.body)).not.toContain('rosa.hartley');
      const frontDoorView = await getReferral(world.handler.accessToken, sent.body.id);
      expect(frontDoorView.body.snapshot).toEqual(expected);
    });

    it('the partner gets no case, person or consent details; the front door does', async () => {
      const referral = await makeReferral(t, world);
      const partnerView = await getReferral(world.partner.accessToken, referral.id);
      expect(partnerView.status).toBe(200);
      for (const field of [
        'caseId',
        'personId',
        'consentId',
        'consentOverrideReason',
        'consentOverrideBy',
        'replacedByReferralId',
      ]) {
        expect(partnerView.body).not.toHaveProperty(field);
      }
      const frontDoorView = await getReferral(world.handler.accessToken, referral.id);
      expect(frontDoorView.body).toMatchObject({ caseId: referral.caseId });
      expect(frontDoorView.body.personId).toEqual(expect.any(String));
      expect(frontDoorView.body.consentId).toEqual(expect.any(String));
    });

    it("another partner organisation's user cannot see it -> 404", async () => {
      const referral = await makeReferral(t, world);
      const stranger = await signedIn(t, 'partner');
      const seen = await getReferral(stranger.accessToken, referral.id);
      expect(seen.status).toBe(404);
      expect(seen.body.code).toBe('REFERRAL_NOT_FOUND');
      const moved = await act(t, stranger.accessToken, referral.id, 'accept', { version: 1 });
      expect(moved.status).toBe(404);
      expect(await stored(referral.id)).toEqual({ status: 'sent', version: 1 });
      const listed = await t.http().get('/api/referrals').set(bearer(stranger.accessToken));
      expect((listed.body as { total: number }).total).toBe(0);
    });

    /** [case priority (null: not triaged), service response target, urgent] */
    const DUE: [keyof typeof TRIAGE_FOR | null, number | null, boolean][] = [
      [null, 48, false],
      [null, null, false],
      ['P3', 48, false],
      ['P2', 48, true],
      ['P2', 12, true],
      ['P2', null, true],
      ['P1', 48, true],
      ['P1', null, true],
    ];

    it.each(
      DUE.map(([priority, target, urgent]): [string, string, ...(typeof DUE)[number]] => [
        priority === null ? 'an untriaged' : `a ${priority}`,
        target === null ? 'none (the default)' : `${target}h`,
        priority,
        target,
        urgent,
      ]),
    )(
      '%s case, service target %s: due at the earlier of the two targets',
      async (_priorityLabel, _targetLabel, priority, target, urgent) => {
        const serviceId = await makeService(t, world.admin, world.partnerOrg.id, {
          responseTargetHours: target,
        });
        const { caseId } = await makeCase(t, world.handler);
        if (priority !== null) {
          expect((await triage(caseId, TRIAGE_FOR[priority])).priority).toBe(priority);
        }
        const sent = await sendReferral(t, world.handler.accessToken, caseId, { serviceId });
        expect(sent.status).toBe(201);
        const own = target ?? SETTINGS.defaultResponseTargetHours;
        const cap = priority === null ? undefined : SETTINGS.urgentResponseTargetHours[priority];
        const hours = cap === undefined ? own : Math.min(own, cap);
        const sentAt = new Date(sent.body.sentAt as string).getTime();
        expect(new Date(sent.body.dueAt as string).getTime() - sentAt).toBe(hours * HOUR);
        expect(sent.body.priority).toBe(priority);
        expect(sent.body.flags.urgent).toBe(urgent);
        expect(sent.body.flags.safeguarding).toBe(priority === 'P1');
        const partnerView = await getReferral(world.partner.accessToken, sent.body.id);
        expect(partnerView.body.flags).toMatchObject({ urgent, safeguarding: priority === 'P1' });
      },
    );
  });

  // ------------------------------------------------------------------ 9. viewedAt and audit

  describe("the partner's first view", () => {
    it('sets viewedAt once, announces it once, and every view is audited', async () => {
      const referral = await makeReferral(t, world);
      const frontDoor = await getReferral(world.handler.accessToken, referral.id);
      expect(frontDoor.status).toBe(200);
      expect(frontDoor.body.viewedAt).toBeNull();
      expect(await eventTypes(referral.id)).toEqual(['referral.sent']);

      const first = await getReferral(world.partner.accessToken, referral.id);
      expect(first.body.viewedAt).toEqual(expect.any(String));
      const second = await getReferral(world.partnerColleague.accessToken, referral.id);
      expect(second.body.viewedAt).toBe(first.body.viewedAt);
      expect(await eventTypes(referral.id)).toEqual(['referral.sent', 'referral.viewed']);
      const [viewedBy] = await t.asOwner<{ viewed_by: string }>(
        `SELECT viewed_by FROM referrals WHERE id = $1`,
        [referral.id],
      );
      expect(viewedBy.viewed_by).toBe(world.partner.id);
      // Viewing is not a change: the version stays.
      expect(second.body.version).toBe(1);

      const personId = frontDoor.body.personId ?? '';
      const views = await t.asOwner<{ actor_user_id: string; details: Record<string, unknown> }>(
        `SELECT actor_user_id, details FROM audit_log
          WHERE action = 'person.viewed' AND entity_id = $1 AND details ->> 'via' = 'referral'
          ORDER BY id`,
        [personId],
      );
      expect(views.map((view) => view.actor_user_id)).toEqual([
        world.handler.id,
        world.partner.id,
        world.partnerColleague.id,
      ]);
      for (const view of views) {
        expect(view.details).toMatchObject({ via: 'referral', referralId: referral.id });
      }
    });

    it('a front-door view after the partner keeps the first viewedAt', async () => {
      const referral = await makeReferral(t, world);
      const first = await getReferral(world.partner.accessToken, referral.id);
      const frontDoor = await getReferral(world.lead.accessToken, referral.id);
      expect(frontDoor.body.viewedAt).toBe(first.body.viewedAt);
    });
  });

  // ------------------------------------------------------------------ 10. messages

  describe('messages between the two sides', () => {
    interface Message {
      id: string;
      body: string;
      side: string;
      author: { id: string; name: string };
      sentAt: string;
    }
    const post = (token: string, id: string, body: object) =>
      t.http().post(`/api/referrals/${id}/messages`).set(bearer(token)).send(body);
    const thread = async (token: string, id: string) => {
      const response = await t.http().get(`/api/referrals/${id}/messages`).set(bearer(token));
      expect(response.status).toBe(200);
      return (response.body as { items: Message[] }).items;
    };

    it('both sides post and read the same thread, in order, with side and author', async () => {
      const referral = await makeReferral(t, world);
      const said: [Signed, string, string][] = [
        [world.handler, 'front_door', 'She prefers calls after 2pm.'],
        [world.partner, 'partner', 'Thanks; we will call on Tuesday.'],
        [world.caseworker, 'front_door', 'Her letter from the court is attached to the case.'],
        [world.partnerColleague, 'partner', 'Appointment booked.'],
      ];
      for (const [user, side, body] of said) {
        const posted = await post(user.accessToken, referral.id, { body });
        expect(posted.status).toBe(201);
        expect(posted.body).toMatchObject({ body, side, author: { id: user.id } });
      }
      const expected = said.map(([user, side, body]) => [side, user.id, body]);
      for (const reader of [world.partner, world.handler]) {
        const items = await thread(reader.accessToken, referral.id);
        expect(items.map((item) => [item.side, item.author.id, item.body])).toEqual(expected);
        for (const item of items) expect(item.author.name).toEqual(expect.any(String));
      }
    });

    it('an empty or blank message -> 400; a stranger -> 404', async () => {
      const referral = await makeReferral(t, world);
      for (const body of [{ body: '' }, { body: '   ' }, {}]) {
        const posted = await post(world.partner.accessToken, referral.id, body);
        expect(posted.status).toBe(400);
      }
      const stranger = await signedIn(t, 'partner');
      expect((await post(stranger.accessToken, referral.id, { body: 'Hello' })).status).toBe(404);
      const read = await t
        .http()
        .get(`/api/referrals/${referral.id}/messages`)
        .set(bearer(stranger.accessToken));
      expect(read.status).toBe(404);
      expect(await thread(world.handler.accessToken, referral.id)).toEqual([]);
    });
  });

  // ------------------------------------------------------------------ 11. the case

  describe('the case and its referrals', () => {
    it('a case with an open referral closes only by a team lead giving a reason; the referral stays open', async () => {
      const referral = await makeReferral(t, world);
      const caseId = referral.caseId;

      const plain = await closeCase(world.handler.accessToken, caseId);
      expect(plain.status).toBe(409);
      expect((plain.body as ErrorBody).code).toBe('CASE_HAS_OPEN_REFERRALS');
      expect((plain.body as ErrorBody).details).toEqual({ referralIds: [referral.id] });

      const byHandler = await closeCase(world.handler.accessToken, caseId, {
        openReferralsReason: 'Partner will carry on',
      });
      expect(byHandler.status).toBe(403);
      expect((byHandler.body as ErrorBody).code).toBe('CASE_CLOSE_OPEN_REFERRALS_TEAM_LEAD_ONLY');

      const byLead = await closeCase(world.lead.accessToken, caseId, {
        openReferralsReason: 'Partner will carry on',
      });
      expect(byLead.status).toBe(200);
      expect(await stored(referral.id)).toEqual({ status: 'sent', version: 1 });

      // The loop still closes on the referral.
      const accepted = await act(t, world.partner.accessToken, referral.id, 'accept', {
        version: 1,
      });
      expect(accepted.status).toBe(200);
      const view = await t.http().get(`/api/cases/${caseId}`).set(bearer(world.lead.accessToken));
      expect(view.body).toMatchObject({
        status: 'closed',
        closed: { openReferralsReason: 'Partner will carry on', by: { id: world.lead.id } },
        referrals: [{ id: referral.id, status: 'accepted', version: 2 }],
      });
    });

    it('after the referral is completed, the case closes normally', async () => {
      const referral = await makeReferral(t, world);
      await moveTo(t, world, referral, 'completed');
      const closed = await closeCase(world.handler.accessToken, referral.caseId);
      expect(closed.status).toBe(200);
    });

    it('the case shows its referrals with their status, and the timeline every step in order', async () => {
      const referral = await makeReferral(t, world);
      const done = await moveTo(t, world, referral, 'in_progress');
      const completed = await act(t, world.partner.accessToken, referral.id, 'complete', {
        version: done.version,
        outcome: 'need_met',
        notes: 'Debt relief order arranged',
      });
      expect(completed.status).toBe(200);
      const otherService = await makeService(t, world.admin, world.partnerOrg.id, {
        name: 'Benefits check',
      });
      const second = await sendReferral(t, world.handler.accessToken, referral.caseId, {
        serviceId: otherService,
      });
      expect(second.status).toBe(201);

      const view = await t
        .http()
        .get(`/api/cases/${referral.caseId}`)
        .set(bearer(world.handler.accessToken));
      expect(view.status).toBe(200);
      const referrals = (view.body as { referrals: { id: string; status: string }[] }).referrals;
      expect(referrals).toHaveLength(2);
      expect(referrals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: referral.id,
            status: 'completed',
            service: expect.objectContaining({ id: world.serviceId }),
          }),
          expect.objectContaining({ id: second.body.id, status: 'sent' }),
        ]),
      );

      const timeline = await t
        .http()
        .get(`/api/cases/${referral.caseId}/timeline`)
        .set(bearer(world.handler.accessToken));
      expect(timeline.status).toBe(200);
      const steps = (
        timeline.body as {
          items: { type: string; actor: { id: string } | null; data: Record<string, unknown> }[];
        }
      ).items.filter((item) => item.type === 'referral');
      expect(steps.map((step) => [step.data.referralId, step.data.action, step.data.to])).toEqual([
        [referral.id, 'send', 'sent'],
        [referral.id, 'accept', 'accepted'],
        [referral.id, 'start', 'in_progress'],
        [referral.id, 'complete', 'completed'],
        [second.body.id, 'send', 'sent'],
      ]);
      expect(steps.map((step) => step.actor?.id)).toEqual([
        world.handler.id,
        world.partner.id,
        world.partner.id,
        world.partner.id,
        world.handler.id,
      ]);
      expect(steps[3].data).toMatchObject({ from: 'in_progress', code: 'need_met' });
    });
  });

  // ------------------------------------------------------------------ 12. all or nothing

  describe('a transition is all or nothing', () => {
    beforeAll(async () => {
      await t.asOwner(`CREATE FUNCTION test_injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure for a test'; END $$`);
    });
    afterAll(async () => {
      await t.asOwner(`DROP FUNCTION IF EXISTS test_injected_failure() CASCADE`);
    });

    it('an audit write that fails -> 500, and the accept leaves nothing behind', async () => {
      const referral = await makeReferral(t, world);
      await t.asOwner(`CREATE TRIGGER test_fail_accept_audit BEFORE INSERT ON audit_log
        FOR EACH ROW WHEN (NEW.action = 'referral.accepted') EXECUTE FUNCTION test_injected_failure()`);
      try {
        const failed = await act(t, world.partner.accessToken, referral.id, 'accept', {
          version: 1,
        });
        expect(failed.status).toBe(500);
        expect(failed.body.code).toBe('INTERNAL_ERROR');
      } finally {
        await t.asOwner(`DROP TRIGGER test_fail_accept_audit ON audit_log`);
      }
      expect(await stored(referral.id)).toEqual({ status: 'sent', version: 1 });
      expect(await historyActions(referral.id)).toEqual(['send']);
      expect(await eventTypes(referral.id)).toEqual(['referral.sent']);
      const [answered] = await t.asOwner<{ answered_at: Date | null }>(
        `SELECT answered_at FROM referrals WHERE id = $1`,
        [referral.id],
      );
      expect(answered.answered_at).toBeNull();

      const accepted = await act(t, world.partner.accessToken, referral.id, 'accept', {
        version: 1,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', version: 2 });
      expect(await eventTypes(referral.id)).toEqual(['referral.sent', 'referral.accepted']);
    });

    it('an event write that fails -> 500, and the decline leaves nothing behind', async () => {
      const referral = await makeReferral(t, world);
      await t.asOwner(`CREATE TRIGGER test_fail_decline_event BEFORE INSERT ON events
        FOR EACH ROW WHEN (NEW.type = 'referral.declined') EXECUTE FUNCTION test_injected_failure()`);
      try {
        const failed = await act(t, world.partner.accessToken, referral.id, 'decline', {
          version: 1,
          reason: 'no_capacity',
        });
        expect(failed.status).toBe(500);
      } finally {
        await t.asOwner(`DROP TRIGGER test_fail_decline_event ON events`);
      }
      expect(await stored(referral.id)).toEqual({ status: 'sent', version: 1 });
      expect(await historyActions(referral.id)).toEqual(['send']);
      expect(await auditRows(referral.id, 'referral.declined')).toEqual([]);
      const [kept] = await t.asOwner<{ decline_reason: string | null; closed_at: Date | null }>(
        `SELECT decline_reason, closed_at FROM referrals WHERE id = $1`,
        [referral.id],
      );
      expect(kept).toEqual({ decline_reason: null, closed_at: null });

      const declined = await act(t, world.partner.accessToken, referral.id, 'decline', {
        version: 1,
        reason: 'no_capacity',
      });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', version: 2 });
      expect(await auditRows(referral.id, 'referral.declined')).toHaveLength(1);
    });
  });
});
