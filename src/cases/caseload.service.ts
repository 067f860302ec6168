import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import type { Role } from '../common/auth/roles.js';
import { EventLog } from '../live/event-log.js';
import type {
  AssignCaseRequest,
  CaseloadEntry,
  CaseStateResponse,
  ReassignCasesRequest,
  ReassignResponse,
} from './case.dto.js';
import { CaseErrors, CaseloadErrors } from './case.errors.js';
import { toCaseState } from './case.mapping.js';
import {
  CASE_STATE_SQL,
  CASELOAD_SQL,
  OPEN_CASES_OF_SQL,
  type CaseloadRow,
  type CaseStateRow,
} from './case.queries.js';
import { CaseService, type CaseRow } from './case.service.js';
import { pastLimit } from './caseload-rules.js';
import { CASES_SETTINGS, type CasesSettings } from './cases.config.js';

/** Who may take a past-the-limit assignment through, with a reason. */
const OVERRIDERS: readonly Role[] = ['team_lead', 'admin'];
/** Who may hold cases. */
const HOLDERS: readonly Role[] = ['caseworker', 'team_lead'];

interface Holder {
  id: string;
  role: Role;
  active: boolean;
  caseload_limit: number | null;
}

/**
 * Assignment and caseload. A worker's open cases are counted while their users row is locked
 * (FOR NO KEY UPDATE: it serialises assignments to the same worker without blocking writes that
 * merely reference the user), so two assignments at the limit cannot both pass. Locks are always
 * taken cases first (by id), then the worker, so assignments and bulk moves cannot deadlock.
 */
