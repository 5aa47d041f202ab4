import type { Instructor, JointSession, Pairing, WesternClass } from './model.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { BusyCalendar, Tally } from './busy-calendar.js';
import { allowedPeriodsOf, checkSlot, DEFAULT_MIN_REST_MINUTES, type SlotClassContext } from './check-slot.js';
import { describeIntervalInZones, describeWeeklyWindows } from './format-local.js';
import { addDays, dayNumberToLocalDate, WEEKDAY_SHORT } from './local-date.js';
import { seededHash, sortedUnique, coversAt } from './lesson-fit.js';
import {
  classCalendar,
  classTimes,
  indexProgram,
  institutionOf,
  instructorCalendar,
  instructorTermsOf,
  instructorTimes,
  weekStartInstant,
  type ProgramIndex,
  type SchedulingProgram,
} from './program-index.js';
import { termDay } from './term-calendar.js';
import { localTimeToMinutes } from './time-zone.js';
import { localDayNumberAt, localMinutesAt, offsetMinutesAt } from './zone-offset.js';
import { instantToIso, intersectAll, parseInstant } from './zoned-interval.js';

export interface PlanTermInput {
  program: SchedulingProgram | ProgramIndex;
  /** The pairings to timetable (the caller passes the confirmed ones). */
  pairings: readonly Pairing[];
  /**
   * Published sessions of `pairings`: kept when still valid, otherwise moved with a reason. Frozen ones
   * (completed, or started before `frozenBefore`) are kept as they are whatever the rules say now, and
   * count toward their class's weekly need: a week already taught needs nothing more.
   */
  existingSessions?: readonly JointSession[];
  /**
   * Sessions outside `pairings` (other pairings' published sessions, of the planned terms) whose parties
   * are busy then: their instructor (times, rest and the day, week and term caps), their classes and
   * their classes' host teachers. Never moved, never in the plan.
   */
  busySessions?: readonly JointSession[];
  /**
   * UTC ISO instant, e.g. the start of a re-run in mid-term: existing sessions that start before it
   * are frozen, and no new session starts before it. Default: none frozen but completed ones.
   */
  frozenBefore?: string;
  /** Tie-break seed; the same input and seed give the same plan. Default 1. */
  seed?: number;
  /** Minimum gap between two sessions of one instructor, minutes; default 15. */
  minRestMinutes?: number;
  /** Local hours everyone finds humane; default 08:00-21:00. */
  humaneFromLocalTime?: string;
  humaneToLocalTime?: string;
  /** Called with 0..100 (whole percents, rising) as the run goes; 100 once at the end. */
  onProgress?: (percent: number) => void;
  /** Asked between pairings; true stops the run with SCHEDULING_CANCELLED. */
  isCancelled?: () => boolean;
}

export type PlannedSessionOrigin = 'kept' | 'new';

/** A session of the plan, shaped like a `JointSession` (UTC ISO instants). */
export interface PlannedSession {
  id: string;
  pairingId: string;
  instructorId: string;
  westernClassIds: string[];
  startsAt: string;
  endsAt: string;
  /** The zone of the session's own first class (a kept session keeps its published one). */
  anchorTimeZone: string;
  origin: PlannedSessionOrigin;
}

/** Sessions a class should have had in one of its weeks and did not get, and why. */
export interface UnplacedSessions {
  pairingId: string;
  instructorId: string;
  westernClassId: string;
  /** Monday of the class's week, in the class's zone. */
  weekStartLocalDate: string;
  count: number;
  code: UnplacedCode;
  /** Plain words, with the times in each party's local time. */
  reason: string;
}

/**
 * `ALREADY_PAST`: every time the parties could meet that week starts before `frozenBefore`.
 * `ALL_COMMON_TIMES_TAKEN`: times exist but other sessions (or the instructor's caps) hold them.
 */
export type UnplacedCode = 'NO_TEACHING_DAYS' | 'INSTRUCTOR_AWAY' | 'NO_COMMON_TIME' | 'ALREADY_PAST' | 'ALL_COMMON_TIMES_TAKEN';

export interface MovedSession {
  sessionId: string;
  from: { startsAt: string; endsAt: string };
  /** The session that replaces it, or null when none could be placed (see `unplaced`). */
  to: { sessionId: string; startsAt: string; endsAt: string } | null;
  reason: string;
}

export interface PlanScore {
  /** In class-sessions: one session serving three classes counts three. */
  sessionsRequired: number;
  sessionsPlaced: number;
  sessionsUnplaced: number;
  /** Hard rules broken in the plan as re-checked by replaying it (0 by construction). */
  hardViolations: number;
  soft: {
    /** Sessions not at their pairing's usual weekly slot (same weekday and local time all term). */
    offUsualSlot: number;
    /** Minutes before 08:00 or after 21:00 local, summed over every party of every session. */
    inhumaneMinutes: number;
    /** Extra sessions of one pairing on a day that already has one, in one week. */
    sameDayRepeats: number;
    /** An instructor's sessions beyond the first on one local day, summed. */
    stackedInstructorSessions: number;
  };
}

/** A frozen session that breaks a rule now: kept as it is, for a coordinator to look at. */
export interface FrozenProblem {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  /** Plain words, with the times in each party's local time. */
  reason: string;
}

export interface TermPlan {
  sessions: PlannedSession[];
  unplaced: UnplacedSessions[];
  moved: MovedSession[];
  /** Every existing session the plan keeps, frozen ones included. */
  keptSessionIds: string[];
  /** Existing sessions kept because they are completed or started before `frozenBefore`. */
  frozenSessionIds: string[];
  frozenProblems: FrozenProblem[];
  score: PlanScore;
  seed: number;
}

interface Member {
  westernClass: WesternClass;
  zone: string;
  union: ReturnType<typeof classTimes>['union'];
  occurrences: ReturnType<typeof classTimes>['occurrences'];
  weekStarts: Set<string>;
  hostKey: string | null;
}

interface Candidate {
  startMs: number;
  endMs: number;
  /** Indexes of members whose periods hold the whole session. */
  members: number[];
  key: string;
  anchorDay: number;
  inhumane: number;
}

interface Job {
  pairing: Pairing;
  instructor: Instructor;
  members: Member[];
  durationMs: number;
  anchorZone: string;
  zones: string[];
  mondays: string[];
  /** Valid times by week (anchor zone Monday) that start at or after `frozenBefore`. */
  candidates: Map<string, Candidate[]>;
  /** Those that start before it: never used, they tell a past week from one with no common time. */
  past: Map<string, Candidate[]>;
  candidateCount: number;
  /** Distinct weekly slots (anchor wall clock) at which every class of the lesson can meet. */
  fullKeys: number;
  order: number;
  /** The instructor's free time (sorted, merged). */
  free: ReturnType<typeof instructorTimes>['union'];
}

const WEEK_DAYS = 7;
const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;
const BUCKET_MS = 15 * MINUTE_MS;
const BUCKETS = WEEK_MS / BUCKET_MS;
/** States the exact week solver may visit before it gives up (then the week stays as it is). */
const WEEK_STATES = 200_000;
/** Other instructors' weeks tried with a short week (3 gain as much as 20 at the national scale). */
const PARTNERS = 3;

/**
 * How much the pairings not yet planned want each quarter hour of an instructor's (and a host
 * teacher's) week, by the weekly slots they could use: a pairing prefers usual slots others need least.
 */
class Contention {
  private readonly demand = new Map<string, Int32Array>();

  add(job: Job, sign: 1 | -1): void {
    for (const c of representativeCandidates(job)) {
      this.bump(`i|${job.instructor.id}`, c, sign);
      for (const i of c.members) {
        const host = job.members[i]!.hostKey;
        if (host) this.bump(host, c, sign);
      }
    }
  }

  of(job: Job, c: Candidate): number {
    let total = this.sum(`i|${job.instructor.id}`, c);
    for (const i of c.members) {
      const host = job.members[i]!.hostKey;
      if (host) total += this.sum(host, c);
    }
    return total;
  }

  private bump(key: string, c: Candidate, sign: 1 | -1): void {
    let row = this.demand.get(key);
    if (!row) {
      row = new Int32Array(BUCKETS);
      this.demand.set(key, row);
    }
    for (let t = c.startMs; t < c.endMs; t += BUCKET_MS) row[bucketOf(t)]! += sign;
  }

  private sum(key: string, c: Candidate): number {
    const row = this.demand.get(key);
    if (!row) return 0;
    let total = 0;
    for (let t = c.startMs; t < c.endMs; t += BUCKET_MS) total += row[bucketOf(t)]!;
    return total;
  }
}

function bucketOf(ms: number): number {
  return Math.floor((((ms % WEEK_MS) + WEEK_MS) % WEEK_MS) / BUCKET_MS);
}

/** One candidate per weekly slot key (its first week), what `Contention` counts. */
function representativeCandidates(job: Job): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const monday of job.mondays) for (const c of job.candidates.get(monday) ?? []) if (!seen.has(c.key)) seen.set(c.key, c);
  return [...seen.values()];
}

/**
 * Places every required session of the given pairings over their terms.
 *
 * Hard rules (never broken): inside the instructor's windows and every class's allowed periods, each
 * in its own zone; term dates, holidays and make-up days of every institution involved (the
 * instructor's too); no instructor, western class or shared host teacher double-booked; the
 * instructor's caps per day, week and term; `minRestMinutes` between an instructor's sessions.
 * Soft goals, in order: the same weekly slot all term, humane local hours for everyone, sessions of
 * a pairing spread over the week, an instructor's sessions spread over days.
 *
 * Method: busy sessions hold their parties; frozen sessions are kept as they are; published
 * sessions still valid are kept and counted; the others are moved (replaced in their week when
 * possible). Then instructor by instructor (the one with the most constrained pairing first), the
 * usual weekly slots of all its pairings are chosen together by a bounded search (wall clock of the
 * class's zone; most class-sessions over the term, then humane hours and least contention with
 * pairings still to come), placed in every week they are valid; each week's remaining needs get a
 * bounded search over that week's valid times, then a greedy pass, and a week still short is solved
 * again exactly (`solveWeek`). Then a repair pass frees a blocked time by moving one or two new
 * sessions in the way to another valid time of their week, and each week still short is solved again
 * together with the week of an instructor whose sessions hold one of its host teachers
 * (`improveShortWeeks`). Last, each class-week still short is tried at every whole-minute start its
 * class and instructor share (not only period and window starts), joining a session of its lesson,
 * taking a free start, or moving the new sessions in the way to other times of their weeks, directly
 * or by a chain of two moves (`placeByMoves`). Every session still missing gets a reason (saying so when, at every start, something
 * in the way had nowhere else to go). Deterministic for a given input and seed.
 */
