import type { MeasureStage } from './case.entity.js';
import type { OutcomeInstrument } from './cases.config.js';

/** What a change of score means for the person, given the instrument's direction. */
export type MeasureOutcome = 'better' | 'worse' | 'unchanged';

/** One recorded score, oldest first when given as a list. */
export interface RecordedMeasure {
  measure: string;
  stage: MeasureStage;
  score: number;
  recordedAt: Date;
}

export interface MeasureSummary {
  measure: string;
  /** The instrument as configured now; null when it has since been taken out of config. */
  label: string | null;
  min: number | null;
  max: number | null;
  higherIsBetter: boolean | null;
  baseline: { score: number; recordedAt: Date } | null;
  latestFollowUp: { score: number; recordedAt: Date } | null;
  followUps: number;
  /** Latest follow-up minus baseline; null until both exist. */
  change: number | null;
  /** better / worse / unchanged by the instrument's direction; null while change is null. */
  outcome: MeasureOutcome | null;
}

/** Why a score cannot be recorded on this instrument, or undefined when it can. */
export function scoreProblem(instrument: OutcomeInstrument, score: number): string | undefined {
  if (!Number.isInteger(score) || score < instrument.min || score > instrument.max) {
    return `must be a whole number from ${instrument.min} to ${instrument.max} for ${instrument.code}`;
  }
  return undefined;
}

/** better / worse / unchanged: a rise is better on a higher-is-better scale, worse otherwise. */
export function outcomeOf(change: number, higherIsBetter: boolean): MeasureOutcome {
  if (change === 0) return 'unchanged';
  return change > 0 === higherIsBetter ? 'better' : 'worse';
}

/**
 * Per instrument recorded on a case: the baseline, the latest follow-up, the change between them
 * and whether that is better or worse for the person. A follow-up with no baseline is kept and
 * shown, with no change. Instruments come in config order, any no longer configured after them.
 */
export function summariseMeasures(
  recorded: readonly RecordedMeasure[],
  instruments: readonly OutcomeInstrument[],
): MeasureSummary[] {
  const byCode = new Map<string, RecordedMeasure[]>();
  for (const entry of recorded) {
    const list = byCode.get(entry.measure) ?? [];
    list.push(entry);
    byCode.set(entry.measure, list);
  }
  const configured = instruments.map((instrument) => instrument.code);
  const codes = [
    ...configured.filter((code) => byCode.has(code)),
    ...[...byCode.keys()].filter((code) => !configured.includes(code)).sort(),
  ];
  return codes.map((code) => {
    const instrument = instruments.find((candidate) => candidate.code === code);
    const entries = [...(byCode.get(code) ?? [])].sort(
      (a, b) => a.recordedAt.getTime() - b.recordedAt.getTime(),
    );
    const baseline = entries.find((entry) => entry.stage === 'baseline');
    const followUps = entries.filter((entry) => entry.stage === 'followup');
    const latest = followUps.at(-1);
    const change =
      baseline !== undefined && latest !== undefined ? latest.score - baseline.score : null;
    return {
      measure: code,
      label: instrument?.label ?? null,
      min: instrument?.min ?? null,
      max: instrument?.max ?? null,
      higherIsBetter: instrument?.higherIsBetter ?? null,
      baseline:
        baseline === undefined ? null : { score: baseline.score, recordedAt: baseline.recordedAt },
      latestFollowUp:
        latest === undefined ? null : { score: latest.score, recordedAt: latest.recordedAt },
      followUps: followUps.length,
      change,
      outcome:
        change === null || instrument === undefined
          ? null
          : outcomeOf(change, instrument.higherIsBetter),
    };
  });
}
