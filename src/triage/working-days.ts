import { ConfigError } from '../config/app-config.js';

/** How soon a case must be acted on: a number of hours, or of working days. */
export type Target = { hours: number } | { workingDays: number };

/** The front door's working calendar (config/calendar.json), checked. */
export interface WorkingCalendar {
  /** An IANA time zone, e.g. Europe/London: working days and hours are local to it. */
  timeZone: string;
  /** Minutes after local midnight: a working day runs from `start` until `end`. */
  workingHours: { start: number; end: number };
  /** Local dates (YYYY-MM-DD) that are not working days although they fall Monday to Friday. */
  bankHolidays: ReadonlySet<string>;
}

/** The calendar as configured, for the triage configuration screen. */
export interface CalendarFile {
  timeZone: string;
  workingHours: { start: string; end: string };
  bankHolidays: { date: string; name: string }[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local date and the milliseconds since local midnight of an instant. */
export function localClock(instant: Date, timeZone: string): { date: string; msOfDay: number } {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    msOfDay:
      Number(parts.hour) * HOUR_MS +
      Number(parts.minute) * MINUTE_MS +
      Number(parts.second) * 1000 +
      instant.getUTCMilliseconds(),
  };
}

function utcMidnight(date: string): number {
  const match = DATE.exec(date);
  if (match === null) throw new Error(`Not a date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** How far local time is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const local = localClock(new Date(instant), timeZone);
  return utcMidnight(local.date) + local.msOfDay - instant;
}

/** The instant at which local clocks read `msOfDay` on `date` (the later reading after a gap). */
export function instantAt(date: string, msOfDay: number, timeZone: string): Date {
  const wall = utcMidnight(date) + msOfDay;
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const weekday = new Date(utcMidnight(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.bankHolidays.has(date);
}

function nextWorkingDay(date: string, calendar: WorkingCalendar): string {
  let day = addDays(date, 1);
  while (!isWorkingDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/**
 * When a case triaged at `from` is due.
 * - `hours`: exactly that many hours later, whatever the day (P1 does not wait for Monday).
 * - `workingDays`: the same local time that many working days later, skipping Saturdays, Sundays
 *   and bank holidays. Counting starts from the moment the front door is working: a case triaged
 *   before the day's working hours counts from their start that day; one triaged at or after their
 *   end, or on a weekend or bank holiday, counts from the start of the next working day. So
 *   Thursday 24 Dec 2026 10:00 + 1 working day is Tuesday 29 Dec 10:00, and Saturday 10:00 + 1
 *   working day is Tuesday 09:00.
 */
export function dueAt(from: Date, target: Target, calendar: WorkingCalendar): Date {
  if ('hours' in target) return new Date(from.getTime() + target.hours * HOUR_MS);
  const { start, end } = calendar.workingHours;
  const local = localClock(from, calendar.timeZone);
  let day = local.date;
  let msOfDay = local.msOfDay;
  if (!isWorkingDay(day, calendar) || msOfDay >= end * MINUTE_MS) {
    day = nextWorkingDay(day, calendar);
    msOfDay = start * MINUTE_MS;
  } else if (msOfDay < start * MINUTE_MS) {
    msOfDay = start * MINUTE_MS;
  }
  for (let left = target.workingDays; left > 0; left -= 1) day = nextWorkingDay(day, calendar);
  return instantAt(day, msOfDay, calendar.timeZone);
}

function minutes(time: string): number {
  const match = TIME.exec(time);
  return match === null ? Number.NaN : Number(match[1]) * 60 + Number(match[2]);
}

function isRealDate(date: string): boolean {
  return DATE.test(date) && new Date(utcMidnight(date)).toISOString().slice(0, 10) === date;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks config/calendar.json's content. Throws ConfigError with a sentence naming the file
 * (`file`) and what is wrong.
 */
export function parseCalendar(
  raw: unknown,
  file: string,
): { calendar: WorkingCalendar; configured: CalendarFile } {
  const fail = (problem: string): never => {
    throw new ConfigError(`${file}: ${problem}`);
  };
  if (!isObject(raw))
    return fail('must be a JSON object with timeZone, workingHours and bankHolidays.');
  const unknown = Object.keys(raw).filter(
    (key) => !['description', 'timeZone', 'workingHours', 'bankHolidays'].includes(key),
  );
  if (unknown.length > 0) {
    fail(
      `unknown key "${unknown[0]}"; the keys are description, timeZone, workingHours and bankHolidays.`,
    );
  }
  const { timeZone, workingHours, bankHolidays } = raw;
  if (typeof timeZone !== 'string' || timeZone === '') {
    return fail('timeZone must be a time zone name such as "Europe/London".');
  }
  try {
    formatter(timeZone);
  } catch {
    fail(`timeZone "${timeZone}" is not a time zone name such as "Europe/London".`);
  }
  if (
    !isObject(workingHours) ||
    typeof workingHours.start !== 'string' ||
    typeof workingHours.end !== 'string'
  ) {
    return fail('workingHours must be { "start": "HH:MM", "end": "HH:MM" }.');
  }
  const start = minutes(workingHours.start);
  const end = minutes(workingHours.end);
  if (Number.isNaN(start) || Number.isNaN(end) || start >= end) {
    fail(
      `workingHours must be two times "HH:MM", the start before the end; they are "${workingHours.start}" and "${workingHours.end}".`,
    );
  }
  if (!Array.isArray(bankHolidays)) {
    return fail('bankHolidays must be a list of { "date": "YYYY-MM-DD", "name": "..." }.');
  }
  const holidays: { date: string; name: string }[] = [];
  for (const [index, entry] of bankHolidays.entries()) {
    if (!isObject(entry) || typeof entry.date !== 'string' || typeof entry.name !== 'string') {
      return fail(`bankHolidays[${index}] must be { "date": "YYYY-MM-DD", "name": "..." }.`);
    }
    if (!isRealDate(entry.date)) {
      fail(`bankHolidays[${index}]: "${entry.date}" is not a date written YYYY-MM-DD.`);
    }
    const previous = holidays.at(-1);
    if (previous !== undefined && previous.date >= entry.date) {
      fail(
        `bankHolidays[${index}]: ${entry.date} comes after ${previous.date}; list each date once, in order.`,
      );
    }
    holidays.push({ date: entry.date, name: entry.name });
  }
  return {
    calendar: {
      timeZone,
      workingHours: { start, end },
      bankHolidays: new Set(holidays.map((holiday) => holiday.date)),
    },
    configured: {
      timeZone,
      workingHours: { start: workingHours.start, end: workingHours.end },
      bankHolidays: holidays,
    },
  };
}
