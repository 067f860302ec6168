import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CaseErrors } from '../cases/case.errors.js';
import type { CaseNeed, CaseStatus, Priority } from '../cases/case.entity.js';
import { CaseService } from '../cases/case.service.js';
import type { Actor } from '../common/auth/actor.js';
import { RecommendationFinder, type PersonPlace } from './recommendation-finder.js';
import type { Recommendation } from './recommendations.js';
import { TriageConfig } from './triage-config.js';
import type {
  RecommendationsResponse,
  TriageConfigResponse,
  TriageRequest,
  TriageResponse,
} from './triage.dto.js';
import { TriageErrors } from './triage.errors.js';
import { decidePriority, isSafeguarding } from './triage-rules.js';
import { dueAt } from './working-days.js';

const PERSON_SQL = `SELECT area_code AS "areaCode", to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"
  FROM people WHERE id = $1`;

/**
 * Triage: checks the needs and risks, decides the priority by the configured rules and the due
 * time by the working calendar, keeps the triage in the case's history, applies it to the case
 * (which announces it, and a P1 as a safeguarding alert) and answers the services that fit.
 */
@Injectable()
export class TriageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly audit: AuditService,
    private readonly triageConfig: TriageConfig,
    private readonly finder: RecommendationFinder,
  ) {}

  async triage(
    actor: Actor,
    caseId: string,
    request: TriageRequest,
    now = new Date(),
  ): Promise<TriageResponse> {
    const needs: CaseNeed[] = request.needs.map((need) => ({
      code: need.code,
      severity: need.severity,
    }));
    const risks = request.risks ?? [];
    await this.checkCodes(needs, risks);
    const { rules, calendar } = this.triageConfig;
    const facts = { needs, risks, safeguarding: request.safeguarding };
    const decision = decidePriority(rules, facts);
    const safeguarding = isSafeguarding(rules, facts);
    const due = dueAt(now, rules.priorities[decision.priority].target, calendar);

    return this.dataSource.transaction(async (manager) => {
      const current = await this.cases.lockOpenCase(manager, caseId);
      const person = await this.person(manager, current.person_id);
      const [triage] = await manager.query<{ id: string; triaged_at: Date }[]>(
        `INSERT INTO triages (case_id, needs, risks, safeguarding, notes, priority, due_at, rule, triaged_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, triaged_at`,
        [
          caseId,
          JSON.stringify(needs),
          risks,
          safeguarding,
          request.notes ?? null,
          decision.priority,
          due,
          decision.rule,
          actor.userId,
        ],
      );
      const updated = await this.cases.applyTriage(manager, current, {
        needs,
        risks,
        safeguarding,
        priority: decision.priority,
        dueAt: due,
        areaCode: person.areaCode,
      });
      await this.audit.record(
        {
          actor,
          action: 'case.triaged',
          entityType: 'case',
          entityId: caseId,
          details: {
            triageId: triage.id,
            priority: decision.priority,
            rule: decision.rule,
            needs: needs.map((need) => need.code),
            risks,
            safeguarding,
          },
        },
        manager,
      );
      const recommendations = await this.finder.forCase(manager, needs, person, now);
      return {
        caseId,
        triageId: triage.id,
        priority: decision.priority,
        rule: decision.rule,
        dueAt: due.toISOString(),
        status: updated.status,
        needs,
        risks,
        safeguarding,
        triagedAt: triage.triaged_at.toISOString(),
        recommendations: recommendations.map(toResponse),
      };
    });
  }

  /** The services that fit the case's current needs, its person's area and age; a view of the case. */
  async recommendations(
    actor: Actor,
    caseId: string,
    now = new Date(),
  ): Promise<RecommendationsResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query<
        { person_id: string; needs: CaseNeed[]; status: CaseStatus; priority: Priority | null }[]
      >(`SELECT person_id, needs, status, priority FROM cases WHERE id = $1`, [caseId]);
      if (found === undefined) throw CaseErrors.notFound();
      const person = await this.person(manager, found.person_id);
      await this.audit.record(
        {
          actor,
          action: 'case.viewed',
          entityType: 'case',
          entityId: caseId,
          details: { view: 'recommendations' },
        },
        manager,
      );
      const recommendations = await this.finder.forCase(manager, found.needs, person, now);
      return { caseId, recommendations: recommendations.map(toResponse) };
    });
  }

  /** The risks, priorities with their targets, rules and calendar as configured. */
  configuration(): TriageConfigResponse {
    const { rules, calendarFile } = this.triageConfig;
    return {
      risks: rules.risks.map((risk) => ({ ...risk })),
      priorities: Object.entries(rules.priorities).map(([code, priority]) => ({
        code: code as Priority,
        label: priority.label,
        target: { ...priority.target },
      })),
      rules: rules.rules.map((rule) => ({
        name: rule.name,
        when: { ...rule.when },
        priority: rule.priority,
      })),
      default: rules.default,
      calendar: {
        timeZone: calendarFile.timeZone,
        workingHours: { ...calendarFile.workingHours },
        bankHolidays: calendarFile.bankHolidays.map((holiday) => ({ ...holiday })),
      },
    };
  }

  private async person(manager: EntityManager, personId: string): Promise<PersonPlace> {
    const [person] = await manager.query<PersonPlace[]>(PERSON_SQL, [personId]);
    return person;
  }

  /** Need codes must be active need terms, each given once; risk codes must be configured. */
  private async checkCodes(needs: readonly CaseNeed[], risks: readonly string[]): Promise<void> {
    const fields: Record<string, string[]> = {};
    const known = new Set(
      (
        await this.dataSource.query<{ code: string }[]>(
          `SELECT code FROM need_terms WHERE active AND code = ANY($1::text[])`,
          [needs.map((need) => need.code)],
        )
      ).map((row) => row.code),
    );
    needs.forEach((need, index) => {
      const problems: string[] = [];
      if (!known.has(need.code)) problems.push(`"${need.code}" is not a need code`);
      if (needs.findIndex((other) => other.code === need.code) < index) {
        problems.push(`"${need.code}" is given more than once`);
      }
      if (problems.length > 0) fields[`needs.${index}.code`] = problems;
    });
    const riskCodes = new Set(this.triageConfig.rules.risks.map((risk) => risk.code));
    const unknownRisks = risks.filter((code) => !riskCodes.has(code));
    if (unknownRisks.length > 0) {
      fields.risks = unknownRisks.map((code) => `"${code}" is not a risk code`);
    }
    if (Object.keys(fields).length > 0) throw TriageErrors.invalidCodes(fields);
  }
}

function toResponse(recommendation: Recommendation): Recommendation {
  return {
    serviceId: recommendation.serviceId,
    name: recommendation.name,
    organisation: { ...recommendation.organisation },
    score: recommendation.score,
    reasons: [...recommendation.reasons],
  };
}
