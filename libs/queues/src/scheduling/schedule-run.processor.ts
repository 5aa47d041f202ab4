import { UnrecoverableError, type Job } from 'bullmq';
import type { RunSchedule } from '#scheduling';
import { SchedulingJobName, type SchedulingJobPayloads } from './scheduling-jobs.js';

type SchedulingJob = { [N in SchedulingJobName]: Job<SchedulingJobPayloads[N], unknown, N> }[SchedulingJobName];

/** The scheduling queue's processor: hands each job to its use case; progress goes to the job too. */
export class ScheduleRunProcessor {
  constructor(private readonly runSchedule: RunSchedule) {}

  async process(job: SchedulingJob): Promise<string> {
    switch (job.name) {
      case SchedulingJobName.RunSchedule: {
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const result = await this.runSchedule.execute({ runId: job.data.runId, finalAttempt }, (percent) => job.updateProgress(percent));
        // The engine refused the program: the run is marked failed, and no retry can help.
        if (result.outcome === 'failed') throw new UnrecoverableError(result.error);
        return result.outcome;
      }
    }
  }
}
