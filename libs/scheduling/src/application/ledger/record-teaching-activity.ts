import type { JointSession } from '../../domain/model.js';
import { mayWrite, reachOf, type Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { LedgerUnitOfWork } from '../ports/ledger.js';
import type { Stores } from '../ports/stores.js';
import { timeOrderedId } from './activity-id.js';
import {
  classParticipation,
  CREDIT_UNITS,
  teachingPeriodsFor,
  type CampusParticipation,
  type TeachingActivity,
  type TeachingActivityStatus,
} from './teaching-activity.js';

export interface RecordTeachingActivityCommand {
  jointSessionId: string;
}

export type RecordTeachingActivityResult =
  | { outcome: 'recorded'; activity: TeachingActivity }
  /** Recorded before (a retried or duplicate job): nothing was written. */
  | { outcome: 'already_recorded'; activity: TeachingActivity }
  /** Nothing to record: the session was cancelled, or has not ended yet (it was moved later). */
  | { outcome: 'skipped'; reason: 'cancelled' | 'not_ended' };

/**
 * Builds the ledger entry of a joint session: its instructor with all the credit, each of its
 * western classes at its campus with the enrolment standing in for attendance until confirmed,
 * the class's discipline and term, and the pairing's course.
 */
export async function activityFromSession(
  stores: Stores,
  session: JointSession,
  facts: { id: string; status: TeachingActivityStatus; recordedAt: string },
): Promise<TeachingActivity> {
  const pairing = await stores.pairings.findById(session.pairingId);
  const instructor = await stores.instructors.findById(session.instructorId);
  if (!instructor) throw ApplicationError.invalidReference('instructorId', 'instructor', session.instructorId);
  const classes = await stores.westernClasses.findByIds(session.westernClassIds);
  const byId = new Map(classes.map((c) => [c.id, c]));
  const campuses: CampusParticipation[] = [];
  for (const classId of session.westernClassIds) {
    const westernClass = byId.get(classId);
    if (!westernClass) throw ApplicationError.invalidReference('westernClassIds', 'western class', classId);
    const institution = await stores.institutions.findById(westernClass.institutionId);
    if (!institution) throw ApplicationError.invalidReference('institutionId', 'institution', westernClass.institutionId);
    campuses.push(classParticipation(westernClass, institution, westernClass.studentsEnrolled));
  }
  const first = byId.get(session.westernClassIds[0] ?? '');
  const course = pairing ? await stores.courses.findById(pairing.courseId) : null;
  const durationMinutes = Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
  return {
    id: facts.id,
    jointSessionId: session.id,
    externalId: null,
    status: facts.status,
    startsAt: session.startsAt,
    durationMinutes,
    teachingPeriods: teachingPeriodsFor(durationMinutes),
    discipline: first?.discipline || course?.discipline || 'unspecified',
    courseId: pairing?.courseId ?? null,
    termId: first?.termId ?? pairing?.termId ?? null,
    instructors: [{ instructorId: instructor.id, easternInstitutionId: instructor.institutionId, shareBasisPoints: CREDIT_UNITS }],
    campuses,
    attendanceConfirmedAt: null,
    notHeldReason: null,
    makeUpSessionId: null,
    recordedAt: facts.recordedAt,
  };
}

/** Whether the actor may confirm or mark this activity: its instructors, host teachers and coordinators of its institutions. */
export function assertMayChangeActivity(actor: Actor, activity: TeachingActivity): void {
  if (!mayWrite(actor)) throw ApplicationError.forbidden('Analysts read the ledger; they do not change it.');
  const reach = reachOf(actor);
  const inReach = (() => {
    switch (reach.kind) {
      case 'all':
        return true;
      case 'none':
        return false;
      case 'instructor':
        return (
          activity.instructors.some((i) => i.instructorId === reach.instructorId) ||
          activity.campuses.some((c) => c.hostTeacherId === reach.instructorId)
        );
      case 'institution':
        return (
          activity.instructors.some((i) => i.easternInstitutionId === reach.institutionId) ||
          activity.campuses.some((c) => c.westernInstitutionId === reach.institutionId)
        );
    }
  })();
  if (!inReach)
    throw ApplicationError.forbidden("Only the activity's own teachers and the coordinators of its institutions may change it.");
}

/**
 * Records the teaching activity of a joint session that has ended, exactly once. Called by the
 * session-end job; safe to retry or run twice at once: the ledger's unique session key lets one
 * record through and the other gets `already_recorded`.
 */
export class RecordTeachingActivity {
  constructor(
    private readonly ledgerUnitOfWork: LedgerUnitOfWork,
    private readonly clock: Clock,
    private readonly newId: () => string = () => timeOrderedId(),
  ) {}

  execute(command: RecordTeachingActivityCommand): Promise<RecordTeachingActivityResult> {
    const now = this.clock.now().toUTC();
    return this.ledgerUnitOfWork.run(async (stores, ledger) => {
      const existing = await ledger.findByJointSession(command.jointSessionId);
      if (existing) return { outcome: 'already_recorded', activity: existing };
      const session = await stores.jointSessions.findById(command.jointSessionId);
      if (!session) throw ApplicationError.notFound('joint session', command.jointSessionId);
      if (session.status === 'cancelled') return { outcome: 'skipped', reason: 'cancelled' };
      if (Date.parse(session.endsAt) > now.toMillis()) return { outcome: 'skipped', reason: 'not_ended' };
      const activity = await activityFromSession(stores, session, { id: this.newId(), status: 'counted', recordedAt: now.toISO()! });
      const [appended] = await ledger.append([activity]);
      if (appended) return { outcome: 'recorded', activity: appended };
      const winner = await ledger.findByJointSession(command.jointSessionId);
      if (!winner) throw new Error(`joint session ${command.jointSessionId}: the ledger refused the activity but holds none`);
      return { outcome: 'already_recorded', activity: winner };
    });
  }
}
