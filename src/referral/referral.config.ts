import { ConfigError } from '../config/app-config.js';
import { readConfigFile } from '../cases/cases.config.js';
import { PRIORITIES, type Priority } from '../cases/case.entity.js';

/** config/referrals.json, checked. */
export interface ReferralSettings {
  /** Hours a partner has to answer when the service has no response target of its own. */
  defaultResponseTargetHours: number;
  /** For a case of these priorities, the latest a referral may fall due, in hours after sending. */
  urgentResponseTargetHours: Partial<Record<Priority, number>>;
  /** How often the overdue sweeper runs. */
  overdueSweepSeconds: number;
  /** How long a team lead's consent override approval may be used. */
  overrideApprovalValidHours: number;
}

export const REFERRAL_SETTINGS = Symbol('REFERRAL_SETTINGS');

/** A response target may be at most a year. */
const MAX_HOURS = 24 * 366;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function hours(file: string, name: string, value: unknown, min = 1, max = MAX_HOURS): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${file}: ${name} must be a whole number from ${min} to ${max}; it is ${JSON.stringify(value) ?? 'missing'}.`,
    );
  }
  return value;
}

/** Checks config/referrals.json; a wrong setting stops the start with a sentence saying what to fix. */
export function parseReferralSettings(raw: unknown): ReferralSettings {
  const file = 'config/referrals.json';
  if (!isRecord(raw)) throw new ConfigError(`${file} must be a JSON object.`);
  const urgent = raw.urgentResponseTargetHours;
  if (!isRecord(urgent)) {
    throw new ConfigError(
      `${file} must have an "urgentResponseTargetHours" object, e.g. { "P1": 2 }.`,
    );
  }
  const urgentResponseTargetHours: Partial<Record<Priority, number>> = {};
  for (const [priority, value] of Object.entries(urgent)) {
    if (!(PRIORITIES as readonly string[]).includes(priority)) {
      throw new ConfigError(
        `${file}: urgentResponseTargetHours has "${priority}", which is not a priority (${PRIORITIES.join(', ')}).`,
      );
    }
    urgentResponseTargetHours[priority as Priority] = hours(
      file,
      `urgentResponseTargetHours.${priority}`,
      value,
    );
  }
  return {
    defaultResponseTargetHours: hours(
      file,
      'defaultResponseTargetHours',
      raw.defaultResponseTargetHours,
    ),
    urgentResponseTargetHours,
    overdueSweepSeconds: hours(file, 'overdueSweepSeconds', raw.overdueSweepSeconds, 1, 3600),
    overrideApprovalValidHours: hours(
      file,
      'overrideApprovalValidHours',
      raw.overrideApprovalValidHours,
      1,
      168,
    ),
  };
}

export function loadReferralSettings(): ReferralSettings {
  return parseReferralSettings(readConfigFile('referrals.json'));
}

/**
 * Hours from sending to a referral's due time: the service's response target (or the default),
 * and no more than the urgent target for the case's priority when it has one.
 */
export function responseHours(
  serviceTargetHours: number | null,
  priority: Priority | null,
  settings: ReferralSettings,
): number {
  const own = serviceTargetHours ?? settings.defaultResponseTargetHours;
  const urgent = priority === null ? undefined : settings.urgentResponseTargetHours[priority];
  return urgent === undefined ? own : Math.min(own, urgent);
}

/** Urgent: the case's priority has an urgent response target (P1 and P2 by default). */
export function isUrgent(priority: Priority | null, settings: ReferralSettings): boolean {
  return priority !== null && settings.urgentResponseTargetHours[priority] !== undefined;
}