export function planTerm(input: PlanTermInput): TermPlan {
  const index =
    'classes' in input.program && input.program.classes instanceof Map
      ? (input.program as ProgramIndex)
      : indexProgram(input.program as SchedulingProgram);
  const seed = input.seed ?? 1;
  const restMs = (input.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES) * MINUTE_MS;
  const humaneFrom = localTimeToMinutes(input.humaneFromLocalTime ?? '08:00');
  const humaneTo = localTimeToMinutes(input.humaneToLocalTime ?? '21:00');
  const frozenMs = input.frozenBefore === undefined ? -Infinity : parseInstant(input.frozenBefore);
  const state = new PlanState(restMs, index);
  const jobs = input.pairings.map((pairing) => buildJob(index, pairing, humaneFrom, humaneTo, frozenMs));
  // Most constrained first: fewest weekly slots that suit every class of the lesson, then fewest slots at all.
  jobs.sort(
    (a, b) =>
      a.fullKeys - b.fullKeys ||
      a.candidateCount / Math.max(1, a.mondays.length) - b.candidateCount / Math.max(1, b.mondays.length) ||
      seededHash(seed, a.pairing.id) - seededHash(seed, b.pairing.id),
  );
  jobs.forEach((job, i) => (job.order = i));
  const byPairing = new Map(jobs.map((job) => [job.pairing.id, job]));

  const sessions: PlannedSession[] = [];
  const moved: MovedSession[] = [];
  const keptSessionIds: string[] = [];
  const frozenSessionIds: string[] = [];
  const frozenProblems: FrozenProblem[] = [];
  const usedIds = new Set<string>();
  const keptByPairing = new Map<string, PlannedSession[]>();
  const toReplace = new Map<string, { session: JointSession; monday: string }[]>();
  const byTime = (a: JointSession, b: JointSession): number =>
    a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1;
  const isFrozen = (s: JointSession): boolean => s.status === 'completed' || parseInstant(s.startsAt) < frozenMs;

  // Other pairings' sessions hold their parties; a session of a planned pairing passed here is ignored.
  for (const session of [...(input.busySessions ?? [])].filter((s) => s.status !== 'cancelled').sort(byTime)) {
    if (byPairing.has(session.pairingId) || usedIds.has(session.id)) continue;
    usedIds.add(session.id);
    state.hold(asPlanned(session), parseInstant(session.startsAt), parseInstant(session.endsAt));
  }
  const existing = [...(input.existingSessions ?? [])].filter((s) => s.status !== 'cancelled' && byPairing.has(s.pairingId)).sort(byTime);
  // Frozen sessions next: kept as they are, whatever now fails (said in `frozenProblems`).
  for (const session of existing.filter(isFrozen)) {
    usedIds.add(session.id);
    const job = byPairing.get(session.pairingId)!;
    const startMs = parseInstant(session.startsAt);
    const endMs = parseInstant(session.endsAt);
    const problem = keepProblem(index, job, session, startMs, endMs, state);
    if (problem !== null)
      frozenProblems.push({ sessionId: session.id, startsAt: session.startsAt, endsAt: session.endsAt, reason: problem });
    const planned = asPlanned(session);
    state.place(job, planned, startMs, endMs);
    sessions.push(planned);
    keptSessionIds.push(session.id);
    frozenSessionIds.push(session.id);
    keptByPairing.set(job.pairing.id, [...(keptByPairing.get(job.pairing.id) ?? []), planned]);
  }
  // Then the other published sessions, in time order: kept while every rule holds and they are still needed.
  for (const session of existing.filter((s) => !isFrozen(s))) {
    usedIds.add(session.id);
    const job = byPairing.get(session.pairingId)!;
    const startMs = parseInstant(session.startsAt);
    const endMs = parseInstant(session.endsAt);
    const problem = keepProblem(index, job, session, startMs, endMs, state);
    if (problem === null) {
      const planned: PlannedSession = {
        ...toPlanned(
          job,
          session.id,
          startMs,
          endMs,
          session.westernClassIds.map((id) => job.members.findIndex((m) => m.westernClass.id === id)),
        ),
        // Kept means untouched: the published anchor stays.
        anchorTimeZone: session.anchorTimeZone,
        origin: 'kept',
      };
      state.place(job, planned, startMs, endMs);
      sessions.push(planned);
      keptSessionIds.push(session.id);
      keptByPairing.set(job.pairing.id, [...(keptByPairing.get(job.pairing.id) ?? []), planned]);
    } else {
      const monday = mondayAt(startMs, job.anchorZone);
      toReplace.set(job.pairing.id, [...(toReplace.get(job.pairing.id) ?? []), { session, monday }]);
      moved.push({ sessionId: session.id, from: { startsAt: session.startsAt, endsAt: session.endsAt }, to: null, reason: problem });
    }
  }

  const unplaced: UnplacedSessions[] = [];
  const contention = new Contention();
  for (const job of jobs) contention.add(job, 1);
  let lastPercent = -1;
  let done = 0;
  const groups = new Map<string, Job[]>();
  for (const job of jobs) groups.set(job.instructor.id, [...(groups.get(job.instructor.id) ?? []), job]);
  for (const group of groups.values()) {
    if (input.isCancelled?.()) throw new SchedulingError(SchedulingErrorCode.SCHEDULING_CANCELLED, 'timetabling was cancelled');
    for (const job of group) contention.add(job, -1);
    const placedBy = planInstructor(group, state, seed, keptByPairing, usedIds, contention);
    for (const job of group) {
      sessions.push(...(placedBy.get(job) ?? []));
      done++;
    }
    // Placing is 90% of the run; the repair pass and the reasons take the rest.
    const percent = Math.floor((done * 90) / jobs.length);
    if (percent !== lastPercent) {
      lastPercent = percent;
      input.onProgress?.(percent);
    }
  }
  sessions.push(...repairBlocked(jobs, byPairing, state, usedIds, input.isCancelled));
  improveShortWeeks(groups, byPairing, sessions, state, usedIds, input.isCancelled);
  const stuck = placeByMoves(jobs, byPairing, sessions, state, usedIds, frozenMs, input.isCancelled);
  const newByPairing = new Map<string, PlannedSession[]>();
  for (const p of sessions) if (p.origin === 'new') newByPairing.set(p.pairingId, [...(newByPairing.get(p.pairingId) ?? []), p]);
  for (const job of jobs) {
    const placed = (newByPairing.get(job.pairing.id) ?? []).sort((a, b) =>
      a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0,
    );
    for (const pending of toReplace.get(job.pairing.id) ?? []) {
      const replacement = placed.find(
        (p) => mondayAt(parseInstant(p.startsAt), job.anchorZone) === pending.monday && !moved.some((m) => m.to?.sessionId === p.id),
      );
      const entry = moved.find((m) => m.sessionId === pending.session.id)!;
      if (replacement) entry.to = { sessionId: replacement.id, startsAt: replacement.startsAt, endsAt: replacement.endsAt };
    }
    unplaced.push(...explainMissing(index, job, state, stuck));
  }
  input.onProgress?.(100);

  sessions.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1));
  unplaced.sort((a, b) =>
    a.pairingId < b.pairingId
      ? -1
      : a.pairingId > b.pairingId
        ? 1
        : a.westernClassId < b.westernClassId
          ? -1
          : a.westernClassId > b.westernClassId
            ? 1
            : a.weekStartLocalDate < b.weekStartLocalDate
              ? -1
              : 1,
  );
  const frozen = new Set(frozenSessionIds);
  const busy = (input.busySessions ?? []).filter((s) => s.status !== 'cancelled' && !byPairing.has(s.pairingId));
  const score = scorePlan(index, jobs, byPairing, sessions, unplaced, busy, frozen, restMs, humaneFrom, humaneTo);
  return { sessions, unplaced, moved, keptSessionIds, frozenSessionIds, frozenProblems, score, seed };
}

class PlanState {
  readonly busy = new BusyCalendar();
  readonly tally = new Tally();
  /** Sessions by busy key (`i|`, `c|`, `h|`), to find what blocks a time. */
  readonly owners = new Map<string, PlannedSession[]>();
  private readonly times = new Map<PlannedSession, [number, number]>();

  constructor(
    readonly restMs: number,
    private readonly index: ProgramIndex,
  ) {}

  /** Why the instructor cannot take [startMs, endMs), or null. */
  instructorBlock(job: Job, startMs: number, endMs: number): SchedulingErrorCode | null {
    const instructor = job.instructor;
    const key = `i|${instructor.id}`;
    if (!this.busy.isFree(key, startMs, endMs)) return SchedulingErrorCode.INSTRUCTOR_DOUBLE_BOOKED;
    if (!this.busy.isFree(key, startMs, endMs, this.restMs)) return SchedulingErrorCode.INSTRUCTOR_REST_TOO_SHORT;
    const day = localDayNumberAt(startMs, instructor.timeZone);
    if (this.tally.get(`d|${instructor.id}|${day}`) >= instructor.maxSessionsPerDay) return SchedulingErrorCode.INSTRUCTOR_DAY_CAP_EXCEEDED;
    if (this.tally.get(`w|${instructor.id}|${isoWeekOf(day)}`) >= instructor.maxSessionsPerWeek)
      return SchedulingErrorCode.INSTRUCTOR_WEEK_CAP_EXCEEDED;
    if (this.tally.get(`t|${instructor.id}`) >= instructor.maxSessionsPerTerm) return SchedulingErrorCode.INSTRUCTOR_TERM_CAP_EXCEEDED;
    return null;
  }

  /** Why a member cannot join [startMs, endMs), or null. */
  memberBlock(member: Member, startMs: number, endMs: number): SchedulingErrorCode | null {
    if (!this.busy.isFree(`c|${member.westernClass.id}`, startMs, endMs)) return SchedulingErrorCode.CLASS_DOUBLE_BOOKED;
    if (member.hostKey && !this.busy.isFree(member.hostKey, startMs, endMs)) return SchedulingErrorCode.HOST_DOUBLE_BOOKED;
    return null;
  }

  /** Sessions a member still needs in the class week that holds `startMs`. */
  need(member: Member, startMs: number): number {
    const monday = memberMonday(member, startMs);
    if (!member.weekStarts.has(monday)) return 0;
    return member.westernClass.sessionsPerWeek - this.tally.get(`n|${member.westernClass.id}|${monday}`);
  }

  place(job: Job, session: PlannedSession, startMs: number, endMs: number): void {
    this.book(job, session, startMs, endMs, 1);
  }

  unplace(job: Job, session: PlannedSession, startMs: number, endMs: number): void {
    this.book(job, session, startMs, endMs, -1);
  }

  /** A session outside the planned pairings: its parties are busy, no class need is met. */
  hold(session: PlannedSession, startMs: number, endMs: number): void {
    this.book(null, session, startMs, endMs, 1);
  }

  /** Where a booked session is, as [startMs, endMs]. */
  timeOf(session: PlannedSession): readonly [number, number] | undefined {
    return this.times.get(session);
  }

  /** Sessions holding `key` that meet [startMs - padMs, endMs + padMs). */
  blockers(key: string, startMs: number, endMs: number, padMs: number): PlannedSession[] {
    return (this.owners.get(key) ?? []).filter((s) => {
      const [from, to] = this.times.get(s)!;
      return from < endMs + padMs && startMs - padMs < to;
    });
  }

  private book(job: Job | null, session: PlannedSession, startMs: number, endMs: number, sign: 1 | -1): void {
    if (sign > 0) this.times.set(session, [startMs, endMs]);
    else this.times.delete(session);
    const hold = (key: string): void => {
      let list = this.owners.get(key);
      if (!list) {
        list = [];
        this.owners.set(key, list);
      }
      if (sign > 0) {
        this.busy.add(key, startMs, endMs);
        list.push(session);
      } else {
        this.busy.remove(key, startMs, endMs);
        const at = list.indexOf(session);
        if (at >= 0) list.splice(at, 1);
      }
    };
    hold(`i|${session.instructorId}`);
    // A frozen or busy session may name an instructor the pairing no longer has: that one's caps count.
    const instructor = job?.instructor.id === session.instructorId ? job.instructor : this.index.instructors.get(session.instructorId);
    if (instructor) {
      const day = localDayNumberAt(startMs, instructor.timeZone);
      this.tally.add(`d|${instructor.id}|${day}`, sign);
      this.tally.add(`w|${instructor.id}|${isoWeekOf(day)}`, sign);
      this.tally.add(`t|${instructor.id}`, sign);
    }
    const hosts = new Set<string>();
    for (const id of session.westernClassIds) {
      const member = job?.members.find((m) => m.westernClass.id === id);
      const hostId = member ? member.westernClass.hostTeacherId : this.index.classes.get(id)?.hostTeacherId;
      hold(`c|${id}`);
      if (hostId && !hosts.has(hostId)) {
        hosts.add(hostId);
        hold(`h|${hostId}`);
      }
      if (member) this.tally.add(`n|${id}|${memberMonday(member, startMs)}`, sign);
    }
    if (job) this.tally.add(`p|${job.pairing.id}|${localDayNumberAt(startMs, job.anchorZone)}`, sign);
  }
}

/** Monday-based week number of a day number (1970-01-01 was a Thursday). */
function isoWeekOf(dayNumber: number): number {
  return Math.floor((dayNumber + 3) / WEEK_DAYS);
}

