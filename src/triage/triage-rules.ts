import { PRIORITIES, type CaseNeed, type Priority } from '../cases/case.entity.js';
import { ConfigError } from '../config/app-config.js';
import type { Target } from './working-days.js';

/** A risk a handler can record on a triage. */
export interface RiskDefinition {
  code: string;
  label: string;
  /** A safeguarding risk: it satisfies a rule's `safeguarding: true` and flags the case. */
  safeguarding: boolean;
}

export interface PriorityDefinition {
  label: string;
  target: Target;
}

/** A rule's conditions: every one given must hold. */
export interface RuleConditions {
  /** One of these risks was recorded. */
  anyRisk?: string[];
  /** The handler ticked safeguarding, or one of the risks recorded is a safeguarding risk. */
  safeguarding?: true;
  /** One of these needs, or a need under one of them, was recorded (at `minSeverity` if given). */
  anyNeed?: string[];
  /** A need of at least this severity (1 to 3) was recorded. */
  minSeverity?: 1 | 2 | 3;
  /** No needs were recorded. */
  noNeeds?: true;
}

export interface PriorityRule {
  name: string;
  when: RuleConditions;
  priority: Priority;
}

/** config/triage-rules.json, checked. */
export interface TriageRules {
  risks: RiskDefinition[];
  priorities: Record<Priority, PriorityDefinition>;
  rules: PriorityRule[];
  default: Priority;
}

/** What a triage records that the rules read. */
export interface TriageFacts {
  needs: readonly CaseNeed[];
  risks: readonly string[];
  safeguarding: boolean;
}

/** The rule name answered when no rule matched and the default priority applies. */
export const DEFAULT_RULE = 'default';

const RISK_CODE = /^[a-z][a-z0-9_]{0,39}$/;
const RULE_NAME = /^[a-z][a-z0-9_]{0,99}$/;
const CONDITIONS = ['anyRisk', 'safeguarding', 'anyNeed', 'minSeverity', 'noNeeds'] as const;

/** Whether a recorded need code is `pattern` or lies under it (`housing` matches `housing.repairs`). */
export function needMatches(code: string, pattern: string): boolean {
  return code === pattern || code.startsWith(`${pattern}.`);
}

/** The handler's safeguarding tick, or any recorded risk the configuration marks as safeguarding. */
export function isSafeguarding(rules: TriageRules, facts: TriageFacts): boolean {
  return (
    facts.safeguarding ||
    facts.risks.some(
      (code) => rules.risks.find((risk) => risk.code === code)?.safeguarding === true,
    )
  );
}

function matches(rules: TriageRules, when: RuleConditions, facts: TriageFacts): boolean {
  if (when.anyRisk !== undefined && !when.anyRisk.some((code) => facts.risks.includes(code))) {
    return false;
  }
  if (when.safeguarding === true && !isSafeguarding(rules, facts)) return false;
  if (when.noNeeds === true && facts.needs.length > 0) return false;
  if (when.anyNeed !== undefined || when.minSeverity !== undefined) {
    const { anyNeed, minSeverity } = when;
    const found = facts.needs.some(
      (need) =>
        (anyNeed === undefined || anyNeed.some((pattern) => needMatches(need.code, pattern))) &&
        (minSeverity === undefined || need.severity >= minSeverity),
    );
    if (!found) return false;
  }
  return true;
}

