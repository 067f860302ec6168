import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AnyRole } from '../../common/auth/access.decorators.js';
import { AreaLookupQuery, AreaLookupResponse, AreaResponse } from './area.dto.js';
import { AreaService } from './area.service.js';

@ApiTags('areas')
@Controller('areas')
@AnyRole()
export class AreaController {
  constructor(private readonly areas: AreaService) {}

  @Get()
  @ApiOkResponse({ type: [AreaResponse] })
  list(): Promise<AreaResponse[]> {
    return this.areas.list();
  }

  /** The ward, service delivery area and district covering a postcode. */
  @Get('lookup')
  @ApiOkResponse({ type: AreaLookupResponse })
  @ApiBadRequestResponse({ description: 'Not a UK postcode.' })
  @ApiNotFoundResponse({ description: 'Outside every area.' })
  lookup(@Query() query: AreaLookupQuery): Promise<AreaLookupResponse> {
    return this.areas.lookup(query.postcode);
  }
}
