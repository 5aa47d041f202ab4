/** Shapes of the API's JSON answers (see /docs). Instants are UTC ISO strings; wall times carry their zone. */

export type Role = 'admin' | 'program_coordinator' | 'institution_coordinator' | 'teacher' | 'analyst';
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type Region = 'east' | 'west' | 'international';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  institutionId: string | null;
  instructorId: string | null;
  locale: string;
}

export interface ClassPeriod {
  name: string;
  weekday: Weekday;
  localStart: string;
  localEnd: string;
}

export interface CalendarException {
  localDate: string;
  kind: 'holiday' | 'makeup';
  runsWeekday?: Weekday | null;
  name: string;
}

export interface Clock {
  timeZone: string;
  utcOffset: string;
  localTime: string;
  localDate: string;
}

export interface Institution {
  id: string;
  nameZh: string;
  nameEn: string;
  region: Region;
  province: string;
  timeZone: string;
  secondaryTimeZone: string | null;
  classPeriods: ClassPeriod[];
  calendarExceptions: CalendarException[];
  clocks?: Clock[];
}

export interface Term {
  id: string;
  institutionId: string;
  name: string;
  startLocalDate: string;
  endLocalDate: string;
}

export interface WeeklyWindow {
  weekday: Weekday;
  localStart: string;
  localEnd: string;
}

export interface Instructor {
  id: string;
  name: string;
  institutionId: string;
  role: 'instructor' | 'host';
  disciplines: string[];
  languages: string[];
  timeZone: string;
  availability: WeeklyWindow[];
  unavailableLocalDates: string[];
  maxSessionsPerDay: number;
  maxSessionsPerWeek: number;
  maxSessionsPerTerm: number;
}

export interface Course {
  id: string;
  title: string;
  platform: string;
  discipline: string;
  language: string;
  institutionId: string;
}

export interface WesternClass {
  id: string;
  institutionId: string;
  name: string;
  courseId: string;
  discipline: string;
  studentsEnrolled: number;
  sessionsPerWeek: number;
  durationMinutes: number;
  termId: string;
  allowedPeriodNames: string[];
  hostTeacherId: string | null;
}

export type PairingStatus = 'proposed' | 'confirmed' | 'ended';

export interface Pairing {
  id: string;
  instructorId: string;
  courseId: string;
  termId: string;
  westernClassIds: string[];
  status: PairingStatus;
  [extra: string]: unknown;
}

/** One zone's view of a session: `2026-09-28 10:00` wall times and the offset in force. */
export interface ZonedSpan {
  timeZone: string;
  utcOffset: string;
  weekday: number;
  start: string;
  end: string;
}

export interface InstitutionRef {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface JointSession {
  id: string;
  pairingId: string;
  status: 'scheduled' | 'cancelled' | 'completed';
  version: number;
  meetingUrl: string | null;
  anchorTimeZone: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  instructor: { id: string; name: string; institution: InstitutionRef | null; local: ZonedSpan[] };
  westernClasses: { id: string; name: string; studentsEnrolled: number; institution: InstitutionRef | null; local: ZonedSpan[] }[];
  viewer?: ZonedSpan;
  [extra: string]: unknown;
}

export interface SlotViolation {
  code: string;
  message: string;
  westernClassId?: string;
  conflictingSessionId?: string;
}

/**
 * Why sessions of a class-week stay unplaced in a draft (the engine's `UnplacedCode`): `ALREADY_PAST`
 * when every time the parties could meet that week started before the run did.
 */
export type UnplacedCode = 'NO_TEACHING_DAYS' | 'INSTRUCTOR_AWAY' | 'NO_COMMON_TIME' | 'ALREADY_PAST' | 'ALL_COMMON_TIMES_TAKEN';
