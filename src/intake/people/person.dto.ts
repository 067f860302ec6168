import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { trimmed } from '../../common/http/transforms.js';
import { IsOmittable } from '../../common/http/validation.js';
import { PageQuery } from '../../common/http/pagination.js';
import { CONSENT_SCOPES, type ConsentScope } from '../consent/consent.entity.js';
import { CONSENT_STATES, type ConsentSummaryState } from '../consent/consent-rules.js';
import { PERSON_FLAGS, type PersonFlag } from './person.entity.js';
import { MATCH_FIELDS, type MatchField, type MatchStrength } from './person-matching.js';
import { IsDateOfBirth, IsUkPhone, IsUkPostcode } from './person.validators.js';

/** Trims text and turns a blank answer into "not given". */
const trimmedOrNull = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? null : text;
};

/**
 * Equality monitoring answers: optional, free to decline ("prefer not to say" is an answer),
 * written apart from the person and never read back one person at a time.
 */
export class PersonEqualityDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: '65-74' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(40)
  ageBand?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(60)
  sex?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(60)
  genderIdentity?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(80)
  ethnicity?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(60)
  disability?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(60)
  religion?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(60)
  sexualOrientation?: string | null;
}

/** Fields that are optional on both create and update; null (or blank) clears one. */
export class PersonOptionalFields {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Peggy' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(100)
  preferredName?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date',
    example: '1951-03-14',
    description: 'YYYY-MM-DD; not in the future.',
  })
  @IsOptional()
  @Validate(IsDateOfBirth)
  dateOfBirth?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '07700 900123',
    description: 'A UK number; duplicate detection compares its digits in national form.',
  })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(30)
  @Validate(IsUkPhone)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '12 Church Road, Leyland' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'PR25 1DH',
    description:
      'A full UK postcode; it decides the area (null when outside the borough). Stored normalised.',
  })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(16)
  @Validate(IsUkPostcode)
  postcode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'pl' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(50)
  language?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Hard of hearing: speak slowly' })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(1000)
  communicationNeeds?: string | null;

  @ApiPropertyOptional({ enum: PERSON_FLAGS, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(PERSON_FLAGS.length)
  @ArrayUnique()
  @IsIn(PERSON_FLAGS, { each: true, message: `each must be one of: ${PERSON_FLAGS.join(', ')}` })
  flags?: PersonFlag[];

  @ApiPropertyOptional({
    type: PersonEqualityDto,
    description: 'Equality monitoring: write-only, reported in aggregate only.',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PersonEqualityDto)
  equality?: PersonEqualityDto;
}

export class CreatePersonRequest extends PersonOptionalFields {
  @ApiProperty({ example: 'Margaret' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Thompson' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({
    description:
      'The handler checked the possible duplicates and this is a different person: create anyway.',
  })
  @IsOmittable()
  @IsBoolean()
  confirmedNewPerson?: boolean;
}

export class UpdatePersonRequest extends PersonOptionalFields {
  @ApiPropertyOptional({ example: 'Margaret' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Thompson' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;

  @ApiProperty({ description: 'The version you saw; if the person changed since, 409.' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

export class SearchPeopleRequest {
  @ApiPropertyOptional({ example: 'Margret Thomson', description: 'A full name (or part).' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(201)
  name?: string;

  @ApiPropertyOptional({ example: 'Margret' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Thomson' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ format: 'date', example: '1951-03-14' })
  @IsOmittable()
  @Validate(IsDateOfBirth)
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'PR25 1DH' })
  @IsOmittable()
  @IsString()
  @MaxLength(16)
  @Validate(IsUkPostcode)
  postcode?: string;

  @ApiPropertyOptional({ example: '07700 900123' })
  @IsOmittable()
  @IsString()
  @MaxLength(30)
  @Validate(IsUkPhone)
  phone?: string;
}

export class ConsentSummary {
  @ApiProperty({ enum: [...CONSENT_STATES, 'none'], description: 'The latest record’s state.' })
  state: ConsentSummaryState;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) consentId: string | null;
  @ApiProperty({ nullable: true, enum: CONSENT_SCOPES, type: String }) scope: ConsentScope | null;
  @ApiProperty({ type: [String] }) organisationIds: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) recordedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt: string | null;
}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String }) preferredName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The ward; null outside the borough.' })
  areaCode: string | null;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String }) communicationNeeds: string | null;
  @ApiProperty({ enum: PERSON_FLAGS, isArray: true }) flags: PersonFlag[];
  @ApiProperty({ type: ConsentSummary }) consent: ConsentSummary;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CandidatePerson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String }) preferredName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
}

export class PersonCandidate {
  @ApiProperty({ type: CandidatePerson }) person: CandidatePerson;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ enum: MATCH_FIELDS, isArray: true }) matched: MatchField[];
  @ApiProperty({ enum: ['strong', 'possible'] }) strength: MatchStrength;
}

export class PersonSearchResponse {
  @ApiProperty({ type: [PersonCandidate], description: 'Best first, at most 10.' })
  candidates: PersonCandidate[];
}

export class PersonViewsQuery extends PageQuery {}

export class AuditUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The role the user had when they acted.' }) role: string;
}

export class PersonView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'person.viewed' }) action: string;
  @ApiProperty({ type: AuditUser, nullable: true }) user: AuditUser | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class PersonViewsPage {
  @ApiProperty({ type: [PersonView] }) items: PersonView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}
