import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, PRIORITIES } from './case.entity.js';
import { CaseloadEntry } from './case.dto.js';

/** A case on the dashboard: ids, state and flags only (details over GET /api/cases/:id). */
export class QueueCaseTile {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty() safeguarding: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty() version: number;
}

/** A referral nobody has answered within its response time. */
export class QueueReferralTile {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty() status: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty() serviceName: string;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: string | null;
  @ApiProperty() urgent: boolean;
  @ApiProperty() safeguarding: boolean;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() overdue: boolean;
}

export class QueueCounts {
  @ApiProperty({ description: 'Open cases.' }) open: number;
  @ApiProperty({ description: 'Open cases not yet triaged (status new).' }) untriaged: number;
  @ApiProperty({ description: 'Open P1 cases.' }) P1: number;
  @ApiProperty({ description: 'Open P2 cases.' }) P2: number;
  @ApiProperty({ description: 'Open cases nobody holds.' }) unassigned: number;
  @ApiProperty({ description: 'Open cases past their due time.' }) overdueCases: number;
  @ApiProperty({ description: 'Sent referrals past their response time.' })
  overdueReferrals: number;
}

export class QueuePicture {
  @ApiProperty({
    description:
      'The last published event this picture includes: connect to /live with auth.since = seq ' +
      '(or resync from it) to continue. Events after seq may repeat a change already shown here; ' +
      'apply them by version.',
  })
  seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: QueueCounts }) counts: QueueCounts;
  @ApiProperty({ type: [QueueCaseTile], description: 'Oldest first; at most 100 (see counts).' })
  untriaged: QueueCaseTile[];
  @ApiProperty({
    type: [QueueCaseTile],
    description: 'P1 then P2, soonest due first; at most 100.',
  })
  urgent: QueueCaseTile[];
  @ApiProperty({ type: [QueueCaseTile], description: 'Most urgent first; at most 100.' })
  unassigned: QueueCaseTile[];
  @ApiProperty({ type: [QueueReferralTile], description: 'Longest overdue first; at most 100.' })
  overdueReferrals: QueueReferralTile[];
  @ApiProperty({ type: [CaseloadEntry], description: 'Open cases per worker against their limit.' })
  caseload: CaseloadEntry[];
}
