import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import { FRONT_DOOR_ROLES } from '../../common/auth/roles.js';
import { sendIdempotent } from '../../common/idempotency/idempotent-reply.js';
import { RecordContactRequest, RecordContactResponse } from './contact.dto.js';
import { ContactService } from './contact.service.js';

@ApiTags('contacts')
@Controller('contacts')
export class ContactController {
  constructor(private readonly contacts: ContactService) {}

  /** Logs one contact, with a new or existing person, opening a case or adding to an open one. */
  @Post()
  @Roles(...FRONT_DOOR_ROLES)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'A unique value per contact (e.g. a UUID), repeated on a retry: the retry gets the first answer and creates nothing.',
  })
  @ApiCreatedResponse({ type: RecordContactResponse })
  @ApiConflictResponse({
    description: 'CASE_CLOSED, PERSON_POSSIBLE_DUPLICATE, IDEMPOTENCY_KEY_IN_FLIGHT',
  })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED, CASE_PERSON_MISMATCH' })
  async record(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: RecordContactRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendIdempotent(reply, await this.contacts.record(actor, idempotencyKey, body));
  }
}
