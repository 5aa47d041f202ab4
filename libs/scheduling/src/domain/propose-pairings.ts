import type { Instructor, Pairing, WesternClass } from './model.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { describeWeeklyWindows } from './format-local.js';
import { addDays, weekStartOf } from './local-date.js';
import { clip, coversAt, sortedUnique } from './lesson-fit.js';
import { MinCostFlow } from './min-cost-flow.js';
import { allowedPeriodsOf, DEFAULT_MIN_REST_MINUTES } from './check-slot.js';
import { localTimeToMinutes } from './time-zone.js';
import {
  classTimes,
  indexProgram,
  institutionOf,
  instructorTimes,
  weekStartInstant,
  type ProgramIndex,
  type SchedulingProgram,
} from './program-index.js';
import { intersectAll, totalMinutes, type UtcInterval } from './zoned-interval.js';
import { localDayNumberAt } from './zone-offset.js';

export interface PairingWeights {
  /** Value of pairing one class at all; large so that pairing more classes comes first. */
  perClass: number;
  fit: number;
  overlap: number;
  continuity: number;
  /** Students reached live (enrolment / 100, at most 1). */
  reach: number;
  /** Convex penalty on an instructor's weekly load: the k-th of C units costs loadBalance * (k-1)/(C-1). */
  loadBalance: number;
}

export const DEFAULT_PAIRING_WEIGHTS: Readonly<PairingWeights> = {
  perClass: 10,
  fit: 1,
  overlap: 1,
  continuity: 0.5,
  reach: 0.5,
  loadBalance: 1,
};

export interface PairRef {
  westernClassId: string;
  instructorId: string;
}

export interface PairingOptions {
  /** Classes to pair; default every class with sessions to hold. */
  westernClassIds?: readonly string[];
  /** Last term's partners: pairing them again scores `continuity`. */
  previousPairings?: readonly PairRef[];
  /** Pairs a coordinator fixed: kept as they are, the rest is optimised around them. */
  pins?: readonly PairRef[];
  /** Pairs a coordinator ruled out. */
  forbids?: readonly PairRef[];
  /** Sessions per week each instructor already teaches elsewhere. */
  committedLoad?: Readonly<Record<string, number>>;
  weights?: Partial<PairingWeights>;
  /** Most western classes one live lesson serves ("one lesson, many campuses"); default 4, 1 turns grouping off. */
  maxCampusesPerLesson?: number;
  /** Candidate instructors kept per lesson, best first; default 12. */
  maxCandidatesPerLesson?: number;
  /** Minimum rest between an instructor's sessions, minutes (default 15): bounds how many sessions fit a window. */
  minRestMinutes?: number;
  /** Return the optimisation problem too, for an exact solver to check (`pairingMilpLp`). */
  withProblem?: boolean;
  /** Asked between augmentations; true ends the run with SCHEDULING_CANCELLED. */
  isCancelled?: () => boolean;
  /** Called with 0..100 at the end of each stage. */
  onProgress?: (percent: number) => void;
}

/** Why a pairing scores what it does; each part 0..1 before weights, `total` after. */
export interface PairingScoreBreakdown {
  fit: number;
  overlap: number;
  continuity: number;
  reach: number;
  /** Share of the instructor's weekly cap used after this pairing (what the load-balance penalty grows with). */
  loadShare: number;
  /** Weighted value, the load penalty taken off. */
  total: number;
  /** Minutes per week the instructor's windows and the classes' allowed periods share (reference week). */
  overlapMinutesPerWeek: number;
  /** Session start times per week at which a whole session fits both sides. */
  usableSlotsPerWeek: number;
}

export interface ProposedPairing extends Pairing {
  pinned: boolean;
  sessionsPerWeek: number;
  durationMinutes: number;
  studentsEnrolled: number;
  score: PairingScoreBreakdown;
}

export interface UnpairedClass {
  westernClassId: string;
  reason: string;
}

export interface PairingProposal {
  method: string;
  pairings: ProposedPairing[];
  unpaired: UnpairedClass[];
  /** Weekly sessions per instructor after the proposal (committed load included). */
  instructorLoad: Record<string, number>;
  /** Objective in integer points of the proposal: sum of pairing values minus load penalties. */
  objective: number;
  /**
   * The objective of the assignment optimised on the capacity model (weekly caps, weekday
   * capacities), before the typical-week timetable check takes out lessons whose exact times or
   * host teachers clash. This is what `pairingMilpLp` solves exactly; both are at most its optimum.
   */
  modelObjective: number;
  problem?: PairingProblem;
}

/** The assignment problem as solved, plain data, so an exact MILP can be run on the very same numbers. */
export interface PairingProblem {
  /** Lesson variants: a multi-campus lesson and, for each of its classes, a single-class one. */
  lessons: { id: string; westernClassIds: string[]; sessionsPerWeek: number }[];
  /** `days`: weekdays (0 = Monday, instructor's zone) on which the lesson fits the instructor. */
  edges: { lesson: number; instructorId: string; value: number; days: number[] }[];
  /** Per instructor: the cost of each further weekly unit, cheapest first (convex). */
  unitCosts: Record<string, number[]>;
  /** Per instructor: sessions still possible on each weekday (0 = Monday). */
  dayCaps: Record<string, number[]>;
}

interface Lesson {
  id: string;
  courseId: string;
  classes: WesternClass[];
  sessionsPerWeek: number;
  durationMinutes: number;
  timeZone: string;
  refFromMs: number;
  refToMs: number;
  /** Starts (UTC ms) in the reference week at which a whole session fits every member. */
  starts: number[];
  common: UtcInterval[];
  pinnedTo: string | null;
}

interface Edge {
  lesson: Lesson;
  instructor: Instructor;
  unitValue: number;
  /** Weekdays (0 = Monday, instructor's zone) with a usable start. */
  days: number[];
  /** Usable starts in the lesson's reference week (UTC ms). */
  starts: number[];
  breakdown: Omit<PairingScoreBreakdown, 'loadShare' | 'total'>;
}

