import type { Instructor, Pairing } from './model.js';
import { DEFAULT_MIN_REST_MINUTES } from './check-slot.js';
import { addDays, dayNumberToLocalDate } from './local-date.js';
import {
  classTimes,
  indexProgram,
  institutionOf,
  instructorTimes,
  weekStartInstant,
  type ProgramIndex,
  type SchedulingProgram,
} from './program-index.js';
import { localDayNumberAt } from './zone-offset.js';
import { intersectAll, parseInstant } from './zoned-interval.js';
import type { PlannedSession, UnplacedSessions } from './plan-term.js';

export interface UnplacedBreakdownInput {
  program: SchedulingProgram | ProgramIndex;
  pairings: readonly Pairing[];
  /** `sessions` lets the blocked ones be checked against their instructor-week's bound (`contended`). */
  plan: { unplaced: readonly UnplacedSessions[]; sessions?: readonly PlannedSession[] };
  minRestMinutes?: number;
  /** As given to `planTerm`: no session may start before it. */
  frozenBefore?: string;
}

export interface UnplacedBreakdown {
  /**
   * Class-sessions no arrangement can place: with every other session removed, the instructor and the
   * class alone have fewer legal times that week than the class needs (hours, periods, calendars, rest
   * between sessions, the instructor's day and week caps).
   */
  unplaceable: number;
  /** The others: legal times exist, but other sessions (or the caps they use up) hold them. */
  blocked: number;
  /** The blocked ones, by unplaced entry. */
  blockedEntries: { entry: UnplacedSessions; count: number }[];
  /**
   * Blocked class-sessions whose instructor already teaches, in every instructor week the class's week
   * touches, as many class-sessions as an upper bound allows (other instructors, host teachers and
   * other weeks ignored): none of them can be placed without dropping another. Null without `sessions`.
   */
  contended: number | null;
  /** Instructor weeks whose bound was not computed (the search grew too large): their sessions count as not contended. */
  unboundedWeeks: number;
}

const MINUTE_MS = 60_000;

/**
 * Splits a plan's missing class-sessions into provably unplaceable and blocked, by an upper bound on
 * the sessions one class can have in one week when nothing else is booked: every start time is
 * allowed (not just period and window starts), sessions of the pairing's length packed as tightly as
 * the rest time allows inside each common interval of the instructor's free time and the class's
 * periods, then capped per instructor-local day and week. Shares only the calendar expansions with the
 * solver, so a solver bug cannot hide a placeable session here.
 */
