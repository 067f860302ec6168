import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { trimmed } from '../../common/http/transforms.js';

export const NEED_CODE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/;

export class CreateNeedTermRequest {
  @ApiProperty({
    example: 'money.debt',
    description: "A child's code starts with its parent's code and a dot.",
  })
  @Matches(NEED_CODE, { message: 'must be lower-case words joined by dots, like money.debt' })
  @MaxLength(60)
  code: string;

  @ApiProperty({ example: 'Debt advice' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  label: string;
}

export class UpdateNeedTermRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  label?: string;

  @ApiPropertyOptional({
    description: 'false retires the term: kept for history, not offered for new work.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'The version you saw; if the term changed since, 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class NeedTermResponse {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true, type: String }) parent: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
}
