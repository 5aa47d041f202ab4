import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '#config';
import { ResumeScheduleRuns, RunSchedule, ScheduleRunQueue, TermPlanner } from '#scheduling';
import { BullMqScheduleRunQueue } from './bullmq-schedule-run-queue.js';
import { ScheduleRunProcessor } from './schedule-run.processor.js';
import { SchedulingWorker } from './scheduling-worker.js';
import { WorkerThreadTermPlanner } from './worker-thread-term-planner.js';

class QueueCloser implements OnApplicationShutdown {
  constructor(private readonly queue: BullMqScheduleRunQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** The ports the scheduling-run use cases need from this lib: the run queue (producer) and the threaded planner. */
@Module({})
export class SchedulingQueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SchedulingQueueModule,
      providers: [
        {
          provide: BullMqScheduleRunQueue,
          useFactory: () => {
            // Fails fast while Redis is down (no offline queue): the run waits in the database instead.
            const connection = new Redis(config.redisUrl, {
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
              retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
            });
            connection.on('error', () => undefined);
            return new BullMqScheduleRunQueue(connection, {
              prefix: config.jobs.queuePrefix,
              attempts: 3,
              backoffMs: config.jobs.backoffMs,
            });
          },
        },
        { provide: ScheduleRunQueue, useExisting: BullMqScheduleRunQueue },
        { provide: QueueCloser, useFactory: (queue: BullMqScheduleRunQueue) => new QueueCloser(queue), inject: [BullMqScheduleRunQueue] },
        { provide: TermPlanner, useFactory: () => new WorkerThreadTermPlanner() },
      ],
      exports: [ScheduleRunQueue, TermPlanner],
    };
  }
}

/**
 * The `scheduling` queue's worker. `imports` must provide RunSchedule and ResumeScheduleRuns (the
 * scheduling-runs module). Registered where the worker runs: in the API process when
 * PROCESS_ROLE=all (SQLite), in the worker app otherwise.
 */
@Module({})
export class SchedulingWorkerModule {
  static forRoot(config: AppConfig, options: { imports: DynamicModule['imports'] }): DynamicModule {
    return {
      module: SchedulingWorkerModule,
      imports: options.imports,
      providers: [
        {
          provide: SchedulingWorker,
          useFactory: (run: RunSchedule, resume: ResumeScheduleRuns) =>
            new SchedulingWorker(new ScheduleRunProcessor(run), resume, {
              redisUrl: config.redisUrl,
              prefix: config.jobs.queuePrefix,
              lockMs: config.jobs.lockMs,
              resumeEveryMs: 60_000,
            }),
          inject: [RunSchedule, ResumeScheduleRuns],
        },
      ],
    };
  }
}
