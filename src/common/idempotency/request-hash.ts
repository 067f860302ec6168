import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so that two bodies that mean the same give the
 * same text whatever order their fields came in. Absent (undefined) fields are left out, as
 * JSON.stringify does; dates are written as ISO times.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the body's canonical JSON: what a retry must repeat exactly. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** A key a client may send: 1 to 200 printable ASCII characters, not only spaces. */
const KEY = /^[\x20-\x7E]{1,200}$/;

/** True when `key` is an acceptable Idempotency-Key. */
export function isAcceptableKey(key: string): boolean {
  return KEY.test(key) && key.trim() !== '';
}