interface Chosen {
  lesson: Lesson;
  edge: Edge;
  edges: Edge[];
  /** The weekday each weekly session is counted on. */
  days: number[];
}

const SCALE = 1000;
const METHOD =
  'lessons: classes of one course, zone and cadence grouped greedily while a whole session still fits all of them; ' +
  'assignment: min-cost flow lessons -> instructor weekdays -> instructors -> hub, with convex per-unit load costs and per-day capacities ' +
  '(sessions that fit the windows, at most maxSessionsPerDay), solved exactly by cancelling negative cycles through the hub with ' +
  'successive shortest paths (Dijkstra with potentials); a lesson the flow splits between instructors waits for the second round; ' +
  'lessons left unpaired are split into single classes and the flow runs again on the remaining capacity; ' +
  'finally an unpaired lesson may take a place by moving or displacing a less valuable lesson. Gap to the MILP optimum measured with HiGHS';

/**
 * Proposes pairings for a term: which instructor teaches which western classes, as lessons that may
 * serve several campuses at once, maximising the summed score under each instructor's weekly cap
 * and the sessions each weekday's windows can hold.
 */
export function proposePairings(program: SchedulingProgram | ProgramIndex, options: PairingOptions = {}): PairingProposal {
  const index =
    'classes' in program && program.classes instanceof Map ? (program as ProgramIndex) : indexProgram(program as SchedulingProgram);
  return new PairingRun(index, options).propose();
}

/** Ranked candidate instructors for one western class, best first, with the score breakdown. */
export function pairingCandidates(
  program: SchedulingProgram | ProgramIndex,
  westernClassId: string,
  options: Pick<PairingOptions, 'previousPairings' | 'forbids' | 'weights' | 'committedLoad' | 'minRestMinutes'> & { limit?: number } = {},
): ProposedPairing[] {
  const index =
    'classes' in program && program.classes instanceof Map ? (program as ProgramIndex) : indexProgram(program as SchedulingProgram);
  const westernClass = index.classes.get(westernClassId);
  if (!westernClass) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `class ${westernClassId} is unknown`);
  const run = new PairingRun(index, {
    ...options,
    westernClassIds: [westernClassId],
    maxCampusesPerLesson: 1,
    maxCandidatesPerLesson: options.limit ?? 10,
  });
  const lesson = buildLesson(index, [westernClass]);
  return run.candidatesOf(lesson).map((edge) => {
    const days = run.allocateDays(edge, lesson.sessionsPerWeek) ?? [];
    const pairing = run.toPairing({ lesson, edge, edges: [edge], days }, false, lesson.sessionsPerWeek);
    return { ...pairing, id: `candidate-${westernClassId}-${edge.instructor.id}` };
  });
}

class PairingRun {
  private readonly weights: PairingWeights;
  private readonly maxCampuses: number;
  private readonly maxCandidates: number;
  private readonly previous: Set<string>;
  private readonly forbidden: Set<string>;
  private readonly targets: WesternClass[] = [];
  private readonly instructors: Instructor[];
  private readonly capacity = new Map<string, number>();
  private readonly load = new Map<string, number>();
  private readonly baseLoad = new Map<string, number>();
  private readonly dayCap = new Map<string, number[]>();
  private readonly dayLoad = new Map<string, number[]>();
  private readonly byDiscipline = new Map<string, Instructor[]>();
  /** `classId|instructor name` pairs the typical-week check took apart. */
  private readonly timeClashes = new Set<string>();

