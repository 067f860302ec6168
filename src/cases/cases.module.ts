import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { CaseService } from './case.service.js';

/** Cases: lifecycle, timeline, assignment and caseload, outcome measures, closure. */
@Module({
  imports: [LiveModule],
  controllers: [],
  providers: [CaseService],
  exports: [CaseService],
})
export class CasesModule {}
