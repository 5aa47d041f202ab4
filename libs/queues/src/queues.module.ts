import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createRedisConnection } from './redis-connection.js';

export const REDIS = Symbol('REDIS');

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

/** The process's Redis connection, for queues and health checks. */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: QueuesModule,
      providers: [{ provide: REDIS, useFactory: () => createRedisConnection(redisUrl) }, RedisCloser],
      exports: [REDIS],
    };
  }
}