  constructor(
    private readonly index: ProgramIndex,
    private readonly options: PairingOptions,
  ) {
    this.weights = { ...DEFAULT_PAIRING_WEIGHTS, ...options.weights };
    this.maxCampuses = Math.max(1, options.maxCampusesPerLesson ?? 4);
    this.maxCandidates = Math.max(1, options.maxCandidatesPerLesson ?? 12);
    this.previous = new Set((options.previousPairings ?? []).map((p) => `${p.westernClassId}|${p.instructorId}`));
    this.forbidden = new Set((options.forbids ?? []).map((p) => `${p.westernClassId}|${p.instructorId}`));
    const ids = options.westernClassIds ?? index.program.westernClasses.filter((c) => c.sessionsPerWeek > 0).map((c) => c.id);
    for (const id of [...new Set(ids)].sort()) {
      const westernClass = index.classes.get(id);
      if (!westernClass) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `class ${id} is unknown`);
      this.targets.push(westernClass);
    }
    this.instructors = index.program.instructors.filter((i) => i.role === 'instructor').sort((a, b) => (a.id < b.id ? -1 : 1));
    const maxWeeks = Math.max(1, ...this.targets.map((c) => classTimes(index, c).weekStarts.length));
    const durations = new Map<number, number>();
    for (const c of this.targets) durations.set(c.durationMinutes, (durations.get(c.durationMinutes) ?? 0) + 1);
    const typicalMinutes = [...durations].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 95;
    const restMinutes = options.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES;
    for (const instructor of this.instructors) {
      const days = sessionsThatFit(instructor, typicalMinutes, restMinutes);
      this.dayCap.set(instructor.id, days);
      this.dayLoad.set(instructor.id, [0, 0, 0, 0, 0, 0, 0]);
      const weekly = days.reduce((a, b) => a + b, 0);
      this.capacity.set(
        instructor.id,
        Math.max(0, Math.min(instructor.maxSessionsPerWeek, Math.floor(instructor.maxSessionsPerTerm / maxWeeks), weekly)),
      );
      this.load.set(instructor.id, Math.max(0, options.committedLoad?.[instructor.id] ?? 0));
      for (const discipline of instructor.disciplines)
        this.byDiscipline.set(discipline, [...(this.byDiscipline.get(discipline) ?? []), instructor]);
    }
  }

  propose(): PairingProposal {
    const { index, options } = this;
    const pinnedBy = new Map((options.pins ?? []).map((p) => [p.westernClassId, p.instructorId]));
    const pairings: ProposedPairing[] = [];
    const pinned: Chosen[] = [];
    const assigned = new Set<string>();
    // Pins first: each pinned class is its own lesson with its instructor, whatever its score.
    for (const westernClass of this.targets) {
      const instructorId = pinnedBy.get(westernClass.id);
      if (instructorId === undefined) continue;
      const instructor = index.instructors.get(instructorId);
      if (!instructor) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `pinned instructor ${instructorId} is unknown`);
      const lesson = { ...buildLesson(index, [westernClass]), pinnedTo: instructorId };
      const edge = this.scoreEdge(lesson, instructor) ?? {
        lesson,
        instructor,
        unitValue: 0,
        days: [],
        starts: [],
        breakdown: { fit: 0, overlap: 0, continuity: 0, reach: 0, overlapMinutesPerWeek: 0, usableSlotsPerWeek: 0 },
      };
      const days = this.allocateDays(edge, lesson.sessionsPerWeek) ?? [];
      this.take(instructorId, lesson.sessionsPerWeek, days);
      pinned.push({ lesson, edge, edges: [edge], days });
      assigned.add(westernClass.id);
    }
    for (const [id, units] of this.load) this.baseLoad.set(id, units);

    const lessons = groupLessons(
      index,
      this.targets.filter((c) => !assigned.has(c.id)),
      this.maxCampuses,
    );
    const firstEdges = lessons.map((lesson) => this.candidatesOf(lesson));
    const singles = new Map<string, Edge[]>();
    const singleEdges = (c: WesternClass): Edge[] => {
      let edges = singles.get(c.id);
      if (!edges) {
        edges = this.candidatesOf(buildLesson(index, [c]));
        singles.set(c.id, edges);
      }
      return edges;
    };
    const problem = options.withProblem ? this.problemOf(lessons, firstEdges, singleEdges) : undefined;
    options.onProgress?.(30);

    const chosen: Chosen[] = [];
    const round1 = this.assign(lessons, firstEdges, false);
    const leftover: WesternClass[] = [];
    lessons.forEach((lesson, i) => {
      const pick = round1[i];
      if (pick) chosen.push(pick);
      else leftover.push(...lesson.classes);
    });
    options.onProgress?.(60);
    const secondLessons = leftover.map((c) => buildLesson(index, [c]));
    const secondEdges = leftover.map((c) => singleEdges(c));
    const round2 = this.assign(secondLessons, secondEdges, true);
    const waiting: Chosen[] = [];
    secondLessons.forEach((lesson, i) => {
      const pick = round2[i];
      if (pick) chosen.push(pick);
      else if (secondEdges[i]!.length > 0) waiting.push({ lesson, edge: secondEdges[i]![0]!, edges: secondEdges[i]!, days: [] });
    });
    this.improveByEjection(chosen, waiting);
    options.onProgress?.(75);
    const modelObjective = this.objective(chosen);
    this.makeWeeksFeasible(chosen, waiting, pinned);
    options.onProgress?.(95);
    for (const pick of pinned) pairings.push(this.toPairing(pick, true));
    for (const pick of chosen) {
      pairings.push(this.toPairing(pick, false));
      for (const c of pick.lesson.classes) assigned.add(c.id);
    }
    // Every class of the run is either in a pairing or here with a reason.
    const unpaired: UnpairedClass[] = [];
    for (const c of this.targets) {
      if (assigned.has(c.id)) continue;
      const clashedWith = [...this.timeClashes].filter((key) => key.startsWith(`${c.id}|`)).map((key) => key.slice(c.id.length + 1));
      unpaired.push({
        westernClassId: c.id,
        reason: unpairedReason(
          index,
          buildLesson(index, [c]),
          this.instructors,
          singleEdges(c),
          this.capacity,
          this.load,
          this.forbidden,
          clashedWith,
        ),
      });
    }
    pairings.sort((a, b) => (a.id < b.id ? -1 : 1));
    options.onProgress?.(100);
    return {
      method: METHOD,
      pairings,
      unpaired,
      instructorLoad: Object.fromEntries(this.load),
      objective: this.objective(chosen),
      modelObjective,
      ...(problem ? { problem } : {}),
    };
  }

  candidatesOf(lesson: Lesson): Edge[] {
    const course = this.index.courses.get(lesson.courseId);
    const discipline = lesson.classes[0]!.discipline;
    const edges: Edge[] = [];
    for (const instructor of this.byDiscipline.get(discipline) ?? []) {
      if (course && !instructor.languages.includes(course.language)) continue;
      const edge = this.scoreEdge(lesson, instructor);
      if (edge) edges.push(edge);
    }
    edges.sort((a, b) => b.unitValue - a.unitValue || (a.instructor.id < b.instructor.id ? -1 : 1));
    return edges.slice(0, this.maxCandidates);
  }

  /** The weekday each of `units` sessions would be counted on, spreading over days with room; null when they do not fit. */
  allocateDays(edge: Edge, units: number, freed: { instructorId: string; days: number[] } | null = null): number[] | null {
    const id = edge.instructor.id;
    const caps = this.dayCap.get(id) ?? [0, 0, 0, 0, 0, 0, 0];
    const used = [...(this.dayLoad.get(id) ?? [0, 0, 0, 0, 0, 0, 0])];
    if (freed && freed.instructorId === id) for (const d of freed.days) used[d]!--;
    const days: number[] = [];
    for (let u = 0; u < units; u++) {
      let best = -1;
      for (const d of edge.days) {
        const room = caps[d]! - used[d]!;
        if (room <= 0) continue;
        const bestRoom = best < 0 ? -1 : caps[best]! - used[best]! - (days.includes(best) ? 10 : 0);
        if (room - (days.includes(d) ? 10 : 0) > bestRoom) best = d;
      }
      if (best < 0) return null;
      used[best]!++;
      days.push(best);
    }
    return days;
  }

  toPairing(pick: Chosen, pinned: boolean, unitsOverride?: number): ProposedPairing {
    const { lesson, edge } = pick;
    const instructor = edge.instructor;
    const units = unitsOverride ?? this.load.get(instructor.id) ?? 0;
    const cap = this.capacity.get(instructor.id) ?? 0;
    let instructorPenalty = 0;
    for (let k = 1; k <= units; k++) instructorPenalty += this.unitCost(instructor.id, k);
    // The instructor's load penalty is shared by its lessons in proportion to the sessions they take.
    const penalty = units > 0 ? (instructorPenalty * lesson.sessionsPerWeek) / units : 0;
    const value = edge.unitValue * lesson.sessionsPerWeek;
    const anchor = lesson.classes[0]!;
    const pairing: ProposedPairing = {
      id: lesson.id,
      instructorId: instructor.id,
      courseId: lesson.courseId,
      termId: anchor.termId,
      westernClassIds: lesson.classes.map((c) => c.id),
      status: 'proposed',
      pinned,
      sessionsPerWeek: lesson.sessionsPerWeek,
      durationMinutes: lesson.durationMinutes,
      studentsEnrolled: lesson.classes.reduce((sum, c) => sum + c.studentsEnrolled, 0),
      score: { ...edge.breakdown, loadShare: cap > 0 ? units / cap : 1, total: Math.round(value - penalty) / SCALE },
    };
    return pairing;
  }

  private unitCost(instructorId: string, k: number): number {
    const cap = this.capacity.get(instructorId) ?? 0;
    return Math.round((SCALE * this.weights.loadBalance * (k - 1)) / Math.max(1, cap - 1));
  }

  private addCost(instructorId: string, from: number, units: number): number {
    let c = 0;
    for (let k = from + 1; k <= from + units; k++) c += this.unitCost(instructorId, k);
    return c;
  }

  private take(instructorId: string, units: number, days: number[]): void {
    this.load.set(instructorId, (this.load.get(instructorId) ?? 0) + units);
    const used = this.dayLoad.get(instructorId);
    if (used) for (const d of days) used[d]!++;
  }

  private give(instructorId: string, units: number, days: number[]): void {
    this.load.set(instructorId, (this.load.get(instructorId) ?? 0) - units);
    const used = this.dayLoad.get(instructorId);
    if (used) for (const d of days) used[d]!--;
  }

  private room(instructorId: string): number {
    return (this.capacity.get(instructorId) ?? 0) - (this.load.get(instructorId) ?? 0);
  }

  private scoreEdge(lesson: Lesson, instructor: Instructor): Edge | null {
    for (const c of lesson.classes) if (this.forbidden.has(`${c.id}|${instructor.id}`)) return null;
    const free = instructorTimes(this.index, instructor).union;
    const durMs = lesson.durationMinutes * 60_000;
    let usable = 0;
    const days = new Set<number>();
    const starts: number[] = [];
    for (const s of lesson.starts) {
      if (!coversAt(free, s, s + durMs)) continue;
      usable++;
      starts.push(s);
      days.add((localDayNumberAt(s, instructor.timeZone) + 3) % 7);
    }
    if (usable < lesson.sessionsPerWeek && lesson.pinnedTo !== instructor.id) return null;
    const overlapMinutes = totalMinutes(intersectAll(lesson.common, clip(free, lesson.refFromMs, lesson.refToMs)));
    const course = this.index.courses.get(lesson.courseId);
    const fit = 0.6 + (course && course.institutionId === instructor.institutionId ? 0.4 : 0);
    const overlap = Math.min(1, usable / (3 * Math.max(1, lesson.sessionsPerWeek)));
    const w = this.weights;
    let continuity = 0;
    let reach = 0;
    let value = 0;
    for (const c of lesson.classes) {
      const cont = this.previous.has(`${c.id}|${instructor.id}`) ? 1 : 0;
      const r = Math.min(1, c.studentsEnrolled / 100);
      continuity += cont / lesson.classes.length;
      reach += r / lesson.classes.length;
      value += w.perClass + w.fit * fit + w.overlap * overlap + w.continuity * cont + w.reach * r;
    }
    const unitValue = Math.round((SCALE * value) / Math.max(1, lesson.sessionsPerWeek));
    return {
      lesson,
      instructor,
      unitValue,
      days: [...days].sort((a, b) => a - b),
      starts,
      breakdown: { fit, overlap, continuity, reach, overlapMinutesPerWeek: overlapMinutes, usableSlotsPerWeek: usable },
    };
  }

  /**
   * Max-profit assignment by min-cost flow: lesson -> (instructor, weekday) -> instructor -> hub.
   * A lesson routed whole to one instructor is taken; a split one is given whole to its best
   * candidate with room when `repairSplits`, else left for the next round.
   */
  private assign(lessons: Lesson[], edges: Edge[][], repairSplits: boolean): (Chosen | null)[] {
    const result: (Chosen | null)[] = lessons.map(() => null);
    if (lessons.length === 0) return result;
    const instructorIds = [...new Set(edges.flat().map((e) => e.instructor.id))].sort();
    const instructorNode = new Map(instructorIds.map((id, i) => [id, 2 + lessons.length + i]));
    const dayNode = new Map<string, number>();
    let n = 2 + lessons.length + instructorIds.length;
    for (const list of edges)
      for (const e of list)
        for (const d of e.days) if (!dayNode.has(`${e.instructor.id}|${d}`)) dayNode.set(`${e.instructor.id}|${d}`, n++);
    const flow = new MinCostFlow(n);
    const potential = new Float64Array(n);
    const arcs: { arc: number; lesson: number; edge: Edge; day: number }[] = [];
    lessons.forEach((lesson, i) => {
      for (const edge of edges[i]!) {
        for (const day of edge.days) {
          const v = dayNode.get(`${edge.instructor.id}|${day}`)!;
          arcs.push({ arc: flow.addArc(2 + i, v, lesson.sessionsPerWeek, -edge.unitValue), lesson: i, edge, day });
          potential[v] = Math.min(potential[v]!, -edge.unitValue);
        }
      }
    });
    for (const [key, v] of dayNode) {
      const [id, dayText] = key.split('|') as [string, string];
      const day = Number(dayText);
      const room = (this.dayCap.get(id)?.[day] ?? 0) - (this.dayLoad.get(id)?.[day] ?? 0);
      const u = instructorNode.get(id)!;
      if (room > 0) flow.addArc(v, u, room, 0);
      potential[u] = Math.min(potential[u]!, potential[v]!);
    }
    let hubPotential = 0;
    for (const id of instructorIds) {
      const u = instructorNode.get(id)!;
      const from = this.load.get(id) ?? 0;
      const cap = this.capacity.get(id) ?? 0;
      for (let k = from + 1; k <= cap; k++) {
        const c = this.unitCost(id, k);
        flow.addArc(u, 1, 1, c);
        hubPotential = Math.min(hubPotential, potential[u]! + c);
      }
    }
    potential[1] = hubPotential;
    // Most valuable lessons first, then passes until no lesson can improve the total.
    const order = lessons
      .map((_, i) => i)
      .sort(
        (a, b) =>
          (edges[b]![0]?.unitValue ?? 0) * lessons[b]!.sessionsPerWeek - (edges[a]![0]?.unitValue ?? 0) * lessons[a]!.sessionsPerWeek ||
          a - b,
      );
    flow.run(
      order.map((i) => ({ node: 2 + i, supply: lessons[i]!.sessionsPerWeek })),
      1,
      potential,
      () => {
        if (this.options.isCancelled?.()) throw new SchedulingError(SchedulingErrorCode.SCHEDULING_CANCELLED, 'pairing was cancelled');
      },
    );
    const parts = new Map<number, { edge: Edge; day: number; units: number }[]>();
    for (const { arc, lesson, edge, day } of arcs) {
      const units = flow.flowOn(arc);
      if (units > 0) parts.set(lesson, [...(parts.get(lesson) ?? []), { edge, day, units }]);
    }
    const repair: number[] = [];
    lessons.forEach((lesson, i) => {
      const got = parts.get(i) ?? [];
      const ids = new Set(got.map((g) => g.edge.instructor.id));
      const units = got.reduce((sum, g) => sum + g.units, 0);
      if (ids.size === 1 && units === lesson.sessionsPerWeek) {
        const edge = got[0]!.edge;
        const days = got.flatMap((g) => Array.from({ length: g.units }, () => g.day));
        this.take(edge.instructor.id, lesson.sessionsPerWeek, days);
        result[i] = { lesson, edge, edges: edges[i]!, days };
      } else if (got.length > 0) {
        repair.push(i);
      }
    });
    if (!repairSplits) return result;
    repair.sort((a, b) => (edges[b]![0]?.unitValue ?? 0) - (edges[a]![0]?.unitValue ?? 0) || a - b);
    for (const i of repair) {
      const lesson = lessons[i]!;
      let best: { edge: Edge; days: number[]; gain: number } | null = null;
      for (const edge of edges[i]!) {
        const id = edge.instructor.id;
        if (this.room(id) < lesson.sessionsPerWeek) continue;
        const days = this.allocateDays(edge, lesson.sessionsPerWeek);
        if (!days) continue;
        const gain = edge.unitValue * lesson.sessionsPerWeek - this.addCost(id, this.load.get(id) ?? 0, lesson.sessionsPerWeek);
        if (!best || gain > best.gain) best = { edge, days, gain };
      }
      if (best && best.gain > 0) {
        this.take(best.edge.instructor.id, lesson.sessionsPerWeek, best.days);
        result[i] = { lesson, edge: best.edge, edges: edges[i]!, days: best.days };
      }
    }
    return result;
  }

  /**
   * Local improvement for what the flow cannot express (a lesson needing several weekly sessions
   * from one instructor): an unpaired lesson takes an instructor's room, or makes room by moving one
   * of that instructor's lessons to another candidate with room, or by displacing a less valuable
   * one; a move is taken only when the objective grows.
   */
  private improveByEjection(chosen: Chosen[], waiting: Chosen[]): void {
    for (let pass = 0; pass < 20; pass++) {
      let changed = false;
      waiting.sort(
        (a, b) =>
          b.edge.unitValue * b.lesson.sessionsPerWeek - a.edge.unitValue * a.lesson.sessionsPerWeek || (a.lesson.id < b.lesson.id ? -1 : 1),
      );
      for (const g of [...waiting]) {
        const d = g.lesson.sessionsPerWeek;
        let best: { gain: number; edge: Edge; days: number[]; eject: Chosen | null; to: Edge | null; toDays: number[] } | null = null;
        for (const edge of g.edges) {
          const i = edge.instructor.id;
          const li = this.load.get(i) ?? 0;
          const value = edge.unitValue * d;
          if (this.room(i) >= d) {
            const days = this.allocateDays(edge, d);
            if (days) {
              const gain = value - this.addCost(i, li, d);
              if (!best || gain > best.gain) best = { gain, edge, days, eject: null, to: null, toDays: [] };
              continue;
            }
          }
          for (const h of chosen) {
            if (h.edge.instructor.id !== i) continue;
            const dh = h.lesson.sessionsPerWeek;
            if (this.room(i) + dh < d) continue;
            const days = this.allocateDays(edge, d, { instructorId: i, days: h.days });
            if (!days) continue;
            const base = value - h.edge.unitValue * dh + this.addCost(i, li - dh, dh) - this.addCost(i, li - dh, d);
            if (!best || base > best.gain) best = { gain: base, edge, days, eject: h, to: null, toDays: [] };
            for (const alt of h.edges) {
              const j = alt.instructor.id;
              if (j === i || this.room(j) < dh) continue;
              const toDays = this.allocateDays(alt, dh);
              if (!toDays) continue;
              const gain = base + alt.unitValue * dh - this.addCost(j, this.load.get(j) ?? 0, dh);
              if (gain > best.gain) best = { gain, edge, days, eject: h, to: alt, toDays };
            }
          }
        }
        if (!best || best.gain <= 0) continue;
        const i = best.edge.instructor.id;
        if (best.eject) {
          const h = best.eject;
          chosen.splice(chosen.indexOf(h), 1);
          this.give(i, h.lesson.sessionsPerWeek, h.days);
          if (best.to) {
            this.take(best.to.instructor.id, h.lesson.sessionsPerWeek, best.toDays);
            chosen.push({ ...h, edge: best.to, days: best.toDays });
          } else {
            waiting.push({ ...h, edge: h.edges[0]!, days: [] });
          }
        }
        waiting.splice(waiting.indexOf(g), 1);
        this.take(i, d, best.days);
        chosen.push({ ...g, edge: best.edge, days: best.days });
        changed = true;
      }
      if (!changed) break;
    }
  }

  /**
   * Caps per day and week do not see exact times: two lessons may both fit an instructor only at
   * Tuesday 10:00, or a class's host teacher may already be taken then. So each instructor's lessons
   * are timetabled on a typical week (exact search over their usable starts, sessions apart by the
   * rest time, at most maxSessionsPerDay a day, host teachers never twice at once across
   * instructors); a lesson that does not fit is taken off that instructor and offered to the others.
   */
  private makeWeeksFeasible(chosen: Chosen[], waiting: Chosen[], pinned: Chosen[]): void {
    const firstHome = new Map<Lesson, Chosen>();
    this.checkTypicalWeek(chosen, waiting, pinned, firstHome);
    // A lesson no other instructor could take goes back to its first one: most weeks may still
    // work out, and the timetable explains the weeks that do not.
    for (const [lesson, pick] of firstHome) {
      if (chosen.some((c) => c.lesson === lesson)) continue;
      const id = pick.edge.instructor.id;
      if (this.room(id) < lesson.sessionsPerWeek) continue;
      const days = this.allocateDays(pick.edge, lesson.sessionsPerWeek);
      if (!days) continue;
      this.take(id, lesson.sessionsPerWeek, days);
      chosen.push({ ...pick, days });
      const at = waiting.findIndex((w) => w.lesson === lesson);
      if (at >= 0) waiting.splice(at, 1);
    }
  }

  private checkTypicalWeek(chosen: Chosen[], waiting: Chosen[], pinned: Chosen[], firstHome: Map<Lesson, Chosen>): void {
    const rest = (this.options.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES) * 60_000;
    const excluded = new Set<string>();
    for (let round = 0; ; round++) {
      const byInstructor = new Map<string, Chosen[]>();
      for (const pick of chosen) byInstructor.set(pick.edge.instructor.id, [...(byInstructor.get(pick.edge.instructor.id) ?? []), pick]);
      const rejected: Chosen[] = [];
      const hostBusy: HostBusy = new Map();
      for (const id of [...new Set([...byInstructor.keys(), ...pinned.map((p) => p.edge.instructor.id)])].sort()) {
        const picks = byInstructor.get(id) ?? [];
        const fixed = pinned.filter((p) => p.edge.instructor.id === id);
        for (const pick of weeklyMisfits(picks, fixed, rest, hostBusy)) rejected.push(pick);
      }
      if (rejected.length === 0) return;
      for (const pick of rejected) {
        chosen.splice(chosen.indexOf(pick), 1);
        this.give(pick.edge.instructor.id, pick.lesson.sessionsPerWeek, pick.days);
        excluded.add(`${pick.lesson.id}|${pick.edge.instructor.id}`);
        if (!firstHome.has(pick.lesson)) firstHome.set(pick.lesson, pick);
        for (const c of pick.lesson.classes) this.timeClashes.add(`${c.id}|${pick.edge.instructor.name}`);
      }
      // Every round ends with a check; after a few, what still does not fit stays unpaired.
      if (round >= 5) {
        for (const pick of rejected) waiting.push({ ...pick, edges: [] });
        return;
      }
      const again = rejected.map((pick) => ({
        ...pick,
        edges: pick.edges.filter((e) => !excluded.has(`${pick.lesson.id}|${e.instructor.id}`)),
      }));
      const picks = this.assign(
        again.map((p) => p.lesson),
        again.map((p) => p.edges),
        true,
      );
      again.forEach((p, i) => {
        const pick = picks[i];
        if (pick) chosen.push(pick);
        else if (p.edges.length > 0) waiting.push({ ...p, edge: p.edges[0]!, days: [] });
      });
      for (const w of waiting) w.edges = w.edges.filter((e) => !excluded.has(`${w.lesson.id}|${e.instructor.id}`));
      this.improveByEjection(
        chosen,
        waiting.filter((w) => w.edges.length > 0),
      );
      for (let i = waiting.length - 1; i >= 0; i--)
        if (chosen.includes(waiting[i]!) || chosen.some((c) => c.lesson === waiting[i]!.lesson)) waiting.splice(i, 1);
    }
  }

  private objective(chosen: Chosen[]): number {
    let total = 0;
    for (const pick of chosen) total += pick.edge.unitValue * pick.lesson.sessionsPerWeek;
    for (const [id, units] of this.load) {
      const from = this.baseLoad.get(id) ?? 0;
      for (let k = from + 1; k <= units; k++) total -= this.unitCost(id, k);
    }
    return total;
  }

  private problemOf(lessons: Lesson[], firstEdges: Edge[][], singleEdges: (c: WesternClass) => Edge[]): PairingProblem {
    const problem: PairingProblem = { lessons: [], edges: [], unitCosts: {}, dayCaps: {} };
    const addLesson = (lesson: Lesson, edges: Edge[]): void => {
      const at = problem.lessons.length;
      problem.lessons.push({ id: lesson.id, westernClassIds: lesson.classes.map((c) => c.id), sessionsPerWeek: lesson.sessionsPerWeek });
      for (const e of edges)
        problem.edges.push({ lesson: at, instructorId: e.instructor.id, value: e.unitValue * lesson.sessionsPerWeek, days: e.days });
    };
    lessons.forEach((lesson, i) => {
      addLesson(lesson, firstEdges[i]!);
      if (lesson.classes.length > 1) for (const c of lesson.classes) addLesson(buildLesson(this.index, [c]), singleEdges(c));
    });
    for (const instructor of this.instructors) {
      const costs: number[] = [];
      for (let k = (this.baseLoad.get(instructor.id) ?? 0) + 1; k <= (this.capacity.get(instructor.id) ?? 0); k++)
        costs.push(this.unitCost(instructor.id, k));
      problem.unitCosts[instructor.id] = costs;
      const caps = this.dayCap.get(instructor.id)!;
      const used = this.dayLoad.get(instructor.id)!;
      problem.dayCaps[instructor.id] = caps.map((c, d) => Math.max(0, c - used[d]!));
    }
    return problem;
  }
}

