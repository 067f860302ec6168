import { normaliseUkPhone } from '../../src/intake/people/phone.js';
import {
  comparableName,
  dateOfBirthProblem,
  isCalendarDate,
} from '../../src/intake/people/person-rules.js';

describe('UK phone numbers, normalised for duplicate detection', () => {
  it.each([
    ['07700 900123', '07700900123'],
    ['07700900123', '07700900123'],
    ['+44 7700 900123', '07700900123'],
    ['+44 (0)7700 900-123', '07700900123'],
    ['0044 7700 900123', '07700900123'],
    ['(01632) 960 001', '01632960001'],
    ['020 7946 0000', '02079460000'],
    ['0800 123456', '0800123456'],
    ['016977 2345', '0169772345'],
  ])('reads %j as %j', (input, expected) => {
    expect(normaliseUkPhone(input)).toBe(expected);
  });

  it.each([
    '',
    '12345',
    '7700 900123', // no trunk prefix: ambiguous
    '+33 1 23 45 67 89', // not a UK number
    '07700 90012', // too short for a mobile
    '07700 9001234', // too long
    '0770O 900123', // a letter O
    '07700 900123 ext 4',
    '+44 +7700 900123',
    '00 7700 900123',
  ])('refuses %j', (input) => {
    expect(normaliseUkPhone(input)).toBeUndefined();
  });
});

describe('dates of birth', () => {
  const today = '2026-05-20';

  it('accepts a real date up to today', () => {
    expect(dateOfBirthProblem('1951-03-14', today)).toBeUndefined();
    expect(dateOfBirthProblem(today, today)).toBeUndefined();
    expect(dateOfBirthProblem('1896-05-20', today)).toBeUndefined();
  });

  it('refuses a date in the future', () => {
    expect(dateOfBirthProblem('2026-05-21', today)).toBe('must not be in the future');
  });

  it('refuses an absurdly old date', () => {
    expect(dateOfBirthProblem('1896-05-19', today)).toBe('must be within the last 130 years');
    expect(dateOfBirthProblem('0951-03-14', today)).toBe('must be within the last 130 years');
  });

  it.each(['1951-02-30', '1951-13-01', '14/03/1951', '1951-3-14', '', 19510314, null])(
    'refuses %j as not a date',
    (value) => {
      expect(dateOfBirthProblem(value, today)).toBe('must be a date, YYYY-MM-DD');
    },
  );

  it('knows leap days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });
});

describe('names as duplicate detection compares them', () => {
  it('lower-cases and collapses spaces', () => {
    expect(comparableName('  Margaret   THOMPSON ')).toBe('margaret thompson');
  });
});
