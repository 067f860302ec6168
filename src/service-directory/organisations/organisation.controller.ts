import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../../common/http/uuid-param.js';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import {
  CreateOrganisationRequest,
  ListOrganisationsQuery,
  OrganisationPage,
  OrganisationResponse,
  UpdateOrganisationRequest,
} from './organisation.dto.js';
import { OrganisationService } from './organisation.service.js';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: OrganisationPage })
  list(@Query() query: ListOrganisationsQuery): Promise<OrganisationPage> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string): Promise<OrganisationResponse> {
    return this.organisations.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OrganisationResponse })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOrganisationRequest,
  ): Promise<OrganisationResponse> {
    return this.organisations.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateOrganisationRequest,
  ): Promise<OrganisationResponse> {
    return this.organisations.update(actor, id, body);
  }
}