export function unplacedBreakdown(input: UnplacedBreakdownInput): UnplacedBreakdown {
  const index =
    'classes' in input.program && input.program.classes instanceof Map
      ? (input.program as ProgramIndex)
      : indexProgram(input.program as SchedulingProgram);
  const restMs = (input.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES) * MINUTE_MS;
  const frozenMs = input.frozenBefore === undefined ? -Infinity : parseInstant(input.frozenBefore);
  const pairings = new Map(input.pairings.map((p) => [p.id, p]));
  let unplaceable = 0;
  let blocked = 0;
  const blockedEntries: { entry: UnplacedSessions; count: number }[] = [];
  for (const entry of input.plan.unplaced) {
    const pairing = pairings.get(entry.pairingId);
    const westernClass = index.classes.get(entry.westernClassId);
    const instructor = pairing ? index.instructors.get(pairing.instructorId) : undefined;
    if (!pairing || !westernClass || !instructor) {
      blocked += entry.count;
      blockedEntries.push({ entry, count: entry.count });
      continue;
    }
    const durationMs =
      Math.max(...pairing.westernClassIds.map((id) => index.classes.get(id)?.durationMinutes ?? westernClass.durationMinutes)) * MINUTE_MS;
    const zone = institutionOf(index, westernClass.institutionId).timeZone;
    const weekFrom = Math.max(weekStartInstant(entry.weekStartLocalDate, zone), frozenMs);
    const weekTo = weekStartInstant(addDays(entry.weekStartLocalDate, 7), zone);
    const common = intersectAll(classTimes(index, westernClass).union, instructorTimes(index, instructor).union);
    // Most sessions starting on each instructor-local day, then capped per day and per week.
    const perDay = new Map<number, number>();
    for (const part of common) {
      const first = Math.max(part.startMs, weekFrom);
      const last = Math.min(part.endMs - durationMs, weekTo - 1);
      if (last < first) continue;
      for (let from = first; from <= last;) {
        const day = localDayNumberAt(from, instructor.timeZone);
        const nextMidnight = weekStartInstant(dayNumberToLocalDate(day + 1), instructor.timeZone);
        const to = Math.min(last, nextMidnight - 1);
        perDay.set(day, (perDay.get(day) ?? 0) + Math.floor((to - from) / (durationMs + restMs)) + 1);
        from = nextMidnight;
      }
    }
    const perWeek = new Map<number, number>();
    for (const [day, n] of perDay) {
      const week = Math.floor((day + 3) / 7);
      perWeek.set(week, (perWeek.get(week) ?? 0) + Math.min(n, instructor.maxSessionsPerDay));
    }
    let bound = 0;
    for (const n of perWeek.values()) bound += Math.min(n, instructor.maxSessionsPerWeek);
    const cannot = Math.min(entry.count, Math.max(0, westernClass.sessionsPerWeek - bound));
    unplaceable += cannot;
    if (entry.count > cannot) {
      blocked += entry.count - cannot;
      blockedEntries.push({ entry, count: entry.count - cannot });
    }
  }
  if (!input.plan.sessions) return { unplaceable, blocked, blockedEntries, contended: null, unboundedWeeks: 0 };
  // Class-sessions each instructor teaches per instructor-local ISO week, as planned.
  const taught = new Map<string, number>();
  for (const session of input.plan.sessions) {
    const instructor = index.instructors.get(session.instructorId);
    if (!instructor) continue;
    const key = `${instructor.id}|${isoWeek(localDayNumberAt(parseInstant(session.startsAt), instructor.timeZone))}`;
    taught.set(key, (taught.get(key) ?? 0) + session.westernClassIds.length);
  }
  const byInstructor = new Map<string, Pairing[]>();
  for (const pairing of input.pairings)
    byInstructor.set(pairing.instructorId, [...(byInstructor.get(pairing.instructorId) ?? []), pairing]);
  const bounds = new Map<string, number | null>();
  let contended = 0;
  for (const { entry, count } of blockedEntries) {
    const instructor = index.instructors.get(entry.instructorId);
    const westernClass = index.classes.get(entry.westernClassId);
    if (!instructor || !westernClass) continue;
    const zone = institutionOf(index, westernClass.institutionId).timeZone;
    const first = isoWeek(localDayNumberAt(weekStartInstant(entry.weekStartLocalDate, zone), instructor.timeZone));
    const last = isoWeek(localDayNumberAt(weekStartInstant(addDays(entry.weekStartLocalDate, 7), zone) - 1, instructor.timeZone));
    let full = true;
    for (let week = first; week <= last && full; week++) {
      const key = `${instructor.id}|${week}`;
      if (!bounds.has(key))
        bounds.set(key, instructorWeekBound(index, instructor, byInstructor.get(instructor.id) ?? [], week, restMs, frozenMs));
      const bound = bounds.get(key)!;
      full = bound !== null && (taught.get(key) ?? 0) >= bound;
    }
    if (full) contended += count;
  }
  const unboundedWeeks = [...bounds.values()].filter((b) => b === null).length;
  return { unplaceable, blocked, blockedEntries, contended, unboundedWeeks };
}

/** Monday-based week number of a day number (1970-01-01 was a Thursday). */
function isoWeek(dayNumber: number): number {
  return Math.floor((dayNumber + 3) / 7);
}

const MAX_STARTS = 3000;
const MAX_STATES = 300_000;

/**
 * An upper bound on the class-sessions one instructor can teach in one instructor-local ISO week, with
 * nothing else booked and host teachers ignored: exact over a start set that loses nothing (each
 * common interval's first instant, and every session end plus the rest time within an interval:
 * shifting a timetable's sessions as early as they go keeps it valid and lands on these), by a dynamic
 * programme in time order over what each class-week still needs and the sessions on the current day
 * and in the week. Null when the start set or the state space grows too large.
 */
