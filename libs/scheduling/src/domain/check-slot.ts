import type { ClassPeriod, Institution, Instructor, JointSession, Term, WesternClass } from './model.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { describeIntervalInZones, describeWeeklyWindows, wallTime } from './format-local.js';
import { weekStartOf, WEEKDAY_SHORT } from './local-date.js';
import { localDateAt } from './zone-offset.js';
import { buildTermCalendar, termDay, type TermCalendar, type TermDay } from './term-calendar.js';
import { expandWeekly, type WeeklyRule } from './weekly-window.js';
import { intervalFromIso, isCoveredBy, mergeIntervals, overlaps, type UtcInterval } from './zoned-interval.js';

export const DEFAULT_MIN_REST_MINUTES = 15;

/** One western class taking part in the proposed session, with what is needed to judge it. */
export interface SlotClassContext {
  westernClass: WesternClass;
  institution: Institution;
  term: Term;
  /** The class's existing sessions (cancelled ones and `ignoreSessionId` are ignored). */
  sessions: readonly JointSession[];
}

export interface CheckSlotInput {
  /** Proposed session, UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  instructor: Instructor;
  /** The instructor's institution: its holidays and make-up days bind the instructor too. */
  instructorInstitution?: Institution | null;
  /**
   * Every term of the instructor's institution: a session on a date (instructor's zone) in none of them
   * is OUTSIDE_TERM. Absent or empty: no term on file, only the institution's holidays bind.
   */
  instructorTerms?: readonly Term[];
  /** The instructor's sessions this term (all of them: the term cap counts them). */
  instructorSessions: readonly JointSession[];
  classes: readonly SlotClassContext[];
  /** Existing sessions of each host teacher, by host teacher id. */
  hostTeacherSessions?: Readonly<Record<string, readonly JointSession[]>>;
  /** Host teachers' names by id, for messages (the id stands in for a name not given). */
  hostTeacherNames?: Readonly<Record<string, string>>;
  /** Minimum gap between two of the instructor's sessions; default 15. */
  minRestMinutes?: number;
  /** The session being moved, so it does not clash with itself. */
  ignoreSessionId?: string | null;
}

export interface SlotViolation {
  code: SchedulingErrorCode;
  /** Plain words with the times in each party's local time. */
  message: string;
  westernClassId?: string;
  conflictingSessionId?: string;
}

/**
 * Every rule the proposed session breaks, empty when it may be booked. Each party is judged in its own
 * zone: the instructor's windows and calendar in the instructor's zone, each class's periods, term and
 * holidays in its institution's zone.
 */
export function checkSlot(input: CheckSlotInput): SlotViolation[] {
  const slot = intervalFromIso(input.startsAt, input.endsAt);
  const { instructor } = input;
  const zones = partyZones(input);
  const when = (first: string): string => describeIntervalInZones(slot, [first, ...zones]);
  const violations: SlotViolation[] = [];

  const instructorCalendar = input.instructorInstitution
    ? buildTermCalendar({ ...input.instructorInstitution, timeZone: instructor.timeZone }, input.instructorTerms ?? [])
    : null;
  violations.push(...checkInstructorRules(input, slot, instructorCalendar, when));
  for (const context of input.classes) violations.push(...checkClassRules(context, slot, when));
  violations.push(...checkBookings(input, slot, when));
  return violations;
}

/** Throws SLOT_REJECTED with the violations as `details` when `checkSlot` finds any. */
export function assertSlot(input: CheckSlotInput): void {
  const violations = checkSlot(input);
  if (violations.length > 0) {
    throw new SchedulingError(SchedulingErrorCode.SLOT_REJECTED, violations.map((v) => v.message).join('; '), { violations });
  }
}

function partyZones(input: CheckSlotInput): string[] {
  const zones = [input.instructor.timeZone];
  for (const { institution } of input.classes) {
    zones.push(institution.timeZone);
    if (institution.secondaryTimeZone) zones.push(institution.secondaryTimeZone);
  }
  return [...new Set(zones)];
}

/** The local dates (in `timeZone`) the slot touches: one, or two when it crosses local midnight. */
function touchedDates(slot: UtcInterval, timeZone: string): string[] {
  const first = localDateAt(slot.startMs, timeZone);
  const last = localDateAt(slot.endMs - 1, timeZone);
  return first === last ? [first] : [first, last];
}

function closedDayMessage(who: string, day: TermDay, timeZone: string): { code: SchedulingErrorCode; text: string } {
  if (day.kind === 'holiday') {
    return {
      code: SchedulingErrorCode.HOLIDAY,
      text: `${day.localDate} (${WEEKDAY_SHORT[day.weekday]}) is a holiday for ${who}: ${day.exceptionName ?? 'holiday'} (${timeZone})`,
    };
  }
  return {
    code: SchedulingErrorCode.OUTSIDE_TERM,
    text: `${day.localDate} (${WEEKDAY_SHORT[day.weekday]}) is outside the term of ${who} (${timeZone})`,
  };
}