@Injectable()
export class CaseloadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    @Inject(CASES_SETTINGS) private readonly settings: CasesSettings,
  ) {}

  /**
   * Gives an open case to an active caseworker or team lead. A `triaged` case becomes `active`;
   * a `new` case stays new until it is triaged. Giving a case to the worker who holds it changes
   * nothing. At or past the worker's limit only a team lead (or admin) with a reason may.
   */
  async assign(
    actor: Actor,
    caseId: string,
    request: AssignCaseRequest,
  ): Promise<CaseStateResponse> {
    this.checkMayOverride(actor, request.overrideReason);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.cases.lockOpenCase(manager, caseId);
      if (request.version !== undefined && request.version !== current.version) {
        throw CaseErrors.versionConflict();
      }
      const owner = await this.lockHolder(manager, request.ownerId, 'ownerId');
      if (current.owner_user_id !== owner.id) {
        const overLimit = await this.checkLimit(manager, owner, 1, request.overrideReason);
        await this.move(manager, actor, [current], owner.id, {
          overrideReason: overLimit ? (request.overrideReason ?? null) : null,
          reassign: false,
        });
      }
      return toCaseState(await this.state(manager, caseId));
    });
  }

  /**
   * Moves all (or the listed) open cases of one worker to another, in one transaction: all or
   * nothing, the limit checked for the total.
   */
  async reassign(actor: Actor, request: ReassignCasesRequest): Promise<ReassignResponse> {
    if (request.fromUserId === request.toUserId) throw CaseloadErrors.sameUser();
    return this.dataSource.transaction(async (manager) => {
      const [from] = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE id = $1`, [
        request.fromUserId,
      ]);
      if (from === undefined) throw CaseloadErrors.noSuchFromUser();
      const moving = await this.lockCasesToMove(manager, request);
      const to = await this.lockHolder(manager, request.toUserId, 'toUserId');
      if (moving.length === 0) return { moved: 0, caseIds: [] };
      const overLimit = await this.checkLimit(manager, to, moving.length, request.overrideReason);
      await this.move(manager, actor, moving, to.id, {
        overrideReason: overLimit ? (request.overrideReason ?? null) : null,
        reassign: true,
      });
      return { moved: moving.length, caseIds: moving.map((row) => row.id) };
    });
  }

  /**
   * Open cases per active caseworker and team lead against their limit, sorted by name (read
   * through `manager` when given, e.g. inside the queue picture's snapshot).
   */
  async caseload(manager: EntityManager = this.dataSource.manager): Promise<CaseloadEntry[]> {
    const rows = await manager.query<CaseloadRow[]>(CASELOAD_SQL, [null]);
    return rows.map((row) => this.entry(row));
  }

  /** Sets (or, with null, clears) a worker's own caseload limit. */
  async setLimit(actor: Actor, userId: string, limit: number | null): Promise<CaseloadEntry> {
    return this.dataSource.transaction(async (manager) => {
      const [user] = await manager.query<{ role: Role; caseload_limit: number | null }[]>(
        `SELECT role, caseload_limit FROM users WHERE id = $1 FOR NO KEY UPDATE`,
        [userId],
      );
      if (user === undefined) throw CaseloadErrors.userNotFound();
      if (!HOLDERS.includes(user.role)) throw CaseloadErrors.noCaseload();
      await manager.query(
        `UPDATE users SET caseload_limit = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [userId, limit],
      );
      await this.audit.record(
        {
          actor,
          action: 'caseload.limit_set',
          entityType: 'user',
          entityId: userId,
          details: { limit, previousLimit: user.caseload_limit },
        },
        manager,
      );
      const [row] = await manager.query<CaseloadRow[]>(CASELOAD_SQL, [userId]);
      return this.entry(row);
    });
  }

  private checkMayOverride(actor: Actor, overrideReason: string | undefined): void {
    if (overrideReason !== undefined && !OVERRIDERS.includes(actor.role)) {
      throw CaseloadErrors.overrideTeamLeadOnly();
    }
  }

  /** The worker, locked, when they may hold cases; a 400 on `fieldName` otherwise. */
  private async lockHolder(
    manager: EntityManager,
    userId: string,
    fieldName: string,
  ): Promise<Holder> {
    const [user] = await manager.query<Holder[]>(
      `SELECT id, role, active, caseload_limit FROM users WHERE id = $1 FOR NO KEY UPDATE`,
      [userId],
    );
    if (user === undefined || !user.active || !HOLDERS.includes(user.role)) {
      throw CaseloadErrors.notAssignable(fieldName);
    }
    return user;
  }

  /**
   * Counts the worker's open cases (their row is locked) and refuses when `adding` more would
   * take them past their limit, unless a reason is given (only overriders reach here with one).
   * Returns whether the move goes past the limit.
   */
  private async checkLimit(
    manager: EntityManager,
    holder: Holder,
    adding: number,
    overrideReason: string | undefined,
  ): Promise<boolean> {
    const [{ n: open }] = await manager.query<{ n: number }[]>(OPEN_CASES_OF_SQL, [holder.id]);
    const limit = holder.caseload_limit ?? this.settings.caseload.defaultLimit;
    const over = pastLimit(open, adding, limit);
    if (over && overrideReason === undefined) {
      throw CaseloadErrors.limitReached({ ownerId: holder.id, openCases: open, limit, adding });
    }
    return over;
  }

  /** The cases a bulk move takes, locked in id order; listed ones must be open cases of fromUser. */
  private async lockCasesToMove(
    manager: EntityManager,
    request: ReassignCasesRequest,
  ): Promise<CaseRow[]> {
    const columns = `id, person_id, status, priority, due_at, owner_user_id, area_code, needs, risks,
      safeguarding, opened_at, triaged_at, closed_at, version`;
    if (request.caseIds === undefined) {
      return manager.query<CaseRow[]>(
        `SELECT ${columns} FROM cases WHERE owner_user_id = $1 AND status <> 'closed' ORDER BY id FOR UPDATE`,
        [request.fromUserId],
      );
    }
    const rows = await manager.query<CaseRow[]>(
      `SELECT ${columns} FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [request.caseIds],
    );
    const movable = new Set(
      rows
        .filter((row) => row.owner_user_id === request.fromUserId && row.status !== 'closed')
        .map((row) => row.id),
    );
    const refused = request.caseIds.filter((id) => !movable.has(id));
    if (refused.length > 0) throw CaseloadErrors.notOpenCasesOf(refused);
    return rows;
  }

  /**
   * Gives the locked cases to `toUserId`: the cases' owner (and `triaged` → `active`), one
   * assignment row, one `case.assigned` event and one audit row per case.
   */
  private async move(
    manager: EntityManager,
    actor: Actor,
    moving: readonly CaseRow[],
    toUserId: string,
    options: { overrideReason: string | null; reassign: boolean },
  ): Promise<void> {
    const ids = moving.map((row) => row.id);
    const updated = await manager.query<CaseRow[]>(
      `WITH updated AS (
         UPDATE cases
            SET owner_user_id = $2,
                status = CASE WHEN status = 'triaged' THEN 'active'::case_status ELSE status END,
                version = version + 1, updated_at = now()
          WHERE id = ANY($1::uuid[])
          RETURNING id, status, priority, due_at, area_code
       )
       SELECT * FROM updated ORDER BY id`,
      [ids, toUserId],
    );
    const assignments = await manager.query<{ id: string; case_id: string }[]>(
      `INSERT INTO case_assignments (case_id, from_user_id, to_user_id, assigned_by, override_reason)
       SELECT moved.case_id, moved.from_user_id, $3, $4, $5
         FROM unnest($1::uuid[], $2::uuid[]) AS moved (case_id, from_user_id)
       RETURNING id, case_id`,
      [ids, moving.map((row) => row.owner_user_id), toUserId, actor.userId, options.overrideReason],
    );
    const previous = new Map(moving.map((row) => [row.id, row.owner_user_id]));
    const assignmentOf = new Map(assignments.map((row) => [row.case_id, row.id]));
    for (const row of updated) {
      await this.events.append(manager, {
        type: 'case.assigned',
        entityType: 'case',
        entityId: row.id,
        data: {
          caseId: row.id,
          ownerId: toUserId,
          previousOwnerId: previous.get(row.id) ?? null,
          status: row.status,
          priority: row.priority,
          dueAt: row.due_at?.toISOString() ?? null,
          areaCode: row.area_code,
        },
      });
    }
    const action = options.overrideReason === null ? 'case.assigned' : 'case.assigned_over_limit';
    if (!options.reassign && moving.length === 1) {
      const [only] = moving;
      await this.audit.record(
        {
          actor,
          action,
          entityType: 'case',
          entityId: only.id,
          details: {
            ownerId: toUserId,
            previousOwnerId: only.owner_user_id,
            assignmentId: assignmentOf.get(only.id),
          },
        },
        manager,
      );
      return;
    }
    const [first] = moving;
    await this.audit.recordViews(
      actor,
      action,
      'case',
      ids,
      { ownerId: toUserId, previousOwnerId: first.owner_user_id, reassign: true },
      manager,
    );
  }

  private async state(manager: EntityManager, caseId: string): Promise<CaseStateRow> {
    const [row] = await manager.query<CaseStateRow[]>(CASE_STATE_SQL, [caseId]);
    return row;
  }

  private entry(row: CaseloadRow): CaseloadEntry {
    const limit = row.caseload_limit ?? this.settings.caseload.defaultLimit;
    return {
      user: { id: row.id, name: row.name, role: row.role },
      openCases: row.open_cases,
      limit,
      ownLimit: row.caseload_limit !== null,
      atLimit: row.open_cases >= limit,
      overLimit: row.open_cases > limit,
      byPriority: {
        P1: row.p1,
        P2: row.p2,
        P3: row.p3,
        P4: row.p4,
        untriaged: row.untriaged,
      },
    };
  }
}
