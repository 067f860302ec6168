import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsRFC3339,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  CASE_STATUSES,
  PRIORITIES,
  type CaseStatus,
  type Priority,
} from '../../cases/case.entity.js';
import { trimmed } from '../../common/http/transforms.js';
import { IsOmittable } from '../../common/http/validation.js';
import { ConsentResponse, RecordConsentRequest } from '../consent/consent.dto.js';
import { CreatePersonRequest } from '../people/person.dto.js';
import { NotInFuture } from '../people/person.validators.js';
import { CONTACT_CHANNELS, type ContactChannel } from './contact.entity.js';

const trimmedOrNull = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? null : text;
};

/** `personId` and `person` exclude each other. */
@ValidatorConstraint({ name: 'notWithPerson' })
class NotWithPerson implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as { person?: unknown }).person === undefined;
  }

  defaultMessage(): string {
    return 'give personId (someone already recorded) or person (someone new), not both';
  }
}

/** endedAt is not before startedAt (when both are given). */
@ValidatorConstraint({ name: 'notBeforeStart' })
class NotBeforeStart implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const { startedAt } = args.object as { startedAt?: unknown };
    if (typeof value !== 'string' || typeof startedAt !== 'string') return true;
    const [end, start] = [Date.parse(value), Date.parse(startedAt)];
    return Number.isNaN(end) || Number.isNaN(start) || end >= start;
  }

  defaultMessage(): string {
    return 'must not be before startedAt';
  }
}

/** Who got in touch, when it was not the person (e.g. a GP, a neighbour, a support worker). */
export class CallerDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Dr A. Patel' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'GP' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(100)
  relationship?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Leyland Health Centre' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(200)
  organisation?: string | null;
}

/** A new person, as for POST /api/people (with confirmedNewPerson after a duplicate warning). */
export class NewPersonDto extends CreatePersonRequest {}

export class RecordContactRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Someone already recorded. Give this or `person`, not both.',
  })
  @ValidateIf(
    (request: RecordContactRequest) =>
      request.personId !== undefined || request.person === undefined,
  )
  @IsDefined({ message: 'give personId (someone already recorded) or person (someone new)' })
  @IsUUID()
  @Validate(NotWithPerson)
  personId?: string;

  @ApiPropertyOptional({
    type: NewPersonDto,
    description: 'Someone new, recorded with the contact.',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => NewPersonDto)
  person?: NewPersonDto;

  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiPropertyOptional({ type: CallerDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => CallerDto)
  caller?: CallerDto;

  @ApiProperty({ example: 'Behind on rent and council tax; worried about eviction' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(20000)
  notes?: string | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now (or endedAt).' })
  @IsOmittable()
  @IsRFC3339()
  @Validate(NotInFuture)
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now; not before startedAt.' })
  @IsOmittable()
  @IsRFC3339()
  @Validate(NotInFuture)
  @Validate(NotBeforeStart)
  endedAt?: string;

  @ApiPropertyOptional({
    type: RecordConsentRequest,
    description: "The person's answer to the consent question: required for a new person.",
  })
  @ValidateIf(
    (request: RecordContactRequest) =>
      request.person !== undefined || request.consent !== undefined,
  )
  @IsDefined({ message: 'is required for a new person: record their answer (given or refused)' })
  @ValidateNested()
  @Type(() => RecordConsentRequest)
  consent?: RecordConsentRequest;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An open case of the same person to add the contact to (default: a new case).',
  })
  @IsOmittable()
  @IsUUID()
  caseId?: string;
}

export class CallerResponse {
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) relationship: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
}

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: CONTACT_CHANNELS }) channel: ContactChannel;
  @ApiProperty({ type: CallerResponse, nullable: true }) caller: CallerResponse | null;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'uuid' }) handlerUserId: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ContactCaseSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority: Priority | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) ownerId: string | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'true when this contact opened the case.' }) opened: boolean;
}

export class ContactPersonSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'true when this contact recorded the person.' }) created: boolean;
}

export class RecordContactResponse {
  @ApiProperty({ type: ContactResponse }) contact: ContactResponse;
  @ApiProperty({ type: ContactCaseSummary }) case: ContactCaseSummary;
  @ApiProperty({ type: ContactPersonSummary }) person: ContactPersonSummary;
  @ApiProperty({ type: ConsentResponse, nullable: true }) consent: ConsentResponse | null;
}
