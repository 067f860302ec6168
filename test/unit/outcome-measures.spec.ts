import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOutcomeInstruments, type OutcomeInstrument } from '../../src/cases/cases.config.js';
import {
  outcomeOf,
  scoreProblem,
  summariseMeasures,
  type RecordedMeasure,
} from '../../src/cases/outcome-measures.js';
import { ConfigError } from '../../src/config/app-config.js';

const wellbeing: OutcomeInstrument = {
  code: 'swemwbs',
  label: 'Wellbeing',
  min: 7,
  max: 35,
  higherIsBetter: true,
  description: '',
};
const loneliness: OutcomeInstrument = {
  code: 'loneliness3',
  label: 'Loneliness',
  min: 3,
  max: 9,
  higherIsBetter: false,
  description: '',
};
const instruments = [wellbeing, loneliness];

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const scored = (
  measure: string,
  stage: 'baseline' | 'followup',
  score: number,
  day: number,
): RecordedMeasure => ({ measure, stage, score, recordedAt: at(day) });

describe('outcome measures', () => {
  describe('scoreProblem', () => {
    it('accepts whole scores within the range, ends included', () => {
      for (const score of [7, 20, 35]) expect(scoreProblem(wellbeing, score)).toBeUndefined();
    });
    it('refuses scores outside the range, or not whole', () => {
      for (const score of [6, 36, -1, 20.5]) {
        expect(scoreProblem(wellbeing, score)).toBe(
          'must be a whole number from 7 to 35 for swemwbs',
        );
      }
    });
  });

  describe('outcomeOf', () => {
    it('reads a change by the instrument’s direction', () => {
      expect(outcomeOf(5, true)).toBe('better');
      expect(outcomeOf(-5, true)).toBe('worse');
      expect(outcomeOf(-2, false)).toBe('better');
      expect(outcomeOf(2, false)).toBe('worse');
      expect(outcomeOf(0, false)).toBe('unchanged');
    });
  });

  describe('summariseMeasures', () => {
    it('takes the baseline and the latest follow-up, in config order', () => {
      const summaries = summariseMeasures(
        [
          scored('loneliness3', 'baseline', 8, 1),
          scored('swemwbs', 'followup', 20, 10),
          scored('swemwbs', 'baseline', 14, 2),
          scored('swemwbs', 'followup', 25, 30),
          scored('loneliness3', 'followup', 5, 30),
        ],
        instruments,
      );
      expect(summaries).toEqual([
        {
          measure: 'swemwbs',
          label: 'Wellbeing',
          min: 7,
          max: 35,
          higherIsBetter: true,
          baseline: { score: 14, recordedAt: at(2) },
          latestFollowUp: { score: 25, recordedAt: at(30) },
          followUps: 2,
          change: 11,
          outcome: 'better',
        },
        expect.objectContaining({ measure: 'loneliness3', change: -3, outcome: 'better' }),
      ]);
    });

    it('has no change while the baseline or the follow-up is missing', () => {
      const [onlyFollowUp, onlyBaseline] = summariseMeasures(
        [scored('swemwbs', 'followup', 20, 3), scored('loneliness3', 'baseline', 6, 1)],
        instruments,
      );
      expect(onlyFollowUp).toMatchObject({ baseline: null, change: null, outcome: null });
      expect(onlyBaseline).toMatchObject({ latestFollowUp: null, followUps: 0, change: null });
    });

    it('still shows an instrument taken out of config, without a direction', () => {
      const [summary] = summariseMeasures(
        [scored('retired', 'baseline', 2, 1), scored('retired', 'followup', 4, 2)],
        instruments,
      );
      expect(summary).toMatchObject({
        measure: 'retired',
        label: null,
        higherIsBetter: null,
        change: 2,
        outcome: null,
      });
    });

    it('lists only instruments recorded', () => {
      expect(summariseMeasures([], instruments)).toEqual([]);
    });
  });

  describe('config/outcome-measures.json', () => {
    it('ships the three instruments, valid', () => {
      const raw = JSON.parse(
        readFileSync(join(process.cwd(), 'config', 'outcome-measures.json'), 'utf8'),
      ) as unknown;
      const parsed = parseOutcomeInstruments(raw);
      expect(
        parsed.map((entry) => [entry.code, entry.min, entry.max, entry.higherIsBetter]),
      ).toEqual([
        ['swemwbs', 7, 35, true],
        ['loneliness3', 3, 9, false],
        ['coping', 0, 10, true],
      ]);
    });

    const valid = { code: 'coping', label: 'Coping', min: 0, max: 10, higherIsBetter: true };
    it.each([
      [{}, /non-empty "instruments" list/],
      [{ instruments: [] }, /non-empty "instruments" list/],
      [{ instruments: [{ ...valid, code: 'Coping!' }] }, /"code" must be lower-case/],
      [{ instruments: [valid, valid] }, /"coping" appears twice/],
      [{ instruments: [{ ...valid, label: '' }] }, /"coping" needs a "label"/],
      [{ instruments: [{ ...valid, min: 10, max: 10 }] }, /min below max/],
      [{ instruments: [{ ...valid, max: 9.5 }] }, /whole numbers/],
      [{ instruments: [{ ...valid, higherIsBetter: 'yes' }] }, /"higherIsBetter": true or false/],
    ])('refuses %j at boot with a sentence', (raw, message) => {
      expect(() => parseOutcomeInstruments(raw)).toThrow(ConfigError);
      expect(() => parseOutcomeInstruments(raw)).toThrow(message);
    });
  });
});
