import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PRIORITIES, type Priority } from '../cases/case.entity.js';
import { PageQuery, type Page } from '../common/http/pagination.js';
import { booleanQuery, listQuery, trimmed } from '../common/http/transforms.js';
import { IsOmittable } from '../common/http/validation.js';
import { SHARED_FIELDS, type SharedField } from './referral-snapshot.js';
import {
  DECLINE_REASONS,
  REFERRAL_ACTIONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  type DeclineReason,
  type ReferralAction,
  type ReferralOutcome,
  type ReferralStatus,
} from './referral-states.js';

const TEXT_MAX = 4000;

// ---------------------------------------------------------------- requests

export class ConsentOverrideRequest {
  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description:
      'A team lead overriding: why the details are shared without consent. Not with an approvalId (the approval has the reason).',
  })
  @ValidateIf(
    (override: ConsentOverrideRequest) =>
      override.approvalId === undefined || override.reason !== undefined,
  )
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  reason?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A team lead's approval (POST /api/cases/:id/consent-overrides), for anyone else.",
  })
  @IsOmittable()
  @IsUUID('all')
  approvalId?: string;
}

export class SendReferralRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  serviceId: string;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'Why the person is referred.' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  reason: string;

  @ApiProperty({
    enum: SHARED_FIELDS,
    isArray: true,
    description: "What of the person's record the partner sees, frozen now (minimum necessary).",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARED_FIELDS.length)
  @ArrayUnique()
  @IsIn(SHARED_FIELDS, { each: true, message: `each must be one of ${SHARED_FIELDS.join(', ')}` })
  shared: SharedField[];

  @ApiPropertyOptional({ type: ConsentOverrideRequest })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentOverrideRequest)
  consentOverride?: ConsentOverrideRequest;

  @ApiPropertyOptional({
    maxLength: TEXT_MAX,
    description: "Why refer to a service that does not cover the person's area.",
  })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  outOfAreaReason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The declined referral this re-routes.' })
  @IsOmittable()
  @IsUUID('all')
  replacesReferralId?: string;
}

export class ApproveConsentOverrideRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  serviceId: string;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'Why sharing without consent is justified.' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  reason: string;
}

/** Every transition carries the version the user saw. */
export class VersionedRequest {
  @ApiProperty({ minimum: 1, description: 'The version you saw; if it changed since, 409.' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

/**
 * A transition whose notes may be left out. (Complete and withdraw need notes: they extend
 * VersionedRequest rather than this, because class-validator applies a parent's decorators to a
 * redeclared property too, and the parent's @IsOmittable would let absent notes through.)
 */
export class TransitionRequest extends VersionedRequest {
  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  notes?: string;
}

export class DeclineReferralRequest extends TransitionRequest {
  @ApiProperty({ enum: DECLINE_REASONS, description: '`other` needs notes.' })
  @IsIn(DECLINE_REASONS)
  reason: DeclineReason;
}

export class CompleteReferralRequest extends VersionedRequest {
  @ApiProperty({ enum: REFERRAL_OUTCOMES })
  @IsIn(REFERRAL_OUTCOMES)
  outcome: ReferralOutcome;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'What was done; required.' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  notes: string;
}

export class WithdrawReferralRequest extends VersionedRequest {
  @ApiProperty({ maxLength: TEXT_MAX, description: 'Why it is withdrawn; required.' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  notes: string;
}

export class PostMessageRequest {
  @ApiProperty({ maxLength: TEXT_MAX })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  body: string;
}

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: REFERRAL_STATUSES,
    isArray: true,
    description: 'One or more statuses (repeat or comma-separate); absent: every status.',
  })
  @IsOptional()
  @Transform(listQuery)
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(REFERRAL_STATUSES, {
    each: true,
    message: `each must be one of ${REFERRAL_STATUSES.join(', ')}`,
  })
  status?: ReferralStatus[];

  @ApiPropertyOptional({
    description: 'true: only referrals flagged overdue and still unanswered.',
  })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  serviceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Front door only: one case’s referrals.' })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Front door only: one receiving organisation.',
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}

// ---------------------------------------------------------------- responses

/** A user, service or organisation: its id and name. */
export class ReferralRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ReferralHistoryResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: '`send`, an action, or `overdue`.' }) action: string;
  @ApiProperty({ enum: REFERRAL_STATUSES, nullable: true, type: String })
  from: ReferralStatus | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) to: ReferralStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Decline reason or outcome.' })
  code: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: ReferralRef, nullable: true, description: 'null: the system.' })
  actor: ReferralRef | null;
}

