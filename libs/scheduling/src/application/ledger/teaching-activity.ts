import type { Institution, Region, WesternClass } from '../../domain/model.js';

/** `counted`: the teaching happened and counts; `not_held`: it did not take place and counts nowhere. */
export type TeachingActivityStatus = 'counted' | 'not_held';

/** One western class that took part, at its campus, with the reporting facts copied when recorded. */
export interface CampusParticipation {
  /** Null for historic imports that name only the campus. */
  westernClassId: string | null;
  westernInstitutionId: string;
  /** Snapshot of the campus's region and province when the activity was recorded. */
  region: Region;
  province: string;
  hostTeacherId: string | null;
  studentsEnrolled: number;
  /** Enrolled students until a teacher confirms the attendance; then the students present. */
  studentsPresent: number;
}

/** A western class's participation at its campus, the reporting facts copied from the catalog now. */
export function classParticipation(westernClass: WesternClass, campus: Institution, studentsPresent: number): CampusParticipation {
  return {
    westernClassId: westernClass.id,
    westernInstitutionId: campus.id,
    region: campus.region,
    province: campus.province,
    hostTeacherId: westernClass.hostTeacherId,
    studentsEnrolled: westernClass.studentsEnrolled,
    studentsPresent,
  };
}

/** A campus named without its class (historic imports): its enrolment is the students present. */
export function campusParticipation(campus: Institution, studentsPresent: number): CampusParticipation {
  return {
    westernClassId: null,
    westernInstitutionId: campus.id,
    region: campus.region,
    province: campus.province,
    hostTeacherId: null,
    studentsEnrolled: studentsPresent,
    studentsPresent,
  };
}

/** An eastern instructor's stated share of the credit, in basis points (10000 = all of it). */
export interface InstructorShare {
  instructorId: string;
  easternInstitutionId: string;
  shareBasisPoints: number;
}

/**
 * One joint teaching activity in the ledger. Recorded once per joint session (`jointSessionId`) or
 * per imported line (`externalId`); either key is unique in the database.
 */
export interface TeachingActivity {
  id: string;
  jointSessionId: string | null;
  externalId: string | null;
  status: TeachingActivityStatus;
  /** UTC ISO instant. */
  startsAt: string;
  durationMinutes: number;
  /** 学时: 45-minute class periods credited for this activity. */
  teachingPeriods: number;
  discipline: string;
  courseId: string | null;
  termId: string | null;
  /** Shares add up to 10000; the first is the lead instructor. */
  instructors: InstructorShare[];
  campuses: CampusParticipation[];
  /** UTC ISO instant of the latest attendance confirmation; null while the enrolment stands in. */
  attendanceConfirmedAt: string | null;
  notHeldReason: string | null;
  /** For a session not held: the joint session that makes up for it. */
  makeUpSessionId: string | null;
  /** UTC ISO instant. */
  recordedAt: string;
}

/** The whole of one activity's credit, in units; reports divide by it (0.5 activity = 5000 units). */
export const CREDIT_UNITS = 10_000;

/** Minutes in one 学时 (class period). */
export const PERIOD_MINUTES = 45;

/**
 * 学时 for a live class of this length: whole 45-minute periods, rounded to the nearest, at least
 * one. Breaks inside a double period do not cost a period: 95 min (08:00-09:35) = 2, 145 min = 3.
 */
export function teachingPeriodsFor(durationMinutes: number): number {
  return Math.max(1, Math.round(durationMinutes / PERIOD_MINUTES));
}

/** Parses a share written in percent (`60`, `33.33`) into basis points; null when malformed. */
export function percentToBasisPoints(text: string): number | null {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  const value = Math.round(Number(text) * 100);
  return value > 0 && value <= CREDIT_UNITS ? value : null;
}

/** `count` parts of `total` that differ by at most one and add up to `total` exactly (largest remainder). */
export function splitEvenly(total: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => evenPart(total, count, index));
}

/** `splitEvenly(total, count)[index]`, without the array. */
function evenPart(total: number, count: number, index: number): number {
  const base = Math.floor(total / count);
  return base + (index < total - base * count ? 1 : 0);
}

