import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/http/pagination.js';
import { booleanQuery, trimmed } from '../../common/http/transforms.js';
import { IsOmittable } from '../../common/http/validation.js';
import { NEED_CODE } from '../taxonomy/taxonomy.dto.js';
import { SERVICE_STATUSES, type ServiceStatus } from './service.entity.js';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const AREA_CODE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** `?need=money&need=housing` or `?need=money,housing`. */
const listQuery = ({ value }: { value: unknown }): unknown => {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .map((item) => (typeof item === 'string' ? item.trim() : item))
    .filter((item) => item !== '');
};

export class SearchServicesQuery extends PageQuery {
  @ApiPropertyOptional({
    type: [String],
    example: ['money.debt'],
    description: 'Need codes (repeat or comma-separate); a code matches the codes under it too.',
  })
  @IsOptional()
  @Transform(listQuery)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(NEED_CODE, { each: true, message: 'each must be a need code, like money.debt' })
  need?: string[];

  @ApiPropertyOptional({ example: 'PR25 1DH', description: 'Services covering this postcode.' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  postcode?: string;

  @ApiPropertyOptional({ example: 'RV-LEY', description: 'Services covering this area.' })
  @IsOptional()
  @IsString()
  @Matches(AREA_CODE, { message: 'must be an area code, like RV-LEY' })
  area?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 130, description: 'Services open to this age.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(130)
  age?: number;

  @ApiPropertyOptional({
    example: 'benefit advice',
    description: 'Words in the name or description; tolerant of spelling mistakes.',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    description: 'Only services that accept (true) or refuse (false) referrals.',
  })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  accepting?: boolean;

  @ApiPropertyOptional({ description: 'Only services open at this moment (borough time).' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  openNow?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this organisation’s services.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class EligibilityDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 130, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  minAge?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 130, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  maxAge?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Ribble Vale residents' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  criteria?: string | null;
}

export class CapacityDto {
  @ApiPropertyOptional({ minimum: 0, nullable: true, type: Number, description: 'Places left.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000000)
  available?: number | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000000)
  maximum?: number | null;
}

export class OpeningTimeDto {
  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['MO', 'TU', 'WE', 'TH', 'FR'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true })
  days: Weekday[];

  @ApiProperty({ example: '09:00', description: 'Borough local time, HH:MM.' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  opens: string;

  @ApiProperty({
    example: '17:00',
    description: 'HH:MM, after opens; 24:00 is not allowed, use 23:59.',
  })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  closes: string;

  @ApiPropertyOptional({ example: 'Drop-in, no appointment needed' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  description?: string;
}

/** The fields of a service that are optional both when creating and when updating it. */
export class ServiceFields {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ enum: SERVICE_STATUSES })
  @IsOmittable()
  @IsIn(SERVICE_STATUSES)
  status?: ServiceStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The organisation that receives its referrals (admins only; default: the provider).',
  })
  @IsOmittable()
  @IsUUID()
  receivingOrganisationId?: string;

  @ApiPropertyOptional({ type: EligibilityDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility?: EligibilityDto;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  acceptingReferrals?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 8760, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8760)
  responseTargetHours?: number | null;

  @ApiPropertyOptional({ type: CapacityDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => CapacityDto)
  capacity?: CapacityDto;

  @ApiPropertyOptional({ nullable: true, type: String, example: '01772 000000' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+() -]{3,50}$/, { message: 'must be a telephone number' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  url?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  applicationProcess?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  alert?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Locations of the same organisation.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  locationIds?: string[];

  @ApiPropertyOptional({ type: [OpeningTimeDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OpeningTimeDto)
  openingTimes?: OpeningTimeDto[];
}

export class CreateServiceRequest extends ServiceFields {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The providing organisation; a partner user may leave it out (their own).',
  })
  @IsOmittable()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ example: 'Debt advice line' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiProperty({ type: [String], example: ['money.debt'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(NEED_CODE, { each: true, message: 'each must be a need code, like money.debt' })
  needs: string[];

  @ApiProperty({ type: [String], example: ['RV'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(AREA_CODE, { each: true, message: 'each must be an area code, like RV-LEY' })
  areas: string[];
}

export class UpdateServiceRequest extends ServiceFields {
  @ApiPropertyOptional({ example: 'Debt advice line' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ type: [String], example: ['money.debt'] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(NEED_CODE, { each: true, message: 'each must be a need code, like money.debt' })
  needs?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['RV-LEY'],
    description: 'Area codes served; the district code (RV) means the whole borough.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(AREA_CODE, { each: true, message: 'each must be an area code, like RV-LEY' })
  areas?: string[];

  @ApiPropertyOptional({ description: 'The version you saw; if the service changed since, 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class OrganisationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class EligibilityResponse {
  @ApiProperty({ nullable: true, type: Number }) minAge: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxAge: number | null;
  @ApiProperty({ nullable: true, type: String }) criteria: string | null;
}

export class CapacityResponse {
  @ApiProperty({ nullable: true, type: Number }) available: number | null;
  @ApiProperty({ nullable: true, type: Number }) maximum: number | null;
}

export class ContactResponse {
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

export class SearchMatch {
  @ApiProperty({ enum: ['exact', 'related'], nullable: true, type: String })
  need: 'exact' | 'related' | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'true: covers the ward or its service delivery area; false: borough-wide.',
  })
  local: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) textRank: number | null;
}

export class ServiceSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: SERVICE_STATUSES }) status: ServiceStatus;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: OrganisationRef }) organisation: OrganisationRef;
  @ApiProperty({ format: 'uuid' }) receivingOrganisationId: string;
  @ApiProperty({ type: [String] }) needs: string[];
  @ApiProperty({ type: [String] }) areas: string[];
  @ApiProperty({ type: EligibilityResponse }) eligibility: EligibilityResponse;
  @ApiProperty() acceptingReferrals: boolean;
  @ApiProperty({ nullable: true, type: Number }) responseTargetHours: number | null;
  @ApiProperty({ type: CapacityResponse }) capacity: CapacityResponse;
  @ApiProperty({ type: ContactResponse }) contact: ContactResponse;
}

export class ServiceSearchItem extends ServiceSummary {
  @ApiProperty({ type: SearchMatch }) match: SearchMatch;
}

export class ServiceSearchPage {
  @ApiProperty({ type: [ServiceSearchItem] }) items: ServiceSearchItem[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}

export class ServiceLocationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
}

export class OpeningTimeResponse {
  @ApiProperty({ enum: WEEKDAYS, isArray: true }) days: Weekday[];
  @ApiProperty({ example: '09:00' }) opens: string;
  @ApiProperty({ example: '17:00' }) closes: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
}

export class ServiceResponse extends ServiceSummary {
  @ApiProperty({ nullable: true, type: String }) alternateName: string | null;
  @ApiProperty({ nullable: true, type: String }) applicationProcess: string | null;
  @ApiProperty({ nullable: true, type: String }) alert: string | null;
  @ApiProperty({ type: [ServiceLocationResponse] }) locations: ServiceLocationResponse[];
  @ApiProperty({ type: [OpeningTimeResponse] }) openingTimes: OpeningTimeResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}
