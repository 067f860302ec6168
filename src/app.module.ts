import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CasesModule } from './cases/cases.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { loggerParams } from './common/logging/logger.config.js';
import type { ResolvedConfig } from './config/app-config.js';
import { AppConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { IntakeModule } from './intake/intake.module.js';
import { ReferralModule } from './referral/referral.module.js';
import { ServiceDirectoryModule } from './service-directory/service-directory.module.js';
import { HsdsModule } from './service-directory/hsds/hsds.module.js';
import { TriageModule } from './triage/triage.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        TypeOrmModule.forRoot(
          dataSourceOptions(config.databaseUrl, config.dbPoolSize, config.dbPreparedStatements),
        ),
        AuditModule,
        AuthModule,
        ServiceDirectoryModule,
        HsdsModule,
        IntakeModule,
        TriageModule,
        CasesModule,
        ReferralModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
