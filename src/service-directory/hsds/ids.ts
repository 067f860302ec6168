import { createHash } from 'node:crypto';

/**
 * Open Referral ids are UUIDs; the need taxonomy is keyed by its codes. The feed publishes the need
 * taxonomy under a fixed id and each term under a name-based UUID (RFC 9562 version 5) of its
 * code, so the ids are the same on every installation and never need storing.
 */
export const NEED_TAXONOMY_ID = '6f0b1c52-3f4e-4b8a-9a41-0f1d0e5a7c11';

export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The published id of a need term. */
export function needTermId(code: string): string {
  return uuidV5(code, NEED_TAXONOMY_ID);
}
