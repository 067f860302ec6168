import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../auth/sessions/sessions.module.js';
import { AreaController } from './areas/area.controller.js';
import { AreaService } from './areas/area.service.js';
import { NeedTerm } from './taxonomy/need-term.entity.js';
import { TaxonomyController } from './taxonomy/taxonomy.controller.js';
import { TaxonomyService } from './taxonomy/taxonomy.service.js';
import { OrganisationController } from './organisations/organisation.controller.js';
import { Organisation } from './organisations/organisation.entity.js';
import { OrganisationRepository } from './organisations/organisation.repository.js';
import { OrganisationService } from './organisations/organisation.service.js';

/** Who helps with what: organisations, the need taxonomy and areas now; services to come. */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, NeedTerm]), SessionsModule],
  controllers: [OrganisationController, TaxonomyController, AreaController],
  providers: [OrganisationService, OrganisationRepository, TaxonomyService, AreaService],
  exports: [OrganisationService],
})
export class ServiceDirectoryModule {}
