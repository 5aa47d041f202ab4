import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS, redactUrl } from '#queues';
import { Public } from '../auth/roles.decorator.js';

@ApiTags('Health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The process is up. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Ready to serve: the database answers. Redis down marks the check `degraded` (HTTP 200, not
   * 503): the API keeps accepting changes and their jobs wait in the outbox until Redis is back.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicators.check('database');
        try {
          await this.dataSource.query('SELECT 1');
          return check.up({ driver: this.dataSource.options.type });
        } catch (error) {
          return check.down({ message: (error as Error).message });
        }
      },
      async () => {
        const check = this.indicators.check('redis');
        const where = redactUrl(this.redis.options.host ? `redis://${this.redis.options.host}:${this.redis.options.port}` : 'redis');
        if (this.redis.status !== 'ready')
          return check.degraded({ reachable: false, message: `Redis is down at ${where}; jobs wait in the outbox until it is back` });
        try {
          await this.redis.ping();
          return check.up({ reachable: true });
        } catch (error) {
          return check.degraded({ reachable: false, message: (error as Error).message });
        }
      },
    ]);
  }
}
