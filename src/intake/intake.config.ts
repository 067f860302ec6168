import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { ConfigError } from '../config/app-config.js';

/** config/intake.json, checked. */
export interface IntakeSettings {
  consent: {
    /** How long a consent holds from when the person answered. */
    validForMonths: number;
    /** The wording read out now, recorded with a consent unless the handler names another. */
    wordingVersion: string;
  };
}

/** Injection token of the checked settings, read once when the application starts. */
export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

export const MAX_CONSENT_MONTHS = 120;
/** Stored in consents.wording_version (varchar 40). */
export const WORDING_VERSION = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,39}$/;

const FILE = 'config/intake.json';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks config/intake.json; a wrong setting stops the start with a sentence saying what to fix. */
export function parseIntakeSettings(raw: unknown): IntakeSettings {
  if (!isRecord(raw) || !isRecord(raw.consent)) {
    throw new ConfigError(
      `${FILE} must have a "consent" object, e.g. { "validForMonths": 12, "wordingVersion": "2025-01" }.`,
    );
  }
  const { validForMonths, wordingVersion } = raw.consent;
  if (
    typeof validForMonths !== 'number' ||
    !Number.isSafeInteger(validForMonths) ||
    validForMonths < 1 ||
    validForMonths > MAX_CONSENT_MONTHS
  ) {
    throw new ConfigError(
      `${FILE}: consent.validForMonths must be a whole number of months from 1 to ${MAX_CONSENT_MONTHS}; it is ${JSON.stringify(validForMonths) ?? 'missing'}.`,
    );
  }
  if (typeof wordingVersion !== 'string' || !WORDING_VERSION.test(wordingVersion)) {
    throw new ConfigError(
      `${FILE}: consent.wordingVersion must be a version label of 1 to 40 letters, digits or . _ : / - (e.g. "2025-01"); it is ${JSON.stringify(wordingVersion) ?? 'missing'}.`,
    );
  }
  return { consent: { validForMonths, wordingVersion } };
}

/** Reads and checks config/intake.json. */
export function loadIntakeSettings(): IntakeSettings {
  const path = join(projectRoot(), FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(`${FILE} could not be read as JSON: ${String(error)}`);
  }
  return parseIntakeSettings(raw);
}
