import { ConfigError } from '../../src/config/app-config.js';
import { loadCalendar } from '../../src/triage/triage-config.js';
import {
  dueAt,
  instantAt,
  isWorkingDay,
  localClock,
  parseCalendar,
} from '../../src/triage/working-days.js';

const { calendar, configured } = loadCalendar();
const FILE = 'config/calendar.json';

/** An instant given as London wall-clock time, e.g. london('2026-12-24 10:00'). */
const london = (text: string): Date => {
  const [date, time] = text.split(' ');
  const [hours, minutes] = time.split(':').map(Number);
  return instantAt(date, (hours * 60 + minutes) * 60_000, 'Europe/London');
};
const due = (from: string, target: { hours: number } | { workingDays: number }) =>
  dueAt(london(from), target, calendar).toISOString();

describe('due times in working days (config/calendar.json)', () => {
  it('skips Christmas and the Boxing Day substitute: Thursday 24 Dec 2026 + 1 working day is Tuesday 29 Dec', () => {
    expect(due('2026-12-24 10:00', { workingDays: 1 })).toBe('2026-12-29T10:00:00.000Z');
  });

  it('skips a weekend: Friday + 1 working day is Monday, same time', () => {
    expect(due('2026-01-09 15:45', { workingDays: 1 })).toBe('2026-01-12T15:45:00.000Z');
    expect(due('2026-01-09 15:45', { workingDays: 5 })).toBe('2026-01-16T15:45:00.000Z');
  });

  it('skips Good Friday and Easter Monday, in summer time', () => {
    // Wednesday 1 April 2026 14:30 BST (13:30 UTC) + 2 working days: Thursday, then Tuesday 7th.
    expect(due('2026-04-01 14:30', { workingDays: 2 })).toBe('2026-04-07T13:30:00.000Z');
  });

  it('keeps the local time across the change to summer time', () => {
    // Friday 27 March 2026 10:00 GMT; the clocks go forward on Sunday 29th; Monday 10:00 BST.
    expect(due('2026-03-27 10:00', { workingDays: 1 })).toBe('2026-03-30T09:00:00.000Z');
  });

  it('counts ten working days across Christmas and New Year', () => {
    // Wed 23 Dec 2026: 24, 29, 30, 31 Dec, 4, 5, 6, 7, 8, 11 Jan 2027 (1 Jan is a bank holiday).
    expect(due('2026-12-23 12:00', { workingDays: 10 })).toBe('2027-01-11T12:00:00.000Z');
  });

  it('counts a weekend or bank holiday call from the start of the next working day', () => {
    // Saturday 10 Jan 2026: counted from Monday 09:00, due Tuesday 09:00.
    expect(due('2026-01-10 10:00', { workingDays: 1 })).toBe('2026-01-13T09:00:00.000Z');
    // Christmas Day 2026 (a Friday): counted from Tuesday 29th 09:00, due Wednesday 30th.
    expect(due('2026-12-25 11:00', { workingDays: 1 })).toBe('2026-12-30T09:00:00.000Z');
  });

  it('counts a call outside working hours from the next start of working hours', () => {
    // Monday 07:00: counted from 09:00 that day.
    expect(due('2026-01-12 07:00', { workingDays: 1 })).toBe('2026-01-13T09:00:00.000Z');
    // Monday 17:00 (the end) and 22:30: counted from Tuesday 09:00.
    expect(due('2026-01-12 17:00', { workingDays: 1 })).toBe('2026-01-14T09:00:00.000Z');
    expect(due('2026-01-12 22:30', { workingDays: 1 })).toBe('2026-01-14T09:00:00.000Z');
    // Friday evening: counted from Monday 09:00, due Tuesday.
    expect(due('2026-01-16 19:00', { workingDays: 1 })).toBe('2026-01-20T09:00:00.000Z');
  });

  it('counts a target in hours straight through nights, weekends and bank holidays', () => {
    expect(due('2026-12-24 23:30', { hours: 2 })).toBe('2026-12-25T01:30:00.000Z');
    expect(due('2026-01-10 10:00', { hours: 4 })).toBe('2026-01-10T14:00:00.000Z');
  });

  it('knows the England and Wales bank holidays 2025-2028', () => {
    for (const date of [
      '2025-12-26',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-28',
      '2027-01-01',
      '2027-12-27',
      '2027-12-28',
      '2028-01-03',
    ]) {
      expect(isWorkingDay(date, calendar)).toBe(false);
    }
    expect(isWorkingDay('2026-12-24', calendar)).toBe(true);
    expect(isWorkingDay('2026-12-26', calendar)).toBe(false); // a Saturday
    expect(configured.bankHolidays).toHaveLength(32);
    expect(configured.timeZone).toBe('Europe/London');
  });

  it('reads local dates and times in the configured time zone', () => {
    expect(localClock(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toEqual({
      date: '2026-07-01',
      msOfDay: 30 * 60_000,
    });
    expect(london('2026-06-30 09:00').toISOString()).toBe('2026-06-30T08:00:00.000Z');
  });
});

describe('checking config/calendar.json', () => {
  const valid = () => ({
    timeZone: 'Europe/London',
    workingHours: { start: '09:00', end: '17:00' },
    bankHolidays: [
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ],
  });

  it.each([
    [
      'an unknown time zone',
      { ...valid(), timeZone: 'Europe/Leyland' },
      /timeZone "Europe\/Leyland" is not a time zone name/,
    ],
    [
      'a date that does not exist',
      { ...valid(), bankHolidays: [{ date: '2026-02-30', name: 'x' }] },
      /bankHolidays\[0\]: "2026-02-30" is not a date/,
    ],
    [
      'dates out of order',
      { ...valid(), bankHolidays: [...valid().bankHolidays].reverse() },
      /bankHolidays\[1\]: 2026-12-25 comes after 2026-12-28; list each date once, in order/,
    ],
    [
      'working hours ending before they start',
      { ...valid(), workingHours: { start: '17:00', end: '09:00' } },
      /workingHours must be two times/,
    ],
    ['an unknown key', { ...valid(), holidays: [] }, /unknown key "holidays"/],
  ])('refuses %s, naming the file', (_case, raw, message) => {
    expect(() => parseCalendar(raw, FILE)).toThrow(ConfigError);
    expect(() => parseCalendar(raw, FILE)).toThrow(new RegExp(`^${FILE}: `));
    expect(() => parseCalendar(raw, FILE)).toThrow(message);
  });
});
