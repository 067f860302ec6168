import fc from 'fast-check';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import {
  ACTION_BODY,
  act,
  makeReferral,
  makeReferralWorld,
  type ReferralBody,
  type ReferralWorld,
} from '../support/referrals.js';

/**
 * The referral lifecycle as API.md states it, written out here on its own (not taken from the
 * application's state machine), and checked against the running API by random sequences of
 * actions, with current and stale versions, on a few referrals at once.
 */
type Status =
  'sent' | 'accepted' | 'declined' | 'in_progress' | 'on_hold' | 'completed' | 'withdrawn';
type Action = 'accept' | 'decline' | 'start' | 'hold' | 'resume' | 'complete' | 'withdraw';

const PARTNER_ACTIONS: Action[] = ['accept', 'decline', 'start', 'hold', 'resume', 'complete'];
const ACTIONS: Action[] = [...PARTNER_ACTIONS, 'withdraw'];

interface ReferralModel {
  status: Status;
  /** While on hold: the state it was held from, where resume returns it. */
  heldFrom: Status | null;
  version: number;
  /** Successful actions so far. */
  moves: number;
}

/** Where `action` takes a referral, or null when it may not be taken from there. */
function after(
  referral: ReferralModel,
  action: Action,
): Pick<ReferralModel, 'status' | 'heldFrom'> | null {
  const to = (status: Status, heldFrom: Status | null = null) => ({ status, heldFrom });
  switch (referral.status) {
    case 'sent':
      if (action === 'accept') return to('accepted');
      if (action === 'decline') return to('declined');
      if (action === 'withdraw') return to('withdrawn');
      return null;
    case 'accepted':
      if (action === 'start') return to('in_progress');
      if (action === 'complete') return to('completed');
      if (action === 'hold') return to('on_hold', 'accepted');
      if (action === 'withdraw') return to('withdrawn');
      return null;
    case 'in_progress':
      if (action === 'complete') return to('completed');
      if (action === 'hold') return to('on_hold', 'in_progress');
      if (action === 'withdraw') return to('withdrawn');
      return null;
    case 'on_hold':
      if (action === 'resume' && referral.heldFrom !== null) return to(referral.heldFrom);
      if (action === 'withdraw') return to('withdrawn');
      return null;
    case 'declined':
    case 'completed':
    case 'withdrawn':
      return null;
  }
}

/** What a side may do next (the partner moves the referral on; the front door withdraws). */
function allowed(referral: ReferralModel, side: 'partner' | 'front_door'): Action[] {
  const own = side === 'partner' ? PARTNER_ACTIONS : (['withdraw'] as Action[]);
  return own.filter((action) => after(referral, action) !== null);
}

type Stale = 'current' | 'older' | 'newer';

type Expected =
  | { http: 200; next: Pick<ReferralModel, 'status' | 'heldFrom'> }
  | { http: 400; code: 'VALIDATION_FAILED' }
  | { http: 409; code: 'REFERRAL_VERSION_CONFLICT' | 'REFERRAL_INVALID_TRANSITION' };

function versionSent(referral: ReferralModel, stale: Stale): number {
  if (stale === 'older') return referral.version - 1;
  if (stale === 'newer') return referral.version + 1;
  return referral.version;
}

/** The answer the API owes: a version below 1 is malformed; one not current is stale. */
function predict(referral: ReferralModel, action: Action, version: number): Expected {
  if (version < 1) return { http: 400, code: 'VALIDATION_FAILED' };
  if (version !== referral.version) return { http: 409, code: 'REFERRAL_VERSION_CONFLICT' };
  const next = after(referral, action);
  if (next === null) return { http: 409, code: 'REFERRAL_INVALID_TRANSITION' };
  return { http: 200, next };
}

interface Real {
  t: TestApp;
  world: ReferralWorld;
  ids: string[];
}

const sorted = (values: readonly string[]) => [...values].sort();

