import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCasesSettings } from '../../src/cases/cases.config.js';
import { pastLimit } from '../../src/cases/caseload-rules.js';
import { ConfigError } from '../../src/config/app-config.js';

describe('config/cases.json', () => {
  it('ships a default caseload limit of 50', () => {
    const raw = JSON.parse(
      readFileSync(join(process.cwd(), 'config', 'cases.json'), 'utf8'),
    ) as unknown;
    expect(parseCasesSettings(raw)).toEqual({ caseload: { defaultLimit: 50 } });
  });

  it.each([
    [{}, /must have a "caseload" object/],
    [{ caseload: {} }, /caseload.defaultLimit must be a whole number from 1 to 500; it is missing/],
    [{ caseload: { defaultLimit: 0 } }, /it is 0/],
    [{ caseload: { defaultLimit: 501 } }, /from 1 to 500/],
    [{ caseload: { defaultLimit: '50' } }, /it is "50"/],
  ])('refuses %j at boot with a sentence', (raw, message) => {
    expect(() => parseCasesSettings(raw)).toThrow(ConfigError);
    expect(() => parseCasesSettings(raw)).toThrow(message);
  });
});

describe('caseload limit', () => {
  it('lets a worker reach their limit, not pass it', () => {
    expect(pastLimit(49, 1, 50)).toBe(false);
    expect(pastLimit(50, 1, 50)).toBe(true);
    expect(pastLimit(1, 2, 2)).toBe(true);
    expect(pastLimit(0, 2, 2)).toBe(false);
  });
});