const WEEK_MS = 7 * 86_400_000;

/** A time of week taken by a host teacher (UTC ms modulo a week). */
type HostBusy = Map<string, { at: number; end: number }[]>;

function clashes(a: { at: number; end: number }, b: { at: number; end: number }, padMs: number): boolean {
  // Times of week wrap around: compare with the other one shifted a week either way.
  for (const shift of [-WEEK_MS, 0, WEEK_MS]) if (a.at < b.end + shift + padMs && b.at + shift < a.end + padMs) return true;
  return false;
}

/**
 * The lessons of one instructor that cannot all be given their weekly sessions in a typical week:
 * a depth-first search picks, per lesson, `sessionsPerWeek` of its usable starts (times of week),
 * no two sessions closer than `restMs`, at most maxSessionsPerDay a day, none while a class's host
 * teacher is already taken (`hostBusy`, filled in as instructors are done), keeping the most
 * valuable set that fits (node budget bounded; lessons with fewest starts first). Pinned lessons are
 * placed first and never rejected. The times chosen are added to `hostBusy`.
 */
function weeklyMisfits(picks: Chosen[], pinned: Chosen[], restMs: number, hostBusy: HostBusy): Chosen[] {
  if (picks.length === 0 && pinned.length === 0) return [];
  const instructor = (picks[0] ?? pinned[0])!.edge.instructor;
  interface Option {
    at: number;
    end: number;
    day: number;
  }
  interface Item {
    pick: Chosen;
    need: number;
    options: Option[];
    value: number;
    hosts: string[];
  }
  const toItem = (pick: Chosen): Item => {
    const durMs = pick.lesson.durationMinutes * 60_000;
    const hosts = [...new Set(pick.lesson.classes.map((c) => c.hostTeacherId).filter((h): h is string => !!h))];
    const options = sortedUnique(pick.edge.starts.map((s) => ((s % WEEK_MS) + WEEK_MS) % WEEK_MS))
      .map((at) => ({ at, end: at + durMs, day: (localDayNumberAt(at, instructor.timeZone) + 3) % 7 }))
      .filter((o) => hosts.every((h) => !(hostBusy.get(h) ?? []).some((t) => clashes(o, t, 0))));
    return { pick, need: pick.lesson.sessionsPerWeek, options, value: pick.edge.unitValue * pick.lesson.sessionsPerWeek, hosts };
  };
  const items = picks.map(toItem).sort((a, b) => a.options.length - b.options.length || b.value - a.value);
  const taken: (Option & { hosts: string[] })[] = [];
  const dayCount = [0, 0, 0, 0, 0, 0, 0];
  const clash = (o: Option, hosts: string[]): boolean =>
    taken.some((t) => clashes(o, t, restMs) || (hosts.some((h) => t.hosts.includes(h)) && clashes(o, t, 0)));
  const put = (o: Option, hosts: string[]): void => {
    taken.push({ ...o, hosts });
    dayCount[o.day]!++;
  };
  const pop = (): void => {
    const o = taken.pop()!;
    dayCount[o.day]!--;
  };
  for (const item of pinned.map(toItem)) {
    let left = item.need;
    for (const o of item.options) {
      if (left === 0) break;
      if (!clash(o, item.hosts)) {
        put(o, item.hosts);
        left--;
      }
    }
  }
  const fixedCount = taken.length;
  let bestValue = -1;
  let bestSet: boolean[] = [];
  let bestTaken: (Option & { hosts: string[] })[] = [];
  const chosenSet: boolean[] = items.map(() => false);
  let budget = 20_000;
  const remainingValue = items.map((_, i) => items.slice(i).reduce((sum, it) => sum + it.value, 0));
  const search = (i: number, value: number): void => {
    if (budget-- <= 0) return;
    if (value + (remainingValue[i] ?? 0) <= bestValue) return;
    if (i === items.length) {
      bestValue = value;
      bestSet = [...chosenSet];
      bestTaken = taken.slice(fixedCount);
      return;
    }
    const item = items[i]!;
    const pickOptions = (from: number, left: number): void => {
      if (left === 0) {
        chosenSet[i] = true;
        search(i + 1, value + item.value);
        chosenSet[i] = false;
        return;
      }
      for (let k = from; k < item.options.length; k++) {
        const o = item.options[k]!;
        if (dayCount[o.day]! >= instructor.maxSessionsPerDay || clash(o, item.hosts)) continue;
        put(o, item.hosts);
        pickOptions(k + 1, left - 1);
        pop();
        if (budget <= 0) return;
      }
    };
    pickOptions(0, item.need);
    search(i + 1, value);
  };
  search(0, 0);
  for (const t of [...taken, ...bestTaken])
    for (const h of t.hosts) hostBusy.set(h, [...(hostBusy.get(h) ?? []), { at: t.at, end: t.end }]);
  if (bestValue < 0) return [];
  return items.filter((_, i) => !bestSet[i]).map((item) => item.pick);
}

