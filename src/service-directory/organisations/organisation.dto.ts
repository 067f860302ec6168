import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { trimmed, booleanQuery } from '../../common/http/transforms.js';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../common/http/pagination.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../common/auth/roles.js';

export class CreateOrganisationRequest {
  @ApiProperty({ example: 'Riverside Food Bank' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;
}

export class UpdateOrganisationRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    description:
      'false deactivates the organisation: its users can no longer sign in or use their tokens.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description: 'The version you saw; if the organisation changed since, 409.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  active?: boolean;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class OrganisationPage {
  @ApiProperty({ type: [OrganisationResponse] }) items: OrganisationResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
}
