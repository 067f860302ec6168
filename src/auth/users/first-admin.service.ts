import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { ConfigError, type ResolvedConfig } from '../../config/app-config.js';
import { AppError } from '../../common/errors/app-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { OrganisationService } from '../../service-directory/organisations/organisation.service.js';
import { checkPassword, hashPassword } from './password-policy.js';
import { UserRepository } from './user.repository.js';

/** Any fixed number: serialises the first-admin check when several instances start together. */
const FIRST_ADMIN_LOCK_KEY = 7_140_318;

/** On an empty database, OFD_ADMIN_EMAIL and OFD_ADMIN_PASSWORD create the first admin. */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (adminEmail === undefined || adminPassword === undefined) return;
    const email = adminEmail.toLowerCase();
    try {
      checkPassword(adminPassword, { email });
    } catch (error) {
      if (error instanceof AppError) throw new ConfigError(`OFD_ADMIN_PASSWORD: ${error.message}`);
      throw error;
    }
    const passwordHash = await hashPassword(adminPassword);
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK_KEY]);
      if ((await this.users.countAll(manager)) > 0) return undefined;
      const organisationId = await this.organisations.ensureFrontDoor(manager);
      const user = await this.users.insert(manager, {
        email,
        name: 'Administrator',
        passwordHash,
        role: 'admin',
        organisationId,
        active: true,
      });
      await this.audit.record(
        {
          actor: { correlationId: 'startup' },
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          details: { role: 'admin', organisationId, source: 'OFD_ADMIN_EMAIL' },
        },
        manager,
      );
      return user.id;
    });
    if (created !== undefined)
      this.logger.log({ userId: created }, 'Created the first admin from OFD_ADMIN_EMAIL');
  }
}
