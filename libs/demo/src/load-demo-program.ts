import {
  hashPassword,
  planTerm,
  type JointSession,
  type LedgerUnitOfWork,
  type Stores,
  type TeachingLedger,
  type UnitOfWork,
} from '#scheduling';
import type { DemoCredential } from './demo-accounts.js';
import { recordDemoTeaching } from './demo-ledger.js';
import { buildDemoProgram, demoId, type DemoProgram } from './program-data.js';

export interface DemoLoadResult {
  loaded: boolean;
  counts: Record<string, number>;
}

/**
 * Loads the demo program in one transaction, only into an empty database (no institutions yet).
 * Its users get the given passwords (hashed first, outside the transaction); a user without one
 * cannot sign in until an administrator sets a password. `createdAt` is now: given the `ledger`,
 * the sessions that ended before it are in the ledger as the program would have them (held and
 * confirmed, some not held, the last week's awaiting confirmation), with the previous year's
 * history imported (see recordDemoTeaching).
 */
export async function loadDemoProgram(
  unitOfWork: UnitOfWork,
  program: DemoProgram = buildDemoProgram(),
  credentials: readonly DemoCredential[] = [],
  createdAt: string = new Date(0).toISOString(),
  ledger: LedgerUnitOfWork | null = null,
): Promise<DemoLoadResult> {
  const notLoaded: DemoLoadResult = { loaded: false, counts: {} };
  // Most starts find the program loaded: they skip the hashing and the planning.
  if (!(await unitOfWork.run(isEmpty))) return notLoaded;
  const hashing = Promise.all(credentials.map(async (c) => [c.email, await hashPassword(c.password)] as const));
  // A realistic demo has a timetable: the engine plans the confirmed pairings' term, as published.
  // Planned while the passwords hash on the thread pool.
  const plan = planTerm({ program, pairings: program.pairings.filter((p) => p.status === 'confirmed'), seed: 1 });
  const hashes = new Map(await hashing);
  const sessions = plan.sessions.map((planned): JointSession => ({
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
  }));
  const load = async (stores: Stores, teachingLedger: TeachingLedger | null): Promise<DemoLoadResult> => {
    if (!(await isEmpty(stores))) return notLoaded;
    for (const institution of program.institutions) await stores.institutions.save(institution);
    for (const term of program.terms) await stores.terms.save(term);
    for (const instructor of program.instructors) await stores.instructors.save(instructor);
    for (const course of program.courses) await stores.courses.save(course);
    for (const westernClass of program.westernClasses) await stores.westernClasses.save(westernClass);
    for (const pairing of program.pairings) await stores.pairings.save(pairing);
    for (const user of program.users) await stores.users.save({ ...user, passwordHash: hashes.get(user.email) ?? null, createdAt });
    for (const session of sessions) await stores.jointSessions.save(session);
    const teaching = teachingLedger ? await recordDemoTeaching(stores, teachingLedger, { program, sessions, now: createdAt }) : null;
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
        ...teaching,
      },
    };
  };
  return ledger ? ledger.run(load) : unitOfWork.run((stores) => load(stores, null));
}

async function isEmpty(stores: Stores): Promise<boolean> {
  return (await stores.institutions.list({}, { page: 1, pageSize: 1 })).total === 0;
}
