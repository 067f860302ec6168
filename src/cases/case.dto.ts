import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CONTACT_CHANNELS, type ContactChannel } from '../intake/contacts/contact.entity.js';
import { PERSON_FLAGS, type PersonFlag } from '../intake/people/person.entity.js';
import { PageQuery } from '../common/http/pagination.js';
import { REFERRAL_STATUSES, type ReferralStatus } from '../referral/referral-states.js';
import { booleanQuery, listQuery, trimmed } from '../common/http/transforms.js';
import { IsOmittable } from '../common/http/validation.js';
import { NEED_CODE } from '../service-directory/taxonomy/taxonomy.dto.js';
import {
  CASE_STATUSES,
  CLOSE_REASONS,
  MEASURE_STAGES,
  PRIORITIES,
  type CaseStatus,
  type CloseReason,
  type MeasureStage,
  type Priority,
} from './case.entity.js';
import { MAX_CASELOAD_LIMIT, MEASURE_CODE } from './cases.config.js';

const AREA_CODE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

// ---------------------------------------------------------------- requests

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    isArray: true,
    description: 'One or more statuses (repeat or comma-separate); absent: every status.',
  })
  @IsOptional()
  @Transform(listQuery)
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CASE_STATUSES, { each: true, message: `each must be one of ${CASE_STATUSES.join(', ')}` })
  status?: CaseStatus[];

  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true, description: 'One or more priorities.' })
  @IsOptional()
  @Transform(listQuery)
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PRIORITIES, { each: true, message: `each must be one of ${PRIORITIES.join(', ')}` })
  priority?: Priority[];

  @ApiPropertyOptional({
    example: 'none',
    description: "The owner's user id, or `none` for cases nobody holds.",
  })
  @IsOptional()
  @ValidateIf((_query: object, value: unknown) => value !== 'none')
  @IsUUID('all', { message: 'must be a user id or none' })
  ownerId?: string;

  @ApiPropertyOptional({ description: 'true: only open cases past their due time; false: none.' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    example: 'RV-LEY',
    description: 'Cases in this area or any area inside it.',
  })
  @IsOptional()
  @IsString()
  @Matches(AREA_CODE, { message: 'must be an area code, like RV-LEY' })
  area?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['money'],
    description: 'Need codes (repeat or comma-separate); a code matches the codes under it too.',
  })
  @IsOptional()
  @Transform(listQuery)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(NEED_CODE, { each: true, message: 'each must be a need code, like money.debt' })
  need?: string[];
}

export class AddNoteRequest {
  @ApiProperty({ maxLength: 20000 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body: string;
}

export class AssignCaseRequest {
  @ApiProperty({ format: 'uuid', description: 'An active caseworker or team lead.' })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description:
      'Team leads (and admins) only: why the worker may go past their caseload limit. Needed only when they are at or past it.',
  })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  overrideReason?: string;

  @ApiPropertyOptional({ description: 'The version you saw; if the case changed since, 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReassignCasesRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fromUserId: string;

  @ApiProperty({ format: 'uuid', description: 'An active caseworker or team lead.' })
  @IsUUID()
  toUserId: string;

  @ApiPropertyOptional({
    type: [String],
    description: "Some of fromUser's open cases; absent: all of them.",
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds?: string[];

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why toUser may go past their limit.' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  overrideReason?: string;
}

export class SetCaseloadLimitRequest {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_CASELOAD_LIMIT,
    description: "This worker's own limit; null: the configured default.",
  })
  @ValidateIf((_request: object, value: unknown) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_CASELOAD_LIMIT)
  limit: number | null;
}

export class RecordMeasureRequest {
  @ApiProperty({
    example: 'swemwbs',
    description: 'An instrument of config/outcome-measures.json.',
  })
  @IsString()
  @Matches(MEASURE_CODE, { message: 'must be a measure code, like swemwbs' })
  measure: string;

  @ApiProperty({ enum: MEASURE_STAGES })
  @IsIn(MEASURE_STAGES)
  stage: MeasureStage;

  @ApiProperty({ example: 21, description: "A whole number in the instrument's range." })
  @IsInt()
  score: number;
}

export class CloseCaseRequest {
  @ApiProperty({ enum: CLOSE_REASONS })
  @IsIn(CLOSE_REASONS)
  reason: CloseReason;

  @ApiProperty({ maxLength: 10000 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  notes: string;

  @ApiPropertyOptional({ description: 'The version you saw; if the case changed since, 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    maxLength: 10000,
    description:
      'Team leads only: why the case closes while referrals are still open (they stay open).',
  })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  openReferralsReason?: string;
}

// ---------------------------------------------------------------- responses

export class UserRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class CaseNeedResponse {
  @ApiProperty({ example: 'money.debt' }) code: string;
  @ApiProperty({ enum: [1, 2, 3] }) severity: number;
}

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Preferred (or first) name and last name.' }) displayName: string;
}

/** A case's own fields, without the person's: what a change to a case answers. */
export class CaseStateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: Priority | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ description: 'Past its due time and not closed.' }) overdue: boolean;
  @ApiProperty({ type: UserRef, nullable: true }) owner: UserRef | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ type: [CaseNeedResponse] }) needs: CaseNeedResponse[];
  @ApiProperty({ type: [String] }) risks: string[];
  @ApiProperty() safeguarding: boolean;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() version: number;
}

