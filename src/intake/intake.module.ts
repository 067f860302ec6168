import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { LiveModule } from '../live/live.module.js';
import { ConsentController } from './consent/consent.controller.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { ConsentService } from './consent/consent.service.js';
import { ContactController } from './contacts/contact.controller.js';
import { ContactRepository } from './contacts/contact.repository.js';
import { ContactService } from './contacts/contact.service.js';
import { INTAKE_SETTINGS, loadIntakeSettings } from './intake.config.js';
import { PersonController } from './people/person.controller.js';
import { PersonRepository } from './people/person.repository.js';
import { PersonService } from './people/person.service.js';

/**
 * People (with duplicate detection), contacts (calls) and consent to share. Exports
 * ConsentService for referrals (`coverage`).
 */
@Module({
  imports: [CasesModule, LiveModule, IdempotencyModule],
  controllers: [PersonController, ConsentController, ContactController],
  providers: [
    // config/intake.json, checked when the application starts.
    { provide: INTAKE_SETTINGS, useFactory: loadIntakeSettings },
    PersonRepository,
    PersonService,
    ConsentRepository,
    ConsentService,
    ContactRepository,
    ContactService,
  ],
  exports: [ConsentService],
})
export class IntakeModule {}
