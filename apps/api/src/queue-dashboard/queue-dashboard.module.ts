import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '#config';
import { createProducerConnection, Queues } from '#queues';
import { Accounts } from '#scheduling';
import { registerQueueDashboard } from './queue-dashboard.js';

const DASHBOARD_QUEUES = Symbol('DASHBOARD_QUEUES');

/** The queue dashboard (bull-board) for administrators, on a Redis connection of its own. */
@Module({})
export class QueueDashboardModule implements OnModuleInit, OnApplicationShutdown {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueueDashboardModule,
      providers: [{ provide: DASHBOARD_QUEUES, useFactory: () => new Queues(createProducerConnection(config.redisUrl), config.jobs) }],
    };
  }

  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(DASHBOARD_QUEUES) private readonly queues: Queues,
  ) {}

  onModuleInit(): void {
    const accounts = this.moduleRef.get(Accounts, { strict: false });
    registerQueueDashboard(this.host.httpAdapter.getInstance<FastifyInstance>(), this.queues, accounts);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}