function memberMonday(member: Member, startMs: number): string {
  return mondayAt(startMs, member.zone);
}

function buildJob(index: ProgramIndex, pairing: Pairing, humaneFrom: number, humaneTo: number, frozenMs: number): Job {
  const instructor = index.instructors.get(pairing.instructorId);
  if (!instructor)
    throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `pairing ${pairing.id}: instructor ${pairing.instructorId} is unknown`);
  if (pairing.westernClassIds.length === 0)
    throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `pairing ${pairing.id} has no western class`);
  const members: Member[] = pairing.westernClassIds.map((id) => {
    const westernClass = index.classes.get(id);
    if (!westernClass) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `pairing ${pairing.id}: class ${id} is unknown`);
    const times = classTimes(index, westernClass);
    return {
      westernClass,
      zone: institutionOf(index, westernClass.institutionId).timeZone,
      union: times.union,
      occurrences: times.occurrences,
      weekStarts: new Set(times.weekStarts),
      hostKey: westernClass.hostTeacherId ? `h|${westernClass.hostTeacherId}` : null,
    };
  });
  const anchorZone = members[0]!.zone;
  const zones = [...new Set([instructor.timeZone, ...members.map((m) => m.zone)])];
  const durationMs = Math.max(...members.map((m) => m.westernClass.durationMinutes)) * MINUTE_MS;
  const mondays = [...new Set(members.flatMap((m) => [...m.weekStarts]))].sort();
  const free = instructorTimes(index, instructor);
  const candidates = new Map<string, Candidate[]>();
  const past = new Map<string, Candidate[]>();
  let candidateCount = 0;
  for (const monday of mondays) {
    const fromMs = weekStartInstant(monday, anchorZone);
    const toMs = weekStartInstant(addDays(monday, WEEK_DAYS), anchorZone);
    const starts: number[] = [];
    for (const m of members) collectStarts(m.occurrences, fromMs, toMs, starts);
    collectStarts(free.occurrences, fromMs, toMs, starts);
    const list: Candidate[] = [];
    for (const startMs of sortedUnique(starts)) {
      const endMs = startMs + durationMs;
      if (!coversAt(free.union, startMs, endMs)) continue;
      const covering: number[] = [];
      members.forEach((m, i) => {
        if (coversAt(m.union, startMs, endMs)) covering.push(i);
      });
      if (covering.length === 0) continue;
      let inhumane = 0;
      for (const zone of zones) inhumane += minutesOutside(startMs, endMs, zone, humaneFrom, humaneTo);
      const anchorDay = localDayNumberAt(startMs, anchorZone);
      const key = `${(((anchorDay + 3) % 7) + 7) % 7}|${localMinutesAt(startMs, anchorZone)}`;
      list.push({ startMs, endMs, members: covering, key, anchorDay, inhumane });
    }
    const future = list.filter((c) => c.startMs >= frozenMs);
    candidates.set(monday, future);
    if (future.length < list.length)
      past.set(
        monday,
        list.filter((c) => c.startMs < frozenMs),
      );
    candidateCount += future.length;
  }
  const fullKeys = new Set<string>();
  for (const list of candidates.values()) for (const c of list) if (c.members.length === members.length) fullKeys.add(c.key);
  return {
    pairing,
    instructor,
    members,
    durationMs,
    anchorZone,
    zones,
    mondays,
    candidates,
    past,
    candidateCount,
    fullKeys: fullKeys.size,
    order: 0,
    free: free.union,
  };
}

/** Candidate starts in [fromMs, toMs): where each period or window starts. */
function collectStarts(occurrences: readonly { startMs: number }[], fromMs: number, toMs: number, into: number[]): void {
  let lo = 0;
  let hi = occurrences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (occurrences[mid]!.startMs < fromMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < occurrences.length && occurrences[i]!.startMs < toMs; i++) into.push(occurrences[i]!.startMs);
}

/** Minutes of [startMs, endMs) before `from` or after `to` on the local clock of `zone`. */
function minutesOutside(startMs: number, endMs: number, zone: string, from: number, to: number): number {
  const offset = offsetMinutesAt(startMs, zone);
  if (offsetMinutesAt(endMs - 1, zone) !== offset) {
    // The clock changes during the session: minute by minute.
    let outside = 0;
    for (let t = startMs; t < endMs; t += MINUTE_MS) {
      const minute = localMinutesAt(t, zone);
      if (minute < from || minute >= to) outside += Math.min(1, (endMs - t) / MINUTE_MS);
    }
    return outside;
  }
  // Local minutes since the epoch, and the humane hours of each local day they touch.
  const a = startMs / MINUTE_MS + offset;
  const b = endMs / MINUTE_MS + offset;
  let inside = 0;
  for (let day = Math.floor(a / 1440); day * 1440 < b; day++)
    inside += Math.max(0, Math.min(b, day * 1440 + to) - Math.max(a, day * 1440 + from));
  return b - a - inside;
}

function toPlanned(job: Job, id: string, startMs: number, endMs: number, memberIndexes: number[]): Omit<PlannedSession, 'origin'> {
  return {
    id,
    pairingId: job.pairing.id,
    instructorId: job.instructor.id,
    westernClassIds: memberIndexes.map((i) => job.members[i]!.westernClass.id),
    startsAt: instantToIso(startMs),
    endsAt: instantToIso(endMs),
    // The session's own first class, as the API anchors a hand-made session: not the pairing's first
    // class, which may not take part (a Lanzhou-only session of a Kashgar + Lanzhou lesson is Asia/Shanghai).
    anchorTimeZone: job.members[memberIndexes[0]!]!.zone,
  };
}

/** A published session as the plan holds it, untouched. */
function asPlanned(session: JointSession): PlannedSession {
  return {
    id: session.id,
    pairingId: session.pairingId,
    instructorId: session.instructorId,
    westernClassIds: [...session.westernClassIds],
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    anchorTimeZone: session.anchorTimeZone,
    origin: 'kept',
  };
}

/** Null when a published session may stay, else the reason in plain words. */
function keepProblem(
  index: ProgramIndex,
  job: Job,
  session: JointSession,
  startMs: number,
  endMs: number,
  state: PlanState,
): string | null {
  const when = describeIntervalInZones({ startMs, endMs }, job.zones);
  if (session.instructorId !== job.instructor.id) return `the pairing's instructor is now ${job.instructor.name}; the session was ${when}`;
  const memberIndexes = session.westernClassIds.map((id) => job.members.findIndex((m) => m.westernClass.id === id));
  if (memberIndexes.length === 0 || memberIndexes.some((i) => i < 0))
    return `a class of the session is no longer in the pairing; the session was ${when}`;
  const fits = memberIndexes.every((i) => coversAt(job.members[i]!.union, startMs, endMs)) && coversAt(job.free, startMs, endMs);
  if (!fits) {
    // The API's rule book words it best: the same checks, with no other session in play.
    const violations = checkSlot({
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      instructor: job.instructor,
      instructorInstitution: index.institutions.get(job.instructor.institutionId) ?? null,
      instructorTerms: instructorTermsOf(index, job.instructor),
      instructorSessions: [],
      classes: slotContexts(index, session.westernClassIds, () => []),
      ignoreSessionId: session.id,
    });
    return violations.map((v) => v.message).join('; ') || `it no longer fits everyone's hours; the session was ${when}`;
  }
  const block =
    state.instructorBlock(job, startMs, endMs) ??
    memberIndexes.map((i) => state.memberBlock(job.members[i]!, startMs, endMs)).find((b) => b !== null) ??
    null;
  if (block) return `${blockWords(block, job)}; the session was ${when}`;
  if (memberIndexes.some((i) => state.need(job.members[i]!, startMs) <= 0))
    return `the class no longer needs that many sessions that week; the session was ${when}`;
  return null;
}

function blockWords(code: SchedulingErrorCode, job: Job): string {
  const name = job.instructor.name;
  switch (code) {
    case SchedulingErrorCode.INSTRUCTOR_DOUBLE_BOOKED:
      return `instructor ${name} teaches another session then`;
    case SchedulingErrorCode.INSTRUCTOR_REST_TOO_SHORT:
      return `instructor ${name} would have too short a rest between sessions`;
    case SchedulingErrorCode.INSTRUCTOR_DAY_CAP_EXCEEDED:
      return `instructor ${name} already has ${job.instructor.maxSessionsPerDay} session(s) that day`;
    case SchedulingErrorCode.INSTRUCTOR_WEEK_CAP_EXCEEDED:
      return `instructor ${name} already has ${job.instructor.maxSessionsPerWeek} session(s) that week`;
    case SchedulingErrorCode.INSTRUCTOR_TERM_CAP_EXCEEDED:
      return `instructor ${name} has reached ${job.instructor.maxSessionsPerTerm} sessions this term`;
    case SchedulingErrorCode.CLASS_DOUBLE_BOOKED:
      return 'the class has another session then';
    case SchedulingErrorCode.HOST_DOUBLE_BOOKED:
      return 'the host teacher hosts another session then';
    default:
      return code;
  }
}

interface SlotOption {
  key: string;
  /** Time of week (UTC ms modulo a week) of a representative instance, and its end. */
  at: number;
  end: number;
  /** Weekday (0 = Monday) in the instructor's zone. */
  day: number;
  anchorDay: number;
  /** Class-sessions it would give across the term, as things stand. */
  value: number;
  soft: number;
}

/**
 * Places the sessions still needed by all pairings of one instructor. Their usual weekly slots are
 * chosen together by a bounded depth-first search (most class-sessions over the term, then least soft
 * cost; no two slots closer than the rest time, day cap per weekday, weekly cap); each chosen slot is
 * placed in every week it is valid; each week's remaining needs then take the best valid alternative.
 */