/**
 * Sessions of `minutes` that fit each weekday's windows (0 = Monday) back to back with `rest`
 * between them, at most `maxSessionsPerDay`: the flow never hands out more than can be timetabled.
 */
function sessionsThatFit(instructor: Instructor, minutes: number, rest: number): number[] {
  const days = [0, 0, 0, 0, 0, 0, 0];
  for (const w of instructor.availability) {
    const length = localTimeToMinutes(w.localEnd) - localTimeToMinutes(w.localStart);
    days[w.weekday - 1]! += Math.max(0, Math.floor((length + rest) / (minutes + rest)));
  }
  return days.map((n) => Math.min(n, instructor.maxSessionsPerDay));
}

/** A lesson of the given classes (same course, zone, cadence), with its reference-week fitting starts. */
function buildLesson(index: ProgramIndex, classes: WesternClass[]): Lesson {
  const anchor = classes[0]!;
  const institution = institutionOf(index, anchor.institutionId);
  const times = classTimes(index, anchor);
  const counts = new Map<string, number>();
  for (const o of times.occurrences) {
    const monday = weekStartOf(o.localDate);
    counts.set(monday, (counts.get(monday) ?? 0) + 1);
  }
  let refMonday = times.weekStarts[0] ?? '2026-01-05';
  let best = -1;
  for (const monday of times.weekStarts) {
    const n = counts.get(monday) ?? 0;
    if (n > best) {
      best = n;
      refMonday = monday;
    }
  }
  const refFromMs = weekStartInstant(refMonday, institution.timeZone);
  const refToMs = weekStartInstant(addDays(refMonday, 7), institution.timeZone);
  const lesson: Lesson = {
    id: `pairing-${classes.map((c) => c.id).join('+')}`,
    courseId: anchor.courseId,
    classes,
    sessionsPerWeek: anchor.sessionsPerWeek,
    durationMinutes: anchor.durationMinutes,
    timeZone: institution.timeZone,
    refFromMs,
    refToMs,
    starts: [],
    common: [],
    pinnedTo: null,
  };
  refit(index, lesson);
  return lesson;
}

