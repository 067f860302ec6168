import { BOROUGH_TIME_ZONE } from '../../service-directory/services/service-search.js';

/** The oldest age a date of birth may give: older than this is a typing mistake. */
export const MAX_AGE_YEARS = 130;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Formats a moment as the borough's date (YYYY-MM-DD); made once, it is costly to make. */
const BOROUGH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: BOROUGH_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the borough (YYYY-MM-DD). */
export function boroughToday(now: Date = new Date()): string {
  return BOROUGH_DATE.format(now);
}

/** True for a real calendar date written YYYY-MM-DD (2023-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * What is wrong with a date of birth, as a field error, or undefined when it is plausible: a real
 * date, not after today (borough time), not more than MAX_AGE_YEARS ago.
 */
export function dateOfBirthProblem(
  value: unknown,
  today: string = boroughToday(),
): string | undefined {
  if (typeof value !== 'string' || !isCalendarDate(value)) return 'must be a date, YYYY-MM-DD';
  if (value > today) return 'must not be in the future';
  const oldest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  if (value < oldest) return `must be within the last ${MAX_AGE_YEARS} years`;
  return undefined;
}

/** A name as duplicate detection compares it: lower case, single spaces. */
export function comparableName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
