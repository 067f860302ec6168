import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/access.decorators.js';
import { pendingMigrations } from '../database/data-source.js';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The process answers. */
  @Get('live')
  @ApiOkResponse({ description: '{ "status": "ok" }' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The database answers and every migration has been applied. */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: '{ "status": "ok", "info": {...} }' })
  @ApiServiceUnavailableResponse({
    description: 'The database does not answer or migrations are pending.',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () =>
        this.indicators
          .check('migrations')
          .attempt(async () => {
            const pending = await pendingMigrations(this.dataSource);
            if (pending.length > 0) throw new Error(`${pending.length} migrations are pending`);
            return { pending: 0 };
          })
          .withTimeout(2000),
    ]);
  }
}
