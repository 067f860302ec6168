import {
  addMonths,
  consentState,
  coverageOf,
  type ConsentFacts,
} from '../../src/intake/consent/consent-rules.js';
import { loadIntakeSettings, parseIntakeSettings } from '../../src/intake/intake.config.js';
import { ConfigError } from '../../src/config/app-config.js';

const at = (iso: string) => new Date(iso);
const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';

const consent = (overrides: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'c1',
  given: true,
  scope: 'all_partners',
  organisationIds: [],
  expiresAt: at('2027-01-15T10:00:00Z'),
  withdrawnAt: null,
  ...overrides,
});

describe('consent expiry', () => {
  it('adds calendar months', () => {
    expect(addMonths(at('2026-01-15T10:30:00Z'), 12).toISOString()).toBe(
      '2027-01-15T10:30:00.000Z',
    );
    expect(addMonths(at('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('keeps within the month: 31 January plus a month is the end of February', () => {
    expect(addMonths(at('2026-01-31T09:00:00Z'), 1).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(addMonths(at('2028-01-31T09:00:00Z'), 1).toISOString()).toBe('2028-02-29T09:00:00.000Z');
  });

  it('a consent recorded 13 months ago with 12 months validity has expired', () => {
    const now = at('2026-06-10T12:00:00Z');
    const recordedAt = addMonths(now, -13);
    const state = consentState(
      { given: true, expiresAt: addMonths(recordedAt, 12), withdrawnAt: null },
      now,
    );
    expect(state).toBe('expired');
    expect(
      consentState(
        { given: true, expiresAt: addMonths(addMonths(now, -11), 12), withdrawnAt: null },
        now,
      ),
    ).toBe('given');
  });
});

describe('consent state', () => {
  it('is given or refused while in date', () => {
    expect(consentState(consent(), at('2026-06-01T00:00:00Z'))).toBe('given');
    expect(consentState(consent({ given: false }), at('2026-06-01T00:00:00Z'))).toBe('refused');
  });

  it('expires at its expiry time', () => {
    expect(consentState(consent(), at('2027-01-15T09:59:59Z'))).toBe('given');
    expect(consentState(consent(), at('2027-01-15T10:00:00Z'))).toBe('expired');
  });

  it('is withdrawn from its withdrawal on, and not before', () => {
    const withdrawn = consent({ withdrawnAt: at('2026-07-01T12:00:00Z') });
    expect(consentState(withdrawn, at('2026-07-01T11:00:00Z'))).toBe('given');
    expect(consentState(withdrawn, at('2026-07-01T12:00:00Z'))).toBe('withdrawn');
    expect(consentState(withdrawn, at('2028-01-01T00:00:00Z'))).toBe('withdrawn');
  });
});

describe('what a consent covers', () => {
  const now = at('2026-06-01T00:00:00Z');

  it('covers nothing without a consent', () => {
    expect(coverageOf(undefined, ORG_A, now)).toEqual({
      covered: false,
      consentId: null,
      state: 'none',
    });
  });

  it('covers every partner with all_partners, and only the named ones otherwise', () => {
    expect(coverageOf(consent(), ORG_A, now)).toEqual({
      covered: true,
      consentId: 'c1',
      state: 'given',
    });
    const named = consent({ scope: 'named_organisations', organisationIds: [ORG_A] });
    expect(coverageOf(named, ORG_A, now).covered).toBe(true);
    expect(coverageOf(named, ORG_B, now)).toEqual({
      covered: false,
      consentId: 'c1',
      state: 'given',
    });
  });

  it('covers nothing when refused, expired or withdrawn', () => {
    expect(coverageOf(consent({ given: false }), ORG_A, now)).toMatchObject({
      covered: false,
      state: 'refused',
    });
    expect(coverageOf(consent(), ORG_A, at('2027-02-01T00:00:00Z'))).toMatchObject({
      covered: false,
      state: 'expired',
    });
    const withdrawn = consent({ withdrawnAt: at('2026-05-01T00:00:00Z') });
    expect(coverageOf(withdrawn, ORG_A, now)).toMatchObject({ covered: false, state: 'withdrawn' });
    // Before its withdrawal it did cover: what was shared then was shared with consent.
    expect(coverageOf(withdrawn, ORG_A, at('2026-04-30T00:00:00Z')).covered).toBe(true);
  });
});

describe('config/intake.json', () => {
  it('ships a valid file: consents hold 12 months by default', () => {
    expect(loadIntakeSettings().consent.validForMonths).toBe(12);
  });

  it('accepts the shipped shape', () => {
    expect(
      parseIntakeSettings({ consent: { validForMonths: 12, wordingVersion: 'v2025-01' } }),
    ).toEqual({
      consent: { validForMonths: 12, wordingVersion: 'v2025-01' },
    });
  });

  it.each([
    [{}, /must have a "consent" object/],
    [
      { consent: { wordingVersion: 'v1' } },
      /validForMonths must be a whole number of months from 1 to 120; it is missing/,
    ],
    [{ consent: { validForMonths: 0, wordingVersion: 'v1' } }, /validForMonths .* it is 0/],
    [{ consent: { validForMonths: 1.5, wordingVersion: 'v1' } }, /validForMonths/],
    [
      { consent: { validForMonths: 12, wordingVersion: '' } },
      /wordingVersion must be a version label/,
    ],
    [{ consent: { validForMonths: 12, wordingVersion: 'x'.repeat(41) } }, /wordingVersion/],
  ])('refuses %j with a sentence saying what to fix', (raw, message) => {
    expect(() => parseIntakeSettings(raw)).toThrow(ConfigError);
    expect(() => parseIntakeSettings(raw)).toThrow(message);
  });
});
