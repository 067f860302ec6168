import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CaseErrors } from '../cases/case.errors.js';
import { CaseService } from '../cases/case.service.js';
import type { Actor } from '../common/auth/actor.js';
import type { SignpostList, SignpostRequest, SignpostResponse } from './triage.dto.js';
import { TriageErrors } from './triage.errors.js';

interface SignpostRow {
  id: string;
  case_id: string;
  service_id: string;
  service_name: string;
  notes: string | null;
  given_at: Date;
  given_by: string;
  given_by_name: string;
}

const SIGNPOST_SQL = `SELECT sp.id, sp.case_id, sp.service_id, s.name AS service_name, sp.notes,
       sp.given_at, sp.given_by, u.name AS given_by_name
  FROM signposts sp
  JOIN services s ON s.id = sp.service_id
  JOIN users u ON u.id = sp.given_by`;

function toResponse(row: SignpostRow): SignpostResponse {
  return {
    id: row.id,
    caseId: row.case_id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    notes: row.notes,
    givenAt: row.given_at.toISOString(),
    givenBy: row.given_by,
    givenByName: row.given_by_name,
  };
}

/** Signposting: a service's details given to the person to contact themselves; no referral. */
@Injectable()
export class SignpostService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly audit: AuditService,
  ) {}

  async give(actor: Actor, caseId: string, request: SignpostRequest): Promise<SignpostResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.cases.lockOpenCase(manager, caseId);
      const [service] = await manager.query<{ status: string }[]>(
        `SELECT status FROM services WHERE id = $1`,
        [request.serviceId],
      );
      if (service === undefined) throw TriageErrors.serviceUnknown();
      if (service.status !== 'active') throw TriageErrors.serviceNotActive();
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO signposts (case_id, service_id, notes, given_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [caseId, request.serviceId, request.notes ?? null, actor.userId],
      );
      await this.audit.record(
        {
          actor,
          action: 'case.signposted',
          entityType: 'case',
          entityId: caseId,
          details: { signpostId: inserted.id, serviceId: request.serviceId },
        },
        manager,
      );
      const [row] = await manager.query<SignpostRow[]>(`${SIGNPOST_SQL} WHERE sp.id = $1`, [
        inserted.id,
      ]);
      return toResponse(row);
    });
  }

  /** The case's signposts, oldest first; a view of the case. */
  async list(actor: Actor, caseId: string): Promise<SignpostList> {
    return this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query<{ id: string }[]>(`SELECT id FROM cases WHERE id = $1`, [
        caseId,
      ]);
      if (found === undefined) throw CaseErrors.notFound();
      const rows = await manager.query<SignpostRow[]>(
        `${SIGNPOST_SQL} WHERE sp.case_id = $1 ORDER BY sp.given_at, sp.id`,
        [caseId],
      );
      await this.audit.record(
        {
          actor,
          action: 'case.viewed',
          entityType: 'case',
          entityId: caseId,
          details: { view: 'signposts', signposts: rows.length },
        },
        manager,
      );
      return { items: rows.map(toResponse) };
    });
  }
}
