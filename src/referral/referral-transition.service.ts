import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { EventLog } from '../live/event-log.js';
import {
  ACTION_EVENT,
  allowedActions,
  FINAL_REFERRAL_STATUSES,
  nextPosition,
  type DeclineReason,
  type ReferralAction,
  type ReferralOutcome,
} from './referral-states.js';
import type {
  CompleteReferralRequest,
  DeclineReferralRequest,
  ReferralResponse,
  TransitionRequest,
  WithdrawReferralRequest,
} from './referral.dto.js';
import { ReferralErrors } from './referral.errors.js';
import {
  referralEventData,
  sideOf,
  toReferralResponse,
  viewerOrganisation,
} from './referral.mapping.js';
import {
  REFERRAL_DETAIL_SQL,
  REFERRAL_POSITION_SQL,
  TRANSITION_SQL,
  transitionParams,
  type ReferralDetailRow,
  type ReferralPositionRow,
  type ReferralEventRow,
} from './referral.queries.js';

/** What an action's request carries beyond the version: a code and a note. */
interface ActionInput {
  version: number;
  notes?: string;
  declineReason?: DeclineReason;
  outcome?: ReferralOutcome;
}

/**
 * Moving a referral through its lifecycle. Each transition is a compare-and-set on the version the
 * user saw, and writes its history row, audit row and event in the same transaction: all or none.
 */
@Injectable()
export class ReferralTransitionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventLog,
  ) {}

  accept(actor: Actor, id: string, request: TransitionRequest): Promise<ReferralResponse> {
    return this.apply(actor, id, 'accept', request);
  }

  decline(actor: Actor, id: string, request: DeclineReferralRequest): Promise<ReferralResponse> {
    if (request.reason === 'other' && request.notes === undefined) {
      throw ReferralErrors.noteRequired(
        'notes',
        'A decline for another reason needs notes saying why.',
      );
    }
    return this.apply(actor, id, 'decline', { ...request, declineReason: request.reason });
  }

  start(actor: Actor, id: string, request: TransitionRequest): Promise<ReferralResponse> {
    return this.apply(actor, id, 'start', request);
  }

  hold(actor: Actor, id: string, request: TransitionRequest): Promise<ReferralResponse> {
    return this.apply(actor, id, 'hold', request);
  }

  resume(actor: Actor, id: string, request: TransitionRequest): Promise<ReferralResponse> {
    return this.apply(actor, id, 'resume', request);
  }

  complete(actor: Actor, id: string, request: CompleteReferralRequest): Promise<ReferralResponse> {
    return this.apply(actor, id, 'complete', request);
  }

  withdraw(actor: Actor, id: string, request: WithdrawReferralRequest): Promise<ReferralResponse> {
    return this.apply(actor, id, 'withdraw', request);
  }

  private async apply(
    actor: Actor,
    id: string,
    action: ReferralAction,
    input: ActionInput,
  ): Promise<ReferralResponse> {
    const viewer = viewerOrganisation(actor);
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query<ReferralPositionRow[]>(REFERRAL_POSITION_SQL, [
        id,
        viewer,
      ]);
      if (current === undefined) throw ReferralErrors.notFound();
      if (current.version !== input.version) {
        throw ReferralErrors.versionConflict({ status: current.status, version: current.version });
      }
      const position = { status: current.status, heldFrom: current.held_from };
      const next = nextPosition(position, action);
      if (next === null) {
        throw ReferralErrors.invalidTransition(
          current.status,
          action,
          allowedActions(position, sideOf(actor)),
        );
      }
      const final = FINAL_REFERRAL_STATUSES.includes(next.status);
      const code = input.declineReason ?? input.outcome ?? null;
      const [changed] = await manager.query<ReferralEventRow[]>(
        TRANSITION_SQL,
        transitionParams({
          id,
          version: input.version,
          status: next.status,
          heldFrom: next.heldFrom,
          answered: action === 'accept' || action === 'decline',
          closed: final,
          declineReason: input.declineReason ?? null,
          outcome: input.outcome ?? null,
          action,
          from: current.status,
          code,
          notes: input.notes ?? null,
          actorUserId: actor.userId,
        }),
      );
      if (changed === undefined) throw await this.conflict(manager, id);
      await this.events.append(manager, {
        type: ACTION_EVENT[action],
        entityType: 'referral',
        entityId: id,
        organisationId: changed.organisation_id,
        data: referralEventData(changed),
      });
      const [row] = await manager.query<ReferralDetailRow[]>(REFERRAL_DETAIL_SQL, [id, viewer]);
      // The change, and the view of the person its answer shows (audited like a GET).
      await this.audit.recordAll(
        actor,
        [
          {
            action: ACTION_EVENT[action],
            entityType: 'referral',
            entityId: id,
            details: { from: current.status, to: next.status, code, version: changed.version },
          },
          {
            action: 'person.viewed',
            entityType: 'person',
            entityId: changed.person_id,
            details: { via: 'referral', referralId: id, fields: row.shared_fields },
          },
        ],
        manager,
      );
      return toReferralResponse(row, actor);
    });
  }

  /** The compare-and-set found another version: someone changed the referral in between. */
  private async conflict(manager: EntityManager, id: string) {
    const [now] = await manager.query<ReferralPositionRow[]>(REFERRAL_POSITION_SQL, [id, null]);
    return ReferralErrors.versionConflict({ status: now.status, version: now.version });
  }
}
