import type { Course, Institution, Instructor, Term, WesternClass } from './model.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { addDays, weekStartOf } from './local-date.js';
import { resolveLocalTime } from './local-time.js';
import { buildTermCalendar, type TermCalendar } from './term-calendar.js';
import { isValidTimeZone } from './time-zone.js';
import { allowedPeriodsOf, periodRules } from './check-slot.js';
import { expandWeekly, type RuleOccurrence, type SkippedOccurrence } from './weekly-window.js';
import { mergeIntervals, type UtcInterval } from './zoned-interval.js';

/** Everything the engine plans over, as plain data (what the database holds). */
export interface SchedulingProgram {
  institutions: Institution[];
  terms: Term[];
  /** Eastern instructors (`role: 'instructor'`); host teachers may be listed too and are never paired. */
  instructors: Instructor[];
  courses: Course[];
  westernClasses: WesternClass[];
}

/** Lookups and memoised expansions over one program; build once per planning run. */
export interface ProgramIndex {
  program: SchedulingProgram;
  institutions: ReadonlyMap<string, Institution>;
  terms: ReadonlyMap<string, Term>;
  instructors: ReadonlyMap<string, Instructor>;
  courses: ReadonlyMap<string, Course>;
  classes: ReadonlyMap<string, WesternClass>;
  /** First and last local date any term touches, widened by a day each side for zone differences. */
  fromLocalDate: string;
  toLocalDate: string;
  calendarCache: Map<string, TermCalendar>;
  /** Every institution's terms, sorted by start. */
  termsByInstitution: ReadonlyMap<string, readonly Term[]>;
  periodCache: Map<string, ClassTimes>;
  freeCache: Map<string, InstructorTimes>;
}

/** A class's allowed period occurrences over its whole term. */
export interface ClassTimes {
  occurrences: RuleOccurrence[];
  union: UtcInterval[];
  skipped: SkippedOccurrence[];
  /** Monday local dates (class zone) of the term's weeks, in order. */
  weekStarts: string[];
}

/** An instructor's free time over the planning range (windows, calendar and unavailable dates applied). */
export interface InstructorTimes {
  occurrences: RuleOccurrence[];
  union: UtcInterval[];
  skipped: SkippedOccurrence[];
}

function invalid(message: string): SchedulingError {
  return new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, message);
}

/** Indexes and validates a program; throws INVALID_PROGRAM naming the first broken reference. */
export function indexProgram(program: SchedulingProgram): ProgramIndex {
  const institutions = new Map(program.institutions.map((i) => [i.id, i]));
  const terms = new Map(program.terms.map((t) => [t.id, t]));
  const instructors = new Map(program.instructors.map((i) => [i.id, i]));
  const courses = new Map(program.courses.map((c) => [c.id, c]));
  const classes = new Map(program.westernClasses.map((c) => [c.id, c]));
  for (const institution of program.institutions) {
    if (!isValidTimeZone(institution.timeZone))
      throw invalid(`institution ${institution.id}: "${institution.timeZone}" is not an IANA time zone`);
  }
  for (const instructor of program.instructors) {
    if (!isValidTimeZone(instructor.timeZone))
      throw invalid(`instructor ${instructor.id}: "${instructor.timeZone}" is not an IANA time zone`);
  }
  let from: string | null = null;
  let to: string | null = null;
  for (const westernClass of program.westernClasses) {
    const term = terms.get(westernClass.termId);
    if (!term) throw invalid(`class ${westernClass.id}: term ${westernClass.termId} is unknown`);
    if (!institutions.has(westernClass.institutionId))
      throw invalid(`class ${westernClass.id}: institution ${westernClass.institutionId} is unknown`);
    if (!Number.isInteger(westernClass.sessionsPerWeek) || westernClass.sessionsPerWeek < 0)
      throw invalid(`class ${westernClass.id}: sessionsPerWeek must be a whole number`);
    if (!(westernClass.durationMinutes > 0 && westernClass.durationMinutes < 24 * 60))
      throw invalid(`class ${westernClass.id}: durationMinutes must be between 1 and 1439`);
    if (from === null || term.startLocalDate < from) from = term.startLocalDate;
    if (to === null || term.endLocalDate > to) to = term.endLocalDate;
  }
  return {
    program,
    institutions,
    terms,
    instructors,
    courses,
    classes,
    fromLocalDate: addDays(from ?? '2026-01-01', -1),
    toLocalDate: addDays(to ?? '2026-01-01', 1),
    calendarCache: new Map(),
    termsByInstitution: termsByInstitution(program.terms),
    periodCache: new Map(),
    freeCache: new Map(),
  };
}