export class CaseListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: Priority | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: UserRef, nullable: true }) owner: UserRef | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ type: [CaseNeedResponse] }) needs: CaseNeedResponse[];
  @ApiProperty({ type: [String] }) risks: string[];
  @ApiProperty() safeguarding: boolean;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: PersonRef }) person: PersonRef;
  @ApiProperty() version: number;
}

export class CasePage {
  @ApiProperty({ type: [CaseListItem] }) items: CaseListItem[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}

export class CasePersonSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String }) preferredName: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ enum: PERSON_FLAGS, isArray: true }) flags: PersonFlag[];
}

export class CaseContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONTACT_CHANNELS }) channel: ContactChannel;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String }) callerName: string | null;
  @ApiProperty({ nullable: true, type: String }) callerRelationship: string | null;
  @ApiProperty({ nullable: true, type: String }) callerOrganisation: string | null;
  @ApiProperty({ type: UserRef }) handler: UserRef;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
}

export class ServiceRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class CaseSignpostResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ServiceRef }) service: ServiceRef;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: UserRef }) givenBy: UserRef;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
}

export class CaseTriageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({ description: 'The rule of config/ that gave the priority.' }) rule: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ type: [CaseNeedResponse] }) needs: CaseNeedResponse[];
  @ApiProperty({ type: [String] }) risks: string[];
  @ApiProperty() safeguarding: boolean;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: UserRef }) triagedBy: UserRef;
  @ApiProperty({ format: 'date-time' }) triagedAt: string;
}

export class CaseTriageSummary {
  @ApiProperty({ type: CaseTriageResponse, nullable: true }) latest: CaseTriageResponse | null;
  @ApiProperty({ description: 'How many times the case was triaged.' }) count: number;
}

export class CaseAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: UserRef, nullable: true }) from: UserRef | null;
  @ApiProperty({ type: UserRef }) to: UserRef;
  @ApiProperty({ type: UserRef }) assignedBy: UserRef;
  @ApiProperty({ format: 'date-time' }) assignedAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Given when the assignment took the worker past their limit.',
  })
  overrideReason: string | null;
}

export class MeasureScoreResponse {
  @ApiProperty() score: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class MeasureSummaryResponse {
  @ApiProperty({ example: 'swemwbs' }) measure: string;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ nullable: true, type: Number }) min: number | null;
  @ApiProperty({ nullable: true, type: Number }) max: number | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'false where a higher score is worse (e.g. loneliness).',
  })
  higherIsBetter: boolean | null;
  @ApiProperty({ type: MeasureScoreResponse, nullable: true })
  baseline: MeasureScoreResponse | null;
  @ApiProperty({ type: MeasureScoreResponse, nullable: true })
  latestFollowUp: MeasureScoreResponse | null;
  @ApiProperty() followUps: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Latest follow-up minus baseline; null until both exist.',
  })
  change: number | null;
  @ApiProperty({ enum: ['better', 'worse', 'unchanged'], nullable: true, type: String })
  outcome: 'better' | 'worse' | 'unchanged' | null;
}

