import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import { UuidParam } from '../../common/http/uuid-param.js';
import {
  CreateServiceRequest,
  SearchServicesQuery,
  ServiceResponse,
  ServiceSearchPage,
  UpdateServiceRequest,
} from './service.dto.js';
import { ServiceService } from './service.service.js';

@ApiTags('services')
@Controller('services')
export class ServiceController {
  constructor(private readonly services: ServiceService) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: ServiceSearchPage })
  search(@Query() query: SearchServicesQuery): Promise<ServiceSearchPage> {
    return this.services.search(query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: ServiceResponse })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string): Promise<ServiceResponse> {
    return this.services.get(id);
  }

  @Post()
  @Roles('admin', 'partner')
  @ApiCreatedResponse({ type: ServiceResponse })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateServiceRequest,
  ): Promise<ServiceResponse> {
    return this.services.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin', 'partner')
  @ApiOkResponse({
    type: ServiceResponse,
    description: "A partner user: its own organisation's only.",
  })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateServiceRequest,
  ): Promise<ServiceResponse> {
    return this.services.update(actor, id, body);
  }
}
