import type { Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { LedgerUnitOfWork } from '../ports/ledger.js';
import { assertMayChangeActivity } from './record-teaching-activity.js';
import { participantProblems, percentToBasisPoints, type TeachingActivity } from './teaching-activity.js';

/** Students present at one campus: name the western class, or the campus when it took part with one class. */
export interface CampusAttendance {
  westernClassId?: string;
  westernInstitutionId?: string;
  studentsPresent: number;
}

export interface ConfirmTeachingActivityCommand {
  activityId: string;
  actor: Actor;
  attendance: CampusAttendance[];
  /** Co-teaching: every instructor with their share in percent (adding up to 100). Omit to keep the shares. */
  instructors?: { instructorId: string; sharePercent: number }[];
}

/**
 * A teacher (or coordinator) confirms what happened: the students present at each campus and,
 * for co-taught lessons, each instructor's share. Campuses not named keep their figure. May be
 * repeated to correct it; the reports follow in the same transaction.
 */
export class ConfirmTeachingActivity {
  constructor(
    private readonly ledgerUnitOfWork: LedgerUnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(command: ConfirmTeachingActivityCommand): Promise<TeachingActivity> {
    const now = this.clock.now().toUTC().toISO()!;
    return this.ledgerUnitOfWork.run(async (stores, ledger) => {
      const current = await ledger.findById(command.activityId);
      if (!current) throw ApplicationError.notFound('teaching activity', command.activityId);
      assertMayChangeActivity(command.actor, current);
      if (current.status === 'not_held')
        throw ApplicationError.invalidInput('status', 'this session was marked not held; it has no attendance to confirm');
      const campuses = current.campuses.map((campus) => ({ ...campus }));
      command.attendance.forEach((entry, index) => {
        const field = `attendance[${index}]`;
        const matches = campuses.filter((campus) =>
          entry.westernClassId
            ? campus.westernClassId === entry.westernClassId
            : campus.westernInstitutionId === entry.westernInstitutionId,
        );
        if (!entry.westernClassId && !entry.westernInstitutionId)
          throw ApplicationError.invalidInput(field, 'name the westernClassId or the westernInstitutionId');
        if (matches.length === 0) throw ApplicationError.invalidInput(field, 'no such class or campus took part in this activity');
        if (matches.length > 1)
          throw ApplicationError.invalidInput(field, 'this campus took part with several classes; name the westernClassId');
        matches[0]!.studentsPresent = entry.studentsPresent;
      });
      let instructors = current.instructors;
      if (command.instructors) {
        instructors = [];
        for (const [index, entry] of command.instructors.entries()) {
          const field = `instructors[${index}]`;
          const instructor = await stores.instructors.findById(entry.instructorId);
          if (!instructor) throw ApplicationError.invalidReference(`${field}.instructorId`, 'instructor', entry.instructorId);
          if (instructor.role !== 'instructor')
            throw ApplicationError.invalidInput(`${field}.instructorId`, `${instructor.name} is a host teacher, not an eastern instructor`);
          const share = percentToBasisPoints(String(entry.sharePercent));
          if (share === null)
            throw ApplicationError.invalidInput(`${field}.sharePercent`, 'must be more than 0 and at most 100, with at most two decimals');
          instructors.push({ instructorId: instructor.id, easternInstitutionId: instructor.institutionId, shareBasisPoints: share });
        }
      }
      // Attendance is bounded by the class's enrolment now (a coordinator may have raised it since
      // the session was recorded), not by the copy taken then.
      for (const campus of campuses) {
        const westernClass = campus.westernClassId ? await stores.westernClasses.findById(campus.westernClassId) : null;
        if (westernClass) campus.studentsEnrolled = westernClass.studentsEnrolled;
      }
      const attendanceProblems = participantProblems({ instructors: current.instructors, campuses });
      if (attendanceProblems.length > 0) throw ApplicationError.invalidInput('attendance', attendanceProblems.join('; '));
      const next: TeachingActivity = { ...current, campuses, instructors, attendanceConfirmedAt: now };
      const problems = participantProblems(next);
      if (problems.length > 0) throw ApplicationError.invalidInput('instructors', problems.join('; '));
      await ledger.replace(next);
      return next;
    });
  }
}
