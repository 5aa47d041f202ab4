import { describe, expect, it } from '@jest/globals';
import { generateProgram, planTerm, proposePairings, SchedulingErrorCode, type Pairing, type SchedulingProgram } from '#scheduling';
import { WorkerThreadTermPlanner } from './worker-thread-term-planner.js';

function programOf(westernClasses: number, instructors: number): { program: SchedulingProgram; pairings: Pairing[] } {
  const program = generateProgram({
    seed: 7,
    easternInstitutions: 4,
    westernInstitutions: Math.ceil(westernClasses / 8),
    internationalInstitutions: 1,
    instructors,
    courses: Math.ceil(westernClasses / 3),
    westernClasses,
    xinjiangShare: 0.2,
    disciplines: 3,
    termStartLocalDate: '2026-09-07',
    termWeeks: 18,
  });
  const pairings = proposePairings(program).pairings.map((p): Pairing => ({
    id: p.id,
    instructorId: p.instructorId,
    courseId: p.courseId,
    termId: p.termId,
    westernClassIds: p.westernClassIds,
    status: 'confirmed',
  }));
  return { program, pairings };
}

describe('WorkerThreadTermPlanner', () => {
  it('plans on a thread exactly what planTerm plans inline, reporting progress up to 100', async () => {
    const { program, pairings } = programOf(40, 20);
    const progress: number[] = [];
    const handle = new WorkerThreadTermPlanner().start({ program, pairings, seed: 3 }, (percent) => progress.push(percent));
    const plan = await handle.result;
    expect(plan).toEqual(planTerm({ program, pairings, seed: 3 }));
    expect(plan.sessions.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  }, 30_000);

  it('stops a long plan when cancelled, with SCHEDULING_CANCELLED', async () => {
    const { program, pairings } = programOf(600, 250);
    let cancel = () => {};
    const handle = new WorkerThreadTermPlanner().start({ program, pairings }, (percent) => {
      if (percent >= 5) cancel();
    });
    cancel = handle.cancel;
    await expect(handle.result).rejects.toMatchObject({ code: SchedulingErrorCode.SCHEDULING_CANCELLED });
  }, 60_000);

  it("passes the engine's refusal on with its code", async () => {
    const { program, pairings } = programOf(10, 5);
    const broken = [{ ...pairings[0]!, instructorId: 'nobody' }];
    await expect(new WorkerThreadTermPlanner().start({ program, pairings: broken }, () => {}).result).rejects.toMatchObject({
      code: SchedulingErrorCode.INVALID_PROGRAM,
    });
  });
});
