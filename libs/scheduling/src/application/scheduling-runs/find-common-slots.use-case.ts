import { findCommonSlots, type CommonSlot } from '../../domain/find-common-slots.js';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { requireScheduler } from '../access.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ScheduleRunUnitOfWork } from '../ports/schedule-runs.js';

export interface FindCommonSlotsQuery {
  instructorId: string;
  westernClassIds: string[];
  /** Weeks to look ahead from now; default 4. */
  weeks?: number;
  durationMinutes?: number;
  limit?: number;
}

/**
 * The periods in the coming weeks when the instructor and the classes can meet, every booking rule
 * respected and every scheduled session counted, ranked by how many classes (then students) join live.
 */
export class FindCommonSlots {
  constructor(
    private readonly unitOfWork: ScheduleRunUnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(query: FindCommonSlotsQuery, actor: Actor = SYSTEM_ACTOR): Promise<CommonSlot[]> {
    requireScheduler(actor);
    const snapshot = await this.unitOfWork.run((_stores, runs) => runs.loadProgram());
    const { program } = snapshot;
    if (!program.instructors.some((i) => i.id === query.instructorId))
      throw ApplicationError.invalidReference('instructorId', 'instructor', query.instructorId);
    query.westernClassIds.forEach((id, i) => {
      if (!program.westernClasses.some((c) => c.id === id))
        throw ApplicationError.invalidReference(`westernClassIds[${i}]`, 'western class', id);
    });
    return findCommonSlots({
      program,
      instructorId: query.instructorId,
      westernClassIds: query.westernClassIds,
      from: this.clock.now().toUTC().toISO()!,
      weeks: query.weeks ?? 4,
      durationMinutes: query.durationMinutes,
      existingSessions: snapshot.scheduledSessions,
      limit: query.limit,
    });
  }
}
