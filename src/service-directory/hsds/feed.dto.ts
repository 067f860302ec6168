import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { normalisePostcode } from '../areas/postcode.js';
import { queryWords } from '../services/service-search.js';

/** `?search=` (nothing) means no search, as an absent parameter does. */
const trimmedOrAbsent = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** A date (`2026-01-31`, midnight UTC) or a date-time with its offset (`2026-01-31T09:00:00Z`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const dateTime = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
    ? new Date(value)
    : value;

@ValidatorConstraint({ name: 'isUkPostcode' })
class IsUkPostcode implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && normalisePostcode(value) !== undefined;
  }

  defaultMessage(): string {
    return 'must be a full UK postcode, e.g. PR25 1DH';
  }
}

@ValidatorConstraint({ name: 'hasSearchWord' })
class HasSearchWord implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && queryWords(value).length > 0;
  }

  defaultMessage(): string {
    return 'must contain a word of three letters or more';
  }
}

@ValidatorConstraint({ name: 'notBelow' })
class NotBelow implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const [other] = args.constraints as [string];
    const floor = (args.object as Record<string, unknown>)[other];
    return typeof value !== 'number' || typeof floor !== 'number' || value >= floor;
  }

  defaultMessage(args: ValidationArguments): string {
    return `must not be below ${String(args.constraints[0])}`;
  }
}

/** Paging, as Open Referral names it. */
export class FeedPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  per_page: number = 50;
}

export class TaxonomyTermFeedQuery extends FeedPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the terms of this taxonomy.' })
  @IsOptional()
  @IsUUID()
  taxonomy_id?: string;
}

/** The filters of `/services` and `/service_at_locations`; all given filters apply together. */
export class ServiceFeedQuery extends FeedPageQuery {
  @ApiPropertyOptional({
    description:
      'Free text over name and description, as the directory search does it: every word of ' +
      'three letters or more must match, as itself (English stemming) or as a word of the ' +
      'directory spelt like it. The best matches come first.',
    example: 'debt advice',
  })
  @IsOptional()
  @Transform(trimmedOrAbsent)
  @IsString()
  @MaxLength(200)
  @Validate(HasSearchWord)
  search?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Services with this taxonomy term. A need term also matches the needs under it ' +
      '(money matches money.debt).',
  })
  @IsOptional()
  @IsUUID()
  taxonomy_term_id?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Services with any term of this taxonomy.',
  })
  @IsOptional()
  @IsUUID()
  taxonomy_id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Services this organisation provides.' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 150,
    description:
      'Ages from: services open to someone of this age or older (whose maximum age, if any, ' +
      'is at least this). With maximum_age equal to it, services open to exactly that age.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(150)
  minimum_age?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 150,
    description:
      'Ages up to: services open to someone of this age or younger (whose minimum age, if ' +
      'any, is at most this).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(150)
  @Validate(NotBelow, ['minimum_age'])
  maximum_age?: number;

  @ApiPropertyOptional({
    example: 'PR25 1DH',
    description:
      'Services covering this postcode: its ward, its service delivery area or the whole ' +
      'borough. Any case and spacing. A postcode outside the borough matches nothing.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Validate(IsUkPostcode)
  postcode?: string;

  @ApiPropertyOptional({
    type: String,
    example: '2026-01-31T09:00:00Z',
    description:
      'Services changed at or after this time: a date (midnight UTC) or a date-time with its offset.',
  })
  @IsOptional()
  @Transform(dateTime)
  @IsDate({
    message: 'must be a date (2026-01-31) or a date-time with offset (2026-01-31T09:00:00Z)',
  })
  modified_after?: Date;
}

/** The answer of `GET /api/hsds/`: which standard this feed follows. */
export class FeedInfoResponse {
  @ApiProperty({ example: '3.0', description: 'The HSDS version.' }) version: string;
  @ApiProperty({ format: 'uri', description: 'The Open Referral UK profile.' }) profile: string;
  @ApiProperty({ format: 'uri', description: 'The OpenAPI document the feed follows.' })
  openapi_url: string;
}

/** The Open Referral page: its numbers, then `contents`. */
export class FeedPage<T> {
  @ApiProperty() total_items: number;
  @ApiProperty() total_pages: number;
  @ApiProperty() page_number: number;
  @ApiProperty({ description: 'How many items this page holds.' }) size: number;
  @ApiProperty() first_page: boolean;
  @ApiProperty() last_page: boolean;
  @ApiProperty({ description: 'Whether this page holds nothing.' }) empty: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) contents: T[];
}
