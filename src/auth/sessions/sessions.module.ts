import { Module } from '@nestjs/common';
import { SessionRevocationService } from './session-revocation.service.js';
import { SessionRepository } from './session.repository.js';

/**
 * Sessions, on their own so that other modules (the service directory, when it deactivates an
 * organisation) can end sessions without depending on the rest of auth.
 */
@Module({
  providers: [SessionRepository, SessionRevocationService],
  exports: [SessionRepository, SessionRevocationService],
})
export class SessionsModule {}
