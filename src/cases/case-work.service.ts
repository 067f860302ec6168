import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { EventLog } from '../live/event-log.js';
import { CaseClosureChecks } from './case-closure.checks.js';
import type {
  AddNoteRequest,
  CaseStateResponse,
  CloseCaseRequest,
  MeasureResponse,
  NoteResponse,
  RecordMeasureRequest,
} from './case.dto.js';
import type { MeasureStage } from './case.entity.js';
import { CaseErrors, MeasureErrors } from './case.errors.js';
import { iso, toCaseState, toMeasureSummary } from './case.mapping.js';
import { CASE_MEASURES_SQL, CASE_STATE_SQL, type CaseStateRow } from './case.queries.js';
import { CaseService } from './case.service.js';
import { OUTCOME_INSTRUMENTS, type OutcomeInstrument } from './cases.config.js';
import { scoreProblem, summariseMeasures } from './outcome-measures.js';

/** Work on an open case: notes, outcome measures, closing. Each change in one transaction. */
@Injectable()
export class CaseWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly closure: CaseClosureChecks,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    @Inject(OUTCOME_INSTRUMENTS) private readonly instruments: OutcomeInstrument[],
  ) {}

  /** A note on an open case; the audit row says a note was added, never what it says. */
  async addNote(actor: Actor, caseId: string, request: AddNoteRequest): Promise<NoteResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.cases.lockOpenCase(manager, caseId);
      const [note] = await manager.query<{ id: string; written_at: Date }[]>(
        `INSERT INTO case_notes (case_id, body, written_by) VALUES ($1, $2, $3) RETURNING id, written_at`,
        [caseId, request.body, actor.userId],
      );
      await this.audit.record(
        {
          actor,
          action: 'case.note_added',
          entityType: 'case',
          entityId: caseId,
          details: { noteId: note.id },
        },
        manager,
      );
      return {
        id: note.id,
        caseId,
        body: request.body,
        writtenBy: { id: actor.userId, name: actor.name },
        writtenAt: iso(note.written_at),
      };
    });
  }

  /**
   * A score on a configured instrument, in its range. One baseline per instrument and case (a
   * second is 409); follow-ups as often as needed, the latest counting; a follow-up with no
   * baseline is kept, and its change stays null until a baseline is recorded.
   */
  async recordMeasure(
    actor: Actor,
    caseId: string,
    request: RecordMeasureRequest,
  ): Promise<MeasureResponse> {
    const instrument = this.instruments.find((candidate) => candidate.code === request.measure);
    if (instrument === undefined) {
      throw MeasureErrors.unknownMeasure(
        request.measure,
        this.instruments.map((candidate) => candidate.code),
      );
    }
    const problem = scoreProblem(instrument, request.score);
    if (problem !== undefined) throw MeasureErrors.scoreOutOfRange(problem);
    return this.dataSource.transaction(async (manager) => {
      await this.cases.lockOpenCase(manager, caseId);
      if (request.stage === 'baseline') {
        const [existing] = await manager.query<unknown[]>(
          `SELECT 1 FROM outcome_measures WHERE case_id = $1 AND measure = $2 AND stage = 'baseline'`,
          [caseId, request.measure],
        );
        if (existing !== undefined) throw MeasureErrors.baselineExists();
      }
      const [row] = await manager.query<{ id: string; recorded_at: Date }[]>(
        `INSERT INTO outcome_measures (case_id, measure, stage, score, recorded_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, recorded_at`,
        [caseId, request.measure, request.stage, request.score, actor.userId],
      );
      await this.audit.record(
        {
          actor,
          action: 'case.outcome_measure_recorded',
          entityType: 'case',
          entityId: caseId,
          details: { measureId: row.id, measure: request.measure, stage: request.stage },
        },
        manager,
      );
      const recorded = await manager.query<
        { measure: string; stage: MeasureStage; score: number; recorded_at: Date }[]
      >(CASE_MEASURES_SQL, [caseId, request.measure]);
      const [summary] = summariseMeasures(
        recorded.map((entry) => ({
          measure: entry.measure,
          stage: entry.stage,
          score: entry.score,
          recordedAt: entry.recorded_at,
        })),
        this.instruments,
      );
      return {
        id: row.id,
        caseId,
        measure: request.measure,
        stage: request.stage,
        score: request.score,
        recordedBy: { id: actor.userId, name: actor.name },
        recordedAt: iso(row.recorded_at),
        summary: toMeasureSummary(summary),
      };
    });
  }

  /** Closes an open case with a reason and a note; announced as `case.closed`. */
  async close(actor: Actor, caseId: string, request: CloseCaseRequest): Promise<CaseStateResponse> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.cases.lockOpenCase(manager, caseId);
      if (request.version !== undefined && request.version !== current.version) {
        throw CaseErrors.versionConflict();
      }
      const closing = await this.closure.check(manager, actor, current, request);
      await manager.query(
        `UPDATE cases
            SET status = 'closed', closed_at = now(), close_reason = $2, close_notes = $3,
                closed_by = $4, close_open_referrals_reason = $5, version = version + 1,
                updated_at = now()
          WHERE id = $1`,
        [caseId, request.reason, request.notes, actor.userId, closing.openReferralsReason],
      );
      const state = await this.state(manager, caseId);
      await this.events.append(manager, {
        type: 'case.closed',
        entityType: 'case',
        entityId: caseId,
        data: {
          caseId,
          status: state.status,
          priority: state.priority,
          ownerId: state.owner_user_id,
          areaCode: state.area_code,
        },
      });
      await this.audit.record(
        {
          actor,
          action: 'case.closed',
          entityType: 'case',
          entityId: caseId,
          details: { reason: request.reason },
        },
        manager,
      );
      return toCaseState(state);
    });
  }

  private async state(manager: EntityManager, caseId: string): Promise<CaseStateRow> {
    const [row] = await manager.query<CaseStateRow[]>(CASE_STATE_SQL, [caseId]);
    return row;
  }
}