export function institutionOf(index: ProgramIndex, id: string): Institution {
  const institution = index.institutions.get(id);
  if (!institution) throw invalid(`institution ${id} is unknown`);
  return institution;
}

/** The calendar a class runs on: its institution's, bounded by its term. */
export function classCalendar(index: ProgramIndex, westernClass: WesternClass): TermCalendar {
  const key = `class-term|${westernClass.termId}`;
  let calendar = index.calendarCache.get(key);
  if (!calendar) {
    calendar = buildTermCalendar(institutionOf(index, westernClass.institutionId), index.terms.get(westernClass.termId)!);
    index.calendarCache.set(key, calendar);
  }
  return calendar;
}

/**
 * Every term of the instructor's own institution, sorted by start: a date binds the instructor when it
 * falls in any of them (a western term crossing the eastern winter break keeps the weeks of the next
 * eastern term). Empty when the institution has none on file (then only its calendar exceptions bind).
 */
export function instructorTermsOf(index: ProgramIndex, instructor: Instructor): readonly Term[] {
  return index.termsByInstitution.get(instructor.institutionId) ?? [];
}

function termsByInstitution(terms: readonly Term[]): Map<string, Term[]> {
  const out = new Map<string, Term[]>();
  const sorted = [...terms].sort((a, b) =>
    a.startLocalDate < b.startLocalDate ? -1 : a.startLocalDate > b.startLocalDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const term of sorted) {
    const list = out.get(term.institutionId);
    if (list) list.push(term);
    else out.set(term.institutionId, [term]);
  }
  return out;
}

/** The instructor's institution calendar (all its terms) in the instructor's zone, or null when the institution is unknown. */
export function instructorCalendar(index: ProgramIndex, instructor: Instructor): TermCalendar | null {
  const key = `instructor|${instructor.id}`;
  const cached = index.calendarCache.get(key);
  if (cached) return cached;
  const institution = index.institutions.get(instructor.institutionId);
  if (!institution) return null;
  const calendar = buildTermCalendar({ ...institution, timeZone: instructor.timeZone }, instructorTermsOf(index, instructor));
  index.calendarCache.set(key, calendar);
  return calendar;
}

/** The class's allowed period occurrences across its term, with its calendar applied. */
export function classTimes(index: ProgramIndex, westernClass: WesternClass): ClassTimes {
  const periodsKey = `${westernClass.institutionId}|${westernClass.termId}|${[...westernClass.allowedPeriodNames].sort().join(',')}`;
  const cached = index.periodCache.get(periodsKey);
  if (cached) return cached;
  const institution = institutionOf(index, westernClass.institutionId);
  const term = index.terms.get(westernClass.termId)!;
  const expansion = expandWeekly({
    rules: periodRules(allowedPeriodsOf(westernClass, institution)),
    timeZone: institution.timeZone,
    fromLocalDate: term.startLocalDate,
    toLocalDate: term.endLocalDate,
    calendar: classCalendar(index, westernClass),
  });
  const weekStarts: string[] = [];
  for (let monday = weekStartOf(term.startLocalDate); monday <= term.endLocalDate; monday = addDays(monday, 7)) weekStarts.push(monday);
  const times = {
    occurrences: expansion.occurrences,
    union: mergeIntervals(expansion.occurrences),
    skipped: expansion.skipped,
    weekStarts,
  };
  index.periodCache.set(periodsKey, times);
  return times;
}

/** The instructor's free time across the planning range. */
export function instructorTimes(index: ProgramIndex, instructor: Instructor): InstructorTimes {
  const cached = index.freeCache.get(instructor.id);
  if (cached) return cached;
  const expansion = expandWeekly({
    rules: instructor.availability,
    timeZone: instructor.timeZone,
    fromLocalDate: addDays(index.fromLocalDate, -1),
    toLocalDate: addDays(index.toLocalDate, 1),
    calendar: instructorCalendar(index, instructor),
  });
  const unavailable = new Set(instructor.unavailableLocalDates);
  const occurrences = expansion.occurrences.filter((o) => !unavailable.has(o.localDate));
  const times = { occurrences, union: mergeIntervals(occurrences), skipped: expansion.skipped };
  index.freeCache.set(instructor.id, times);
  return times;
}

/** The UTC instant a class-zone local week starts (Monday 00:00 local); throws on a gap at midnight. */
export function weekStartInstant(localMonday: string, timeZone: string): number {
  const resolved = resolveLocalTime(localMonday, '00:00', timeZone);
  if (resolved.kind === 'ok') return resolved.instant;
  const later = resolveLocalTime(localMonday, '01:00', timeZone);
  if (later.kind === 'ok') return later.instant - 3_600_000;
  throw invalid(`${localMonday} 00:00 does not exist in ${timeZone}`);
}