function checkInstructorRules(
  input: CheckSlotInput,
  slot: UtcInterval,
  calendar: TermCalendar | null,
  when: (zone: string) => string,
): SlotViolation[] {
  const { instructor } = input;
  const zone = instructor.timeZone;
  const who = `instructor ${instructor.name}`;
  const dates = touchedDates(slot, zone);
  const violations: SlotViolation[] = [];
  const unavailable = dates.filter((d) => instructor.unavailableLocalDates.includes(d));
  if (unavailable.length > 0) {
    violations.push({
      code: SchedulingErrorCode.INSTRUCTOR_UNAVAILABLE_DATE,
      message: `${who} is unavailable on ${unavailable.join(', ')} (${zone}); the session is ${when(zone)}`,
    });
  }
  if (calendar) {
    for (const localDate of dates) {
      const day = termDay(calendar, localDate);
      if (day.runsWeekday === null) {
        const { code, text } = closedDayMessage(`${who}'s institution`, day, zone);
        violations.push({ code, message: `${text}; the session is ${when(zone)}` });
      }
    }
    if (violations.some((v) => v.code === SchedulingErrorCode.HOLIDAY || v.code === SchedulingErrorCode.OUTSIDE_TERM)) return violations;
  }
  const free = mergeIntervals(
    expandWeekly({
      rules: instructor.availability,
      timeZone: zone,
      fromLocalDate: dates[0]!,
      toLocalDate: dates[dates.length - 1]!,
      calendar,
    }).occurrences,
  );
  if (!isCoveredBy(free, slot)) {
    const runs = calendar ? termDay(calendar, dates[0]!).runsWeekday : wallTime(slot.startMs, zone).weekday;
    const todays = instructor.availability.filter((w) => w.weekday === runs);
    const hours =
      todays.length > 0
        ? `is free ${describeWeeklyWindows(todays, zone)}`
        : `has no hours on ${WEEKDAY_SHORT[runs ?? wallTime(slot.startMs, zone).weekday]} (${zone})`;
    violations.push({
      code: SchedulingErrorCode.OUTSIDE_INSTRUCTOR_AVAILABILITY,
      message: `${who} ${hours}; the session is ${when(zone)}`,
    });
  }
  return violations;
}

/** The class's allowed periods; an empty `allowedPeriodNames` allows all of the institution's periods. */
export function allowedPeriodsOf(
  westernClass: Pick<WesternClass, 'allowedPeriodNames'>,
  institution: Pick<Institution, 'classPeriods'>,
): ClassPeriod[] {
  if (westernClass.allowedPeriodNames.length === 0) return institution.classPeriods;
  const allowed = new Set(westernClass.allowedPeriodNames);
  return institution.classPeriods.filter((p) => allowed.has(p.name));
}

export function periodRules(periods: readonly ClassPeriod[]): WeeklyRule[] {
  return periods.map((p) => ({ weekday: p.weekday, localStart: p.localStart, localEnd: p.localEnd, label: p.name }));
}

function checkClassRules(context: SlotClassContext, slot: UtcInterval, when: (zone: string) => string): SlotViolation[] {
  const { westernClass, institution, term } = context;
  const zone = institution.timeZone;
  const who = `class ${westernClass.name} (${institution.nameEn})`;
  const calendar = buildTermCalendar(institution, term);
  const dates = touchedDates(slot, zone);
  const violations: SlotViolation[] = [];
  for (const localDate of dates) {
    const day = termDay(calendar, localDate);
    if (day.runsWeekday === null) {
      const { code, text } = closedDayMessage(who, day, zone);
      violations.push({ code, message: `${text}; the session is ${when(zone)}`, westernClassId: westernClass.id });
    }
  }
  if (violations.length > 0) return violations;
  const periods = allowedPeriodsOf(westernClass, institution);
  const open = mergeIntervals(
    expandWeekly({ rules: periodRules(periods), timeZone: zone, fromLocalDate: dates[0]!, toLocalDate: dates[dates.length - 1]!, calendar })
      .occurrences,
  );
  if (!isCoveredBy(open, slot)) {
    const runs = termDay(calendar, dates[0]!).runsWeekday!;
    const todays = periods.filter((p) => p.weekday === runs);
    const madeUp = runs !== wallTime(slot.startMs, zone).weekday ? ` (a make-up day running ${WEEKDAY_SHORT[runs]}'s timetable)` : '';
    const hours =
      todays.length > 0
        ? `may meet ${todays.map((p) => `${p.localStart}-${p.localEnd} (${p.name})`).join(', ')} on ${WEEKDAY_SHORT[runs]} ${zone}${madeUp}`
        : `has no allowed periods on ${WEEKDAY_SHORT[runs]} (${zone})${madeUp}`;
    violations.push({
      code: SchedulingErrorCode.OUTSIDE_CLASS_PERIODS,
      message: `${who} ${hours}; the session is ${when(zone)}`,
      westernClassId: westernClass.id,
    });
  }
  return violations;
}

