import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { LiveModule } from '../live/live.module.js';

/** People (with duplicate detection), contacts (calls) and consent to share. */
@Module({
  imports: [CasesModule, LiveModule],
  controllers: [],
  providers: [],
})
export class IntakeModule {}
