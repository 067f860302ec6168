/**
 * The referral lifecycle (API.md, "Referrals"): a pure state machine, no database, no Nest.
 *
 *   sent        -> accepted (accept) | declined (decline)
 *   accepted    -> in_progress (start) | completed (complete) | on_hold (hold)
 *   in_progress -> completed (complete) | on_hold (hold)
 *   on_hold     -> the state it was held from (resume)
 *   sent | accepted | in_progress | on_hold -> withdrawn (withdraw)
 *
 * `declined`, `completed` and `withdrawn` are final. The receiving partner moves a referral on;
 * the front door, its sender, withdraws it.
 */
export const REFERRAL_STATUSES = [
  'sent',
  'accepted',
  'declined',
  'in_progress',
  'on_hold',
  'completed',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** States in which the referral still waits on someone: the loop is not closed. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'sent',
  'accepted',
  'in_progress',
  'on_hold',
];
export const FINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'declined',
  'completed',
  'withdrawn',
];

export const REFERRAL_ACTIONS = [
  'accept',
  'decline',
  'start',
  'hold',
  'resume',
  'complete',
  'withdraw',
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** Which side of the loop may take an action: the receiving partner, or the front door. */
export type ReferralSide = 'partner' | 'front_door';

export const ACTION_SIDE: Record<ReferralAction, ReferralSide> = {
  accept: 'partner',
  decline: 'partner',
  start: 'partner',
  hold: 'partner',
  resume: 'partner',
  complete: 'partner',
  withdraw: 'front_door',
};

export const DECLINE_REASONS = [
  'not_eligible',
  'no_capacity',
  'outside_area',
  'person_declined',
  'duplicate',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const REFERRAL_OUTCOMES = [
  'need_met',
  'partly_met',
  'not_met',
  'person_declined',
  'unable_to_contact',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** A referral's position in the lifecycle: its status, and while on hold the state it left. */
export interface ReferralPosition {
  status: ReferralStatus;
  heldFrom: ReferralStatus | null;
}

/** The states each action may be taken from (resume: only from on_hold, to where it was). */
const FROM: Record<ReferralAction, readonly ReferralStatus[]> = {
  accept: ['sent'],
  decline: ['sent'],
  start: ['accepted'],
  hold: ['accepted', 'in_progress'],
  resume: ['on_hold'],
  complete: ['accepted', 'in_progress'],
  withdraw: ['sent', 'accepted', 'in_progress', 'on_hold'],
};

/** The position after `action`, or null when the action is not allowed from `position`. */
export function nextPosition(
  position: ReferralPosition,
  action: ReferralAction,
): ReferralPosition | null {
  if (!FROM[action].includes(position.status)) return null;
  switch (action) {
    case 'accept':
      return { status: 'accepted', heldFrom: null };
    case 'decline':
      return { status: 'declined', heldFrom: null };
    case 'start':
      return { status: 'in_progress', heldFrom: null };
    case 'hold':
      return { status: 'on_hold', heldFrom: position.status };
    case 'resume':
      return { status: position.heldFrom ?? 'accepted', heldFrom: null };
    case 'complete':
      return { status: 'completed', heldFrom: null };
    case 'withdraw':
      return { status: 'withdrawn', heldFrom: null };
    default: {
      const unreachable: never = action;
      throw new Error(`Unknown referral action ${String(unreachable)}`);
    }
  }
}

/** The actions a side may take from a position (what a screen offers as buttons). */
export function allowedActions(position: ReferralPosition, side: ReferralSide): ReferralAction[] {
  return REFERRAL_ACTIONS.filter(
    (action) => ACTION_SIDE[action] === side && nextPosition(position, action) !== null,
  );
}

/** The event announcing each action (API.md, "Live queue"). */
export const ACTION_EVENT = {
  accept: 'referral.accepted',
  decline: 'referral.declined',
  start: 'referral.started',
  hold: 'referral.held',
  resume: 'referral.resumed',
  complete: 'referral.completed',
  withdraw: 'referral.withdrawn',
} as const satisfies Record<ReferralAction, string>;
