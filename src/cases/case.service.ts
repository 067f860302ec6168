import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { EventLog } from '../live/event-log.js';
import { CaseErrors } from './case.errors.js';
import type { CaseNeed, CaseStatus, Priority } from './case.entity.js';

/** A case's row as the cases' SQL reads it. */
export interface CaseRow {
  id: string;
  person_id: string;
  status: CaseStatus;
  priority: Priority | null;
  due_at: Date | null;
  owner_user_id: string | null;
  area_code: string | null;
  needs: CaseNeed[];
  risks: string[];
  safeguarding: boolean;
  opened_at: Date;
  triaged_at: Date | null;
  closed_at: Date | null;
  version: number;
}

const CASE_COLUMNS = `id, person_id, status, priority, due_at, owner_user_id, area_code, needs, risks,
  safeguarding, opened_at, triaged_at, closed_at, version`;

/** What a triage decided, applied to its case. */
export interface TriageResult {
  needs: CaseNeed[];
  risks: string[];
  safeguarding: boolean;
  priority: Priority;
  dueAt: Date;
  areaCode: string | null;
}

/**
 * The case lifecycle. Other modules' writes to a case (a contact opening one, a triage) go through
 * here, inside their own transaction (`manager`).
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventLog,
  ) {}

  /** Opens a new case for a person, announced as `case.created`. */
  async openForContact(
    manager: EntityManager,
    actor: Actor,
    person: { id: string; areaCode: string | null },
  ): Promise<CaseRow> {
    const [row] = await manager.query<CaseRow[]>(
      `INSERT INTO cases (person_id, area_code, opened_by) VALUES ($1, $2, $3)
       RETURNING id, person_id, status, priority, due_at, owner_user_id, area_code, needs, risks,
                 safeguarding, opened_at, triaged_at, closed_at, version`,
      [person.id, person.areaCode, actor.userId],
    );
    await this.audit.record(
      {
        actor,
        action: 'case.opened',
        entityType: 'case',
        entityId: row.id,
        details: { personId: person.id },
      },
      manager,
    );
    await this.events.append(manager, {
      type: 'case.created',
      entityType: 'case',
      entityId: row.id,
      data: { caseId: row.id, status: row.status, areaCode: row.area_code },
    });
    return row;
  }

  /**
   * The case, locked for the rest of the transaction (FOR UPDATE), when it exists and is open:
   * 404 CASE_NOT_FOUND, 409 CASE_CLOSED otherwise.
   */
  async lockOpenCase(manager: EntityManager, caseId: string): Promise<CaseRow> {
    const [row] = await manager.query<CaseRow[]>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`,
      [caseId],
    );
    if (row === undefined) throw CaseErrors.notFound();
    if (row.status === 'closed') throw CaseErrors.closed();
    return row;
  }

  /**
   * Sets a locked open case's needs, risks, priority and due time from a triage; a `new` case
   * becomes `triaged`. Announced as `case.triaged`, and a P1 case also as `safeguarding.alert`.
   */
  async applyTriage(
    manager: EntityManager,
    current: CaseRow,
    result: TriageResult,
  ): Promise<CaseRow> {
    // In a WITH, so the driver answers the rows (a bare UPDATE answers [rows, count]).
    const [row] = await manager.query<CaseRow[]>(
      `WITH updated AS (
         UPDATE cases
            SET needs = $2, need_codes = $3, risks = $4, safeguarding = $5, priority = $6, due_at = $7,
                area_code = $8, triaged_at = now(),
                status = CASE WHEN status <> 'new' THEN status
                              WHEN owner_user_id IS NULL THEN 'triaged'::case_status
                              ELSE 'active'::case_status END,
                version = version + 1, updated_at = now()
          WHERE id = $1
          RETURNING ${CASE_COLUMNS}
       )
       SELECT * FROM updated`,
      [
        current.id,
        JSON.stringify(result.needs),
        result.needs.map((need) => need.code),
        result.risks,
        result.safeguarding,
        result.priority,
        result.dueAt,
        result.areaCode,
      ],
    );
    const data = {
      caseId: row.id,
      status: row.status,
      priority: row.priority,
      dueAt: row.due_at?.toISOString() ?? null,
      areaCode: row.area_code,
      ownerId: row.owner_user_id,
      safeguarding: result.safeguarding,
    };
    await this.events.append(manager, {
      type: 'case.triaged',
      entityType: 'case',
      entityId: row.id,
      data,
    });
    if (row.priority === 'P1') {
      await this.events.append(manager, {
        type: 'safeguarding.alert',
        entityType: 'case',
        entityId: row.id,
        data,
      });
    }
    return row;
  }
}
