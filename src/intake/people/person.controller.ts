import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import { FRONT_DOOR_ROLES } from '../../common/auth/roles.js';
import { UuidParam } from '../../common/http/uuid-param.js';
import {
  CreatePersonRequest,
  PersonResponse,
  PersonSearchResponse,
  PersonViewsPage,
  PersonViewsQuery,
  SearchPeopleRequest,
  UpdatePersonRequest,
} from './person.dto.js';
import { PersonService } from './person.service.js';

@ApiTags('people')
@Controller('people')
export class PersonController {
  constructor(private readonly people: PersonService) {}

  /** Possible matches for a person (personal data in the body, never the URL). */
  @Post('search')
  @HttpCode(200)
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: PersonSearchResponse })
  search(
    @CurrentActor() actor: Actor,
    @Body() body: SearchPeopleRequest,
  ): Promise<PersonSearchResponse> {
    return this.people.search(actor, body);
  }

  @Post()
  @Roles(...FRONT_DOOR_ROLES)
  @ApiCreatedResponse({ type: PersonResponse })
  @ApiConflictResponse({ description: 'PERSON_POSSIBLE_DUPLICATE, with the candidates’ ids.' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonRequest): Promise<PersonResponse> {
    return this.people.create(actor, body);
  }

  @Get(':id')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: PersonResponse })
  @ApiNotFoundResponse()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<PersonResponse> {
    return this.people.get(actor, id);
  }

  @Patch(':id')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: PersonResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'PERSON_VERSION_CONFLICT' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdatePersonRequest,
  ): Promise<PersonResponse> {
    return this.people.update(actor, id, body);
  }

  /** Who did and who saw what with this person's record, newest first. */
  @Get(':id/views')
  @Roles('admin', 'team_lead')
  @ApiOkResponse({ type: PersonViewsPage })
  @ApiNotFoundResponse()
  views(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: PersonViewsQuery,
  ): Promise<PersonViewsPage> {
    return this.people.views(actor, id, query);
  }
}
