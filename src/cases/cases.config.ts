import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { ConfigError } from '../config/app-config.js';

/** config/cases.json, checked. */
export interface CasesSettings {
  caseload: {
    /** Open cases a worker may hold when their own limit (users.caseload_limit) is not set. */
    defaultLimit: number;
  };
}

/** One outcome instrument of config/outcome-measures.json. */
export interface OutcomeInstrument {
  code: string;
  label: string;
  min: number;
  max: number;
  /** false where a higher score is worse (e.g. loneliness). */
  higherIsBetter: boolean;
  description: string;
}

/** Injection tokens of the two files' checked contents, read once when the application starts. */
export const CASES_SETTINGS = Symbol('CASES_SETTINGS');
export const OUTCOME_INSTRUMENTS = Symbol('OUTCOME_INSTRUMENTS');

/** The largest caseload limit anyone may set (the per-user limit has the same bound). */
export const MAX_CASELOAD_LIMIT = 500;

/** Stored in outcome_measures.measure (varchar 40). */
export const MEASURE_CODE = /^[a-z][a-z0-9_]{0,39}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isWholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

export function readConfigFile(file: string): unknown {
  const path = join(projectRoot(), 'config', file);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(`config/${file} could not be read as JSON: ${String(error)}`);
  }
}

/** Checks config/cases.json; a wrong setting stops the start with a sentence saying what to fix. */
export function parseCasesSettings(raw: unknown): CasesSettings {
  const file = 'config/cases.json';
  if (!isRecord(raw) || !isRecord(raw.caseload)) {
    throw new ConfigError(`${file} must have a "caseload" object, e.g. { "defaultLimit": 50 }.`);
  }
  const limit = raw.caseload.defaultLimit;
  if (!isWholeNumber(limit) || limit < 1 || limit > MAX_CASELOAD_LIMIT) {
    throw new ConfigError(
      `${file}: caseload.defaultLimit must be a whole number from 1 to ${MAX_CASELOAD_LIMIT}; it is ${JSON.stringify(limit) ?? 'missing'}.`,
    );
  }
  return { caseload: { defaultLimit: limit } };
}

/** Checks config/outcome-measures.json: codes well formed and unique, ranges whole and ordered. */
export function parseOutcomeInstruments(raw: unknown): OutcomeInstrument[] {
  const file = 'config/outcome-measures.json';
  if (!isRecord(raw) || !Array.isArray(raw.instruments) || raw.instruments.length === 0) {
    throw new ConfigError(`${file} must have a non-empty "instruments" list.`);
  }
  const seen = new Set<string>();
  return raw.instruments.map((entry: unknown, index): OutcomeInstrument => {
    const where = `${file}: instrument ${index + 1}`;
    if (!isRecord(entry)) throw new ConfigError(`${where} is not an object.`);
    const { code, label, min, max, higherIsBetter, description } = entry;
    if (typeof code !== 'string' || !MEASURE_CODE.test(code)) {
      throw new ConfigError(
        `${where}: "code" must be lower-case letters, digits or _ (at most 40), like "swemwbs".`,
      );
    }
    if (seen.has(code)) throw new ConfigError(`${file}: "${code}" appears twice.`);
    seen.add(code);
    if (typeof label !== 'string' || label.trim() === '') {
      throw new ConfigError(`${file}: "${code}" needs a "label".`);
    }
    if (!isWholeNumber(min) || !isWholeNumber(max) || min >= max) {
      throw new ConfigError(
        `${file}: "${code}" needs whole numbers "min" and "max", with min below max.`,
      );
    }
    if (typeof higherIsBetter !== 'boolean') {
      throw new ConfigError(`${file}: "${code}" needs "higherIsBetter": true or false.`);
    }
    if (description !== undefined && typeof description !== 'string') {
      throw new ConfigError(`${file}: "${code}": "description" must be text.`);
    }
    return { code, label, min, max, higherIsBetter, description: description ?? '' };
  });
}

export const casesSettingsProvider = {
  provide: CASES_SETTINGS,
  useFactory: (): CasesSettings => parseCasesSettings(readConfigFile('cases.json')),
};

export const outcomeInstrumentsProvider = {
  provide: OUTCOME_INSTRUMENTS,
  useFactory: (): OutcomeInstrument[] =>
    parseOutcomeInstruments(readConfigFile('outcome-measures.json')),
};
