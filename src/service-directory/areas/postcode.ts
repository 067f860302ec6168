/** A full UK postcode: outward code (area, district) and inward code (sector digit, unit). */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const SECTOR = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])$/;

export interface Postcode {
  /** e.g. "PR25 1DH" */
  postcode: string;
  /** e.g. "PR25 1" */
  sector: string;
}

/** "pr251dh", " PR25  1DH " → { postcode: "PR25 1DH", sector: "PR25 1" }; undefined if malformed. */
export function normalisePostcode(input: string): Postcode | undefined {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const match = POSTCODE.exec(compact);
  if (match === null) return undefined;
  const [, outward, inward] = match as unknown as [string, string, string];
  return { postcode: `${outward} ${inward}`, sector: `${outward} ${inward[0]}` };
}

/** "pr25 1" → "PR25 1"; undefined if it is not a sector. */
export function normalisePostcodeSector(input: string): string | undefined {
  const match = SECTOR.exec(input.replace(/\s+/g, '').toUpperCase());
  return match === null ? undefined : `${match[1]} ${match[2]}`;
}
