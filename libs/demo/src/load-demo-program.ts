import type { UnitOfWork } from '#scheduling';
import { buildDemoProgram, type DemoProgram } from './program-data.js';

export interface DemoLoadResult {
  loaded: boolean;
  counts: Record<string, number>;
}

/** Loads the demo program in one transaction, only into an empty database (no institutions yet). */
export async function loadDemoProgram(unitOfWork: UnitOfWork, program: DemoProgram = buildDemoProgram()): Promise<DemoLoadResult> {
  return unitOfWork.run<DemoLoadResult>(async (stores) => {
    const existing = await stores.institutions.list({}, { page: 1, pageSize: 1 });
    if (existing.total > 0) return { loaded: false, counts: {} as Record<string, number> };
    for (const institution of program.institutions) await stores.institutions.save(institution);
    for (const term of program.terms) await stores.terms.save(term);
    for (const instructor of program.instructors) await stores.instructors.save(instructor);
    for (const course of program.courses) await stores.courses.save(course);
    for (const westernClass of program.westernClasses) await stores.westernClasses.save(westernClass);
    for (const pairing of program.pairings) await stores.pairings.save(pairing);
    return {
      loaded: true,
      counts: {
        institutions: program.institutions.length,
        terms: program.terms.length,
        instructors: program.instructors.length,
        courses: program.courses.length,
        westernClasses: program.westernClasses.length,
        pairings: program.pairings.length,
      },
    };
  });
}
