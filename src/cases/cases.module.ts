import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { CaseClosureChecks } from './case-closure.checks.js';
import { CaseReadService } from './case-read.service.js';
import { CaseWorkService } from './case-work.service.js';
import { CaseService } from './case.service.js';
import { CaseloadController } from './caseload.controller.js';
import { CaseloadService } from './caseload.service.js';
import { casesSettingsProvider, outcomeInstrumentsProvider } from './cases.config.js';
import { CasesController } from './cases.controller.js';
import { QueuePictureController } from './queue-picture.controller.js';
import { QueuePictureService } from './queue-picture.service.js';

/**
 * Cases: lifecycle, timeline, assignment and caseload, outcome measures, closure, and the queue's
 * picture for the team lead's dashboard (GET /api/queue). config/cases.json
 * and config/outcome-measures.json are read and checked when the application starts.
 */
@Module({
  imports: [LiveModule],
  controllers: [CasesController, CaseloadController, QueuePictureController],
  providers: [
    casesSettingsProvider,
    outcomeInstrumentsProvider,
    CaseService,
    CaseReadService,
    CaseWorkService,
    CaseloadService,
    CaseClosureChecks,
    QueuePictureService,
  ],
  exports: [CaseService],
})
export class CasesModule {}
