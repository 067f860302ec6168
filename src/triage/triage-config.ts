import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { projectRoot } from '../common/project-root.js';
import { ConfigError, type ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { configuredTaxonomy } from '../service-directory/reference-data.js';
import { parseTriageRules, type TriageRules } from './triage-rules.js';
import {
  localClock,
  parseCalendar,
  type CalendarFile,
  type WorkingCalendar,
} from './working-days.js';

/** A path as an operator would write it: relative to the project when inside it. */
function shown(path: string): string {
  const inside = relative(projectRoot(), path);
  return inside.startsWith('..') ? path : inside;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${shown(path)} could not be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`${shown(path)} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads and checks a triage rules file; the need codes are config/taxonomy.json's. */
export function loadTriageRules(path: string): TriageRules {
  const needCodes = new Set(configuredTaxonomy().map((term) => term.code));
  return parseTriageRules(readJson(path), shown(path), needCodes);
}

/** Reads and checks config/calendar.json. */
export function loadCalendar(path = join(projectRoot(), 'config', 'calendar.json')): {
  calendar: WorkingCalendar;
  configured: CalendarFile;
} {
  return parseCalendar(readJson(path), shown(path));
}

/**
 * The triage rules (OFD_TRIAGE_RULES_FILE, by default config/triage-rules.json) and the working
 * calendar (config/calendar.json), read and checked once as the application starts: a mistake
 * stops the start with a ConfigError naming the file and the problem.
 */
@Injectable()
export class TriageConfig implements OnModuleInit {
  private readonly logger = new Logger(TriageConfig.name);
  private loaded:
    { rules: TriageRules; calendar: WorkingCalendar; calendarFile: CalendarFile } | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  onModuleInit(): void {
    const rules = loadTriageRules(this.config.triageRulesFile);
    const { calendar, configured } = loadCalendar();
    this.loaded = { rules, calendar, calendarFile: configured };
    const nextYear = Number(localClock(new Date(), calendar.timeZone).date.slice(0, 4)) + 1;
    if (!configured.bankHolidays.some((holiday) => holiday.date.startsWith(`${nextYear}-`))) {
      this.logger.warn(
        `config/calendar.json lists no bank holidays for ${nextYear}: add them, or due times will count them as working days.`,
      );
    }
  }

  private get current() {
    if (this.loaded === undefined) throw new Error('TriageConfig used before the module started');
    return this.loaded;
  }

  get rules(): TriageRules {
    return this.current.rules;
  }

  get calendar(): WorkingCalendar {
    return this.current.calendar;
  }

  get calendarFile(): CalendarFile {
    return this.current.calendarFile;
  }
}