/** The priority of a triage: the first rule that matches, or the default. */
export function decidePriority(
  rules: TriageRules,
  facts: TriageFacts,
): { priority: Priority; rule: string } {
  const rule = rules.rules.find((candidate) => matches(rules, candidate.when, facts));
  return rule === undefined
    ? { priority: rules.default, rule: DEFAULT_RULE }
    : { priority: rule.priority, rule: rule.name };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

/**
 * Checks config/triage-rules.json's content against its shape, the priorities P1 to P4, its own
 * risks and the need codes (`needCodes`). Throws ConfigError with a sentence naming the file
 * (`file`) and what is wrong.
 */
export function parseTriageRules(
  raw: unknown,
  file: string,
  needCodes: ReadonlySet<string>,
): TriageRules {
  const fail = (problem: string): never => {
    throw new ConfigError(`${file}: ${problem}`);
  };
  const knownKeys = (value: Record<string, unknown>, where: string, keys: readonly string[]) => {
    const unknown = Object.keys(value).find((key) => !keys.includes(key));
    if (unknown !== undefined) {
      fail(`${where}unknown key "${unknown}"; the keys are ${keys.join(', ')}.`);
    }
  };
  const isPriority = (value: unknown): value is Priority =>
    typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);

  if (!isObject(raw)) {
    return fail('must be a JSON object with risks, priorities, rules and default.');
  }
  knownKeys(raw, '', ['description', 'risks', 'priorities', 'rules', 'default']);

  // Risks.
  if (!Array.isArray(raw.risks) || raw.risks.length === 0) {
    return fail('risks must be a list of { "code", "label", "safeguarding"? }.');
  }
  const risks: RiskDefinition[] = [];
  for (const [index, entry] of raw.risks.entries()) {
    const where = `risks[${index}]`;
    if (!isObject(entry)) return fail(`${where} must be { "code", "label", "safeguarding"? }.`);
    knownKeys(entry, `${where}: `, ['code', 'label', 'safeguarding']);
    const { code, label, safeguarding } = entry;
    if (typeof code !== 'string' || !RISK_CODE.test(code)) {
      return fail(`${where}: code must be lower-case letters, digits and _, like no_heating.`);
    }
    if (risks.some((risk) => risk.code === code)) fail(`${where}: risk "${code}" appears twice.`);
    if (typeof label !== 'string' || label.trim() === '') {
      return fail(`${where} (${code}): label must be a non-empty text.`);
    }
    if (safeguarding !== undefined && typeof safeguarding !== 'boolean') {
      return fail(`${where} (${code}): safeguarding must be true or false.`);
    }
    risks.push({ code, label, safeguarding: safeguarding === true });
  }
  const riskCodes = risks.map((risk) => risk.code);

  // Priorities and their targets.
  if (!isObject(raw.priorities)) {
    return fail(`priorities must be an object with ${PRIORITIES.join(', ')}.`);
  }
  const unknownPriority = Object.keys(raw.priorities).find((key) => !isPriority(key));
  if (unknownPriority !== undefined) {
    fail(
      `priorities: unknown priority "${unknownPriority}"; the priorities are ${PRIORITIES.join(', ')}.`,
    );
  }
  const priorities = {} as Record<Priority, PriorityDefinition>;
  for (const priority of PRIORITIES) {
    const entry = raw.priorities[priority];
    const where = `priorities.${priority}`;
    if (!isObject(entry)) {
      return fail(`${where} is missing: give it a label and a target in hours or working days.`);
    }
    knownKeys(entry, `${where}: `, ['label', 'target']);
    if (typeof entry.label !== 'string' || entry.label.trim() === '') {
      return fail(`${where}: label must be a non-empty text.`);
    }
    const { target } = entry;
    const keys = isObject(target) ? Object.keys(target) : [];
    const amount = isObject(target) ? target[keys[0]] : undefined;
    const whole = (value: unknown, max: number): value is number =>
      typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
    if (keys.length === 1 && keys[0] === 'hours' && whole(amount, 720)) {
      priorities[priority] = { label: entry.label, target: { hours: amount } };
    } else if (keys.length === 1 && keys[0] === 'workingDays' && whole(amount, 60)) {
      priorities[priority] = { label: entry.label, target: { workingDays: amount } };
    } else {
      return fail(`${where}: target must be { "hours": 1 to 720 } or { "workingDays": 1 to 60 }.`);
    }
  }

  // Rules, in order.
  if (!Array.isArray(raw.rules))
    return fail('rules must be a list of { "name", "when", "priority" }.');
  const rules: PriorityRule[] = [];
  for (const [index, entry] of raw.rules.entries()) {
    let where = `rules[${index}]`;
    if (!isObject(entry)) return fail(`${where} must be { "name", "when", "priority" }.`);
    knownKeys(entry, `${where}: `, ['name', 'when', 'priority']);
    const { name, when, priority } = entry;
    if (typeof name !== 'string' || !RULE_NAME.test(name) || name === DEFAULT_RULE) {
      return fail(
        `${where}: name must be lower-case letters, digits and _ (at most 100), like homeless_tonight, and not "${DEFAULT_RULE}".`,
      );
    }
    where = `${where} (${name})`;
    if (rules.some((rule) => rule.name === name)) fail(`${where}: the name appears twice.`);
    if (!isPriority(priority)) {
      return fail(
        `${where}: priority ${JSON.stringify(priority)} is not one of ${PRIORITIES.join(', ')}.`,
      );
    }
    if (!isObject(when) || Object.keys(when).length === 0) {
      return fail(`${where}: when must give at least one of ${CONDITIONS.join(', ')}.`);
    }
    knownKeys(when, `${where}: when: `, CONDITIONS);
    const conditions: RuleConditions = {};
    if (when.anyRisk !== undefined) {
      const codes = when.anyRisk;
      if (
        !Array.isArray(codes) ||
        codes.length === 0 ||
        !codes.every((c) => typeof c === 'string')
      ) {
        return fail(`${where}: anyRisk must be a non-empty list of risk codes.`);
      }
      const unknown = codes.filter((code) => !riskCodes.includes(code));
      if (unknown.length > 0) {
        fail(
          `${where}: anyRisk names unknown risk ${quoted(unknown)}; the risks are listed under "risks".`,
        );
      }
      conditions.anyRisk = codes;
    }
    if (when.anyNeed !== undefined) {
      const codes = when.anyNeed;
      if (
        !Array.isArray(codes) ||
        codes.length === 0 ||
        !codes.every((c) => typeof c === 'string')
      ) {
        return fail(`${where}: anyNeed must be a non-empty list of need codes.`);
      }
      const unknown = codes.filter((code) => !needCodes.has(code));
      if (unknown.length > 0) {
        fail(
          `${where}: anyNeed names unknown need ${quoted(unknown)}; need codes are in config/taxonomy.json.`,
        );
      }
      conditions.anyNeed = codes;
    }
    if (when.safeguarding !== undefined) {
      if (when.safeguarding !== true) {
        fail(`${where}: safeguarding can only be true (leave it out to ignore safeguarding).`);
      }
      conditions.safeguarding = true;
    }
    if (when.minSeverity !== undefined) {
      const severity = when.minSeverity;
      if (severity !== 1 && severity !== 2 && severity !== 3) {
        return fail(`${where}: minSeverity must be 1, 2 or 3.`);
      }
      conditions.minSeverity = severity;
    }
    if (when.noNeeds !== undefined) {
      if (when.noNeeds !== true) {
        fail(`${where}: noNeeds can only be true (leave it out to ignore it).`);
      }
      if (conditions.anyNeed !== undefined || conditions.minSeverity !== undefined) {
        fail(`${where}: noNeeds cannot go with anyNeed or minSeverity: such a rule never matches.`);
      }
      conditions.noNeeds = true;
    }
    rules.push({ name, when: conditions, priority });
  }

  if (!isPriority(raw.default)) {
    return fail(
      `default must be the priority of a case no rule matches, one of ${PRIORITIES.join(', ')}; it is ${JSON.stringify(raw.default)}.`,
    );
  }
  return { risks, priorities, rules, default: raw.default };
}
