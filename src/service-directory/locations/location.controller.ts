import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import { UuidParam } from '../../common/http/uuid-param.js';
import {
  CreateLocationRequest,
  ListLocationsQuery,
  LocationPage,
  LocationResponse,
  UpdateLocationRequest,
} from './location.dto.js';
import { LocationService } from './location.service.js';

@ApiTags('locations')
@Controller('locations')
export class LocationController {
  constructor(private readonly locations: LocationService) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: LocationPage })
  list(@Query() query: ListLocationsQuery): Promise<LocationPage> {
    return this.locations.list(query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: LocationResponse })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string): Promise<LocationResponse> {
    return this.locations.get(id);
  }

  @Post()
  @Roles('admin', 'partner')
  @ApiCreatedResponse({ type: LocationResponse })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateLocationRequest,
  ): Promise<LocationResponse> {
    return this.locations.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin', 'partner')
  @ApiOkResponse({
    type: LocationResponse,
    description: "A partner user: its own organisation's only.",
  })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateLocationRequest,
  ): Promise<LocationResponse> {
    return this.locations.update(actor, id, body);
  }
}