function refit(index: ProgramIndex, lesson: Lesson): void {
  const durMs = lesson.durationMinutes * 60_000;
  const unions = lesson.classes.map((c) => classTimes(index, c).union);
  const starts: number[] = [];
  for (const c of lesson.classes) {
    for (const o of classTimes(index, c).occurrences)
      if (o.startMs >= lesson.refFromMs && o.startMs < lesson.refToMs) starts.push(o.startMs);
  }
  lesson.starts = sortedUnique(starts).filter((s) => unions.every((u) => coversAt(u, s, s + durMs)));
  let common = clip(unions[0]!, lesson.refFromMs, lesson.refToMs);
  for (const u of unions.slice(1)) common = intersectAll(common, clip(u, lesson.refFromMs, lesson.refToMs));
  lesson.common = common;
}

/** Greedy grouping: a class joins the first lesson of its course, zone and cadence where a whole session still fits everyone at least as often as it needs. */
function groupLessons(index: ProgramIndex, classes: WesternClass[], maxCampuses: number): Lesson[] {
  const buckets = new Map<string, WesternClass[]>();
  for (const c of classes) {
    const zone = institutionOf(index, c.institutionId).timeZone;
    const key = `${c.courseId}|${zone}|${c.sessionsPerWeek}|${c.durationMinutes}|${c.discipline}`;
    buckets.set(key, [...(buckets.get(key) ?? []), c]);
  }
  const lessons: Lesson[] = [];
  for (const key of [...buckets.keys()].sort()) {
    const members = buckets.get(key)!.sort((a, b) => b.studentsEnrolled - a.studentsEnrolled || (a.id < b.id ? -1 : 1));
    const open: Lesson[] = [];
    for (const c of members) {
      let placed = false;
      if (maxCampuses > 1) {
        for (const lesson of open) {
          if (lesson.classes.length >= maxCampuses) continue;
          const trial: Lesson = { ...lesson, classes: [...lesson.classes, c] };
          refit(index, trial);
          if (trial.starts.length >= Math.max(1, c.sessionsPerWeek)) {
            lesson.classes = trial.classes;
            lesson.starts = trial.starts;
            lesson.common = trial.common;
            placed = true;
            break;
          }
        }
      }
      if (!placed) open.push(buildLesson(index, [c]));
    }
    for (const lesson of open) {
      lesson.id = `pairing-${lesson.classes.map((c) => c.id).join('+')}`;
      lessons.push(lesson);
    }
  }
  return lessons;
}

