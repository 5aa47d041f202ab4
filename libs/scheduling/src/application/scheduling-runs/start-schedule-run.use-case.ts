import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ScheduleRun, ScheduleRunQueue, ScheduleRunUnitOfWork } from '../ports/schedule-runs.js';
import { pairingsOf } from './planning-input.js';
import { requireProgramScheduler } from './program-access.js';

export interface StartScheduleRunCommand {
  /** Western class terms: their confirmed pairings are planned. */
  termIds?: string[];
  /** Or these pairings (proposed or confirmed). */
  pairingIds?: string[];
  /** Tie-break seed; the same data and seed give the same plan. Default 1. */
  seed?: number;
}

/**
 * Records a queued run and hands it to the job queue after the commit. A failed enqueue is not an
 * error: the worker hands unfinished runs to the queue again (ResumeScheduleRuns).
 */
export class StartScheduleRun {
  constructor(
    private readonly unitOfWork: ScheduleRunUnitOfWork,
    private readonly queue: ScheduleRunQueue,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  async execute(command: StartScheduleRunCommand, actor: Actor = SYSTEM_ACTOR): Promise<ScheduleRun> {
    requireProgramScheduler(actor);
    const scope = { termIds: [...new Set(command.termIds ?? [])].sort(), pairingIds: [...new Set(command.pairingIds ?? [])].sort() };
    if (scope.termIds.length === 0 && scope.pairingIds.length === 0)
      throw ApplicationError.invalidInput('termIds', 'give termIds or pairingIds: what the run should timetable');
    const run = await this.unitOfWork.run(async (stores, runs) => {
      for (const [i, id] of scope.termIds.entries())
        if (!(await stores.terms.findById(id))) throw ApplicationError.invalidReference(`termIds[${i}]`, 'term', id);
      for (const [i, id] of scope.pairingIds.entries()) {
        const pairing = await stores.pairings.findById(id);
        if (!pairing) throw ApplicationError.invalidReference(`pairingIds[${i}]`, 'pairing', id);
        if (pairing.status === 'ended')
          throw ApplicationError.invalidInput(
            `pairingIds[${i}]`,
            `pairing ${id} has ended; only proposed or confirmed pairings are timetabled`,
          );
      }
      const seed = command.seed ?? 1;
      if (pairingsOf(await runs.loadProgram(), scope).length === 0)
        throw ApplicationError.invalidInput(
          'termIds',
          'no confirmed pairing in these terms: confirm pairings first (PATCH /pairings/:id {"status":"confirmed"})',
        );
      const created: ScheduleRun = {
        id: this.newId(),
        scope,
        seed,
        status: 'queued',
        progressPercent: 0,
        cancelRequested: false,
        error: null,
        plan: null,
        fingerprint: null,
        published: null,
        requestedBy: actor.userId,
        createdAt: this.clock.now().toUTC().toISO()!,
        startedAt: null,
        finishedAt: null,
        publishedAt: null,
      };
      await runs.save(created);
      return created;
    });
    // Redis down: the run stays queued in the database, and the worker enqueues it again when it can.
    await this.queue.enqueue(run.id).catch(() => undefined);
    return run;
  }
}

/** Hands every unfinished run to the queue again (at worker start: a lost enqueue or a dead worker). */
export class ResumeScheduleRuns {
  constructor(
    private readonly unitOfWork: ScheduleRunUnitOfWork,
    private readonly queue: ScheduleRunQueue,
  ) {}

  async execute(): Promise<number> {
    const unfinished = await this.unitOfWork.run((_stores, runs) => runs.listByStatus(['queued', 'running']));
    for (const run of unfinished) await this.queue.enqueue(run.id);
    return unfinished.length;
  }
}
