/**
 * The program's vocabulary, as plain data. Instants are UTC ISO strings (`startsAt`, `endsAt`);
 * wall-clock rules are `localDate` (`2026-09-27`) / `localTime` (`08:00`) in the owner's IANA `timeZone`.
 */

/** ISO weekday as luxon counts it: Monday = 1 ... Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Region = 'east' | 'west' | 'international';

/** A named bell-schedule slot (第1-2节 08:00-09:35) on one weekday, in the institution's zone. */
export interface ClassPeriod {
  name: string;
  weekday: Weekday;
  localStart: string;
  localEnd: string;
}

/** A weekly availability window in its owner's zone. `localEnd` may not pass midnight. */
export interface WeeklyWindow {
  weekday: Weekday;
  localStart: string;
  localEnd: string;
}

export interface Term {
  id: string;
  institutionId: string;
  name: string;
  startLocalDate: string;
  endLocalDate: string;
}

/**
 * A day that breaks the weekly rhythm, in the institution's zone: a holiday runs no classes; a
 * make-up working day (调休) runs the timetable of `runsWeekday`.
 */
export interface CalendarException {
  localDate: string;
  kind: 'holiday' | 'makeup';
  runsWeekday?: Weekday | null;
  name: string;
}

export interface Institution {
  id: string;
  nameZh: string;
  nameEn: string;
  region: Region;
  /** Province for Chinese institutions, country for international partners. */
  province: string;
  /** The zone every wall-clock rule of this institution lives in. */
  timeZone: string;
  /** A second clock shown beside the first (Xinjiang time, Asia/Urumqi, on a Beijing-time campus). */
  secondaryTimeZone: string | null;
  classPeriods: ClassPeriod[];
  calendarExceptions: CalendarException[];
}

export type TeacherRole = 'instructor' | 'host';

export interface Instructor {
  id: string;
  name: string;
  institutionId: string;
  /** `instructor`: eastern MOOC instructor; `host`: a western campus's local host teacher. */
  role: TeacherRole;
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
  /** Names of the institution's class periods this class may use. */
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
}

export type JointSessionStatus = 'scheduled' | 'cancelled' | 'completed';

export interface JointSession {
  id: string;
  pairingId: string;
  /** The pairing's instructor, copied here so double-booking checks need no join. */
  instructorId: string;
  startsAt: string;
  endsAt: string;
  /** The zone whose wall clock the session was planned in (the western class's, usually). */
  anchorTimeZone: string;
  westernClassIds: string[];
  status: JointSessionStatus;
  /** Grows by one on every change; reminders and calendar SEQUENCE follow it. */
  version: number;
  meetingUrl: string | null;
}