export class CaseCloseResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: CLOSE_REASONS }) reason: CloseReason;
  @ApiProperty() notes: string;
  @ApiProperty({ type: UserRef }) by: UserRef;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "A team lead's reason for closing while referrals were open.",
  })
  openReferralsReason: string | null;
}

export class CaseReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ServiceRef }) service: ServiceRef;
  @ApiProperty({ type: ServiceRef }) organisation: ServiceRef;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty() version: number;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: Priority | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: UserRef, nullable: true }) owner: UserRef | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ type: [CaseNeedResponse] }) needs: CaseNeedResponse[];
  @ApiProperty({ type: [String] }) risks: string[];
  @ApiProperty() safeguarding: boolean;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: UserRef }) openedBy: UserRef;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) triagedAt: string | null;
  @ApiProperty({ type: CasePersonSummary }) person: CasePersonSummary;
  @ApiProperty({ type: [CaseContactResponse] }) contacts: CaseContactResponse[];
  @ApiProperty({ type: [CaseSignpostResponse] }) signposts: CaseSignpostResponse[];
  @ApiProperty({ type: [CaseReferralResponse], description: 'Every referral sent from the case.' })
  referrals: CaseReferralResponse[];
  @ApiProperty({ type: CaseTriageSummary }) triage: CaseTriageSummary;
  @ApiProperty({ type: [CaseAssignmentResponse] }) assignments: CaseAssignmentResponse[];
  @ApiProperty({ type: [MeasureSummaryResponse] }) outcomeMeasures: MeasureSummaryResponse[];
  @ApiProperty({ type: CaseCloseResponse, nullable: true }) closed: CaseCloseResponse | null;
  @ApiProperty() version: number;
}

export const TIMELINE_TYPES = [
  'opened',
  'contact',
  'triage',
  'signpost',
  'assignment',
  'referral',
  'note',
  'outcome_measure',
  'closed',
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

export class TimelineEntry {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: TIMELINE_TYPES, description: 'More types may be added.' })
  type: string;
  @ApiProperty({ type: UserRef, nullable: true, description: 'null: the system (overdue flags).' })
  actor: UserRef | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What happened: ids, codes and the words written, by type.',
  })
  data: Record<string, unknown>;
}

export class CaseTimelineResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [TimelineEntry], description: 'Oldest first.' }) items: TimelineEntry[];
}

export class NoteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: UserRef }) writtenBy: UserRef;
  @ApiProperty({ format: 'date-time' }) writtenAt: string;
}

export class MeasureResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() measure: string;
  @ApiProperty({ enum: MEASURE_STAGES }) stage: MeasureStage;
  @ApiProperty() score: number;
  @ApiProperty({ type: UserRef }) recordedBy: UserRef;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: MeasureSummaryResponse, description: 'The measure on this case now.' })
  summary: MeasureSummaryResponse;
}

export class ReassignResponse {
  @ApiProperty() moved: number;
  @ApiProperty({ type: [String] }) caseIds: string[];
}

export class CaseloadUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['caseworker', 'team_lead'] }) role: string;
}

export class CaseloadByPriority {
  @ApiProperty() P1: number;
  @ApiProperty() P2: number;
  @ApiProperty() P3: number;
  @ApiProperty() P4: number;
  @ApiProperty() untriaged: number;
}

export class CaseloadEntry {
  @ApiProperty({ type: CaseloadUser }) user: CaseloadUser;
  @ApiProperty() openCases: number;
  @ApiProperty({ description: "The worker's own limit, or the configured default." })
  limit: number;
  @ApiProperty({ description: 'true when the worker has their own limit.' }) ownLimit: boolean;
  @ApiProperty({ description: 'At or past the limit: a new case needs a team lead override.' })
  atLimit: boolean;
  @ApiProperty({ description: 'More open cases than the limit.' }) overLimit: boolean;
  @ApiProperty({ type: CaseloadByPriority }) byPriority: CaseloadByPriority;
}