function isLive(session: JointSession, ignoreId: string | null | undefined): boolean {
  return session.status !== 'cancelled' && session.id !== ignoreId;
}

function checkBookings(input: CheckSlotInput, slot: UtcInterval, when: (zone: string) => string): SlotViolation[] {
  const { instructor } = input;
  const zone = instructor.timeZone;
  const restMs = (input.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES) * 60_000;
  const violations: SlotViolation[] = [];
  const mine = input.instructorSessions.filter((s) => isLive(s, input.ignoreSessionId));
  for (const session of mine) {
    const other = intervalFromIso(session.startsAt, session.endsAt);
    if (overlaps(other, slot)) {
      violations.push({
        code: SchedulingErrorCode.INSTRUCTOR_DOUBLE_BOOKED,
        message: `instructor ${instructor.name} already teaches ${describeIntervalInZones(other, [zone])}; the session is ${when(zone)}`,
        conflictingSessionId: session.id,
      });
    } else if (other.endMs + restMs > slot.startMs && slot.endMs + restMs > other.startMs) {
      violations.push({
        code: SchedulingErrorCode.INSTRUCTOR_REST_TOO_SHORT,
        message: `instructor ${instructor.name} needs ${restMs / 60_000} min between sessions; another session is ${describeIntervalInZones(other, [zone])} and this one ${when(zone)}`,
        conflictingSessionId: session.id,
      });
    }
  }
  const localDate = localDateAt(slot.startMs, zone);
  const week = weekStartOf(localDate);
  let sameDay = 0;
  let sameWeek = 0;
  for (const session of mine) {
    const date = localDateAt(Date.parse(session.startsAt), zone);
    if (date === localDate) sameDay++;
    if (weekStartOf(date) === week) sameWeek++;
  }
  if (sameDay + 1 > instructor.maxSessionsPerDay) {
    violations.push({
      code: SchedulingErrorCode.INSTRUCTOR_DAY_CAP_EXCEEDED,
      message: `instructor ${instructor.name} may teach ${instructor.maxSessionsPerDay} session(s) a day and already has ${sameDay} on ${localDate} (${zone})`,
    });
  }
  if (sameWeek + 1 > instructor.maxSessionsPerWeek) {
    violations.push({
      code: SchedulingErrorCode.INSTRUCTOR_WEEK_CAP_EXCEEDED,
      message: `instructor ${instructor.name} may teach ${instructor.maxSessionsPerWeek} session(s) a week and already has ${sameWeek} in the week of ${week} (${zone})`,
    });
  }
  if (mine.length + 1 > instructor.maxSessionsPerTerm) {
    violations.push({
      code: SchedulingErrorCode.INSTRUCTOR_TERM_CAP_EXCEEDED,
      message: `instructor ${instructor.name} may teach ${instructor.maxSessionsPerTerm} session(s) a term and already has ${mine.length}`,
    });
  }
  for (const { westernClass, institution, sessions } of input.classes) {
    for (const session of sessions) {
      if (!isLive(session, input.ignoreSessionId)) continue;
      const other = intervalFromIso(session.startsAt, session.endsAt);
      if (!overlaps(other, slot)) continue;
      violations.push({
        code: SchedulingErrorCode.CLASS_DOUBLE_BOOKED,
        message: `class ${westernClass.name} (${institution.nameEn}) already has a session ${describeIntervalInZones(other, [institution.timeZone])}; the session is ${when(institution.timeZone)}`,
        westernClassId: westernClass.id,
        conflictingSessionId: session.id,
      });
    }
  }
  const hosts = new Map<string, SlotClassContext>();
  for (const context of input.classes) {
    if (context.westernClass.hostTeacherId) hosts.set(context.westernClass.hostTeacherId, context);
  }
  for (const [hostId, context] of hosts) {
    for (const session of input.hostTeacherSessions?.[hostId] ?? []) {
      if (!isLive(session, input.ignoreSessionId)) continue;
      const other = intervalFromIso(session.startsAt, session.endsAt);
      if (!overlaps(other, slot)) continue;
      const hostZone = context.institution.timeZone;
      violations.push({
        code: SchedulingErrorCode.HOST_DOUBLE_BOOKED,
        message: `host teacher ${input.hostTeacherNames?.[hostId] ?? hostId} of class ${context.westernClass.name} already hosts a session ${describeIntervalInZones(other, [hostZone])}; the session is ${when(hostZone)}`,
        westernClassId: context.westernClass.id,
        conflictingSessionId: session.id,
      });
    }
  }
  return violations;
}
