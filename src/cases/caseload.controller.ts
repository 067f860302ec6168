import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { FRONT_DOOR_ROLES } from '../common/auth/roles.js';
import { UuidParam } from '../common/http/uuid-param.js';
import { CaseloadEntry, SetCaseloadLimitRequest } from './case.dto.js';
import { CaseloadService } from './caseload.service.js';

@ApiTags('cases')
@Controller('caseload')
export class CaseloadController {
  constructor(private readonly caseload: CaseloadService) {}

  @Get()
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: [CaseloadEntry] })
  list(): Promise<CaseloadEntry[]> {
    return this.caseload.caseload();
  }

  @Put(':userId/limit')
  @Roles('team_lead', 'admin')
  @ApiOkResponse({ type: CaseloadEntry })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND' })
  setLimit(
    @CurrentActor() actor: Actor,
    @Param('userId', UuidParam) userId: string,
    @Body() body: SetCaseloadLimitRequest,
  ): Promise<CaseloadEntry> {
    return this.caseload.setLimit(actor, userId, body.limit);
  }
}
