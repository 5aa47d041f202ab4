import { closeGracefully } from '../close-gracefully.js';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ScheduleRunQueue } from '#scheduling';
import { JobName, QueueName, type JobPayloads } from '../job-names.js';
import { runScheduleJobId } from './scheduling-jobs.js';

/** Options of the scheduling queue's jobs: few retries (a crash is rare, a rerun costs the whole plan). */
export interface ScheduleRunJobOptions {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

/** Enqueues `run-schedule` jobs; the job id is the run id, so enqueueing a run twice adds one job. */
export class BullMqScheduleRunQueue extends ScheduleRunQueue {
  readonly queue: Queue;

  constructor(
    private readonly connection: Redis,
    options: ScheduleRunJobOptions,
  ) {
    super();
    this.queue = new Queue(QueueName.Scheduling, {
      connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        // Removed once done so a later enqueue of the same run (after a lost job) is not swallowed.
        removeOnComplete: true,
        removeOnFail: { age: 7 * 86_400 },
      },
    });
    this.queue.on('error', () => undefined);
  }

  async enqueue(runId: string): Promise<void> {
    const data: JobPayloads[JobName.RunSchedule] = { runId };
    await this.queue.add(JobName.RunSchedule, data, { jobId: runScheduleJobId(runId) });
  }

  async close(): Promise<void> {
    await closeGracefully(this.queue, this.connection, 5_000);
    this.connection.disconnect();
  }
}
