import { Module } from '@nestjs/common';
import { EventLog } from './event-log.js';

/** The event log: every change others should hear of, written with the change. */
@Module({
  providers: [EventLog],
  exports: [EventLog],
})
export class LiveModule {}
