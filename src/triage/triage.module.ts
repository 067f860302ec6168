import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { RecommendationFinder } from './recommendation-finder.js';
import { SignpostService } from './signpost.service.js';
import { TriageConfig } from './triage-config.js';
import { TriageController } from './triage.controller.js';
import { TriageService } from './triage.service.js';

/** Needs, risks, priority rules, due times, service recommendations and signposting. */
@Module({
  imports: [CasesModule],
  controllers: [TriageController],
  providers: [TriageConfig, RecommendationFinder, TriageService, SignpostService],
})
export class TriageModule {}
