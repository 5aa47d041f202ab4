import { SchedulingError, SchedulingErrorCode } from '../../domain/errors.js';
import type { TermPlan } from '../../domain/plan-term.js';
import type { Clock } from '../ports/clock.js';
import type { ScheduleRun, ScheduleRunUnitOfWork, TermPlanner } from '../ports/schedule-runs.js';
import { loadPlanningInput } from './planning-input.js';

export interface RunScheduleCommand {
  runId: string;
  /** The queue will not try again after this attempt: a transient failure then fails the run. */
  finalAttempt: boolean;
}

export type RunScheduleOutcome =
  | { outcome: 'succeeded' | 'cancelled' | 'skipped' }
  /** The engine refused the input (an invalid program): retrying cannot help. */
  | { outcome: 'failed'; error: string };

export interface RunScheduleOptions {
  /** How often the run row is read for a cancel request while the engine works, ms. */
  cancelPollMs: number;
  /** Progress is written to the run row every this many percent. */
  progressStepPercent: number;
}

const TERMINAL = new Set<ScheduleRun['status']>(['succeeded', 'failed', 'cancelled']);

/**
 * The job's work: plans the run's pairings around the other pairings' sessions of the same parties,
 * keeping every session that has started (and counting completed ones), and stores the draft.
 * Idempotent: a finished run is skipped; a run left `running` by a crashed worker is planned again
 * from the data as it is then, starting then (the same data and start give the same draft).
 * Transient errors propagate so the queue retries.
 */
export class RunSchedule {
  constructor(
    private readonly unitOfWork: ScheduleRunUnitOfWork,
    private readonly planner: TermPlanner,
    private readonly clock: Clock,
    private readonly options: RunScheduleOptions = { cancelPollMs: 250, progressStepPercent: 2 },
  ) {}

  async execute(
    command: RunScheduleCommand,
    onProgress: (percent: number) => Promise<void> | void = () => {},
  ): Promise<RunScheduleOutcome> {
    const started = await this.unitOfWork.run(async (stores, runs) => {
      const run = await runs.findById(command.runId, { lock: true });
      if (!run || TERMINAL.has(run.status)) return null;
      if (run.cancelRequested) {
        await runs.save({ ...run, status: 'cancelled', finishedAt: this.now() });
        return null;
      }
      // Whatever has started by now stays as it is, and nothing new is planned before it.
      const startedAt = this.now();
      const { snapshot, input } = await loadPlanningInput(stores, runs, run.scope, run.seed, startedAt);
      await runs.save({
        ...run,
        status: 'running',
        progressPercent: 0,
        error: null,
        startedAt,
        fingerprint: input.fingerprint,
      });
      return { run, program: snapshot.program, input };
    });
    if (!started) return { outcome: 'skipped' };
    const { run, program, input } = started;

    let written = 0;
    let writes: Promise<unknown> = Promise.resolve();
    const handle = this.planner.start(
      {
        program,
        pairings: input.pairings,
        existingSessions: input.existingSessions,
        busySessions: input.busySessions,
        frozenBefore: input.frozenBefore ?? undefined,
        seed: run.seed,
      },
      (percent) => {
        if (percent < written + this.options.progressStepPercent && percent < 100) return;
        written = percent;
        writes = writes
          .then(() => Promise.all([this.unitOfWork.run((_s, runs) => runs.saveProgress(run.id, percent)), onProgress(percent)]))
          .catch(() => undefined);
      },
    );
    const poll = setInterval(() => {
      void this.unitOfWork
        .run((_s, runs) => runs.findById(run.id))
        .then((current) => current?.cancelRequested && handle.cancel())
        .catch(() => undefined);
    }, this.options.cancelPollMs);

    let plan: TermPlan;
    try {
      plan = await handle.result;
    } catch (error) {
      clearInterval(poll);
      await writes;
      if (error instanceof SchedulingError && error.code === SchedulingErrorCode.SCHEDULING_CANCELLED)
        return this.finish(run.id, 'cancelled', null, null);
      if (error instanceof SchedulingError) return this.finish(run.id, 'failed', null, error.message);
      if (command.finalAttempt)
        await this.finish(run.id, 'failed', null, `the planner stopped: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    clearInterval(poll);
    await writes;
    await onProgress(100);
    return this.finish(run.id, 'succeeded', plan, null);
  }

  private async finish(
    runId: string,
    status: 'succeeded' | 'cancelled' | 'failed',
    plan: TermPlan | null,
    error: string | null,
  ): Promise<RunScheduleOutcome> {
    return this.unitOfWork.run(async (_stores, runs) => {
      const run = await runs.findById(runId, { lock: true });
      if (!run) return { outcome: 'skipped' };
      // A cancel that arrived while the engine finished still wins: the coordinator asked to stop.
      const final = status === 'succeeded' && run.cancelRequested ? 'cancelled' : status;
      await runs.save({
        ...run,
        status: final,
        progressPercent: final === 'succeeded' ? 100 : run.progressPercent,
        plan: final === 'succeeded' ? plan : null,
        error,
        finishedAt: this.now(),
      });
      return final === 'failed' ? { outcome: 'failed', error: error ?? 'failed' } : { outcome: final };
    });
  }

  private now(): string {
    return this.clock.now().toUTC().toISO()!;
  }
}
