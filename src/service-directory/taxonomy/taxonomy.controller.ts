import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import { CreateNeedTermRequest, NeedTermResponse, UpdateNeedTermRequest } from './taxonomy.dto.js';
import { TaxonomyService } from './taxonomy.service.js';

@ApiTags('taxonomy')
@Controller('taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: [NeedTermResponse] })
  list(): Promise<NeedTermResponse[]> {
    return this.taxonomy.list();
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: NeedTermResponse })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateNeedTermRequest,
  ): Promise<NeedTermResponse> {
    return this.taxonomy.create(actor, body);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOkResponse({ type: NeedTermResponse })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: UpdateNeedTermRequest,
  ): Promise<NeedTermResponse> {
    return this.taxonomy.update(actor, code, body);
  }
}