function planInstructor(
  jobs: Job[],
  state: PlanState,
  seed: number,
  keptByPairing: Map<string, PlannedSession[]>,
  usedIds: Set<string>,
  contention: Contention,
): Map<Job, PlannedSession[]> {
  const placedBy = new Map<Job, PlannedSession[]>(jobs.map((job) => [job, []]));
  const instructor = jobs[0]!.instructor;
  const serials = new Map<Job, number>();
  const nextId = (job: Job, monday: string): string => {
    let id: string;
    do {
      const n = (serials.get(job) ?? 0) + 1;
      serials.set(job, n);
      id = `${job.pairing.id}-${monday}-${n}`;
    } while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  const joiners = (job: Job, c: Candidate): number[] | SchedulingErrorCode => {
    const block = state.instructorBlock(job, c.startMs, c.endMs);
    if (block) return block;
    const joining: number[] = [];
    let memberCode: SchedulingErrorCode | null = null;
    for (const i of c.members) {
      const member = job.members[i]!;
      if (state.need(member, c.startMs) <= 0) continue;
      const b = state.memberBlock(member, c.startMs, c.endMs);
      if (b) memberCode = b;
      else joining.push(i);
    }
    return joining.length > 0 ? joining : (memberCode ?? SchedulingErrorCode.CLASS_DOUBLE_BOOKED);
  };
  const commit = (job: Job, monday: string, c: Candidate, joining: number[]): void => {
    const session: PlannedSession = { ...toPlanned(job, nextId(job, monday), c.startMs, c.endMs, joining), origin: 'new' };
    state.place(job, session, c.startMs, c.endMs);
    placedBy.get(job)!.push(session);
  };

  // Options: each pairing's weekly slots, valued by the class-sessions they would give.
  const items = jobs.map((job) => {
    const keptKeys = new Set((keptByPairing.get(job.pairing.id) ?? []).map((k) => slotKey(parseInstant(k.startsAt), job.anchorZone)));
    const byKey = new Map<string, SlotOption>();
    for (const monday of job.mondays) {
      for (const c of job.candidates.get(monday) ?? []) {
        let option = byKey.get(c.key);
        if (!option) {
          const at = ((c.startMs % WEEK_MS) + WEEK_MS) % WEEK_MS;
          option = {
            key: c.key,
            at,
            end: at + (c.endMs - c.startMs),
            day: (localDayNumberAt(c.startMs, instructor.timeZone) + 3) % 7,
            anchorDay: Number(c.key.split('|')[0]),
            value: keptKeys.has(c.key) ? 1000 : 0,
            soft: c.inhumane + contention.of(job, c) * 0.5,
          };
          byKey.set(c.key, option);
        }
        const can = joiners(job, c);
        if (typeof can !== 'string') option.value += can.length;
      }
    }
    const options = [...byKey.values()]
      .filter((o) => o.value > 0)
      .sort((a, b) => b.value - a.value || a.soft - b.soft || seededHash(seed, a.key) - seededHash(seed, b.key))
      .slice(0, 10);
    const cadence = Math.max(...job.members.map((m) => m.westernClass.sessionsPerWeek));
    return { job, options, need: Math.min(cadence, options.length) };
  });
  items.sort((a, b) => a.options.length - b.options.length || a.job.order - b.job.order);

  const chosen: SlotOption[][] = items.map(() => []);
  let best: SlotOption[][] = items.map(() => []);
  let bestScore = -Infinity;
  const taken: SlotOption[] = [];
  const dayCount = [0, 0, 0, 0, 0, 0, 0];
  const clash = (o: SlotOption): boolean =>
    taken.some((t) => {
      for (const shift of [-WEEK_MS, 0, WEEK_MS])
        if (o.at < t.end + shift + state.restMs && t.at + shift < o.end + state.restMs) return true;
      return false;
    });
  const upper = items.map((_, i) =>
    items.slice(i).reduce((sum, it) => sum + it.options.slice(0, it.need).reduce((s2, o) => s2 + o.value * 100, 0), 0),
  );
  let budget = 30_000;
  const search = (i: number, score: number): void => {
    if (budget-- <= 0) return;
    if (score + (upper[i] ?? 0) <= bestScore) return;
    if (i === items.length) {
      bestScore = score;
      best = chosen.map((list) => [...list]);
      return;
    }
    const item = items[i]!;
    const pick = (from: number, left: number, gained: number): void => {
      if (left === 0 || from >= item.options.length) {
        search(i + 1, score + gained);
        return;
      }
      for (let k = from; k < item.options.length; k++) {
        const o = item.options[k]!;
        if (dayCount[o.day]! >= instructor.maxSessionsPerDay || taken.length >= instructor.maxSessionsPerWeek || clash(o)) continue;
        const sameDay = chosen[i]!.some((x) => x.anchorDay === o.anchorDay) ? 50 : 0;
        taken.push(o);
        dayCount[o.day]!++;
        chosen[i]!.push(o);
        pick(k + 1, left - 1, gained + o.value * 100 - o.soft - sameDay);
        chosen[i]!.pop();
        dayCount[o.day]!--;
        taken.pop();
        if (budget <= 0) return;
      }
      // Fewer usual slots than needed: the weeks are then filled one by one.
      search(i + 1, score + gained);
    };
    pick(0, item.need, 0);
  };
  search(0, 0);

  items.forEach((item, i) => {
    const job = item.job;
    for (const option of best[i] ?? []) {
      for (const monday of job.mondays) {
        if (!weekNeedsMore(job, state, monday)) continue;
        const c = (job.candidates.get(monday) ?? []).find((x) => x.key === option.key);
        if (!c) continue;
        const can = joiners(job, c);
        if (typeof can !== 'string') commit(job, monday, c, can);
      }
    }
  });
  // Each week's remaining needs: first an exact search over the instructor's lessons that week, then
  // the best valid alternative one by one for whatever is left.
  const mondays = [...new Set(items.flatMap((item) => item.job.mondays))].sort();
  for (const monday of mondays) {
    const needy = items.filter((item) => item.job.mondays.includes(monday) && weekNeedsMore(item.job, state, monday));
    if (needy.length === 0) continue;
    for (const { job, c, joining } of fillWeek(
      needy.map((item) => item.job),
      monday,
      state,
      joiners,
    )) {
      const can = joiners(job, c);
      if (typeof can !== 'string' && can.length === joining.length) commit(job, monday, c, can);
    }
    for (const item of needy) {
      const job = item.job;
      const usual = new Set((best[items.indexOf(item)] ?? []).map((o) => o.key));
      for (let guard = 0; guard < 2 * job.members.length * Math.max(1, item.need) + 2; guard++) {
        if (!weekNeedsMore(job, state, monday)) break;
        let pick: { c: Candidate; joining: number[]; cost: number } | null = null;
        for (const c of job.candidates.get(monday) ?? []) {
          const can = joiners(job, c);
          if (typeof can === 'string') continue;
          const sameDay = state.tally.get(`p|${job.pairing.id}|${c.anchorDay}`) > 0 ? 1 : 0;
          const instructorDay = state.tally.get(`d|${instructor.id}|${localDayNumberAt(c.startMs, instructor.timeZone)}`);
          const cost =
            -can.length * 10_000 +
            c.inhumane * 10 +
            sameDay * 500 +
            instructorDay * 50 +
            (usual.has(c.key) ? 0 : 20) +
            contention.of(job, c) * 5;
          if (!pick || cost < pick.cost || (cost === pick.cost && c.startMs < pick.c.startMs)) pick = { c, joining: can, cost };
        }
        if (!pick) break;
        commit(job, monday, pick.c, pick.joining);
      }
    }
  }
  // A week that still misses sessions (a holiday took a usual slot) is solved again as a whole, exactly,
  // when that gives more class-sessions: usual slots give way to placing everyone.
  const usualOf = (job: Job): ReadonlySet<string> => new Set((best[items.findIndex((item) => item.job === job)] ?? []).map((o) => o.key));
  for (const monday of mondays) {
    const jobsThisWeek = items.map((item) => item.job).filter((job) => job.mondays.includes(monday));
    if (!jobsThisWeek.some((job) => weekNeedsMore(job, state, monday))) continue;
    const before: { job: Job; session: PlannedSession; startMs: number; endMs: number }[] = [];
    for (const job of jobsThisWeek) {
      for (const session of placedBy.get(job)!) {
        const startMs = parseInstant(session.startsAt);
        if (mondayAt(startMs, job.anchorZone) === monday) before.push({ job, session, startMs, endMs: parseInstant(session.endsAt) });
      }
    }
    const held = before.reduce((sum, b) => sum + b.session.westernClassIds.length, 0);
    for (const b of before) state.unplace(b.job, b.session, b.startMs, b.endMs);
    const after: { job: Job; session: PlannedSession; startMs: number; endMs: number }[] = [];
    const solved = solveWeek(jobsThisWeek, monday, state, usualOf, WEEK_STATES);
    for (const { job, c, joining } of solved?.choices ?? []) {
      const session: PlannedSession = { ...toPlanned(job, `${job.pairing.id}-${monday}-tmp`, c.startMs, c.endMs, joining), origin: 'new' };
      state.place(job, session, c.startMs, c.endMs);
      after.push({ job, session, startMs: c.startMs, endMs: c.endMs });
    }
    const gained = solved?.classSessions ?? 0;
    if (gained > held) {
      for (const b of before)
        placedBy.set(
          b.job,
          placedBy.get(b.job)!.filter((s) => s !== b.session),
        );
      for (const a of after) {
        a.session.id = nextId(a.job, monday);
        placedBy.get(a.job)!.push(a.session);
      }
    } else {
      for (const a of after) state.unplace(a.job, a.session, a.startMs, a.endMs);
      for (const b of before) state.place(b.job, b.session, b.startMs, b.endMs);
    }
  }
  return placedBy;
}

/**
 * The most class-sessions one instructor's lessons can still get in one week: a bounded depth-first
 * search over each lesson's valid times that week, no two chosen closer than the rest time, within
 * the day and week caps, no class or host teacher twice at once, no class served beyond its need.
 */
function fillWeek(
  jobs: Job[],
  monday: string,
  state: PlanState,
  joiners: (job: Job, c: Candidate) => number[] | SchedulingErrorCode,
): { job: Job; c: Candidate; joining: number[] }[] {
  const instructor = jobs[0]!.instructor;
  interface Choice {
    job: Job;
    c: Candidate;
    joining: number[];
    day: number;
    week: number;
    value: number;
  }
  const items = jobs
    .map((job) => {
      const deficit = new Map<string, number>();
      for (const m of job.members)
        if (m.weekStarts.has(monday))
          deficit.set(m.westernClass.id, m.westernClass.sessionsPerWeek - state.tally.get(`n|${m.westernClass.id}|${monday}`));
      const options: Choice[] = [];
      for (const c of job.candidates.get(monday) ?? []) {
        const can = joiners(job, c);
        if (typeof can === 'string') continue;
        const day = localDayNumberAt(c.startMs, instructor.timeZone);
        options.push({ job, c, joining: can, day, week: isoWeekOf(day), value: can.length * 100 - Math.min(99, c.inhumane) });
      }
      options.sort((a, b) => b.value - a.value || a.c.startMs - b.c.startMs);
      const need = Math.max(0, ...deficit.values());
      return { job, deficit, options: options.slice(0, 12), need };
    })
    .filter((item) => item.need > 0 && item.options.length > 0);
  if (items.length === 0) return [];
  items.sort((a, b) => a.options.length - b.options.length || a.job.order - b.job.order);
  const chosen: Choice[] = [];
  let best: Choice[] = [];
  let bestValue = 0;
  const dayExtra = new Map<number, number>();
  const weekExtra = new Map<number, number>();
  const upper = items.map((_, i) =>
    items.slice(i).reduce((sum, it) => sum + it.options.slice(0, it.need).reduce((s2, o) => s2 + o.value, 0), 0),
  );
  let budget = 5_000;
  const fits = (o: Choice, used: Map<string, number>, deficit: Map<string, number>): boolean => {
    if (state.tally.get(`d|${instructor.id}|${o.day}`) + (dayExtra.get(o.day) ?? 0) >= instructor.maxSessionsPerDay) return false;
    if (state.tally.get(`w|${instructor.id}|${o.week}`) + (weekExtra.get(o.week) ?? 0) >= instructor.maxSessionsPerWeek) return false;
    for (const i of o.joining) {
      const id = o.job.members[i]!.westernClass.id;
      if ((used.get(id) ?? 0) >= (deficit.get(id) ?? 0)) return false;
    }
    for (const other of chosen) {
      if (o.c.startMs < other.c.endMs + state.restMs && other.c.startMs < o.c.endMs + state.restMs) return false;
      if (o.c.startMs < other.c.endMs && other.c.startMs < o.c.endMs) {
        for (const i of o.joining) {
          const host = o.job.members[i]!.hostKey;
          if (host && other.joining.some((k) => other.job.members[k]!.hostKey === host)) return false;
        }
      }
    }
    return true;
  };
  const search = (i: number, value: number): void => {
    if (budget-- <= 0) return;
    if (value + (upper[i] ?? 0) <= bestValue) return;
    if (i === items.length) {
      bestValue = value;
      best = [...chosen];
      return;
    }
    const item = items[i]!;
    const used = new Map<string, number>();
    const pick = (from: number, left: number, gained: number): void => {
      if (left > 0) {
        for (let k = from; k < item.options.length; k++) {
          const o = item.options[k]!;
          if (!fits(o, used, item.deficit)) continue;
          chosen.push(o);
          dayExtra.set(o.day, (dayExtra.get(o.day) ?? 0) + 1);
          weekExtra.set(o.week, (weekExtra.get(o.week) ?? 0) + 1);
          for (const j of o.joining) used.set(o.job.members[j]!.westernClass.id, (used.get(o.job.members[j]!.westernClass.id) ?? 0) + 1);
          pick(k + 1, left - 1, gained + o.value);
          for (const j of o.joining) used.set(o.job.members[j]!.westernClass.id, used.get(o.job.members[j]!.westernClass.id)! - 1);
          weekExtra.set(o.week, weekExtra.get(o.week)! - 1);
          dayExtra.set(o.day, dayExtra.get(o.day)! - 1);
          chosen.pop();
          if (budget <= 0) return;
        }
      }
      search(i + 1, value + gained);
    };
    pick(0, item.need, 0);
  };
  search(0, 0);
  return best.map(({ job, c, joining }) => ({ job, c, joining }));
}

interface WeekChoice {
  job: Job;
  c: Candidate;
  joining: number[];
}

/**
 * The most class-sessions one instructor's lessons can get in one week as things stand (the other
 * instructors' sessions, the kept ones and the instructor's other weeks fixed), exactly: a dynamic
 * programme over that week's valid times in time order, whose state is what each class still needs,
 * the sessions on the current instructor-local day and in each instructor week; a time taken
 * excludes the next ones closer than the rest time. Ties go to the lower soft cost (humane hours,
 * the usual slots, one session of a lesson a day). Null when the state space passes `budget` entries.
 */
function solveWeek(
  jobs: readonly Job[],
  monday: string,
  state: PlanState,
  usual: (job: Job) => ReadonlySet<string>,
  budget: number,
  penalty?: (job: Job, c: Candidate, members: readonly number[]) => number,
): { choices: WeekChoice[]; classSessions: number } | null {
  const instructor = jobs[0]!.instructor;
  const needIndex = new Map<string, number>();
  const needs: number[] = [];
  interface Option {
    job: Job;
    c: Candidate;
    /** Member index and its slot in `needs`. */
    members: [number, number][];
    day: number;
    week: number;
    soft: number;
  }
  const options: Option[] = [];
  for (const job of jobs) {
    const keys = usual(job);
    for (const c of job.candidates.get(monday) ?? []) {
      if (!state.busy.isFree(`i|${instructor.id}`, c.startMs, c.endMs, state.restMs)) continue;
      const members: [number, number][] = [];
      for (const i of c.members) {
        const member = job.members[i]!;
        const need = state.need(member, c.startMs);
        if (need <= 0 || state.memberBlock(member, c.startMs, c.endMs) !== null) continue;
        const key = `${member.westernClass.id}|${memberMonday(member, c.startMs)}`;
        let slot = needIndex.get(key);
        if (slot === undefined) {
          slot = needs.length;
          needIndex.set(key, slot);
          needs.push(Math.min(need, 7));
        }
        members.push([i, slot]);
      }
      if (members.length === 0) continue;
      const day = localDayNumberAt(c.startMs, instructor.timeZone);
      const sameDay = state.tally.get(`p|${job.pairing.id}|${c.anchorDay}`) > 0 ? 1 : 0;
      const extra = penalty?.(
        job,
        c,
        members.map(([i]) => i),
      );
      options.push({
        job,
        c,
        members,
        day,
        week: isoWeekOf(day),
        soft: c.inhumane * 10 + (keys.has(c.key) ? 0 : 20) + sameDay * 500 + (extra ?? 0),
      });
    }
  }
  if (options.length === 0) return { choices: [], classSessions: 0 };
  options.sort((a, b) => a.c.startMs - b.c.startMs || a.job.order - b.job.order || a.c.endMs - b.c.endMs);
  const next = options.map((o) => {
    let j = 0;
    while (j < options.length && options[j]!.c.startMs < o.c.endMs + state.restMs) j++;
    return j;
  });
  const weeks = [...new Set(options.map((o) => o.week))];
  const termLeft = instructor.maxSessionsPerTerm - state.tally.get(`t|${instructor.id}`);
  // Value: class-sessions first, then the soft cost (at most a few thousand a week) breaks ties.
  const WEIGHT = 1_000_000;
  const memo = new Map<string, { value: number; take: boolean }>();
  let over = false;
  const weekCounts = weeks.map((w) => state.tally.get(`w|${instructor.id}|${w}`));
  const best = (i: number, lastDay: number, dayCount: number, taken: number): number => {
    if (i >= options.length || over) return 0;
    const key = `${i}|${needs.join(',')}|${lastDay}|${dayCount}|${weekCounts.join(',')}|${taken}`;
    const known = memo.get(key);
    if (known) return known.value;
    if (memo.size >= budget) {
      over = true;
      return 0;
    }
    let value = best(i + 1, lastDay, dayCount, taken);
    let take = false;
    const o = options[i]!;
    const today = o.day === lastDay ? dayCount : state.tally.get(`d|${instructor.id}|${o.day}`);
    const w = weeks.indexOf(o.week);
    const served = o.members.filter(([, slot]) => needs[slot]! > 0);
    if (served.length > 0 && today < instructor.maxSessionsPerDay && weekCounts[w]! < instructor.maxSessionsPerWeek && taken < termLeft) {
      for (const [, slot] of served) needs[slot]!--;
      weekCounts[w]!++;
      const withIt = served.length * WEIGHT - o.soft + best(next[i]!, o.day, today + 1, taken + 1);
      weekCounts[w]!--;
      for (const [, slot] of served) needs[slot]!++;
      if (withIt > value) {
        value = withIt;
        take = true;
      }
    }
    memo.set(key, { value, take });
    return value;
  };
  best(0, Number.NaN, 0, 0);
  if (over) return null;
  // Walk the decisions again from the start.
  const choices: WeekChoice[] = [];
  let classSessions = 0;
  let lastDay = Number.NaN;
  let dayCount = 0;
  let taken = 0;
  for (let i = 0; i < options.length;) {
    const key = `${i}|${needs.join(',')}|${lastDay}|${dayCount}|${weekCounts.join(',')}|${taken}`;
    const decision = memo.get(key);
    if (!decision?.take) {
      i++;
      continue;
    }
    const o = options[i]!;
    const served = o.members.filter(([, slot]) => needs[slot]! > 0);
    for (const [, slot] of served) needs[slot]!--;
    weekCounts[weeks.indexOf(o.week)]!++;
    dayCount = o.day === lastDay ? dayCount + 1 : state.tally.get(`d|${instructor.id}|${o.day}`) + 1;
    lastDay = o.day;
    taken++;
    classSessions += served.length;
    choices.push({ job: o.job, c: o.c, joining: served.map(([m]) => m).sort((a, b) => a - b) });
    i = next[i]!;
  }
  return { choices, classSessions };
}

function slotKey(startMs: number, zone: string): string {
  const day = localDayNumberAt(startMs, zone);
  return `${(((day + 3) % 7) + 7) % 7}|${localMinutesAt(startMs, zone)}`;
}

function weekNeedsMore(job: Job, state: PlanState, monday: string): boolean {
  for (const m of job.members) {
    if (!m.weekStarts.has(monday)) continue;
    if (m.westernClass.sessionsPerWeek - state.tally.get(`n|${m.westernClass.id}|${monday}`) > 0) return true;
  }
  return false;
}

/**
 * Second chance for sessions blocked only by other sessions: a time when the pairing could meet is
 * freed by moving the one or two new sessions in the way (of the same instructor, the class or its
 * host teacher) to another valid time in their own week; kept (published) sessions never move.
 * Returns the sessions it adds; moved ones change time in place and keep their id.
 */
function repairBlocked(
  jobs: Job[],
  byPairing: Map<string, Job>,
  state: PlanState,
  usedIds: Set<string>,
  isCancelled?: () => boolean,
): PlannedSession[] {
  const added: PlannedSession[] = [];
  let serial = 0;
  const joinersOf = (job: Job, c: Candidate): number[] | null => {
    if (state.instructorBlock(job, c.startMs, c.endMs)) return null;
    const joining = c.members.filter(
      (i) => state.need(job.members[i]!, c.startMs) > 0 && state.memberBlock(job.members[i]!, c.startMs, c.endMs) === null,
    );
    return joining.length > 0 ? joining : null;
  };
  const mondayOf = (job: Job, startMs: number): string => mondayAt(startMs, job.anchorZone);
  for (const job of jobs) {
    if (isCancelled?.()) throw new SchedulingError(SchedulingErrorCode.SCHEDULING_CANCELLED, 'timetabling was cancelled');
    for (const monday of job.mondays) {
      for (let guard = 0; guard < 4 && weekNeedsMore(job, state, monday); guard++) {
        let fixed = false;
        for (const c of job.candidates.get(monday) ?? []) {
          if (!c.members.some((i) => state.need(job.members[i]!, c.startMs) > 0)) continue;
          const keys = [
            `i|${job.instructor.id}`,
            ...c.members.flatMap((i) => [
              `c|${job.members[i]!.westernClass.id}`,
              ...(job.members[i]!.hostKey ? [job.members[i]!.hostKey!] : []),
            ]),
          ];
          const blocking = new Set<PlannedSession>();
          for (const key of keys)
            for (const b of state.blockers(key, c.startMs, c.endMs, key.startsWith('i|') ? state.restMs : 0)) blocking.add(b);
          if (blocking.size === 0 || blocking.size > 2 || [...blocking].some((b) => b.origin !== 'new')) continue;
          const undo: (() => void)[] = [];
          for (const b of blocking) {
            const bJob = byPairing.get(b.pairingId)!;
            const bStart = parseInstant(b.startsAt);
            const bEnd = parseInstant(b.endsAt);
            state.unplace(bJob, b, bStart, bEnd);
            undo.push(() => state.place(bJob, b, bStart, bEnd));
          }
          const joining = joinersOf(job, c);
          let ok = joining !== null;
          const redo: { job: Job; session: PlannedSession; from: [string, string] }[] = [];
          let created: PlannedSession | null = null;
          if (ok) {
            let id: string;
            do id = `${job.pairing.id}-${monday}-r${++serial}`;
            while (usedIds.has(id));
            created = { ...toPlanned(job, id, c.startMs, c.endMs, joining!), origin: 'new' };
            state.place(job, created, c.startMs, c.endMs);
            for (const b of blocking) {
              const bJob = byPairing.get(b.pairingId)!;
              const bMonday = mondayOf(bJob, parseInstant(b.startsAt));
              const wanted = b.westernClassIds.map((id2) => bJob.members.findIndex((m) => m.westernClass.id === id2));
              const alternative = (bJob.candidates.get(bMonday) ?? []).find((alt) => {
                if (alt.startMs === parseInstant(b.startsAt)) return false;
                const can = joinersOf(bJob, alt);
                return can !== null && wanted.every((i) => can.includes(i));
              });
              if (!alternative) {
                ok = false;
                break;
              }
              const from: [string, string] = [b.startsAt, b.endsAt];
              b.startsAt = instantToIso(alternative.startMs);
              b.endsAt = instantToIso(alternative.endMs);
              state.place(bJob, b, alternative.startMs, alternative.endMs);
              redo.push({ job: bJob, session: b, from });
            }
          }
          if (ok && created) {
            usedIds.add(created.id);
            added.push(created);
            fixed = true;
            break;
          }
          // Roll back: the moved sessions return to their times, the new one goes.
          for (const r of redo.reverse()) {
            state.unplace(r.job, r.session, parseInstant(r.session.startsAt), parseInstant(r.session.endsAt));
            r.session.startsAt = r.from[0];
            r.session.endsAt = r.from[1];
          }
          if (created) state.unplace(job, created, c.startMs, c.endMs);
          for (const u of undo) u();
        }
        if (!fixed) break;
      }
    }
  }
  return added;
}

/** How a class-week still short after `placeByMoves` stands: at every start, something in the way cannot move. */
type Stuck = ReadonlyMap<string, 'held' | 'tried'>;

/** Sessions in the way that `placeByMoves` moves at once, at most. */
const MOVES = 3;
/** Starts `placeByMoves` tries for a chain of two moves, per class-week. */
const CHAIN_STARTS = 400;

/**
 * Last pass for the sessions still missing, at every whole-minute start the class's periods and the
 * instructor's free time share that week (not only where a period or window starts): a representative
 * of each stretch over which what stands in the way stays the same. A class joins a new session of its
 * own lesson that its periods and host teacher allow; else a start is taken when nothing is in the way,
 * or when the new sessions in the way (up to `MOVES`; for a full day, one session of that day) each move
 * to another free time of their own week, or to a time held by one other new session that moves to a
 * free time of its week (a chain of two, `CHAIN_STARTS` starts tried per class-week). Kept and outside
 * sessions never move. Adds to `sessions`
 * (moved ones change time in place) and returns, per short class-week (`classId|monday`), `held` when
 * at every start something in the way had nowhere else to go, else `tried`. Deterministic.
 */
function placeByMoves(
  jobs: readonly Job[],
  byPairing: ReadonlyMap<string, Job>,
  sessions: PlannedSession[],
  state: PlanState,
  usedIds: Set<string>,
  frozenMs: number,
  isCancelled?: () => boolean,
): Map<string, 'held' | 'tried'> {
  const stuck = new Map<string, 'held' | 'tried'>();
  let serial = 0;
  const nextId = (job: Job, monday: string): string => {
    let id: string;
    do id = `${job.pairing.id}-${monday}-m${++serial}`;
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  const keysOf = (job: Job, memberIndexes: readonly number[]): [string, number][] => {
    const keys: [string, number][] = [[`i|${job.instructor.id}`, state.restMs]];
    for (const i of memberIndexes) {
      const member = job.members[i]!;
      keys.push([`c|${member.westernClass.id}`, 0]);
      if (member.hostKey && !keys.some(([k]) => k === member.hostKey)) keys.push([member.hostKey, 0]);
    }
    return keys;
  };
  /** Representative whole-minute starts in `ranges` (see the doc above), in time order. */
  const startsIn = (ranges: readonly [number, number][], keys: readonly [string, number][], durationMs: number, zone: string): number[] => {
    if (ranges.length === 0) return [];
    const fromMs = ranges[0]![0];
    const toMs = ranges[ranges.length - 1]![1] + durationMs;
    const cuts: number[] = [];
    for (const [key, padMs] of keys)
      for (const b of state.blockers(key, fromMs - durationMs - padMs, toMs + padMs, padMs)) {
        const [bStart, bEnd] = state.timeOf(b)!;
        cuts.push(bStart - durationMs - padMs, bEnd + padMs);
      }
    for (let day = localDayNumberAt(fromMs, zone) + 1; ; day++) {
      const midnight = weekStartInstant(dayNumberToLocalDate(day), zone);
      if (midnight >= toMs) break;
      cuts.push(midnight);
    }
    const points: number[] = [];
    for (const [lo, hi] of ranges) {
      points.push(lo, hi);
      if (lo + MINUTE_MS <= hi) points.push(lo + MINUTE_MS);
      for (const cut of cuts) {
        if (cut >= lo && cut <= hi) points.push(cut);
        if (cut + MINUTE_MS >= lo && cut + MINUTE_MS <= hi) points.push(cut + MINUTE_MS);
      }
    }
    return sortedUnique(points);
  };
  /** The week (each member's class week around `startMs`) a session of these members may move within. */
  const weekOf = (job: Job, memberIndexes: readonly number[], startMs: number): [number, number] => {
    let fromMs = frozenMs;
    let toMs = Infinity;
    for (const i of memberIndexes) {
      const zone = job.members[i]!.zone;
      const monday = mondayAt(startMs, zone);
      fromMs = Math.max(fromMs, weekStartInstant(monday, zone));
      toMs = Math.min(toMs, weekStartInstant(addDays(monday, WEEK_DAYS), zone));
    }
    return [fromMs, toMs];
  };
  const rangesOf = (job: Job, memberIndexes: readonly number[], fromMs: number, toMs: number): [number, number][] => {
    let union = job.free;
    for (const i of memberIndexes) union = intersectAll(union, job.members[i]!.union);
    const out: [number, number][] = [];
    for (const part of union) {
      const lo = Math.max(part.startMs, fromMs);
      const hi = Math.min(part.endMs - job.durationMs, toMs - 1);
      if (lo <= hi) out.push([lo, hi]);
    }
    return out;
  };
  const fits = (job: Job, memberIndexes: readonly number[], startMs: number): boolean =>
    state.instructorBlock(job, startMs, startMs + job.durationMs) === null &&
    memberIndexes.every((i) => state.memberBlock(job.members[i]!, startMs, startMs + job.durationMs) === null);
  let chainBudget = 0;
  /** Sessions moved by chains during one attempt, with where they were, to roll back. */
  const chained: { job: Job; session: PlannedSession; startMs: number; endMs: number; at: readonly [string, string] }[] = [];
  /**
   * Moves a booked (unplaced for now) session to another free time of its week or, with `depth` 1, to
   * a time held by one other new session (not in `fixed`) that itself moves to a free time of its week
   * (recorded in `chained`). False when neither: the session is then left unplaced, for the caller to restore.
   */
  const relocate = (
    session: PlannedSession,
    from: number,
    otherDay: boolean,
    depth = 0,
    fixed: ReadonlySet<PlannedSession> = new Set(),
  ): boolean => {
    const job = byPairing.get(session.pairingId)!;
    const memberIndexes = session.westernClassIds.map((id) => job.members.findIndex((m) => m.westernClass.id === id));
    const [fromMs, toMs] = weekOf(job, memberIndexes, from);
    const zone = job.instructor.timeZone;
    const day = localDayNumberAt(from, zone);
    const keys = keysOf(job, memberIndexes);
    const starts = startsIn(rangesOf(job, memberIndexes, fromMs, toMs), keys, job.durationMs, zone).filter(
      (t) => t !== from && !(otherDay && localDayNumberAt(t, zone) === day),
    );
    const put = (t: number): void => {
      session.startsAt = instantToIso(t);
      session.endsAt = instantToIso(t + job.durationMs);
      state.place(job, session, t, t + job.durationMs);
    };
    for (const t of starts) {
      if (!fits(job, memberIndexes, t)) continue;
      put(t);
      return true;
    }
    if (depth <= 0) return false;
    for (const t of starts) {
      if (--chainBudget < 0) return false;
      const inTheWay = new Set<PlannedSession>();
      for (const [key, padMs] of keys) for (const b of state.blockers(key, t, t + job.durationMs, padMs)) inTheWay.add(b);
      if (inTheWay.size !== 1) continue;
      const other = [...inTheWay][0]!;
      if (other.origin !== 'new' || fixed.has(other)) continue;
      const otherJob = byPairing.get(other.pairingId)!;
      const [oStart, oEnd] = state.timeOf(other)!;
      const otherAt = [other.startsAt, other.endsAt] as const;
      state.unplace(otherJob, other, oStart, oEnd);
      if (fits(job, memberIndexes, t)) {
        put(t);
        if (relocate(other, oStart, false, depth - 1, new Set([...fixed, session]))) {
          chained.push({ job: otherJob, session: other, startMs: oStart, endMs: oEnd, at: otherAt });
          return true;
        }
        state.unplace(job, session, t, t + job.durationMs);
      }
      other.startsAt = otherAt[0];
      other.endsAt = otherAt[1];
      state.place(otherJob, other, oStart, oEnd);
    }
    return false;
  };
  /** Whether a session could move anywhere else in its week as things stand (for the reason only). */
  const canMove = (session: PlannedSession, otherDay: boolean): boolean => {
    if (session.origin !== 'new') return false;
    const job = byPairing.get(session.pairingId)!;
    const [bStart, bEnd] = state.timeOf(session)!;
    const at = [session.startsAt, session.endsAt] as const;
    state.unplace(job, session, bStart, bEnd);
    const moved = relocate(session, bStart, otherDay);
    if (moved) state.unplace(job, session, parseInstant(session.startsAt), parseInstant(session.endsAt));
    session.startsAt = at[0];
    session.endsAt = at[1];
    state.place(job, session, bStart, bEnd);
    return moved;
  };
  for (const job of jobs) {
    if (isCancelled?.()) throw new SchedulingError(SchedulingErrorCode.SCHEDULING_CANCELLED, 'timetabling was cancelled');
    job.members.forEach((member, at) => {
      for (const monday of [...member.weekStarts].sort()) {
        const weekFrom = Math.max(weekStartInstant(monday, member.zone), frozenMs);
        const weekTo = weekStartInstant(addDays(monday, WEEK_DAYS), member.zone);
        const short = (): boolean => member.westernClass.sessionsPerWeek - state.tally.get(`n|${member.westernClass.id}|${monday}`) > 0;
        if (!short() || weekFrom >= weekTo) continue;
        // Join a new session of the lesson.
        for (const session of state.blockers(`i|${job.instructor.id}`, weekFrom, weekTo, 0)) {
          if (!short()) break;
          const [sStart, sEnd] = state.timeOf(session)!;
          if (session.pairingId !== job.pairing.id || session.origin !== 'new' || session.westernClassIds.includes(member.westernClass.id))
            continue;
          if (sStart < weekFrom || sStart >= weekTo || !coversAt(member.union, sStart, sEnd) || state.memberBlock(member, sStart, sEnd))
            continue;
          state.unplace(job, session, sStart, sEnd);
          const memberIndexes = [...session.westernClassIds.map((id) => job.members.findIndex((m) => m.westernClass.id === id)), at].sort(
            (a, b) => a - b,
          );
          session.westernClassIds = memberIndexes.map((i) => job.members[i]!.westernClass.id);
          state.place(job, session, sStart, sEnd);
        }
        let held = true;
        chainBudget = CHAIN_STARTS;
        const keys = keysOf(job, [at]);
        const zone = job.instructor.timeZone;
        for (const t of startsIn(rangesOf(job, [at], weekFrom, weekTo), keys, job.durationMs, zone)) {
          if (!short()) break;
          const endMs = t + job.durationMs;
          const joining = (): number[] =>
            job.members
              .map((m, i) => i)
              .filter(
                (i) =>
                  i === at ||
                  (state.need(job.members[i]!, t) > 0 &&
                    coversAt(job.members[i]!.union, t, endMs) &&
                    state.memberBlock(job.members[i]!, t, endMs) === null),
              );
          const add = (): void => {
            const session: PlannedSession = { ...toPlanned(job, nextId(job, monday), t, endMs, joining()), origin: 'new' };
            state.place(job, session, t, endMs);
            sessions.push(session);
          };
          if (fits(job, [at], t)) {
            add();
            continue;
          }
          const inTheWay = new Set<PlannedSession>();
          for (const [key, padMs] of keys) for (const b of state.blockers(key, t, endMs, padMs)) inTheWay.add(b);
          const code = state.instructorBlock(job, t, endMs);
          const fullDay = code === SchedulingErrorCode.INSTRUCTOR_DAY_CAP_EXCEEDED && inTheWay.size === 0;
          if (code !== null && !fullDay && inTheWay.size === 0) {
            // The week or term cap: only the term cap is sure to stay.
            if (code !== SchedulingErrorCode.INSTRUCTOR_TERM_CAP_EXCEEDED) held = false;
            continue;
          }
          const day = localDayNumberAt(t, zone);
          // A full day: one new session of the instructor's that day moves to another day.
          const movers = fullDay
            ? state
                .blockers(`i|${job.instructor.id}`, t - 86_400_000, endMs + 86_400_000, 0)
                .filter((b) => localDayNumberAt(state.timeOf(b)![0], zone) === day)
            : [...inTheWay];
          // Held here when a session in the way has nowhere else to go with this one there (for a full day: none of that day has).
          if (held) {
            const here: PlannedSession = { ...toPlanned(job, '', t, endMs, [at]), origin: 'new' };
            state.place(job, here, t, endMs);
            const free = fullDay ? movers.some((b) => canMove(b, true)) : movers.every((b) => canMove(b, false));
            state.unplace(job, here, t, endMs);
            if (free) held = false;
          }
          if (movers.some((b) => b.origin !== 'new') && !fullDay) continue;
          const candidates = fullDay ? movers.filter((b) => b.origin === 'new').map((b) => [b]) : [movers];
          for (const group of candidates) {
            if (group.length === 0 || group.length > MOVES) continue;
            // Who joins is settled before the sessions in the way lift: they may serve other classes of the lesson.
            const joinNow = joining();
            const undo: { job: Job; session: PlannedSession; startMs: number; endMs: number; at: readonly [string, string] }[] = [];
            for (const b of group) {
              const bJob = byPairing.get(b.pairingId)!;
              const [bStart, bEnd] = state.timeOf(b)!;
              state.unplace(bJob, b, bStart, bEnd);
              undo.push({ job: bJob, session: b, startMs: bStart, endMs: bEnd, at: [b.startsAt, b.endsAt] });
            }
            let ok = fits(job, [at], t);
            let created: PlannedSession | null = null;
            chained.length = 0;
            if (ok) {
              created = { ...toPlanned(job, '', t, endMs, joinNow), origin: 'new' };
              state.place(job, created, t, endMs);
              const moved: PlannedSession[] = [];
              for (const u of undo) {
                if (!relocate(u.session, u.startMs, fullDay, 1, new Set([created, ...group]))) {
                  ok = false;
                  break;
                }
                moved.push(u.session);
              }
              if (!ok) {
                for (const m of moved) state.unplace(byPairing.get(m.pairingId)!, m, parseInstant(m.startsAt), parseInstant(m.endsAt));
                state.unplace(job, created, t, endMs);
                // Sessions a chain moved go back too, latest first.
                for (const c of chained.splice(0).reverse()) {
                  state.unplace(c.job, c.session, parseInstant(c.session.startsAt), parseInstant(c.session.endsAt));
                  c.session.startsAt = c.at[0];
                  c.session.endsAt = c.at[1];
                  state.place(c.job, c.session, c.startMs, c.endMs);
                }
              }
            }
            if (ok && created) {
              created.id = nextId(job, monday);
              sessions.push(created);
              break;
            }
            for (const u of undo) {
              u.session.startsAt = u.at[0];
              u.session.endsAt = u.at[1];
              state.place(u.job, u.session, u.startMs, u.endMs);
            }
          }
        }
        if (short()) stuck.set(`${member.westernClass.id}|${monday}`, held ? 'held' : 'tried');
      }
    });
  }
  return stuck;
}

/**
 * Once everyone is placed, each instructor-week still short of sessions is solved again exactly
 * (`solveWeek`) together with the week of another instructor whose sessions hold a host teacher of
 * its classes (up to `PARTNERS` of them, those in the way most often first): the short week first,
 * with that instructor's sessions lifted, preferring times that leave the host teachers as they were,
 * then the other week around it. The change is kept when the two weeks together gain class-sessions.
 * (A week alone is already exact as things stand: `planInstructor` solved it so.) One pass: a second
 * gains almost nothing at the national scale. Changes `sessions` in place.
 */
function improveShortWeeks(
  groups: ReadonlyMap<string, Job[]>,
  byPairing: ReadonlyMap<string, Job>,
  sessions: PlannedSession[],
  state: PlanState,
  usedIds: Set<string>,
  isCancelled?: () => boolean,
): void {
  let serial = 0;
  const nextId = (job: Job, monday: string): string => {
    let id: string;
    do id = `${job.pairing.id}-${monday}-w${++serial}`;
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  const sessionsOf = new Map<string, PlannedSession[]>();
  for (const session of sessions) {
    if (session.origin !== 'new') continue;
    const list = sessionsOf.get(session.pairingId);
    if (list) list.push(session);
    else sessionsOf.set(session.pairingId, [session]);
  }
  const removed = new Set<PlannedSession>();
  const usual = new Map<Job, Set<string>>();
  // The usual slots: each lesson's most frequent weekly keys as planned.
  const usualOf = (job: Job): ReadonlySet<string> => {
    let keys = usual.get(job);
    if (!keys) {
      const counts = new Map<string, number>();
      for (const session of sessionsOf.get(job.pairing.id) ?? []) {
        const key = slotKey(parseInstant(session.startsAt), job.anchorZone);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const cadence = Math.max(...job.members.map((m) => m.westernClass.sessionsPerWeek));
      keys = new Set(
        [...counts]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, cadence)
          .map(([key]) => key),
      );
      usual.set(job, keys);
    }
    return keys;
  };
  const weekOf = (jobs: readonly Job[], monday: string) => {
    const out: { job: Job; session: PlannedSession; startMs: number; endMs: number }[] = [];
    for (const job of jobs)
      for (const session of sessionsOf.get(job.pairing.id) ?? []) {
        const startMs = parseInstant(session.startsAt);
        if (!removed.has(session) && mondayAt(startMs, job.anchorZone) === monday)
          out.push({ job, session, startMs, endMs: parseInstant(session.endsAt) });
      }
    return out;
  };
  /** Solves `first`'s week, then `second`'s (if any), around each other; keeps it when they gain. */
  const attempt = (first: { jobs: Job[]; monday: string }, others: readonly { jobs: Job[]; monday: string }[]): boolean => {
    const before = [first, ...others].flatMap((part) => weekOf(part.jobs, part.monday));
    const held = before.reduce((sum, b) => sum + b.session.westernClassIds.length, 0);
    for (const b of before) state.unplace(b.job, b.session, b.startMs, b.endMs);
    // The first week prefers times that leave the others' host teachers as they were.
    const shadow = new BusyCalendar();
    for (const b of before)
      if (!first.jobs.includes(b.job))
        for (const id of b.session.westernClassIds) {
          const host = b.job.members.find((m) => m.westernClass.id === id)?.hostKey;
          if (host) shadow.add(host, b.startMs, b.endMs);
        }
    const penalty = (job: Job, c: Candidate, members: readonly number[]): number =>
      members.reduce((sum, i) => {
        const host = job.members[i]!.hostKey;
        return sum + (host && !shadow.isFree(host, c.startMs, c.endMs) ? 1000 : 0);
      }, 0);
    const placed: { job: Job; session: PlannedSession; startMs: number; endMs: number; monday: string }[] = [];
    let gained = 0;
    let complete = true;
    for (const part of [first, ...others]) {
      const solved = solveWeek(part.jobs, part.monday, state, usualOf, WEEK_STATES, part === first ? penalty : undefined);
      if (!solved) {
        complete = false;
        break;
      }
      gained += solved.classSessions;
      for (const { job, c, joining } of solved.choices) {
        const session: PlannedSession = { ...toPlanned(job, '', c.startMs, c.endMs, joining), origin: 'new' };
        state.place(job, session, c.startMs, c.endMs);
        placed.push({ job, session, startMs: c.startMs, endMs: c.endMs, monday: part.monday });
      }
    }
    if (!complete || gained <= held) {
      for (const p of placed) state.unplace(p.job, p.session, p.startMs, p.endMs);
      for (const b of before) state.place(b.job, b.session, b.startMs, b.endMs);
      return false;
    }
    for (const b of before) removed.add(b.session);
    for (const p of placed) {
      p.session.id = nextId(p.job, p.monday);
      sessions.push(p.session);
      const list = sessionsOf.get(p.job.pairing.id);
      if (list) list.push(p.session);
      else sessionsOf.set(p.job.pairing.id, [p.session]);
    }
    return true;
  };
  for (const group of groups.values()) {
    if (isCancelled?.()) throw new SchedulingError(SchedulingErrorCode.SCHEDULING_CANCELLED, 'timetabling was cancelled');
    const instructorId = group[0]!.instructor.id;
    for (const monday of [...new Set(group.flatMap((job) => job.mondays))].sort()) {
      const jobs = group.filter((job) => job.mondays.includes(monday));
      if (!jobs.some((job) => weekNeedsMore(job, state, monday))) continue;
      // Instructors whose new sessions hold a host teacher of the week's classes at one of their times
      // (of any class: moving a class that is served frees its time for one that is not), most first.
      const partners = new Map<string, { jobs: Job[]; monday: string; hits: number }>();
      for (const job of jobs)
        for (const c of job.candidates.get(monday) ?? [])
          for (const i of c.members) {
            const member = job.members[i]!;
            if (!member.hostKey) continue;
            for (const b of state.blockers(member.hostKey, c.startMs, c.endMs, 0)) {
              if (b.origin !== 'new' || b.instructorId === instructorId) continue;
              const other = byPairing.get(b.pairingId)!;
              const otherMonday = mondayAt(parseInstant(b.startsAt), other.anchorZone);
              const key = `${b.instructorId}|${otherMonday}`;
              const known = partners.get(key);
              if (known) known.hits++;
              else
                partners.set(key, {
                  jobs: groups.get(b.instructorId)!.filter((j) => j.mondays.includes(otherMonday)),
                  monday: otherMonday,
                  hits: 1,
                });
            }
          }
      const order = [...partners].sort((a, b) => b[1].hits - a[1].hits || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
      // One at a time: two or three together gain almost nothing more at the national scale.
      for (const key of order.slice(0, PARTNERS)) if (attempt({ jobs, monday }, [partners.get(key)!])) break;
    }
  }
  if (removed.size > 0) {
    const kept = sessions.filter((session) => !removed.has(session));
    sessions.length = 0;
    sessions.push(...kept);
  }
}

/** The Monday (`YYYY-MM-DD`) of the local week in `zone` holding the instant; day arithmetic, no Date. */
function mondayAt(startMs: number, zone: string): string {
  const day = localDayNumberAt(startMs, zone);
  // Day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 counts days since Monday.
  return dayNumberToLocalDate(day - ((((day + 3) % 7) + 7) % 7));
}

/** Reasons, in plain words, for every session a pairing's classes still miss. */
function explainMissing(index: ProgramIndex, job: Job, state: PlanState, stuck: Stuck): UnplacedSessions[] {
  const out: UnplacedSessions[] = [];
  const instructor = job.instructor;
  for (const member of job.members) {
    for (const monday of [...member.weekStarts].sort()) {
      const missing = member.westernClass.sessionsPerWeek - state.tally.get(`n|${member.westernClass.id}|${monday}`);
      if (missing <= 0) continue;
      const { code, reason } = diagnose(index, job, member, monday, state, stuck.get(`${member.westernClass.id}|${monday}`));
      out.push({
        pairingId: job.pairing.id,
        instructorId: instructor.id,
        westernClassId: member.westernClass.id,
        weekStartLocalDate: monday,
        count: missing,
        code,
        reason,
      });
    }
  }
  return out;
}

function diagnose(
  index: ProgramIndex,
  job: Job,
  member: Member,
  monday: string,
  state: PlanState,
  stuck: 'held' | 'tried' | undefined,
): { code: UnplacedCode; reason: string } {
  const instructor = job.instructor;
  const westernClass = member.westernClass;
  const institution = institutionOf(index, westernClass.institutionId);
  const who = `class ${westernClass.name} (${institution.nameEn})`;
  const week = `week of ${monday} (${member.zone})`;
  const fromMs = weekStartInstant(monday, member.zone);
  const toMs = weekStartInstant(addDays(monday, WEEK_DAYS), member.zone);
  const periods = allowedPeriodsOf(westernClass, institution);
  const classInWeek = member.occurrences.filter((o) => o.startMs >= fromMs && o.startMs < toMs);
  if (classInWeek.length === 0) {
    const calendar = classCalendar(index, westernClass);
    const closed = [];
    for (let d = 0; d < WEEK_DAYS; d++) {
      const day = termDay(calendar, addDays(monday, d));
      if (day.runsWeekday === null)
        closed.push(
          `${WEEKDAY_SHORT[day.weekday]} ${day.localDate} ${day.kind === 'holiday' ? (day.exceptionName ?? 'holiday') : 'outside the term'}`,
        );
    }
    return {
      code: 'NO_TEACHING_DAYS',
      reason: `${week}: ${who} has none of its periods (${describeWeeklyWindows(periods, member.zone)}) on a teaching day; closed: ${closed.join(', ') || 'none'}`,
    };
  }
  const free = instructorTimes(index, instructor).occurrences.filter((o) => o.endMs > fromMs && o.startMs < toMs);
  if (free.length === 0) {
    const calendar = instructorCalendar(index, instructor);
    const away: string[] = [];
    const firstDay = localDayNumberAt(fromMs, instructor.timeZone);
    for (let d = 0; d < WEEK_DAYS; d++) {
      const localDate = dayNumberToLocalDate(firstDay + d);
      if (instructor.unavailableLocalDates.includes(localDate)) away.push(`${localDate} unavailable`);
      else if (calendar) {
        const day = termDay(calendar, localDate);
        if (day.runsWeekday === null)
          away.push(
            `${localDate} ${day.kind === 'holiday' ? (day.exceptionName ?? 'holiday') : `outside the term of ${instructor.name}'s institution`}`,
          );
      }
    }
    return {
      code: 'INSTRUCTOR_AWAY',
      reason: `${week}: instructor ${instructor.name} has no free hours that week (${instructor.timeZone}): ${away.join(', ') || `free ${describeWeeklyWindows(instructor.availability, instructor.timeZone)} only`}`,
    };
  }
  const at = job.members.indexOf(member);
  const mine = (job.candidates.get(monday) ?? []).filter((c) => c.members.includes(at));
  const gone = (job.past.get(monday) ?? []).filter((c) => c.members.includes(at));
  if (mine.length === 0 && gone.length > 0) {
    const last = gone[gone.length - 1]!;
    return {
      code: 'ALREADY_PAST',
      reason: `${week}: all ${gone.length} time(s) when instructor ${instructor.name} and ${who} could meet that week were before the plan's start (sessions started by then are kept as they are), the last ${describeIntervalInZones({ startMs: last.startMs, endMs: last.endMs }, [member.zone, ...job.zones])}`,
    };
  }
  if (mine.length === 0) {
    const shift = offsetMinutesAt(fromMs, instructor.timeZone) - offsetMinutesAt(fromMs, member.zone);
    const hours = Math.abs(shift) / 60;
    const relation = shift === 0 ? 'the same clock' : `${hours} h ${shift > 0 ? 'ahead of' : 'behind'} ${member.zone}`;
    const closed = closedDays(index, job, member, monday);
    return {
      code: 'NO_COMMON_TIME',
      reason:
        `${week}: no overlap long enough for a ${job.durationMs / MINUTE_MS}-minute session: instructor ${instructor.name} free ${describeWeeklyWindows(instructor.availability, instructor.timeZone)} (${relation} that week), ${who} periods ${describeWeeklyWindows(periods, member.zone)}` +
        (closed.length > 0 ? `; closed that week: ${closed.join(', ')}` : ''),
    };
  }
  const causes = new Map<string, number>();
  let example = '';
  for (const c of mine) {
    const block = state.instructorBlock(job, c.startMs, c.endMs) ?? state.memberBlock(member, c.startMs, c.endMs);
    const inTheWay = state.blockers(`i|${instructor.id}`, c.startMs, c.endMs, state.restMs);
    const own = inTheWay.length > 0 && inTheWay.every((b) => b.pairingId === job.pairing.id);
    const words =
      block === SchedulingErrorCode.INSTRUCTOR_DOUBLE_BOOKED || block === SchedulingErrorCode.INSTRUCTOR_REST_TOO_SHORT
        ? own
          ? `this lesson already meets then (${member.westernClass.sessionsPerWeek} a week needed)`
          : blockWords(block, job)
        : block
          ? blockWords(block, job)
          : 'the time went to another class of the same lesson';
    causes.set(words, (causes.get(words) ?? 0) + 1);
    if (!example) example = describeIntervalInZones({ startMs: c.startMs, endMs: c.endMs }, [member.zone, ...job.zones]);
  }
  const summary = [...causes].map(([words, n]) => `${words} (${n}x)`).join('; ');
  return {
    code: 'ALL_COMMON_TIMES_TAKEN',
    reason:
      `${week}: all ${mine.length} time(s) when instructor ${instructor.name} and ${who} are both free are taken: ${summary}; e.g. ${example}` +
      (stuck === 'held'
        ? '; at every start that week, a session in the way (or a full day of the instructor) has no other free time in its own week, so this one could only take the place of another'
        : ''),
  };
}

/** Days of the week that the class's or the instructor's calendar closes, in words. */
function closedDays(index: ProgramIndex, job: Job, member: Member, monday: string): string[] {
  const out: string[] = [];
  const calendar = classCalendar(index, member.westernClass);
  const instructor = job.instructor;
  const own = instructorCalendar(index, instructor);
  for (let d = 0; d < WEEK_DAYS; d++) {
    const localDate = addDays(monday, d);
    const day = termDay(calendar, localDate);
    if (day.kind === 'holiday') out.push(`${WEEKDAY_SHORT[day.weekday]} ${localDate} ${day.exceptionName ?? 'holiday'} (class)`);
    else if (day.kind === 'makeup')
      out.push(`${WEEKDAY_SHORT[day.weekday]} ${localDate} runs ${WEEKDAY_SHORT[day.runsWeekday!]}'s timetable (class)`);
    if (instructor.unavailableLocalDates.includes(localDate)) out.push(`${localDate} instructor unavailable`);
    else if (own) {
      const mine = termDay(own, localDate);
      if (mine.kind === 'holiday') out.push(`${localDate} ${mine.exceptionName ?? 'holiday'} (instructor)`);
    }
  }
  return out;
}

function scorePlan(
  index: ProgramIndex,
  jobs: Job[],
  byPairing: Map<string, Job>,
  sessions: PlannedSession[],
  unplaced: UnplacedSessions[],
  busy: readonly JointSession[],
  frozen: ReadonlySet<string>,
  restMs: number,
  humaneFrom: number,
  humaneTo: number,
): PlanScore {
  let required = 0;
  for (const job of jobs) for (const m of job.members) required += m.westernClass.sessionsPerWeek * m.weekStarts.size;
  let placed = 0;
  let inhumane = 0;
  let offUsual = 0;
  let sameDay = 0;
  let stacked = 0;
  const hardViolations = countBroken(index, byPairing, sessions, busy, frozen, restMs);
  const keyCount = new Map<string, Map<string, number>>();
  const pairingDays = new Tally();
  const instructorDays = new Tally();
  for (const session of sessions) {
    const job = byPairing.get(session.pairingId)!;
    const startMs = parseInstant(session.startsAt);
    const endMs = parseInstant(session.endsAt);
    placed += session.westernClassIds.length;
    for (const zone of job.zones) inhumane += minutesOutside(startMs, endMs, zone, humaneFrom, humaneTo);
    const anchorDay = localDayNumberAt(startMs, job.anchorZone);
    const key = `${(((anchorDay + 3) % 7) + 7) % 7}|${localMinutesAt(startMs, job.anchorZone)}`;
    const counts = keyCount.get(job.pairing.id) ?? new Map<string, number>();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    keyCount.set(job.pairing.id, counts);
    if (pairingDays.get(`${job.pairing.id}|${anchorDay}`) > 0) sameDay++;
    pairingDays.add(`${job.pairing.id}|${anchorDay}`);
    const iDay = `${job.instructor.id}|${localDayNumberAt(startMs, job.instructor.timeZone)}`;
    if (instructorDays.get(iDay) > 0) stacked++;
    instructorDays.add(iDay);
  }
  for (const [pairingId, counts] of keyCount) {
    const job = byPairing.get(pairingId)!;
    const cadence = Math.max(...job.members.map((m) => m.westernClass.sessionsPerWeek));
    const usual = [...counts.values()]
      .sort((a, b) => b - a)
      .slice(0, cadence)
      .reduce((s, n) => s + n, 0);
    offUsual += [...counts.values()].reduce((s, n) => s + n, 0) - usual;
  }
  const unplacedCount = unplaced.reduce((s, u) => s + u.count, 0);
  return {
    sessionsRequired: required,
    sessionsPlaced: placed,
    sessionsUnplaced: unplacedCount,
    hardViolations,
    soft: { offUsualSlot: offUsual, inhumaneMinutes: Math.round(inhumane), sameDayRepeats: sameDay, stackedInstructorSessions: stacked },
  };
}

/**
 * Sessions of the plan (frozen ones aside) that break a hard rule, by a sweep in time order apart from
 * the solver's bookkeeping: overlaps per instructor (with the rest time), class and host teacher,
 * against each other and the busy and frozen sessions; the instructor's caps per local day, week and
 * term; the instructor's free time and each class's periods.
 */
function countBroken(
  index: ProgramIndex,
  byPairing: ReadonlyMap<string, Job>,
  sessions: readonly PlannedSession[],
  busy: readonly JointSession[],
  frozen: ReadonlySet<string>,
  restMs: number,
): number {
  interface Entry {
    startMs: number;
    endMs: number;
    instructorId: string;
    classIds: readonly string[];
    checked: boolean;
    session: PlannedSession | null;
  }
  const entries: Entry[] = [
    ...busy.map((b) => ({
      startMs: parseInstant(b.startsAt),
      endMs: parseInstant(b.endsAt),
      instructorId: b.instructorId,
      classIds: b.westernClassIds,
      checked: false,
      session: null,
    })),
    ...sessions.map((s) => ({
      startMs: parseInstant(s.startsAt),
      endMs: parseInstant(s.endsAt),
      instructorId: s.instructorId,
      classIds: s.westernClassIds,
      checked: !frozen.has(s.id),
      session: s,
    })),
  ].sort((a, b) => a.startMs - b.startMs);
  const broken = new Set<Entry>();
  const latest = new Map<string, Entry>();
  const counts = new Map<string, number>();
  const dayKeys = new Map<Entry, string[]>();
  for (const e of entries) {
    const keys = [`i|${e.instructorId}`];
    const hosts = new Set<string>();
    for (const id of e.classIds) {
      keys.push(`c|${id}`);
      const host = index.classes.get(id)?.hostTeacherId;
      if (host && !hosts.has(host)) {
        hosts.add(host);
        keys.push(`h|${host}`);
      }
    }
    for (const key of keys) {
      const before = latest.get(key);
      const padMs = key.startsWith('i|') ? restMs : 0;
      if (before && e.startMs < before.endMs + padMs) {
        if (e.checked) broken.add(e);
        else if (before.checked) broken.add(before);
      }
      if (!before || e.endMs > before.endMs) latest.set(key, e);
    }
    const instructor = index.instructors.get(e.instructorId);
    if (instructor) {
      const day = localDayNumberAt(e.startMs, instructor.timeZone);
      const own = [`d|${instructor.id}|${day}`, `w|${instructor.id}|${isoWeekOf(day)}`, `t|${instructor.id}`];
      for (const key of own) counts.set(key, (counts.get(key) ?? 0) + 1);
      dayKeys.set(e, own);
    }
    if (e.checked && e.session) {
      const job = byPairing.get(e.session.pairingId)!;
      const covered =
        coversAt(job.free, e.startMs, e.endMs) &&
        e.classIds.every((id) => {
          const member = job.members.find((m) => m.westernClass.id === id);
          return member !== undefined && coversAt(member.union, e.startMs, e.endMs);
        });
      if (!covered) broken.add(e);
    }
  }
  for (const e of entries) {
    const instructor = index.instructors.get(e.instructorId);
    const own = dayKeys.get(e);
    if (!e.checked || !instructor || !own) continue;
    const caps = [instructor.maxSessionsPerDay, instructor.maxSessionsPerWeek, instructor.maxSessionsPerTerm];
    if (own.some((key, i) => counts.get(key)! > caps[i]!)) broken.add(e);
  }
  return broken.size;
}

/** The class contexts `checkSlot` needs for a pairing's classes (used by the verifier and the API). */
export function slotContexts(
  index: ProgramIndex,
  westernClassIds: readonly string[],
  sessionsOf: (westernClassId: string) => readonly JointSession[],
): SlotClassContext[] {
  return westernClassIds.map((id) => {
    const westernClass = index.classes.get(id)!;
    return {
      westernClass,
      institution: institutionOf(index, westernClass.institutionId),
      term: index.terms.get(westernClass.termId)!,
      sessions: sessionsOf(id),
    };
  });
}
