import {
  ACTION_SIDE,
  allowedActions,
  FINAL_REFERRAL_STATUSES,
  nextPosition,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  type ReferralAction,
  type ReferralPosition,
  type ReferralStatus,
} from '../../src/referral/referral-states.js';

const at = (status: ReferralStatus, heldFrom: ReferralStatus | null = null): ReferralPosition => ({
  status,
  heldFrom,
});

describe('The referral lifecycle (API.md)', () => {
  /** Every allowed move, written out from the contract: [from, action, to]. */
  const ALLOWED: [ReferralPosition, ReferralAction, ReferralPosition][] = [
    [at('sent'), 'accept', at('accepted')],
    [at('sent'), 'decline', at('declined')],
    [at('sent'), 'withdraw', at('withdrawn')],
    [at('accepted'), 'start', at('in_progress')],
    [at('accepted'), 'complete', at('completed')],
    [at('accepted'), 'hold', at('on_hold', 'accepted')],
    [at('accepted'), 'withdraw', at('withdrawn')],
    [at('in_progress'), 'complete', at('completed')],
    [at('in_progress'), 'hold', at('on_hold', 'in_progress')],
    [at('in_progress'), 'withdraw', at('withdrawn')],
    [at('on_hold', 'accepted'), 'resume', at('accepted')],
    [at('on_hold', 'in_progress'), 'resume', at('in_progress')],
    [at('on_hold', 'accepted'), 'withdraw', at('withdrawn')],
    [at('on_hold', 'in_progress'), 'withdraw', at('withdrawn')],
  ];

  it.each(ALLOWED)('%j --%s--> %j', (from, action, to) => {
    expect(nextPosition(from, action)).toEqual(to);
  });

  it('refuses every move the contract does not list', () => {
    const positions = [
      ...REFERRAL_STATUSES.filter((status) => status !== 'on_hold').map((status) => at(status)),
      at('on_hold', 'accepted'),
      at('on_hold', 'in_progress'),
    ];
    let refused = 0;
    for (const position of positions) {
      for (const action of REFERRAL_ACTIONS) {
        const listed = ALLOWED.some(
          ([from, allowed]) =>
            from.status === position.status &&
            from.heldFrom === position.heldFrom &&
            allowed === action,
        );
        if (listed) continue;
        expect({ position, action, next: nextPosition(position, action) }).toEqual({
          position,
          action,
          next: null,
        });
        refused += 1;
      }
    }
    expect(refused).toBe(positions.length * REFERRAL_ACTIONS.length - ALLOWED.length);
  });

  it('final states allow nothing, to either side', () => {
    for (const status of FINAL_REFERRAL_STATUSES) {
      expect(allowedActions(at(status), 'partner')).toEqual([]);
      expect(allowedActions(at(status), 'front_door')).toEqual([]);
    }
  });

  it('the partner moves a referral on and the front door withdraws it', () => {
    expect(allowedActions(at('sent'), 'partner')).toEqual(['accept', 'decline']);
    expect(allowedActions(at('sent'), 'front_door')).toEqual(['withdraw']);
    expect(allowedActions(at('accepted'), 'partner')).toEqual(['start', 'hold', 'complete']);
    expect(allowedActions(at('on_hold', 'in_progress'), 'partner')).toEqual(['resume']);
    expect(REFERRAL_ACTIONS.filter((action) => ACTION_SIDE[action] === 'front_door')).toEqual([
      'withdraw',
    ]);
  });
});
