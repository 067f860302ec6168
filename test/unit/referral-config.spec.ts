import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/app-config.js';
import {
  isUrgent,
  parseReferralSettings,
  responseHours,
} from '../../src/referral/referral.config.js';

const shipped = parseReferralSettings(
  JSON.parse(readFileSync(join(process.cwd(), 'config', 'referrals.json'), 'utf8')) as unknown,
);

describe('config/referrals.json', () => {
  it('ships a 72-hour default, urgent caps for P1 and P2, a one-minute sweep', () => {
    expect(shipped).toEqual({
      defaultResponseTargetHours: 72,
      urgentResponseTargetHours: { P1: 2, P2: 24 },
      overdueSweepSeconds: 60,
      overrideApprovalValidHours: 24,
    });
  });

  const valid = {
    defaultResponseTargetHours: 72,
    urgentResponseTargetHours: { P1: 2 },
    overdueSweepSeconds: 60,
    overrideApprovalValidHours: 24,
  };

  it.each([
    [[], /must be a JSON object/],
    [{ ...valid, urgentResponseTargetHours: undefined }, /"urgentResponseTargetHours" object/],
    [{ ...valid, urgentResponseTargetHours: { P9: 1 } }, /"P9", which is not a priority/],
    [{ ...valid, urgentResponseTargetHours: { P1: 0 } }, /urgentResponseTargetHours.P1 must be/],
    [{ ...valid, defaultResponseTargetHours: 1.5 }, /defaultResponseTargetHours must be a whole/],
    [{ ...valid, overdueSweepSeconds: 0 }, /overdueSweepSeconds must be a whole number from 1/],
    [{ ...valid, overrideApprovalValidHours: 500 }, /from 1 to 168/],
  ])('refuses %j at boot with a sentence', (raw, message) => {
    expect(() => parseReferralSettings(raw)).toThrow(ConfigError);
    expect(() => parseReferralSettings(raw)).toThrow(message);
  });
});

describe('When a referral falls due', () => {
  it("is the service's own target for a standard case", () => {
    expect(responseHours(48, 'P3', shipped)).toBe(48);
    expect(responseHours(48, null, shipped)).toBe(48);
  });

  it('is the default target when the service has none', () => {
    expect(responseHours(null, 'P4', shipped)).toBe(72);
  });

  it('is sooner for an urgent case, never later than the service would answer anyway', () => {
    expect(responseHours(48, 'P1', shipped)).toBe(2);
    expect(responseHours(48, 'P2', shipped)).toBe(24);
    expect(responseHours(8, 'P2', shipped)).toBe(8);
    expect(responseHours(null, 'P1', shipped)).toBe(2);
  });

  it('marks P1 and P2 urgent, as configured', () => {
    expect(['P1', 'P2', 'P3', 'P4', null].map((p) => isUrgent(p as 'P1' | null, shipped))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
