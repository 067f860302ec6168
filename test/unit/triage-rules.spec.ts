import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseNeed } from '../../src/cases/case.entity.js';
import { projectRoot } from '../../src/common/project-root.js';
import { ConfigError } from '../../src/config/app-config.js';
import { loadTriageRules } from '../../src/triage/triage-config.js';
import {
  decidePriority,
  isSafeguarding,
  needMatches,
  parseTriageRules,
  type TriageRules,
} from '../../src/triage/triage-rules.js';

const NEED_CODES = new Set([
  'money',
  'money.debt',
  'housing',
  'housing.homelessness',
  'housing.repairs',
  'food',
]);
const FILE = 'config/triage-rules.json';

/** A small rules file: each kind of condition once. */
function rulesFile(): Record<string, unknown> {
  return {
    risks: [
      { code: 'child_safeguarding', label: 'Child at risk', safeguarding: true },
      { code: 'suicide_risk', label: 'Risk of suicide' },
      { code: 'homeless_tonight', label: 'Homeless tonight' },
      { code: 'no_heating', label: 'No heating' },
    ],
    priorities: {
      P1: { label: 'Immediate', target: { hours: 2 } },
      P2: { label: 'Urgent', target: { workingDays: 1 } },
      P3: { label: 'Standard', target: { workingDays: 5 } },
      P4: { label: 'Information', target: { workingDays: 10 } },
    },
    rules: [
      { name: 'suicide', when: { anyRisk: ['suicide_risk'] }, priority: 'P1' },
      { name: 'safeguarding', when: { safeguarding: true }, priority: 'P1' },
      {
        name: 'cold_and_housing',
        when: { anyRisk: ['no_heating'], anyNeed: ['housing'] },
        priority: 'P2',
      },
      { name: 'housing_severe', when: { anyNeed: ['housing'], minSeverity: 3 }, priority: 'P2' },
      { name: 'any_severe', when: { minSeverity: 3 }, priority: 'P3' },
      { name: 'nothing_needed', when: { noNeeds: true }, priority: 'P4' },
    ],
    default: 'P3',
  };
}

const parse = (raw: unknown): TriageRules => parseTriageRules(raw, FILE, NEED_CODES);
const need = (code: string, severity: 1 | 2 | 3): CaseNeed => ({ code, severity });

describe('priority from the triage rules', () => {
  const rules = parse(rulesFile());
  const decide = (needs: CaseNeed[], risks: string[] = [], safeguarding = false) =>
    decidePriority(rules, { needs, risks, safeguarding });

  it('gives a listed risk its priority (anyRisk)', () => {
    expect(decide([need('money.debt', 1)], ['suicide_risk'])).toEqual({
      priority: 'P1',
      rule: 'suicide',
    });
  });

  it('treats a risk configured as safeguarding like the safeguarding tick', () => {
    expect(decide([], ['child_safeguarding'])).toEqual({ priority: 'P1', rule: 'safeguarding' });
    expect(decide([need('food', 1)], [], true)).toEqual({ priority: 'P1', rule: 'safeguarding' });
    expect(
      isSafeguarding(rules, { needs: [], risks: ['child_safeguarding'], safeguarding: false }),
    ).toBe(true);
    expect(isSafeguarding(rules, { needs: [], risks: ['no_heating'], safeguarding: false })).toBe(
      false,
    );
  });

  it('needs every condition of a rule, and a parent need code matches the codes under it', () => {
    expect(decide([need('housing.repairs', 1)], ['no_heating'])).toEqual({
      priority: 'P2',
      rule: 'cold_and_housing',
    });
    // No heating without a housing need: the rule does not match; the default applies.
    expect(decide([need('food', 1)], ['no_heating'])).toEqual({ priority: 'P3', rule: 'default' });
  });

  it('reads minSeverity on the needs the rule names, when it names some', () => {
    expect(decide([need('housing.homelessness', 3)])).toEqual({
      priority: 'P2',
      rule: 'housing_severe',
    });
    // A severe need that is not housing and a mild housing need: housing_severe does not match.
    expect(decide([need('money.debt', 3), need('housing.repairs', 1)])).toEqual({
      priority: 'P3',
      rule: 'any_severe',
    });
    expect(decide([need('money.debt', 2)])).toEqual({ priority: 'P3', rule: 'default' });
  });

  it('gives no needs at all the noNeeds rule', () => {
    expect(decide([])).toEqual({ priority: 'P4', rule: 'nothing_needed' });
  });

  it('takes the first rule that matches, in the order of the file', () => {
    expect(decide([need('housing.homelessness', 3)], ['suicide_risk', 'no_heating'], true)).toEqual(
      { priority: 'P1', rule: 'suicide' },
    );
    const reordered = parse({
      ...rulesFile(),
      rules: [...(rulesFile().rules as object[])].reverse(),
    });
    expect(
      decidePriority(reordered, {
        needs: [need('housing.homelessness', 3)],
        risks: ['suicide_risk'],
        safeguarding: false,
      }),
    ).toEqual({ priority: 'P3', rule: 'any_severe' });
  });

  it('matches need codes by whole segments', () => {
    expect(needMatches('housing.repairs', 'housing')).toBe(true);
    expect(needMatches('housing', 'housing')).toBe(true);
    expect(needMatches('housing_support', 'housing')).toBe(false);
    expect(needMatches('housing', 'housing.repairs')).toBe(false);
  });
});

