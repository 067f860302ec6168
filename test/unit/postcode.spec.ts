import {
  normalisePostcode,
  normalisePostcodeSector,
} from '../../src/service-directory/areas/postcode.js';
import { configuredAreas, configuredTaxonomy } from '../../src/service-directory/reference-data.js';

describe('postcodes', () => {
  it.each([
    ['PR25 1DH', 'PR25 1DH', 'PR25 1'],
    ['pr251dh', 'PR25 1DH', 'PR25 1'],
    [' sw1a  1aa ', 'SW1A 1AA', 'SW1A 1'],
    ['M1 1AE', 'M1 1AE', 'M1 1'],
    ['B33 8TH', 'B33 8TH', 'B33 8'],
  ])('normalises %j', (input, postcode, sector) => {
    expect(normalisePostcode(input)).toEqual({ postcode, sector });
  });

  it.each(['', 'PR25', 'PR25 1D', '1PR 1DH', 'PR25 1DHX', 'PR25-1DH'])('refuses %j', (input) => {
    expect(normalisePostcode(input)).toBeUndefined();
  });

  it('normalises sectors', () => {
    expect(normalisePostcodeSector('pr25 1')).toBe('PR25 1');
    expect(normalisePostcodeSector('PR25 1D')).toBeUndefined();
  });
});

describe('config/ reference data', () => {
  it('has a well-formed taxonomy covering the needs of the domain', () => {
    const codes = configuredTaxonomy().map((term) => term.code);
    for (const need of [
      'money.debt',
      'money.benefits',
      'housing.homelessness',
      'food',
      'fuel',
      'wellbeing.mental_health',
      'wellbeing.loneliness',
      'safety.domestic_abuse',
      'carers',
      'older_people',
      'children_young_people',
      'employment',
      'digital.device',
      'digital.connection',
      'digital.skills',
      'health',
      'safety.home_safety',
      'substance_misuse',
    ]) {
      expect(codes).toContain(need);
    }
  });

  it('gives every postcode sector one ward', () => {
    const { areas, sectors } = configuredAreas();
    const wards = new Set(areas.filter((area) => area.kind === 'ward').map((area) => area.code));
    expect(sectors.length).toBeGreaterThan(0);
    for (const entry of sectors) expect(wards.has(entry.ward)).toBe(true);
  });
});
