import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsRFC3339,
  IsString,
  IsUUID,
  Matches,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsOmittable } from '../../common/http/validation.js';
import { WORDING_VERSION } from '../intake.config.js';
import { NotInFuture } from '../people/person.validators.js';
import {
  CONSENT_METHODS,
  CONSENT_SCOPES,
  type ConsentMethod,
  type ConsentScope,
} from './consent.entity.js';
import { CONSENT_STATES, type ConsentState } from './consent-rules.js';

/** Why a consent was withdrawn (codes: the free text of a withdrawal is not kept). */
export const CONSENT_WITHDRAWAL_REASONS = [
  'person_withdrew',
  'recorded_in_error',
  'lacked_capacity',
  'other',
] as const;
export type ConsentWithdrawalReason = (typeof CONSENT_WITHDRAWAL_REASONS)[number];

/** organisationIds belongs with named_organisations only. */
@ValidatorConstraint({ name: 'onlyWithNamedScope' })
class OnlyWithNamedScope implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const { scope } = args.object as { scope?: unknown };
    return scope === 'named_organisations' || !Array.isArray(value) || value.length === 0;
  }

  defaultMessage(): string {
    return 'is only for scope named_organisations';
  }
}

export class RecordConsentRequest {
  @ApiProperty({ description: 'true: consent given; false: the person refused.' })
  @IsBoolean()
  given: boolean;

  @ApiProperty({ enum: CONSENT_SCOPES })
  @IsIn(CONSENT_SCOPES)
  scope: ConsentScope;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'With named_organisations (required, not empty): the partner organisations.',
  })
  @ValidateIf(
    (request: RecordConsentRequest) =>
      request.scope === 'named_organisations' || request.organisationIds !== undefined,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Validate(OnlyWithNamedScope)
  organisationIds?: string[];

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;

  @ApiPropertyOptional({
    example: 'OFD-CONSENT-2025-01',
    description: 'The wording read out or signed (default: config/intake.json).',
  })
  @IsOmittable()
  @IsString()
  @Matches(WORDING_VERSION, {
    message: 'must be a version label of 1 to 40 letters, digits or . _ : / -',
  })
  wordingVersion?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the person answered (default: now); not in the future.',
  })
  @IsOmittable()
  @IsRFC3339()
  @Validate(NotInFuture)
  recordedAt?: string;
}

export class WithdrawConsentRequest {
  @ApiPropertyOptional({ enum: CONSENT_WITHDRAWAL_REASONS })
  @IsOmittable()
  @IsIn(CONSENT_WITHDRAWAL_REASONS)
  reason?: ConsentWithdrawalReason;
}

export class ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() given: boolean;
  @ApiProperty({ enum: CONSENT_SCOPES }) scope: ConsentScope;
  @ApiProperty({ type: [String] }) organisationIds: string[];
  @ApiProperty({ enum: CONSENT_METHODS }) method: ConsentMethod;
  @ApiProperty() wordingVersion: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) withdrawnBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ enum: CONSENT_STATES, description: 'Its state now.' }) state: ConsentState;
}

export class ConsentList {
  @ApiProperty({ type: [ConsentResponse], description: 'Newest first.' })
  items: ConsentResponse[];
}
