import {
  canonicalJson,
  isAcceptableKey,
  requestHash,
} from '../../src/common/idempotency/request-hash.js';

describe('idempotency: the request hash', () => {
  it('does not depend on the order of fields', () => {
    const a = { channel: 'phone', person: { firstName: 'A', lastName: 'B' }, reason: 'x' };
    const b = { reason: 'x', person: { lastName: 'B', firstName: 'A' }, channel: 'phone' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value, and keeps array order', () => {
    const base = { reason: 'x', flags: ['carer', 'lives_alone'] };
    expect(requestHash({ ...base, reason: 'y' })).not.toBe(requestHash(base));
    expect(requestHash({ ...base, flags: ['lives_alone', 'carer'] })).not.toBe(requestHash(base));
  });

  it('leaves out absent fields but not nulls', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: null })).toBe('{"a":1,"b":null}');
  });

  it('reads class instances (validated DTOs) by their fields', () => {
    class Body {
      reason = 'x';
      channel = 'phone';
    }
    expect(canonicalJson(new Body())).toBe('{"channel":"phone","reason":"x"}');
  });
});

describe('idempotency: acceptable keys', () => {
  it.each(['a', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'call 2026-05-20 #3', 'x'.repeat(200)])(
    'accepts %j',
    (key) => {
      expect(isAcceptableKey(key)).toBe(true);
    },
  );

  it.each(['', '   ', 'x'.repeat(201), 'caf\u00e9', 'tab\there', 'line\nbreak'])(
    'refuses %j',
    (key) => {
      expect(isAcceptableKey(key)).toBe(false);
    },
  );
});
