import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { ApplicationError, ApplicationErrorCode } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ScheduleRun, ScheduleRunUnitOfWork } from '../ports/schedule-runs.js';
import { requireProgramScheduler } from './program-access.js';

/**
 * Stops a run: a queued one is cancelled at once; a running one is flagged, and the job stops the
 * engine at its next check and records `cancelled`. Cancelling a cancelled run changes nothing.
 */
export class CancelScheduleRun {
  constructor(
    private readonly unitOfWork: ScheduleRunUnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(runId: string, actor: Actor = SYSTEM_ACTOR): Promise<ScheduleRun> {
    requireProgramScheduler(actor);
    return this.unitOfWork.run(async (_stores, runs) => {
      const run = await runs.findById(runId, { lock: true });
      if (!run) throw ApplicationError.notFound('schedule run', runId);
      if (run.status === 'cancelled' || (run.status === 'running' && run.cancelRequested)) return run;
      if (run.status === 'succeeded' || run.status === 'failed')
        throw new ApplicationError(
          ApplicationErrorCode.Conflict,
          `The run has already ${run.status}; there is nothing to cancel. A draft that is not published changes nothing.`,
        );
      const next: ScheduleRun =
        run.status === 'queued'
          ? { ...run, status: 'cancelled', cancelRequested: true, finishedAt: this.clock.now().toUTC().toISO()! }
          : { ...run, cancelRequested: true };
      await runs.save(next);
      return next;
    });
  }
}
