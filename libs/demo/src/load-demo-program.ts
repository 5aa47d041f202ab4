import { hashPassword, planTerm, type JointSession, type UnitOfWork } from '#scheduling';
import type { DemoCredential } from './demo-accounts.js';
import { buildDemoProgram, demoId, type DemoProgram } from './program-data.js';

export interface DemoLoadResult {
  loaded: boolean;
  counts: Record<string, number>;
}

/**
 * Loads the demo program in one transaction, only into an empty database (no institutions yet).
 * Its users get the given passwords (hashed first, outside the transaction); a user without one
 * cannot sign in until an administrator sets a password.
 */
export async function loadDemoProgram(
  unitOfWork: UnitOfWork,
  program: DemoProgram = buildDemoProgram(),
  credentials: readonly DemoCredential[] = [],
  createdAt: string = new Date(0).toISOString(),
): Promise<DemoLoadResult> {
  const hashes = new Map(await Promise.all(credentials.map(async (c) => [c.email, await hashPassword(c.password)] as const)));
  return unitOfWork.run<DemoLoadResult>(async (stores) => {
    const existing = await stores.institutions.list({}, { page: 1, pageSize: 1 });
    if (existing.total > 0) return { loaded: false, counts: {} as Record<string, number> };
    for (const institution of program.institutions) await stores.institutions.save(institution);
    for (const term of program.terms) await stores.terms.save(term);
    for (const instructor of program.instructors) await stores.instructors.save(instructor);
    for (const course of program.courses) await stores.courses.save(course);
    for (const westernClass of program.westernClasses) await stores.westernClasses.save(westernClass);
    for (const pairing of program.pairings) await stores.pairings.save(pairing);
    for (const user of program.users) await stores.users.save({ ...user, passwordHash: hashes.get(user.email) ?? null, createdAt });
    // A realistic demo has a timetable: the engine plans the confirmed pairings' term, as published.
    const plan = planTerm({ program, pairings: program.pairings.filter((p) => p.status === 'confirmed'), seed: 1 });
    for (const planned of plan.sessions) {
      const session: JointSession = {
        id: demoId(`session:${planned.id}`),
        pairingId: planned.pairingId,
        instructorId: planned.instructorId,
        startsAt: planned.startsAt,
        endsAt: planned.endsAt,
        anchorTimeZone: planned.anchorTimeZone,
        westernClassIds: planned.westernClassIds,
        status: 'scheduled',
        version: 1,
        meetingUrl: `https://meeting.tencent.com/dm/demo-${planned.pairingId.slice(0, 8)}`,
      };
      await stores.jointSessions.save(session);
    }
    return {
      loaded: true,
      counts: {
        institutions: program.institutions.length,
        terms: program.terms.length,
        instructors: program.instructors.length,
        courses: program.courses.length,
        westernClasses: program.westernClasses.length,
        pairings: program.pairings.length,
        users: program.users.length,
        jointSessions: plan.sessions.length,
        unplacedClassSessions: plan.score.sessionsUnplaced,
      },
    };
  });
}
