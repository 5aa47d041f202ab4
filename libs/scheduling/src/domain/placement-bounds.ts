import type { Instructor, JointSession, Pairing, WesternClass } from './model.js';
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
import { intersectAll, parseInstant, type UtcInterval } from './zoned-interval.js';
import { coversAt, sortedUnique } from './lesson-fit.js';
import type { PlannedSession, UnplacedSessions } from './plan-term.js';

export interface UnplacedBreakdownInput {
  program: SchedulingProgram | ProgramIndex;
  pairings: readonly Pairing[];
  /** `sessions` lets the blocked ones be checked against their instructor-week's bound (`contended`). */
  plan: { unplaced: readonly UnplacedSessions[]; sessions?: readonly PlannedSession[] };
  minRestMinutes?: number;
  /** As given to `planTerm`: no session may start before it. */
  frozenBefore?: string;
  /** As given to `planTerm`: other pairings' sessions, which hold their parties and never move. */
  busySessions?: readonly JointSession[];
}

/**
 * What the plan shows of one blocked class-week, judged at every whole-minute start its class and
 * instructor share that week (see `blockedTimes`).
 * `held`: at every start some session in the way cannot move to another free time of its own week
 * (kept, frozen and outside sessions never move), or a cap in the way cannot be relieved so.
 * `movable`: at some start every session in the way could move elsewhere in its week, one at a time.
 * `free`: at some start nothing is in the way (or the class could join a session of its lesson):
 * the plan missed it.
 */
export type BlockedProof = 'held' | 'movable' | 'free';

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
  /**
   * The blocked class-sessions not `contended`, by what the plan shows at each of their times: `held`
   * ones cannot be placed without dropping a session that has nowhere else to go; `movable` and
   * `free` ones might be placed. Null without `sessions`.
   */
  proofs: Record<BlockedProof, number> | null;
  /** The blocked entries with their proof (`contended` for the instructor-week bound). */
  provenEntries: { entry: UnplacedSessions; count: number; proof: BlockedProof | 'contended' }[];
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
  if (!input.plan.sessions)
    return { unplaceable, blocked, blockedEntries, contended: null, unboundedWeeks: 0, proofs: null, provenEntries: [] };
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
  const proofs: Record<BlockedProof, number> = { held: 0, movable: 0, free: 0 };
  const provenEntries: UnplacedBreakdown['provenEntries'] = [];
  const view = new PlanView(index, input.plan.sessions, input.busySessions ?? [], restMs, frozenMs);
  for (const { entry, count } of blockedEntries) {
    const instructor = index.instructors.get(entry.instructorId);
    const westernClass = index.classes.get(entry.westernClassId);
    if (!instructor || !westernClass) {
      proofs.movable += count;
      provenEntries.push({ entry, count, proof: 'movable' });
      continue;
    }
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
    if (full) {
      contended += count;
      provenEntries.push({ entry, count, proof: 'contended' });
      continue;
    }
    const pairing = pairings.get(entry.pairingId);
    const proof = pairing ? view.blockedTimes(pairing, westernClass, instructor, entry.weekStartLocalDate) : 'movable';
    proofs[proof] += count;
    provenEntries.push({ entry, count, proof });
  }
  const unboundedWeeks = [...bounds.values()].filter((b) => b === null).length;
  return { unplaceable, blocked, blockedEntries, contended, unboundedWeeks, proofs, provenEntries };
}

interface Booked {
  id: string;
  pairingId: string;
  instructorId: string;
  classIds: readonly string[];
  startMs: number;
  endMs: number;
  /** New sessions of the plan; kept, frozen and outside ones never move. */
  movable: boolean;
}

/**
 * The plan's sessions by instructor, class and host teacher, and the instructor's counts per local
 * day, week and term: enough to tell, at one start, what is in the way and whether it could go.
 * Built from the plan alone, apart from the solver's bookkeeping.
 */
class PlanView {
  private readonly byKey = new Map<string, Booked[]>();
  private readonly counts = new Map<string, number>();
  private readonly alternatives = new Map<string, boolean>();
  private readonly weekBounds = new Map<string, [number, number]>();

