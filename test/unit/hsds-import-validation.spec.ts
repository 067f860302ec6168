import { readFileSync } from 'node:fs';
import {
  recordsOf,
  validateServiceRecord,
  type ImportIssue,
} from '../../src/service-directory/hsds/import-validation.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`test/fixtures/hsds-3.0/${name}`, 'utf8')) as Record<string, unknown>;

const ID = '0f6b0b4e-8f0e-4c55-9b1a-3d2c1e0f9a01';
const minimal = (extra: Record<string, unknown> = {}) => ({
  id: ID,
  name: 'Warm Homes Advice',
  status: 'active',
  ...extra,
});

function reasonsOf(record: unknown): ImportIssue[] {
  const result = validateServiceRecord(record);
  return result.ok ? [] : result.reasons;
}

describe('HSDS import: dataset shapes', () => {
  it('accepts a page, a bare array and a single service', () => {
    const service = minimal();
    expect(recordsOf({ total_items: 1, contents: [service] })).toEqual([service]);
    expect(recordsOf([service, service])).toHaveLength(2);
    expect(recordsOf(service)).toEqual([service]);
    expect(recordsOf([])).toEqual([]);
  });

  it('refuses anything else', () => {
    for (const body of [null, 42, 'services', true, {}, { contents: 'x' }, { services: [] }]) {
      expect(recordsOf(body)).toBeUndefined();
    }
  });
});

