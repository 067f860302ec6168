import { Module } from '@nestjs/common';
import { ServiceDirectoryModule } from '../service-directory.module.js';
import { FeedController } from './feed.controller.js';
import { FeedService } from './feed.service.js';
import { HsdsImportController } from './import.controller.js';
import { HsdsImportService } from './import.service.js';
import { RouteBodyLimits } from './route-body-limit.js';

/** The Open Referral UK feed (`/api/hsds/`) and the HSDS 3.0 import. */
@Module({
  imports: [ServiceDirectoryModule],
  controllers: [FeedController, HsdsImportController],
  providers: [FeedService, HsdsImportService, RouteBodyLimits],
})
export class HsdsModule {}
