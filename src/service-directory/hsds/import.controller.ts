import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import {
  HsdsImportService,
  type ImportOutcome,
  type ImportRecordReport,
  type ImportReport,
} from './import.service.js';
import { BodyLimit } from './route-body-limit.js';

/** A whole directory fits: the rest of the API keeps the application's smaller limit. */
export const IMPORT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

class ImportIssueResponse {
  @ApiProperty({
    description: 'JSON pointer into the record',
    example: '/service_at_locations/0/location/latitude',
  })
  path: string;

  @ApiProperty({ example: 'out of range (-90 to 90): the coordinates are not kept' })
  message: string;
}

class ImportRecordResponse implements ImportRecordReport {
  @ApiProperty({ description: "The record's position in the dataset, from 0." })
  index: number;

  @ApiProperty({ type: String, nullable: true, description: "The service's HSDS id." })
  id: string | null;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'rejected'] })
  outcome: ImportOutcome;

  @ApiPropertyOptional({
    type: [ImportIssueResponse],
    description: 'Why the record was rejected; nothing of it was stored.',
  })
  reasons?: ImportIssueResponse[];

  @ApiPropertyOptional({
    type: [ImportIssueResponse],
    description: 'What was stored differently from the record, or not kept.',
  })
  warnings?: ImportIssueResponse[];
}

class ImportReportResponse implements ImportReport {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: [ImportRecordResponse] }) records: ImportRecordResponse[];
}

@ApiTags('hsds')
@Controller('hsds')
export class HsdsImportController {
  constructor(private readonly imports: HsdsImportService) {}

  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @BodyLimit(IMPORT_BODY_LIMIT_BYTES)
  @ApiOperation({
    summary: 'Import HSDS 3.0 services with their organisations, locations and taxonomy terms',
    description:
      'The body is a page of services (`{ "contents": [...] }`), an array of services, or one ' +
      'service, as HSDS 3.0 JSON (up to 20 MB). Records are matched by their HSDS ids. Each ' +
      'service is checked and stored on its own, in a transaction: a rejected record leaves ' +
      'nothing behind, and the others are still stored. Importing the same data again changes ' +
      'nothing. New services do not accept referrals until an administrator says so.',
  })
  @ApiBody({
    description: 'HSDS 3.0 services',
    schema: {
      oneOf: [
        { type: 'object', properties: { contents: { type: 'array', items: { type: 'object' } } } },
        { type: 'array', items: { type: 'object' } },
        { type: 'object' },
      ],
    },
  })
  @ApiOkResponse({ type: ImportReportResponse, description: 'What happened to each record.' })
  @ApiBadRequestResponse({
    description: 'The body is not HSDS services (HSDS_IMPORT_NOT_A_DATASET).',
  })
  @ApiPayloadTooLargeResponse({ description: 'The body is over 20 MB.' })
  import(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<ImportReport> {
    return this.imports.import(actor, body, 'api');
  }
}