/** Equal shares for `count` instructors, in basis points, adding up to 10000. */
export const equalShares = (count: number): number[] => splitEvenly(CREDIT_UNITS, count);

/**
 * One credit line: the part of an activity credited to one campus and one instructor. Every grouping
 * of lines adds up to the ungrouped total, because each activity's lines add up to exactly one
 * activity (CREDIT_UNITS), its 学时 and its students present.
 */
export interface CreditLine {
  campus: CampusParticipation;
  instructor: InstructorShare;
  /** Activity credit, in CREDIT_UNITS: the instructor's share, split evenly over the campuses. */
  activityUnits: number;
  /** 学时 credit: teachingPeriods x activityUnits. */
  periodUnits: number;
  /** Person-times credit: students present at this campus x the instructor's share (basis points). */
  participationUnits: number;
}

/**
 * Co-teaching credit: each instructor gets their stated share, split evenly over the western
 * campuses that took part (each campus is credited); students present count at their own campus,
 * divided between instructors by share. Lines are ordered campus by campus.
 */
export function creditLines(activity: Pick<TeachingActivity, 'instructors' | 'campuses' | 'teachingPeriods'>): CreditLine[] {
  const lines: CreditLine[] = [];
  forEachCreditLine(activity, (campusIndex, instructorIndex, activityUnits, periodUnits, participationUnits) =>
    lines.push({
      campus: activity.campuses[campusIndex]!,
      instructor: activity.instructors[instructorIndex]!,
      activityUnits,
      periodUnits,
      participationUnits,
    }),
  );
  return lines;
}

/**
 * `creditLines` without an object per line, for the bulk path (millions of lines): calls `visit`
 * for each line in the same order with the same credit.
 */
export function forEachCreditLine(
  activity: Pick<TeachingActivity, 'instructors' | 'campuses' | 'teachingPeriods'>,
  visit: (campusIndex: number, instructorIndex: number, activityUnits: number, periodUnits: number, participationUnits: number) => void,
): void {
  const campuses = activity.campuses.length;
  for (let campusIndex = 0; campusIndex < campuses; campusIndex++) {
    const studentsPresent = activity.campuses[campusIndex]!.studentsPresent;
    for (let instructorIndex = 0; instructorIndex < activity.instructors.length; instructorIndex++) {
      const share = activity.instructors[instructorIndex]!.shareBasisPoints;
      const activityUnits = evenPart(share, campuses, campusIndex);
      visit(campusIndex, instructorIndex, activityUnits, activityUnits * activity.teachingPeriods, studentsPresent * share);
    }
  }
}

/** Problems with an activity's participants, in plain words; empty when it can be recorded. */
export function participantProblems(activity: Pick<TeachingActivity, 'instructors' | 'campuses'>): string[] {
  const problems: string[] = [];
  if (activity.instructors.length === 0) problems.push('an activity needs at least one instructor');
  if (activity.campuses.length === 0) problems.push('an activity needs at least one western class or campus');
  const total = activity.instructors.reduce((sum, i) => sum + i.shareBasisPoints, 0);
  if (activity.instructors.length > 0 && total !== CREDIT_UNITS) problems.push(`instructor shares add up to ${total / 100}%, not 100%`);
  // One instructor and one campus (most activities) cannot repeat: no sets built for them.
  if (activity.instructors.length > 1 && new Set(activity.instructors.map((i) => i.instructorId)).size !== activity.instructors.length)
    problems.push('an instructor is listed twice');
  if (activity.campuses.length > 1) {
    const classIds = activity.campuses.map((c) => c.westernClassId).filter((id): id is string => id !== null);
    if (new Set(classIds).size !== classIds.length) problems.push('a western class is listed twice');
  }
  for (const campus of activity.campuses)
    if (!Number.isInteger(campus.studentsPresent) || campus.studentsPresent < 0)
      problems.push('students present must be a whole number, 0 or more');
    // A class's enrolment bounds its attendance (a campus named without a class has no enrolment to check).
    else if (campus.westernClassId !== null && campus.studentsPresent > campus.studentsEnrolled)
      problems.push(
        `${campus.studentsPresent} students present in class ${campus.westernClassId}, which enrols ${campus.studentsEnrolled}; correct the figure, or the class's enrolment first if it has grown`,
      );
  return problems;
}
