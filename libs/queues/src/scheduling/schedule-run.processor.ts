import { UnrecoverableError, type Job } from 'bullmq';
import type { RunSchedule } from '#scheduling';
import { JobName, QueueName, type JobOf } from '../job-names.js';
import { assertNever } from '../producers.js';

/** The scheduling queue's processor: hands each job to its use case; progress goes to the job too. */
export class ScheduleRunProcessor {
  constructor(private readonly runSchedule: RunSchedule) {}

  async process(job: Job & JobOf<QueueName.Scheduling>): Promise<string> {
    switch (job.name) {
      case JobName.RunSchedule: {
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const result = await this.runSchedule.execute({ runId: job.data.runId, finalAttempt }, (percent) => job.updateProgress(percent));
        // The engine refused the program: the run is marked failed, and no retry can help.
        if (result.outcome === 'failed') throw new UnrecoverableError(result.error);
        return result.outcome;
      }
      default:
        return assertNever(job.name);
    }
  }
}
