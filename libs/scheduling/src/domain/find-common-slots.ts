import type { JointSession } from './model.js';
import { BusyCalendar } from './busy-calendar.js';
import { allowedPeriodsOf, DEFAULT_MIN_REST_MINUTES, periodRules } from './check-slot.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { describeIntervalInZones, formatLocal, type LocalWallTime } from './format-local.js';
import { addDays } from './local-date.js';
import { coversAt, sortedUnique } from './lesson-fit.js';
import {
  classCalendar,
  indexProgram,
  institutionOf,
  instructorCalendar,
  type ProgramIndex,
  type SchedulingProgram,
} from './program-index.js';
import { expandWeekly } from './weekly-window.js';
import { localDateAt } from './zone-offset.js';
import { instantToIso, mergeIntervals, parseInstant } from './zoned-interval.js';

export interface CommonSlotsInput {
  program: SchedulingProgram | ProgramIndex;
  instructorId: string;
  westernClassIds: readonly string[];
  /** Look from this UTC instant (ISO with offset), for `weeks` weeks. */
  from: string;
  weeks: number;
  /** Session length; default the longest of the classes' durations. */
  durationMinutes?: number;
  /** Sessions already booked (any pairing): their instructor, classes and host teachers are busy then. */
  existingSessions?: readonly JointSession[];
  minRestMinutes?: number;
  /** Most slots returned, best first; default 50. */
  limit?: number;
}

export interface CommonSlot {
  startsAt: string;
  endsAt: string;
  /** The classes that can join live, and their enrolment. */
  westernClassIds: string[];
  students: number;
  /** Local wall clock of the start for the instructor, each class's zone and each second clock. */
  local: LocalWallTime[];
  /** "Mon 2026-09-28 12:00-13:35 Asia/Shanghai (10:00-11:35 Asia/Urumqi)". */
  description: string;
}

/**
 * Times in the coming weeks when the instructor and at least one of the classes can meet, every rule
 * of `checkSlot` respected (windows, periods, terms, holidays, make-up days, unavailable dates, no
 * double booking, rest), ranked by how many classes, then students, can join live, then by time.
 * Candidate starts are the classes' period starts and the instructor's window starts.
 */
export function findCommonSlots(input: CommonSlotsInput): CommonSlot[] {
  const index =
    'classes' in input.program && input.program.classes instanceof Map
      ? (input.program as ProgramIndex)
      : indexProgram(input.program as SchedulingProgram);
  const instructor = index.instructors.get(input.instructorId);
  if (!instructor) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `instructor ${input.instructorId} is unknown`);
  const classes = input.westernClassIds.map((id) => {
    const westernClass = index.classes.get(id);
    if (!westernClass) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `class ${id} is unknown`);
    return westernClass;
  });
  const fromMs = parseInstant(input.from);
  const toMs = fromMs + Math.max(0, input.weeks) * 7 * 86_400_000;
  const durMs = (input.durationMinutes ?? Math.max(...classes.map((c) => c.durationMinutes))) * 60_000;
  const restMs = (input.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES) * 60_000;
  const range = (zone: string): { fromLocalDate: string; toLocalDate: string } => ({
    fromLocalDate: addDays(localDateAt(fromMs, zone), -1),
    toLocalDate: addDays(localDateAt(toMs, zone), 1),
  });

  const unavailable = new Set(instructor.unavailableLocalDates);
  const freeOccurrences = expandWeekly({
    rules: instructor.availability,
    timeZone: instructor.timeZone,
    ...range(instructor.timeZone),
    calendar: instructorCalendar(index, instructor),
  }).occurrences.filter((o) => !unavailable.has(o.localDate));
  const free = mergeIntervals(freeOccurrences);
  const members = classes.map((westernClass) => {
    const institution = institutionOf(index, westernClass.institutionId);
    const occurrences = expandWeekly({
      rules: periodRules(allowedPeriodsOf(westernClass, institution)),
      timeZone: institution.timeZone,
      ...range(institution.timeZone),
      calendar: classCalendar(index, westernClass),
    }).occurrences;
    return { westernClass, institution, occurrences, union: mergeIntervals(occurrences) };
  });

  const busy = new BusyCalendar();
  const wanted = new Set(input.westernClassIds);
  const hostOf = new Map(classes.map((c) => [c.id, c.hostTeacherId]));
  const hosts = new Set(classes.map((c) => c.hostTeacherId).filter((h): h is string => !!h));
  for (const s of input.existingSessions ?? []) {
    if (s.status === 'cancelled') continue;
    const startMs = parseInstant(s.startsAt);
    const endMs = parseInstant(s.endsAt);
    if (s.instructorId === instructor.id) busy.add('instructor', startMs, endMs);
    const sessionHosts = new Set<string>();
    for (const id of s.westernClassIds) {
      if (wanted.has(id)) busy.add(`c|${id}`, startMs, endMs);
      const host = hostOf.get(id) ?? index.classes.get(id)?.hostTeacherId ?? null;
      if (host && hosts.has(host) && !sessionHosts.has(host)) {
        sessionHosts.add(host);
        busy.add(`h|${host}`, startMs, endMs);
      }
    }
  }

  const starts: number[] = [];
  for (const m of members) for (const o of m.occurrences) if (o.startMs >= fromMs && o.startMs < toMs) starts.push(o.startMs);
  for (const o of freeOccurrences) if (o.startMs >= fromMs && o.startMs < toMs) starts.push(o.startMs);
  const zones = [
    ...new Set([
      instructor.timeZone,
      ...members.flatMap((m) => [m.institution.timeZone, ...(m.institution.secondaryTimeZone ? [m.institution.secondaryTimeZone] : [])]),
    ]),
  ];
  const slots: CommonSlot[] = [];
  for (const startMs of sortedUnique(starts)) {
    const endMs = startMs + durMs;
    if (!coversAt(free, startMs, endMs) || !busy.isFree('instructor', startMs, endMs, restMs)) continue;
    const joining = members.filter(
      (m) =>
        coversAt(m.union, startMs, endMs) &&
        busy.isFree(`c|${m.westernClass.id}`, startMs, endMs) &&
        (!m.westernClass.hostTeacherId || busy.isFree(`h|${m.westernClass.hostTeacherId}`, startMs, endMs)),
    );
    if (joining.length === 0) continue;
    slots.push({
      startsAt: instantToIso(startMs),
      endsAt: instantToIso(endMs),
      westernClassIds: joining.map((m) => m.westernClass.id),
      students: joining.reduce((sum, m) => sum + m.westernClass.studentsEnrolled, 0),
      local: formatLocal(startMs, zones),
      description: describeIntervalInZones({ startMs, endMs }, zones),
    });
  }
  slots.sort(
    (a, b) => b.westernClassIds.length - a.westernClassIds.length || b.students - a.students || (a.startsAt < b.startsAt ? -1 : 1),
  );
  return slots.slice(0, input.limit ?? 50);
}
