import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ServiceDirectoryModule } from '../service-directory/service-directory.module.js';

/** Needs, risks, priority rules, due times, service recommendations and signposting. */
@Module({
  imports: [CasesModule, ServiceDirectoryModule],
  controllers: [],
  providers: [],
})
export class TriageModule {}