describe('HSDS import: checking one record', () => {
  it('accepts the HSDS example service, dropping its impossible coordinates with warnings', () => {
    const result = validateServiceRecord(fixture('service_full.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        {
          path: '/service_at_locations/0/location/latitude',
          message: 'out of range (-90 to 90): the coordinates are not kept',
        },
        {
          path: '/organization/locations/0/latitude',
          message: 'out of range (-90 to 90): the coordinates are not kept',
        },
      ]),
    );
    const location = result.service.service_at_locations![0].location!;
    expect(location.latitude).toBeUndefined();
    expect(location.longitude).toBeUndefined();
    expect(location.name).toBe('MyCity Civic Center');
  });

  it('accepts the summary of a service list page', () => {
    const page = fixture('service_list.json');
    const [record] = recordsOf(page)!;
    expect(validateServiceRecord(record).ok).toBe(true);
  });

  it('names each field the HSDS 3.0 schema refuses, by JSON pointer', () => {
    const reasons = reasonsOf({
      id: 'not-a-uuid',
      status: 'open',
      minimum_age: 'twelve',
      phones: [{ id: ID }],
      service_at_locations: [
        { id: ID, location: { id: ID, location_type: 'physical', latitude: 'north' } },
      ],
    });
    expect(reasons).toEqual(
      expect.arrayContaining([
        { path: '/id', message: 'must match format "uuid"' },
        { path: '/name', message: 'is required' },
        {
          path: '/status',
          message: 'must be one of: active, inactive, defunct, temporarily closed',
        },
        { path: '/minimum_age', message: 'must be number' },
        { path: '/phones/0/number', message: 'is required' },
        { path: '/service_at_locations/0/location/latitude', message: 'must be number' },
      ]),
    );
  });

  it('refuses ids with a urn:uuid: prefix (they become primary keys), and lower-cases ids', () => {
    expect(reasonsOf(minimal({ id: `urn:uuid:${ID}` }))).toEqual([
      { path: '/id', message: 'must match format "uuid"' },
    ]);
    const result = validateServiceRecord(minimal({ id: ID.toUpperCase() }));
    expect(result.ok && result.service.id).toBe(ID);
  });

  it('wants whole ages from 0 to 130, the minimum not above the maximum', () => {
    expect(reasonsOf(minimal({ minimum_age: 12.5 }))).toEqual([
      { path: '/minimum_age', message: 'must be a whole number' },
    ]);
    expect(reasonsOf(minimal({ maximum_age: 131 }))).toEqual([
      { path: '/maximum_age', message: 'must be between 0 and 130' },
    ]);
    expect(reasonsOf(minimal({ minimum_age: 65, maximum_age: 18 }))).toEqual([
      { path: '/minimum_age', message: 'must not be above maximum_age' },
    ]);
    expect(reasonsOf(minimal({ minimum_age: 0, maximum_age: 130 }))).toEqual([]);
  });

  it('refuses what the columns cannot hold: long text, bad dates and times, fractions, NUL', () => {
    const reasons = reasonsOf(
      minimal({
        name: 'x'.repeat(301),
        assured_date: '2024-02-30',
        phones: [{ id: ID, number: '0'.repeat(51), extension: 1.5 }],
        schedules: [{ id: ID, opens_at: '9am', valid_from: '01/02/2024' }],
        alert: 'a\u0000b',
      }),
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        { path: '/name', message: 'must be at most 300 characters' },
        { path: '/assured_date', message: 'must be a date like 2024-01-31' },
        { path: '/phones/0/number', message: 'must be at most 50 characters' },
        { path: '/phones/0/extension', message: 'must be a whole number' },
        { path: '/schedules/0/opens_at', message: 'must be a time like 09:30 or 09:30:00' },
        { path: '/schedules/0/valid_from', message: 'must be a date like 2024-01-31' },
        { path: '/alert', message: 'must not contain a NUL character' },
      ]),
    );
  });

  it('refuses a blank name and an organisation named differently by id and organization_id', () => {
    expect(reasonsOf(minimal({ name: '  ' }))).toEqual([
      { path: '/name', message: 'must not be blank' },
    ]);
    expect(
      reasonsOf(
        minimal({
          organization_id: '11111111-1111-4111-8111-111111111111',
          organization: { id: ID, name: 'Org', description: '' },
        }),
      ),
    ).toEqual([{ path: '/organization_id', message: 'differs from /organization/id' }]);
  });

  it('needs each service at a location to name its location, once', () => {
    const location = { id: ID, location_type: 'physical' };
    expect(
      reasonsOf(
        minimal({
          service_at_locations: [
            { id: '21111111-1111-4111-8111-111111111111' },
            { id: '31111111-1111-4111-8111-111111111111', location },
            { id: '41111111-1111-4111-8111-111111111111', location_id: ID },
          ],
        }),
      ),
    ).toEqual([
      { path: '/service_at_locations/0/location', message: 'is required (or location_id)' },
      {
        path: '/service_at_locations/2/location/id',
        message: 'the service is already at this location (/service_at_locations/1)',
      },
    ]);
  });

  it('treats null as absent, keeps local opening times and warns about what is not kept', () => {
    const result = validateServiceRecord(
      minimal({
        alternate_name: null,
        url: null,
        schedules: [{ id: ID, opens_at: '09:00Z', closes_at: '17:00:00+01:00', attributes: [] }],
        x_custom: 'value',
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.service.alternate_name).toBeUndefined();
    expect(result.service.schedules![0]).toMatchObject({
      opens_at: '09:00',
      closes_at: '17:00:00',
    });
    expect(result.warnings).toEqual([
      {
        path: '/x_custom',
        message: 'not kept: the directory does not store this field of a service',
      },
      {
        path: '/schedules/0/attributes',
        message: 'not kept: the directory does not store this field of a schedule',
      },
      {
        path: '/schedules/0/opens_at',
        message: 'the UTC offset is not kept: opening times are stored as local times',
      },
      {
        path: '/schedules/0/closes_at',
        message: 'the UTC offset is not kept: opening times are stored as local times',
      },
    ]);
  });

  it('drops both coordinates when either is out of range, and keeps good ones', () => {
    const at = (latitude: number, longitude: number) =>
      validateServiceRecord(
        minimal({
          organization: {
            id: ID,
            name: 'Org',
            description: '',
            locations: [{ id: ID, location_type: 'physical', latitude, longitude }],
          },
        }),
      );
    const good = at(53.69, -2.69);
    expect(good.ok && good.service.organization!.locations![0]).toMatchObject({
      latitude: 53.69,
      longitude: -2.69,
    });
    const bad = at(53.69, 181);
    expect(bad.ok && bad.service.organization!.locations![0].latitude).toBeUndefined();
    expect(bad.warnings).toEqual([
      {
        path: '/organization/locations/0/longitude',
        message: 'out of range (-180 to 180): the coordinates are not kept',
      },
    ]);
  });

  it('is an object or nothing', () => {
    expect(reasonsOf('service')).toEqual([{ path: '', message: 'must be an object' }]);
  });
});
