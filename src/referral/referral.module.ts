import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { IntakeModule } from '../intake/intake.module.js';
import { LiveModule } from '../live/live.module.js';
import { OverdueSweeper } from './overdue-sweeper.js';
import { ReferralMessageService } from './referral-message.service.js';
import { ReferralReadService } from './referral-read.service.js';
import { ReferralSendService } from './referral-send.service.js';
import { ReferralTransitionService } from './referral-transition.service.js';
import { loadReferralSettings, REFERRAL_SETTINGS } from './referral.config.js';
import { CaseReferralsController, ReferralsController } from './referral.controller.js';

/**
 * Referrals, the closed loop: sending (with its guards and snapshot), the partner's inbox, the
 * lifecycle, messages, and the overdue sweeper. config/referrals.json is read and checked when
 * the application starts.
 */
@Module({
  imports: [CasesModule, IntakeModule, LiveModule],
  controllers: [CaseReferralsController, ReferralsController],
  providers: [
    { provide: REFERRAL_SETTINGS, useFactory: loadReferralSettings },
    ReferralSendService,
    ReferralReadService,
    ReferralTransitionService,
    ReferralMessageService,
    OverdueSweeper,
  ],
})
export class ReferralModule {}
