import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { AREA_KINDS, type AreaKind } from './area.entity.js';

export class AreaLookupQuery {
  @ApiProperty({ example: 'PR25 1DH', description: 'Any case and spacing.' })
  @IsString()
  @MaxLength(16)
  postcode: string;
}

export class AreaRef {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class AreaLookupResponse {
  @ApiProperty({ example: 'PR25 1DH' }) postcode: string;
  @ApiProperty({ example: 'PR25 1' }) sector: string;
  @ApiProperty({ type: AreaRef }) ward: AreaRef;
  @ApiProperty({ type: AreaRef }) serviceDeliveryArea: AreaRef;
  @ApiProperty({ type: AreaRef }) district: AreaRef;
}

export class AreaResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AREA_KINDS }) kind: AreaKind;
  @ApiProperty({ nullable: true, type: String }) parent: string | null;
  @ApiProperty({ type: [String], example: ['PR25 1'] }) postcodeSectors: string[];
}