export class ReferralFlags {
  @ApiProperty({ description: 'Flagged overdue and still unanswered.' }) overdue: boolean;
  @ApiProperty() urgent: boolean;
  @ApiProperty() safeguarding: boolean;
  @ApiProperty({ description: 'Shared without the person’s consent, by a team lead’s decision.' })
  consentOverride: boolean;
  @ApiProperty({ description: "The service does not cover the person's area." })
  outOfArea: boolean;
}

/** A referral as its viewer may see it: a partner gets no case, person or consent details. */
export class ReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ type: ReferralRef }) service: ReferralRef;
  @ApiProperty({ type: ReferralRef }) organisation: ReferralRef;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: SHARED_FIELDS, isArray: true }) shared: SharedField[];
  @ApiProperty({ type: Object, description: 'The shared fields’ values at sending.' })
  snapshot: Record<string, unknown>;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: Priority | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ type: ReferralFlags }) flags: ReferralFlags;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ type: ReferralRef }) sentBy: ReferralRef;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) overdueAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) viewedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ enum: DECLINE_REASONS, nullable: true, type: String })
  declineReason: DeclineReason | null;
  @ApiProperty({ enum: REFERRAL_OUTCOMES, nullable: true, type: String })
  outcome: ReferralOutcome | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) outOfAreaReason: string | null;
  @ApiProperty({ enum: REFERRAL_ACTIONS, isArray: true, description: 'What you may do next.' })
  allowedActions: ReferralAction[];
  @ApiProperty({ type: [ReferralHistoryResponse] }) history: ReferralHistoryResponse[];
  @ApiProperty() version: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Front door only.' }) caseId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Front door only.' }) personId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Front door only.',
  })
  consentId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Front door only.' })
  consentOverrideReason?: string | null;
  @ApiPropertyOptional({ type: ReferralRef, nullable: true, description: 'Front door only.' })
  consentOverrideBy?: ReferralRef | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The declined referral this re-routes (a partner sees it only if it was theirs).',
  })
  replacesReferralId?: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Front door only.',
  })
  replacedByReferralId?: string | null;
}

export class ReferralListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ type: ReferralRef }) service: ReferralRef;
  @ApiProperty({ type: ReferralRef }) organisation: ReferralRef;
  @ApiProperty({ nullable: true, type: String, description: 'The name shared, if it was.' })
  personName: string | null;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: Priority | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ type: ReferralFlags }) flags: ReferralFlags;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) viewedAt: string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Front door only.' }) caseId?: string;
}

export class ReferralCounts {
  @ApiProperty() sent: number;
  @ApiProperty() accepted: number;
  @ApiProperty() declined: number;
  @ApiProperty() in_progress: number;
  @ApiProperty() on_hold: number;
  @ApiProperty() completed: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty({ description: 'Flagged overdue and still unanswered.' }) overdue: number;
}

export class ReferralPage implements Page<ReferralListItem> {
  @ApiProperty({ type: [ReferralListItem] }) items: ReferralListItem[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
  @ApiProperty({
    type: ReferralCounts,
    description: 'By status, over what you may see with the filters other than status and overdue.',
  })
  counts: ReferralCounts;
}

export class ReferralMessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['front_door', 'partner'] }) side: 'front_door' | 'partner';
  @ApiProperty({ type: ReferralRef }) author: ReferralRef;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
}

export class ReferralMessageList {
  @ApiProperty({ type: [ReferralMessageResponse] }) items: ReferralMessageResponse[];
}

export class ConsentOverrideApprovalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: ReferralRef }) approvedBy: ReferralRef;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
