import { needTermId, uuidV5 } from '../../src/service-directory/hsds/ids.js';

describe('published ids', () => {
  it('computes RFC 9562 version 5 UUIDs (the RFC example: www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives each need term one stable id of its own', () => {
    expect(needTermId('money.debt')).toBe(needTermId('money.debt'));
    expect(needTermId('money.debt')).not.toBe(needTermId('money'));
    expect(needTermId('money.debt')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
