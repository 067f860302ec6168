/** Characters a person may type in a phone number: digits, spaces, + ( ) - . */
const PHONE_CHARACTERS = /^[0-9+() .-]{6,30}$/;

/**
 * UK numbers in national form: 01 (10 or 11 digits), 02, 03, 05, 07 and 09 (11 digits),
 * 08 (10 or 11 digits, e.g. 0800 numbers).
 */
const UK_NATIONAL = /^0(?:1\d{8,9}|[2357]\d{9}|8\d{8,9}|9\d{9})$/;

/**
 * A UK phone number as digits in national form, the form duplicate detection compares:
 * "+44 (0)7700 900-123", "0044 7700 900123" and "07700 900123" all give "07700900123".
 * Undefined when it is not a UK number.
 */
export function normaliseUkPhone(input: string): string | undefined {
  const trimmed = input.trim();
  if (!PHONE_CHARACTERS.test(trimmed)) return undefined;
  // "(0)" after the country code is the national trunk prefix, written for people who dial it.
  let compact = trimmed.replace(/\(0\)/g, '0').replace(/[ ().-]/g, '');
  if (compact.startsWith('+44')) compact = compact.slice(3);
  else if (compact.startsWith('0044')) compact = compact.slice(4);
  else if (!compact.startsWith('0')) return undefined;
  if (compact.includes('+')) return undefined;
  const national = compact.startsWith('0') ? compact : `0${compact}`;
  return UK_NATIONAL.test(national) ? national : undefined;
}
