import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SessionsModule } from '../auth/sessions/sessions.module.js';
import { EventFeed } from './event-feed.js';
import { EventLog } from './event-log.js';
import { EventRelay } from './event-relay.js';
import { EventReplay } from './event-replay.js';
import { LiveListener } from './live-listener.js';
import { LivePool } from './live-pool.js';
import { LiveViewers } from './live-viewers.js';
import { LiveGateway } from './live.gateway.js';
import { LiveService } from './live.service.js';

/**
 * The live queue: the event log every change writes to (EventLog, used by the writers), the relay
 * that publishes it in order, and the socket.io gateway with resync. Writers never see the gateway.
 */
@Module({
  imports: [AuthModule, SessionsModule],
  providers: [
    EventLog,
    EventRelay,
    EventFeed,
    EventReplay,
    LiveListener,
    LivePool,
    LiveService,
    LiveViewers,
    LiveGateway,
  ],
  exports: [EventLog, EventFeed],
})
export class LiveModule {}