describe('the shipped config/triage-rules.json', () => {
  const rules = loadTriageRules(join(projectRoot(), 'config', 'triage-rules.json'));
  const decide = (needs: CaseNeed[], risks: string[] = [], safeguarding = false) =>
    decidePriority(rules, { needs, risks, safeguarding });

  it.each([
    [[], ['suicide_risk'], false, 'P1', 'risk_to_life'],
    [[], ['child_safeguarding'], false, 'P1', 'safeguarding'],
    [[], ['adult_safeguarding'], false, 'P1', 'safeguarding'],
    [[], ['domestic_abuse'], false, 'P1', 'safeguarding'],
    [[need('money.debt', 1)], [], true, 'P1', 'safeguarding'],
    [[need('housing.homelessness', 1)], ['homeless_tonight'], false, 'P2', 'homeless_tonight'],
    [[need('food', 1)], ['no_food_today'], false, 'P2', 'without_essentials'],
    [[need('fuel', 1)], ['no_heating'], false, 'P2', 'without_essentials'],
    [[need('carers', 2)], ['carer_breakdown'], false, 'P2', 'support_breaking_down'],
    [[need('housing.homelessness', 2)], [], false, 'P2', 'homelessness_risk'],
    [[need('money.debt', 3)], [], false, 'P2', 'severe_need'],
    [[need('money.debt', 2), need('wellbeing.loneliness', 1)], [], false, 'P3', 'default'],
    [[need('housing.homelessness', 1)], [], false, 'P3', 'default'],
    [[], [], false, 'P4', 'information_only'],
  ] as [CaseNeed[], string[], boolean, string, string][])(
    'needs %j, risks %j, safeguarding %s: %s by %s',
    (needs, risks, safeguarding, priority, rule) => {
      expect(decide(needs, risks, safeguarding)).toEqual({ priority, rule });
    },
  );

  it('has a target for every priority: P1 in hours, the others in working days', () => {
    expect(rules.priorities.P1.target).toEqual({ hours: 2 });
    expect(rules.priorities.P2.target).toEqual({ workingDays: 1 });
    expect(rules.priorities.P3.target).toEqual({ workingDays: 5 });
    expect(rules.priorities.P4.target).toEqual({ workingDays: 10 });
  });

  it('is valid JSON a council can read: a description and the four parts', () => {
    const raw = JSON.parse(
      readFileSync(join(projectRoot(), 'config', 'triage-rules.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(
      ['default', 'description', 'priorities', 'risks', 'rules'].sort(),
    );
  });
});

describe('checking a rules file', () => {
  const broken = (change: (file: Record<string, unknown>) => void): unknown => {
    const file = rulesFile();
    change(file);
    return file;
  };
  const rule = (file: Record<string, unknown>, index: number) =>
    (file.rules as Record<string, unknown>[])[index];

  it.each([
    [
      'a rule with an unknown priority',
      broken((file) => (rule(file, 2).priority = 'P5')),
      /config\/triage-rules.json: rules\[2\] \(cold_and_housing\): priority "P5" is not one of P1, P2, P3, P4/,
    ],
    [
      'a rule naming an unknown risk',
      broken((file) => (rule(file, 0).when = { anyRisk: ['suicide', 'no_heating'] })),
      /rules\[0\] \(suicide\): anyRisk names unknown risk "suicide"/,
    ],
    [
      'a rule naming an unknown need',
      broken((file) => (rule(file, 3).when = { anyNeed: ['housin'] })),
      /rules\[3\] \(housing_severe\): anyNeed names unknown need "housin"/,
    ],
    [
      'a misspelt condition',
      broken((file) => (rule(file, 1).when = { safeGuarding: true })),
      /rules\[1\] \(safeguarding\): when: unknown key "safeGuarding"/,
    ],
    [
      'a rule without conditions',
      broken((file) => (rule(file, 1).when = {})),
      /rules\[1\] \(safeguarding\): when must give at least one of/,
    ],
    [
      'a severity out of range',
      broken((file) => (rule(file, 4).when = { minSeverity: 4 })),
      /rules\[4\] \(any_severe\): minSeverity must be 1, 2 or 3/,
    ],
    [
      'noNeeds with minSeverity',
      broken((file) => (rule(file, 5).when = { noNeeds: true, minSeverity: 2 })),
      /noNeeds cannot go with anyNeed or minSeverity/,
    ],
    [
      'two rules of one name',
      broken((file) => (rule(file, 1).name = 'suicide')),
      /rules\[1\] \(suicide\): the name appears twice/,
    ],
    [
      'a priority missing',
      broken((file) => delete (file.priorities as Record<string, unknown>).P4),
      /priorities.P4 is missing/,
    ],
    [
      'an unknown priority',
      broken((file) => ((file.priorities as Record<string, unknown>).P5 = { label: 'x' })),
      /priorities: unknown priority "P5"/,
    ],
    [
      'a target in both hours and working days',
      broken(
        (file) =>
          ((file.priorities as Record<string, { target: object }>).P2.target = {
            hours: 4,
            workingDays: 1,
          }),
      ),
      /priorities.P2: target must be \{ "hours": 1 to 720 \} or \{ "workingDays": 1 to 60 \}/,
    ],
    [
      'a target of half a day',
      broken(
        (file) =>
          ((file.priorities as Record<string, { target: object }>).P3.target = {
            workingDays: 0.5,
          }),
      ),
      /priorities.P3: target must be/,
    ],
    [
      'an unknown default',
      broken((file) => (file.default = 'P0')),
      /default must be the priority of a case no rule matches.*it is "P0"/,
    ],
    [
      'a risk given twice',
      broken((file) => (file.risks as object[]).push({ code: 'no_heating', label: 'Cold' })),
      /risks\[4\]: risk "no_heating" appears twice/,
    ],
    ['a misspelt top-level key', broken((file) => (file.rule = [])), /unknown key "rule"/],
    ['not an object', [], /must be a JSON object with risks, priorities, rules and default/],
  ])('refuses %s with a sentence naming the file', (_case, raw, message) => {
    expect(() => parse(raw)).toThrow(ConfigError);
    expect(() => parse(raw)).toThrow(message);
  });
});
