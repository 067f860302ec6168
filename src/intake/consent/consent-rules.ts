import type { ConsentScope } from './consent.entity.js';

/** A consent record's state at a moment. */
export const CONSENT_STATES = ['given', 'refused', 'expired', 'withdrawn'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];
/** A person's current consent: the state of their latest record, or `none` without one. */
export type ConsentSummaryState = ConsentState | 'none';

/** The facts of one consent record that decide what it covers. */
export interface ConsentFacts {
  id: string;
  given: boolean;
  scope: ConsentScope;
  organisationIds: readonly string[];
  expiresAt: Date;
  withdrawnAt: Date | null;
}

/** Withdrawn (from its withdrawal on), expired (from its expiry on), else given or refused. */
export function consentState(
  consent: Pick<ConsentFacts, 'given' | 'expiresAt' | 'withdrawnAt'>,
  at: Date,
): ConsentState {
  if (consent.withdrawnAt !== null && consent.withdrawnAt.getTime() <= at.getTime()) {
    return 'withdrawn';
  }
  if (consent.expiresAt.getTime() <= at.getTime()) return 'expired';
  return consent.given ? 'given' : 'refused';
}

/**
 * `months` calendar months after `from` (UTC), kept within the month: 31 January + 1 month is
 * 28 (or 29) February, not 2 March.
 */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = from.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export interface Coverage {
  covered: boolean;
  /** The record that decided, i.e. the person's latest at that moment; null without one. */
  consentId: string | null;
  state: ConsentSummaryState;
}

/**
 * Whether a person's consent lets their details go to an organisation at a moment. Only the
 * person's latest record at that moment decides (a later answer replaces an earlier one, so a
 * refusal or a narrower scope after a broad consent is what holds): it covers the organisation
 * when it was given, has neither expired nor been withdrawn, and its scope includes it.
 */
export function coverageOf(
  latest: ConsentFacts | undefined,
  organisationId: string,
  at: Date,
): Coverage {
  if (latest === undefined) return { covered: false, consentId: null, state: 'none' };
  const state = consentState(latest, at);
  const inScope =
    latest.scope === 'all_partners' || latest.organisationIds.includes(organisationId);
  return { covered: state === 'given' && inScope, consentId: latest.id, state };
}