class ActionCommand implements fc.AsyncCommand<ReferralModel[], Real> {
  constructor(
    readonly index: number,
    readonly action: Action,
    readonly stale: Stale,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: ReferralModel[], real: Real): Promise<void> {
    const { t, world } = real;
    const referral = model[this.index];
    const id = real.ids[this.index];
    const side = this.action === 'withdraw' ? 'front_door' : 'partner';
    const token = side === 'partner' ? world.partner.accessToken : world.handler.accessToken;
    const version = versionSent(referral, this.stale);
    const expected = predict(referral, this.action, version);

    const response = await act(t, token, id, this.action, { version, ...ACTION_BODY[this.action] });

    expect(response.status).toBe(expected.http);
    if (expected.http === 200) {
      Object.assign(referral, expected.next, {
        version: referral.version + 1,
        moves: referral.moves + 1,
      });
      expect(response.body.status).toBe(referral.status);
      expect(response.body.version).toBe(referral.version);
      expect(sorted(response.body.allowedActions)).toEqual(sorted(allowed(referral, side)));
    } else {
      expect(response.body.code).toBe(expected.code);
      if (expected.code === 'REFERRAL_VERSION_CONFLICT') {
        expect(response.body.details).toEqual({
          status: referral.status,
          version: referral.version,
        });
      }
      if (expected.code === 'REFERRAL_INVALID_TRANSITION') {
        expect(response.body.details).toMatchObject({
          status: referral.status,
          action: this.action,
        });
        const offered = (response.body.details as { allowed: string[] }).allowed;
        expect(sorted(offered)).toEqual(sorted(allowed(referral, side)));
      }
    }

    // Whatever happened, the partner now sees exactly the model's state.
    const seen = await t.http().get(`/api/referrals/${id}`).set(bearer(world.partner.accessToken));
    expect(seen.status).toBe(200);
    const body = seen.body as ReferralBody;
    expect({ status: body.status, version: body.version }).toEqual({
      status: referral.status,
      version: referral.version,
    });
    expect(body.history).toHaveLength(referral.moves + 1);
    expect(sorted(body.allowedActions)).toEqual(sorted(allowed(referral, 'partner')));
  }

  toString(): string {
    return `${this.action}(#${this.index}, ${this.stale} version)`;
  }
}

const REFERRALS = 2;

/** Final actions end a referral's story, so they come up less often than the others. */
const WEIGHTS: Record<Action, number> = {
  accept: 3,
  decline: 1,
  start: 3,
  hold: 3,
  resume: 3,
  complete: 2,
  withdraw: 1,
};

const command = fc
  .record({
    index: fc.integer({ min: 0, max: REFERRALS - 1 }),
    action: fc.oneof(
      ...ACTIONS.map((action) => ({ arbitrary: fc.constant(action), weight: WEIGHTS[action] })),
    ),
    // Mostly the current version, so that referrals do travel through the lifecycle.
    stale: fc.constantFrom<Stale>('current', 'current', 'current', 'current', 'older', 'newer'),
  })
  .map(({ index, action, stale }) => new ActionCommand(index, action, stale));

const step = (index: number, action: Action, stale: Stale = 'current') =>
  new ActionCommand(index, action, stale);

/** Runs always tried first: together they take every transition of API.md at least once. */
const EXAMPLES: ActionCommand[][] = [
  [
    step(0, 'accept'),
    step(0, 'hold'),
    step(0, 'resume'),
    step(0, 'start'),
    step(0, 'hold'),
    step(0, 'resume'),
    step(0, 'complete'),
    step(1, 'accept'),
    step(1, 'start'),
    step(1, 'hold'),
    step(1, 'withdraw'),
  ],
  [
    step(0, 'decline'),
    step(1, 'withdraw'),
    step(0, 'accept'),
    step(0, 'accept', 'newer'),
    step(1, 'withdraw', 'older'),
  ],
  [
    step(0, 'accept'),
    step(0, 'withdraw'),
    step(1, 'accept'),
    step(1, 'start'),
    step(1, 'withdraw'),
    step(1, 'resume'),
    step(0, 'start', 'older'),
  ],
  [
    step(0, 'accept', 'older'),
    step(0, 'start'),
    step(0, 'resume'),
    step(0, 'accept'),
    step(0, 'complete'),
    step(0, 'withdraw'),
    step(1, 'hold'),
    step(1, 'complete'),
  ],
];

describe('Referral lifecycle against a model of API.md', () => {
  let t: TestApp;
  let world: ReferralWorld;

  beforeAll(async () => {
    // Hundreds of requests from one partner user in well under a minute.
    t = await startTestApp({ rateLimitPerMinute: 1_000_000 });
    world = await makeReferralWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every action as the model predicts, and keeps the state and history it says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands([command], { maxCommands: 20, size: 'max' }),
        async (commands) => {
          const ids: string[] = [];
          for (let i = 0; i < REFERRALS; i++) ids.push((await makeReferral(t, world)).id);
          const model: ReferralModel[] = ids.map(() => ({
            status: 'sent',
            heldFrom: null,
            version: 1,
            moves: 0,
          }));
          await fc.asyncModelRun(() => ({ model, real: { t, world, ids } }), commands);
        },
      ),
      { numRuns: 25, examples: EXAMPLES.map((commands): [ActionCommand[]] => [commands]) },
    );
  }, 120_000);
});