function unpairedReason(
  index: ProgramIndex,
  lesson: Lesson,
  instructors: Instructor[],
  edges: Edge[],
  capacity: Map<string, number>,
  load: Map<string, number>,
  forbidden: Set<string>,
  clashedWith: string[],
): string {
  const c = lesson.classes[0]!;
  const course = index.courses.get(c.courseId);
  const language = course?.language ?? 'any language';
  const institution = institutionOf(index, c.institutionId);
  const fitting = instructors.filter((i) => i.disciplines.includes(c.discipline) && (!course || i.languages.includes(course.language)));
  if (fitting.length === 0) return `no instructor teaches ${c.discipline} in ${language}`;
  const allowed = fitting.filter((i) => !forbidden.has(`${c.id}|${i.id}`));
  if (allowed.length === 0) return `every instructor who teaches ${c.discipline} in ${language} is ruled out for this class`;
  const periods = describeWeeklyWindows(allowedPeriodsOf(c, institution), institution.timeZone);
  if (edges.length === 0) {
    const sample = allowed
      .slice(0, 3)
      .map((i) => `${i.name} free ${describeWeeklyWindows(i.availability, i.timeZone)}`)
      .join('; ');
    return `no overlap long enough for a ${c.durationMinutes}-minute session, ${c.sessionsPerWeek} a week: class periods ${periods}; ${allowed.length} instructor(s) fit, e.g. ${sample}`;
  }
  const full = edges
    .map((e) => `${e.instructor.name} (${load.get(e.instructor.id) ?? 0}/${capacity.get(e.instructor.id) ?? 0} sessions a week)`)
    .slice(0, 3)
    .join(', ');
  const clash =
    clashedWith.length > 0
      ? `; in a typical week no time was left that suits ${clashedWith.slice(0, 3).join(', ')}, the class and its host teacher together`
      : '';
  return `the ${edges.length} instructor(s) whose hours overlap class periods ${periods} have no room left for ${c.sessionsPerWeek} more session(s) a week: ${full}${clash}`;
}
