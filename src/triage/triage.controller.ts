import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { FRONT_DOOR_ROLES } from '../common/auth/roles.js';
import { UuidParam } from '../common/http/uuid-param.js';
import {
  RecommendationsResponse,
  SignpostList,
  SignpostRequest,
  SignpostResponse,
  TriageConfigResponse,
  TriageRequest,
  TriageResponse,
} from './triage.dto.js';
import { SignpostService } from './signpost.service.js';
import { TriageService } from './triage.service.js';

@ApiTags('triage')
@Controller()
export class TriageController {
  constructor(
    private readonly triages: TriageService,
    private readonly signposts: SignpostService,
  ) {}

  @Post('cases/:id/triage')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiCreatedResponse({
    type: TriageResponse,
    description:
      'The triage kept: the priority from the triage rules, the due time, the services that fit.',
  })
  @ApiBadRequestResponse({ description: 'Unknown or repeated need codes, unknown risk codes.' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The case is closed.' })
  triage(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TriageRequest,
  ): Promise<TriageResponse> {
    return this.triages.triage(actor, id, body);
  }

  @Get('cases/:id/recommendations')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: RecommendationsResponse })
  @ApiNotFoundResponse()
  recommendations(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<RecommendationsResponse> {
    return this.triages.recommendations(actor, id);
  }

  @Post('cases/:id/signposts')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiCreatedResponse({ type: SignpostResponse })
  @ApiBadRequestResponse({ description: 'No such service, or it is not active.' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The case is closed.' })
  signpost(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: SignpostRequest,
  ): Promise<SignpostResponse> {
    return this.signposts.give(actor, id, body);
  }

  @Get('cases/:id/signposts')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: SignpostList })
  @ApiNotFoundResponse()
  listSignposts(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<SignpostList> {
    return this.signposts.list(actor, id);
  }

  @Get('triage/config')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: TriageConfigResponse })
  configuration(): TriageConfigResponse {
    return this.triages.configuration();
  }
}
