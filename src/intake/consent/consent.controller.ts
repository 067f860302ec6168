import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
  ConsentList,
  ConsentResponse,
  RecordConsentRequest,
  WithdrawConsentRequest,
} from './consent.dto.js';
import { ConsentService } from './consent.service.js';

@ApiTags('consent')
@Controller()
export class ConsentController {
  constructor(private readonly consents: ConsentService) {}

  @Post('people/:id/consents')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiCreatedResponse({ type: ConsentResponse })
  @ApiNotFoundResponse({ description: 'PERSON_NOT_FOUND' })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) personId: string,
    @Body() body: RecordConsentRequest,
  ): Promise<ConsentResponse> {
    return this.consents.record(actor, personId, body);
  }

  @Get('people/:id/consents')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: ConsentList })
  @ApiNotFoundResponse({ description: 'PERSON_NOT_FOUND' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) personId: string,
  ): Promise<ConsentList> {
    return this.consents.list(actor, personId);
  }

  @Post('consents/:id/withdraw')
  @HttpCode(200)
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: ConsentResponse })
  @ApiNotFoundResponse({ description: 'CONSENT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CONSENT_ALREADY_WITHDRAWN, CONSENT_NOT_GIVEN' })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: WithdrawConsentRequest,
  ): Promise<ConsentResponse> {
    return this.consents.withdraw(actor, id, body);
  }
}
