import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/http/pagination.js';
import { trimmed } from '../../common/http/transforms.js';
import { IsOmittable } from '../../common/http/validation.js';
import { LOCATION_TYPES, type LocationType } from './location.entity.js';

export class AddressDto {
  @ApiProperty({ example: '12 Towngate' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  line1: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  line2?: string | null;

  @ApiProperty({ example: 'Leyland' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  city: string;

  @ApiPropertyOptional({ example: 'Lancashire', default: 'Lancashire' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  county?: string;

  @ApiProperty({ example: 'PR25 2LH', description: 'Any case and spacing; stored normalised.' })
  @IsString()
  @MaxLength(16)
  postcode: string;
}

/** Fields optional both when creating and when updating a location. */
export class LocationFields {
  @ApiPropertyOptional({ enum: LOCATION_TYPES, default: 'physical' })
  @IsOmittable()
  @IsIn(LOCATION_TYPES)
  locationType?: LocationType;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Bus 109 stops outside' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  transportation?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  url?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: -90, maximum: 90 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: -180, maximum: 180 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @ApiPropertyOptional({ type: AddressDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto | null;
}

export class CreateLocationRequest extends LocationFields {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The owning organisation; a partner user may leave it out (their own).',
  })
  @IsOmittable()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ example: 'Leyland Library' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;
}

export class UpdateLocationRequest extends LocationFields {
  @ApiPropertyOptional({ example: 'Leyland Library' })
  @IsOmittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ description: 'The version you saw; if the location changed since, 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListLocationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class AddressResponse {
  @ApiProperty() line1: string;
  @ApiProperty({ nullable: true, type: String }) line2: string | null;
  @ApiProperty() city: string;
  @ApiProperty() county: string;
  @ApiProperty() postcode: string;
}

export class LocationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: LOCATION_TYPES }) locationType: LocationType;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) transportation: string | null;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: Number }) latitude: number | null;
  @ApiProperty({ nullable: true, type: Number }) longitude: number | null;
  @ApiProperty({ type: AddressResponse, nullable: true }) address: AddressResponse | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The ward of the address's postcode; null outside the borough.",
  })
  areaCode: string | null;
  @ApiProperty() version: number;
}

export class LocationPage {
  @ApiProperty({ type: [LocationResponse] }) items: LocationResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}
