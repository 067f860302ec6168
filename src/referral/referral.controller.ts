import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../common/auth/actor.js';
import { FRONT_DOOR_ROLES, ROLES } from '../common/auth/roles.js';
import { UuidParam } from '../common/http/uuid-param.js';
import { ReferralMessageService } from './referral-message.service.js';
import { ReferralReadService } from './referral-read.service.js';
import { ReferralSendService } from './referral-send.service.js';
import { ReferralTransitionService } from './referral-transition.service.js';
import {
  ApproveConsentOverrideRequest,
  CompleteReferralRequest,
  ConsentOverrideApprovalResponse,
  DeclineReferralRequest,
  ListReferralsQuery,
  PostMessageRequest,
  ReferralMessageList,
  ReferralMessageResponse,
  ReferralPage,
  ReferralResponse,
  SendReferralRequest,
  TransitionRequest,
  WithdrawReferralRequest,
} from './referral.dto.js';

const NOT_FOUND = 'REFERRAL_NOT_FOUND: no such referral, or not one of your organisation’s.';
const CONFLICT = 'REFERRAL_VERSION_CONFLICT (stale version), REFERRAL_INVALID_TRANSITION.';

/** Sending referrals from a case, and the consent override a team lead approves for one. */
@ApiTags('referrals')
@Controller('cases')
export class CaseReferralsController {
  constructor(private readonly sending: ReferralSendService) {}

  @Post(':id/referrals')
  @Roles(...FRONT_DOOR_ROLES)
  @ApiCreatedResponse({ type: ReferralResponse, description: 'The referral, in `sent`.' })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CASE_CLOSED, REFERRAL_DUPLICATE' })
  @ApiUnprocessableEntityResponse({
    description:
      'REFERRAL_CONSENT_REQUIRED, REFERRAL_OUTSIDE_AREA, SERVICE_NOT_ACCEPTING_REFERRALS, SERVICE_NOT_ACTIVE, CONSENT_OVERRIDE_APPROVAL_INVALID, REFERRAL_REROUTE_INVALID',
  })
  @ApiForbiddenResponse({ description: 'CONSENT_OVERRIDE_TEAM_LEAD_ONLY' })
  send(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: SendReferralRequest,
  ): Promise<ReferralResponse> {
    return this.sending.send(actor, id, body);
  }

  @Post(':id/consent-overrides')
  @Roles('team_lead')
  @ApiCreatedResponse({ type: ConsentOverrideApprovalResponse })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' })
  approveOverride(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ApproveConsentOverrideRequest,
  ): Promise<ConsentOverrideApprovalResponse> {
    return this.sending.approveOverride(actor, id, body);
  }
}

/**
 * Referrals: the front door sees every one; a partner user only its organisation's, and any other
 * id is answered exactly as one that does not exist.
 */
@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly reads: ReferralReadService,
    private readonly transitions: ReferralTransitionService,
    private readonly messages: ReferralMessageService,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralsQuery): Promise<ReferralPage> {
    return this.reads.list(actor, query);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralResponse, description: "A partner's first view sets viewedAt." })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ReferralResponse> {
    return this.reads.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('partner')
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TransitionRequest,
  ): Promise<ReferralResponse> {
    return this.transitions.accept(actor, id, body);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('partner')
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: DeclineReferralRequest,
  ): Promise<ReferralResponse> {
    return this.transitions.decline(actor, id, body);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('partner')
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  start(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TransitionRequest,
  ): Promise<ReferralResponse> {
    return this.transitions.start(actor, id, body);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Roles('partner')
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  hold(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TransitionRequest,
  ): Promise<ReferralResponse> {
    return this.transitions.hold(actor, id, body);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('partner')
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  resume(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: TransitionRequest,
  ): Promise<ReferralResponse> {
    return this.transitions.resume(actor, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('partner')
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: CompleteReferralRequest,
  ): Promise<ReferralResponse> {
    return this.transitions.complete(actor, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: WithdrawReferralRequest,
  ): Promise<ReferralResponse> {
    return this.transitions.withdraw(actor, id, body);
  }

  @Get(':id/messages')
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralMessageList })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  listMessages(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<ReferralMessageList> {
    return this.messages.list(actor, id);
  }

  @Post(':id/messages')
  @Roles(...ROLES)
  @ApiCreatedResponse({ type: ReferralMessageResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  postMessage(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: PostMessageRequest,
  ): Promise<ReferralMessageResponse> {
    return this.messages.post(actor, id, body);
  }
}