function instructorWeekBound(
  index: ProgramIndex,
  instructor: Instructor,
  pairings: readonly Pairing[],
  week: number,
  restMs: number,
  frozenMs: number,
): number | null {
  const weekFrom = Math.max(weekStartInstant(dayNumberToLocalDate(week * 7 - 3), instructor.timeZone), frozenMs);
  const weekTo = weekStartInstant(dayNumberToLocalDate(week * 7 + 4), instructor.timeZone);
  const free = instructorTimes(index, instructor).union;
  interface Range {
    pairing: number;
    classId: string;
    zone: string;
    need: number;
    from: number;
    to: number;
  }
  const ranges: Range[] = [];
  const durations: number[] = [];
  pairings.forEach((pairing, p) => {
    const classes = pairing.westernClassIds.map((id) => index.classes.get(id)).filter((c) => c !== undefined);
    const durationMs = Math.max(...classes.map((c) => c.durationMinutes)) * MINUTE_MS;
    durations.push(durationMs);
    for (const westernClass of classes) {
      const zone = institutionOf(index, westernClass.institutionId).timeZone;
      for (const part of intersectAll(classTimes(index, westernClass).union, free)) {
        const from = Math.max(part.startMs, weekFrom);
        const to = Math.min(part.endMs - durationMs, weekTo - 1);
        if (from <= to) ranges.push({ pairing: p, classId: westernClass.id, zone, need: westernClass.sessionsPerWeek, from, to });
      }
    }
  });
  if (ranges.length === 0) return 0;
  // Starts: range starts, closed under "a session's end plus the rest time".
  const starts = new Set<string>();
  const queue: [number, number][] = [];
  const push = (p: number, at: number): void => {
    const key = `${p}|${at}`;
    if (starts.has(key)) return;
    starts.add(key);
    queue.push([p, at]);
  };
  for (const r of ranges) push(r.pairing, r.from);
  while (queue.length > 0) {
    if (starts.size > MAX_STARTS) return null;
    const [p, at] = queue.pop()!;
    const next = at + durations[p]! + restMs;
    for (const r of ranges) if (r.from <= next && next <= r.to) push(r.pairing, next);
  }
  interface Option {
    startMs: number;
    endMs: number;
    day: number;
    slots: number[];
  }
  const needIndex = new Map<string, number>();
  const needs: number[] = [];
  const options: Option[] = [];
  for (const key of starts) {
    const [p, at] = key.split('|').map(Number) as [number, number];
    const slots: number[] = [];
    for (const r of ranges) {
      if (r.pairing !== p || at < r.from || at > r.to) continue;
      const day = localDayNumberAt(at, r.zone);
      const needKey = `${r.classId}|${day - ((((day + 3) % 7) + 7) % 7)}`;
      let slot = needIndex.get(needKey);
      if (slot === undefined) {
        slot = needs.length;
        needIndex.set(needKey, slot);
        needs.push(r.need);
      }
      if (!slots.includes(slot)) slots.push(slot);
    }
    options.push({ startMs: at, endMs: at + durations[p]!, day: localDayNumberAt(at, instructor.timeZone), slots });
  }
  options.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const next = options.map((o) => {
    let j = 0;
    while (j < options.length && options[j]!.startMs < o.endMs + restMs) j++;
    return j;
  });
  const memo = new Map<string, number>();
  let over = false;
  const best = (i: number, lastDay: number, dayCount: number, weekCount: number): number => {
    if (i >= options.length || over || weekCount >= instructor.maxSessionsPerWeek) return 0;
    const key = `${i}|${needs.join(',')}|${lastDay}|${dayCount}|${weekCount}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (memo.size >= MAX_STATES) {
      over = true;
      return 0;
    }
    let value = best(i + 1, lastDay, dayCount, weekCount);
    const o = options[i]!;
    const today = o.day === lastDay ? dayCount : 0;
    const served = o.slots.filter((slot) => needs[slot]! > 0);
    if (served.length > 0 && today < instructor.maxSessionsPerDay) {
      for (const slot of served) needs[slot]!--;
      value = Math.max(value, served.length + best(next[i]!, o.day, today + 1, weekCount + 1));
      for (const slot of served) needs[slot]!++;
    }
    memo.set(key, value);
    return value;
  };
  const bound = best(0, Number.NaN, 0, 0);
  return over ? null : bound;
}
