import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../auth/sessions/sessions.module.js';
import { OrganisationController } from './organisations/organisation.controller.js';
import { Organisation } from './organisations/organisation.entity.js';
import { OrganisationRepository } from './organisations/organisation.repository.js';
import { OrganisationService } from './organisations/organisation.service.js';

/** Who helps with what: organisations now; services, locations, taxonomy and areas to come. */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation]), SessionsModule],
  controllers: [OrganisationController],
  providers: [OrganisationService, OrganisationRepository],
  exports: [OrganisationService],
})
export class ServiceDirectoryModule {}
