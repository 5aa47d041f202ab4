import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { ResumeScheduleRuns } from '#scheduling';
import type { ScheduleRunProcessor } from './schedule-run.processor.js';
import { QueueName } from '../job-names.js';
import { closeGracefully } from '../close-gracefully.js';

export interface SchedulingWorkerOptions {
  redisUrl: string;
  prefix: string;
  lockMs: number;
  /** How often unfinished runs are handed to the queue again (a lost enqueue, Redis back after an outage), ms. */
  resumeEveryMs: number;
}

/**
 * Runs the `scheduling` queue's BullMQ worker, one job at a time (each uses a CPU core on its own
 * thread). At start and then every `resumeEveryMs`, unfinished runs are enqueued again: the job id
 * is the run id, so this adds nothing for runs already queued.
 */
export class SchedulingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('scheduling-worker');
  private worker: Worker | null = null;
  private connection: Redis | null = null;
  private resumeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly processor: ScheduleRunProcessor,
    private readonly resume: ResumeScheduleRuns,
    private readonly options: SchedulingWorkerOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = new Redis(this.options.redisUrl, {
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.connection.on('error', () => undefined);
    this.worker = new Worker(QueueName.Scheduling, (job) => this.processor.process(job as never), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: 1,
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.lockMs,
    });
    this.worker.on('error', (error) => this.logger.debug(`scheduling: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`schedule run ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`),
    );
    const resume = () =>
      this.resume
        .execute()
        .catch((error: unknown) => this.logger.warn(`unfinished schedule runs wait for the queue: ${(error as Error).message}`));
    void resume();
    this.resumeTimer = setInterval(() => void resume(), this.options.resumeEveryMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.resumeTimer);
    // A planning run takes a while; a stopping worker hands it back (it resumes elsewhere) rather than hang.
    if (this.worker && this.connection) await closeGracefully(this.worker, this.connection, 10_000);
    this.connection?.disconnect();
  }
}
