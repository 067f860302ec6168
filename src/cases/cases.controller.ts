import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { FRONT_DOOR_ROLES } from '../common/auth/roles.js';
import { UuidParam } from '../common/http/uuid-param.js';
import { CaseReadService } from './case-read.service.js';
import { CaseWorkService } from './case-work.service.js';
import {
  AddNoteRequest,
  AssignCaseRequest,
  CasePage,
  CaseResponse,
  CaseStateResponse,
  CaseTimelineResponse,
  CloseCaseRequest,
  ListCasesQuery,
  MeasureResponse,
  NoteResponse,
  ReassignCasesRequest,
  ReassignResponse,
  RecordMeasureRequest,
} from './case.dto.js';
import { CaseloadService } from './caseload.service.js';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly reads: CaseReadService,
    private readonly work: CaseWorkService,
    private readonly caseload: CaseloadService,
  ) {}

  @Get()
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: CasePage, description: 'Each person listed is audited as viewed.' })
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery): Promise<CasePage> {
    return this.reads.list(actor, query);
  }

  @Post('reassign')
  @HttpCode(200)
  @Roles('team_lead', 'admin')
  @ApiOkResponse({ type: ReassignResponse })
  @ApiUnprocessableEntityResponse({ description: 'CASELOAD_LIMIT_REACHED' })
  reassign(
    @CurrentActor() actor: Actor,
    @Body() body: ReassignCasesRequest,
  ): Promise<ReassignResponse> {
    return this.caseload.reassign(actor, body);
  }

  @Get(':id')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({
    type: CaseResponse,
    description: 'Audited as a view of the case and the person.',
  })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<CaseResponse> {
    return this.reads.get(actor, id);
  }

  @Get(':id/timeline')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: CaseTimelineResponse })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<CaseTimelineResponse> {
    return this.reads.timeline(actor, id);
  }

  @Post(':id/notes')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiCreatedResponse({ type: NoteResponse })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CASE_CLOSED' })
  addNote(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: AddNoteRequest,
  ): Promise<NoteResponse> {
    return this.work.addNote(actor, id, body);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: CaseStateResponse })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CASE_CLOSED, CASE_VERSION_CONFLICT' })
  @ApiUnprocessableEntityResponse({ description: 'CASELOAD_LIMIT_REACHED' })
  assign(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: AssignCaseRequest,
  ): Promise<CaseStateResponse> {
    return this.caseload.assign(actor, id, body);
  }

  @Post(':id/outcome-measures')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiCreatedResponse({ type: MeasureResponse })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CASE_CLOSED, MEASURE_BASELINE_EXISTS' })
  recordMeasure(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: RecordMeasureRequest,
  ): Promise<MeasureResponse> {
    return this.work.recordMeasure(actor, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: CaseStateResponse })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CASE_CLOSED, CASE_VERSION_CONFLICT' })
  close(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: CloseCaseRequest,
  ): Promise<CaseStateResponse> {
    return this.work.close(actor, id, body);
  }
}
