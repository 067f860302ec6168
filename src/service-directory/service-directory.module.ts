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
import { LocationController } from './locations/location.controller.js';
import { LocationService } from './locations/location.service.js';
import { ServiceSearch } from './services/service-search.js';
import { ServiceController } from './services/service.controller.js';
import { ServiceService } from './services/service.service.js';

/** Who helps with what, where, for whom: organisations, services, locations, needs and areas. */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, NeedTerm]), SessionsModule],
  controllers: [
    OrganisationController,
    TaxonomyController,
    AreaController,
    ServiceController,
    LocationController,
  ],
  providers: [
    OrganisationService,
    OrganisationRepository,
    TaxonomyService,
    AreaService,
    ServiceSearch,
    ServiceService,
    LocationService,
  ],
  exports: [OrganisationService, ServiceSearch],
})
export class ServiceDirectoryModule {}