  constructor(
    private readonly index: ProgramIndex,
    sessions: readonly PlannedSession[],
    busy: readonly JointSession[],
    private readonly restMs: number,
    private readonly frozenMs: number,
  ) {
    const all: Booked[] = [
      ...sessions.map((s) => ({ ...toBooked(s), movable: s.origin === 'new' })),
      ...busy.filter((s) => s.status !== 'cancelled').map((s) => ({ ...toBooked(s), movable: false })),
    ].sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
    for (const b of all) {
      for (const key of this.keysOf(b)) {
        const list = this.byKey.get(key);
        if (list) list.push(b);
        else this.byKey.set(key, [b]);
      }
      const instructor = index.instructors.get(b.instructorId);
      if (!instructor) continue;
      for (const key of countKeys(instructor, b.startMs)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  /**
   * What stands in the way of one more session of `pairing` for `westernClass` in its week (Monday
   * `monday`, class zone): tried at every whole-minute start where the class's periods and the
   * instructor's free time hold it, a representative of each stretch over which what is in the way
   * stays the same.
   */
  blockedTimes(pairing: Pairing, westernClass: WesternClass, instructor: Instructor, monday: string): BlockedProof {
    const zone = institutionOf(this.index, westernClass.institutionId).timeZone;
    const fromMs = Math.max(weekStartInstant(monday, zone), this.frozenMs);
    const toMs = weekStartInstant(addDays(monday, 7), zone);
    const durationMs =
      Math.max(...pairing.westernClassIds.map((id) => this.index.classes.get(id)?.durationMinutes ?? westernClass.durationMinutes)) *
      MINUTE_MS;
    const union = classTimes(this.index, westernClass).union;
    // Joining a session of its own lesson that the class's periods and its host teacher allow.
    for (const b of this.near(`i|${instructor.id}`, fromMs, toMs + durationMs)) {
      if (b.pairingId !== pairing.id || b.classIds.includes(westernClass.id) || b.startMs < fromMs || b.startMs >= toMs) continue;
      if (!coversAt(union, b.startMs, b.endMs)) continue;
      const clash = [`c|${westernClass.id}`, ...(westernClass.hostTeacherId ? [`h|${westernClass.hostTeacherId}`] : [])].some((key) =>
        this.near(key, b.startMs, b.endMs).some((o) => o.startMs < b.endMs && b.startMs < o.endMs),
      );
      if (!clash) return 'free';
    }
    const keys: [string, number][] = [
      [`i|${instructor.id}`, this.restMs],
      [`c|${westernClass.id}`, 0],
      ...(westernClass.hostTeacherId ? [[`h|${westernClass.hostTeacherId}`, 0] as [string, number]] : []),
    ];
    const ranges = startRanges(intersectAll(union, instructorTimes(this.index, instructor).union), durationMs, fromMs, toMs);
    let proof: BlockedProof = 'held';
    for (const t of this.starts(ranges, keys, durationMs, instructor.timeZone, fromMs, toMs)) {
      const inTheWay = this.inTheWay(keys, t, t + durationMs);
      const caps = this.capsAt(instructor, t, null);
      if (inTheWay.length === 0 && caps.length === 0) return 'free';
      // The session itself, there: what moves must also keep clear of it.
      const placed: Booked = {
        id: '',
        pairingId: pairing.id,
        instructorId: instructor.id,
        classIds: [westernClass.id],
        startMs: t,
        endMs: t + durationMs,
        movable: false,
      };
      const held =
        caps.includes('term') ||
        inTheWay.some((b) => !b.movable || !this.hasAlternative(b, 'any') || !this.hasAlternative(b, 'any', placed)) ||
        (caps.includes('day') && !this.relievable(instructor, t, 'day')) ||
        (caps.includes('week') && !this.relievable(instructor, t, 'week'));
      if (!held) proof = 'movable';
    }
    return proof;
  }

  /** Sessions holding one of `keys` (with its padding) that meet [startMs, endMs); `extra` counts as booked. */
  private inTheWay(keys: readonly [string, number][], startMs: number, endMs: number, extra: Booked | null = null): Booked[] {
    const out = new Set<Booked>();
    for (const [key, padMs] of keys)
      for (const b of this.near(key, startMs - padMs, endMs + padMs, extra))
        if (b.startMs < endMs + padMs && startMs - padMs < b.endMs) out.add(b);
    return [...out];
  }

  /** The instructor's caps already reached at a start (`ignore`: a session that is moving). */
  private capsAt(instructor: Instructor, startMs: number, ignore: Booked | null, extra: Booked | null = null): ('day' | 'week' | 'term')[] {
    const [day, week, term] = countKeys(instructor, startMs);
    const own: string[] = ignore ? countKeys(instructor, ignore.startMs) : [];
    const added: string[] = extra?.instructorId === instructor.id ? countKeys(instructor, extra.startMs) : [];
    const count = (key: string): number => (this.counts.get(key) ?? 0) - (own.includes(key) ? 1 : 0) + (added.includes(key) ? 1 : 0);
    const out: ('day' | 'week' | 'term')[] = [];
    if (count(day) >= instructor.maxSessionsPerDay) out.push('day');
    if (count(week) >= instructor.maxSessionsPerWeek) out.push('week');
    if (count(term) >= instructor.maxSessionsPerTerm) out.push('term');
    return out;
  }

  /** True when one of the instructor's movable sessions that local day (or week) could move out of it. */
  private relievable(instructor: Instructor, startMs: number, kind: 'day' | 'week'): boolean {
    const day = localDayNumberAt(startMs, instructor.timeZone);
    const from = weekStartInstant(dayNumberToLocalDate(kind === 'day' ? day : day - ((((day + 3) % 7) + 7) % 7)), instructor.timeZone);
    const to = weekStartInstant(
      dayNumberToLocalDate(kind === 'day' ? day + 1 : day - ((((day + 3) % 7) + 7) % 7) + 7),
      instructor.timeZone,
    );
    return this.near(`i|${instructor.id}`, from, to).some(
      (b) => b.movable && b.startMs >= from && b.startMs < to && this.hasAlternative(b, kind),
    );
  }

  /**
   * Whether a session could start at another free time of its own week (`day`/`week`: on another
   * local day or week of its instructor), with `extra` booked too when given.
   */
  private hasAlternative(b: Booked, kind: 'any' | 'day' | 'week', extra: Booked | null = null): boolean {
    const memo = `${b.id}|${kind}|${extra ? `${extra.startMs}|${extra.classIds.join(',')}` : ''}`;
    const known = this.alternatives.get(memo);
    if (known !== undefined) return known;
    const instructor = this.index.instructors.get(b.instructorId);
    const classes = b.classIds.map((id) => this.index.classes.get(id));
    let found = false;
    if (instructor && classes.every((c) => c !== undefined)) {
      const durationMs = b.endMs - b.startMs;
      let fromMs = this.frozenMs;
      let toMs = Infinity;
      let union = instructorTimes(this.index, instructor).union;
      const keys: [string, number][] = [[`i|${instructor.id}`, this.restMs]];
      const hosts = new Set<string>();
      for (const c of classes) {
        const zone = institutionOf(this.index, c.institutionId).timeZone;
        const [from, to] = this.weekAround(b.startMs, zone);
        fromMs = Math.max(fromMs, from);
        toMs = Math.min(toMs, to);
        union = intersectAll(union, classTimes(this.index, c).union);
        keys.push([`c|${c.id}`, 0]);
        if (c.hostTeacherId && !hosts.has(c.hostTeacherId)) {
          hosts.add(c.hostTeacherId);
          keys.push([`h|${c.hostTeacherId}`, 0]);
        }
      }
      const day = localDayNumberAt(b.startMs, instructor.timeZone);
      const ranges = startRanges(union, durationMs, fromMs, toMs);
      for (const t of this.starts(ranges, keys, durationMs, instructor.timeZone, fromMs, toMs, extra)) {
        if (t === b.startMs) continue;
        const there = localDayNumberAt(t, instructor.timeZone);
        if (kind === 'day' && there === day) continue;
        if (kind === 'week' && isoWeek(there) === isoWeek(day)) continue;
        if (this.inTheWay(keys, t, t + durationMs, extra).some((o) => o !== b)) continue;
        if (this.capsAt(instructor, t, b, extra).length > 0) continue;
        found = true;
        break;
      }
    }
    this.alternatives.set(memo, found);
    return found;
  }

  /** The class week (class zone) holding an instant, as UTC bounds. */
  private weekAround(ms: number, zone: string): [number, number] {
    const day = localDayNumberAt(ms, zone);
    const monday = dayNumberToLocalDate(day - ((((day + 3) % 7) + 7) % 7));
    const key = `${monday}|${zone}`;
    let bounds = this.weekBounds.get(key);
    if (!bounds) {
      bounds = [weekStartInstant(monday, zone), weekStartInstant(addDays(monday, 7), zone)];
      this.weekBounds.set(key, bounds);
    }
    return bounds;
  }

  /**
   * Whole-minute starts in `ranges` that stand for every start: each range's ends, each point where
   * a session of `keys` starts or stops being in the way, each local midnight of `zone` (caps), and a
   * minute after each of them.
   */
  private starts(
    ranges: readonly [number, number][],
    keys: readonly [string, number][],
    durationMs: number,
    zone: string,
    fromMs: number,
    toMs: number,
    extra: Booked | null = null,
  ): number[] {
    if (ranges.length === 0) return [];
    const cuts: number[] = [];
    for (const [key, padMs] of keys)
      for (const b of this.near(key, fromMs - durationMs - padMs, toMs + durationMs + padMs, extra))
        cuts.push(b.startMs - durationMs - padMs, b.endMs + padMs);
    const firstDay = localDayNumberAt(fromMs, zone);
    for (let d = firstDay + 1; ; d++) {
      const midnight = weekStartInstant(dayNumberToLocalDate(d), zone);
      if (midnight >= toMs) break;
      cuts.push(midnight);
    }
    const points: number[] = [];
    for (const [lo, hi] of ranges) {
      points.push(lo, hi);
      for (const cut of cuts) {
        if (cut >= lo && cut <= hi) points.push(cut);
        if (cut + MINUTE_MS >= lo && cut + MINUTE_MS <= hi) points.push(cut + MINUTE_MS);
      }
      if (lo + MINUTE_MS <= hi) points.push(lo + MINUTE_MS);
    }
    return sortedUnique(points);
  }

  /** Sessions of `key` that may meet [fromMs, toMs) (a day either side), `extra` among them when it holds `key`. */
  private near(key: string, fromMs: number, toMs: number, extra: Booked | null = null): Booked[] {
    const list = this.byKey.get(key) ?? [];
    if (extra && this.keysOf(extra).includes(key)) return [...this.near(key, fromMs, toMs), extra];
    let lo = 0;
    let hi = list.length;
    const from = fromMs - 86_400_000;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.startMs < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Booked[] = [];
    for (let i = lo; i < list.length && list[i]!.startMs < toMs; i++) out.push(list[i]!);
    return out;
  }

  private keysOf(b: Booked): string[] {
    const keys = [`i|${b.instructorId}`];
    const hosts = new Set<string>();
    for (const id of b.classIds) {
      keys.push(`c|${id}`);
      const host = this.index.classes.get(id)?.hostTeacherId;
      if (host && !hosts.has(host)) {
        hosts.add(host);
        keys.push(`h|${host}`);
      }
    }
    return keys;
  }
}

function toBooked(s: PlannedSession | JointSession): Omit<Booked, 'movable'> {
  return {
    id: s.id,
    pairingId: s.pairingId,
    instructorId: s.instructorId,
    classIds: s.westernClassIds,
    startMs: parseInstant(s.startsAt),
    endMs: parseInstant(s.endsAt),
  };
}

/** The instructor's day, week and term count keys for a session starting at `startMs`. */
function countKeys(instructor: Instructor, startMs: number): [string, string, string] {
  const day = localDayNumberAt(startMs, instructor.timeZone);
  return [`d|${instructor.id}|${day}`, `w|${instructor.id}|${isoWeek(day)}`, `t|${instructor.id}`];
}

/** Closed ranges of starts [from, to] for sessions of `durationMs` inside `union`, starting in [fromMs, toMs). */
function startRanges(union: readonly UtcInterval[], durationMs: number, fromMs: number, toMs: number): [number, number][] {
  const out: [number, number][] = [];
  for (const part of union) {
    const lo = Math.max(part.startMs, fromMs);
    const hi = Math.min(part.endMs - durationMs, toMs - 1);
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
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
