import type { Instructor, Pairing, WesternClass } from './model.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { describeWeeklyWindows } from './format-local.js';
import { addDays, weekStartOf } from './local-date.js';
import { clip, coversAt, seededHash, sortedUnique } from './lesson-fit.js';
import { MinCostFlow } from './min-cost-flow.js';
import { allowedPeriodsOf } from './check-slot.js';
import { classTimes, indexProgram, institutionOf, instructorTimes, weekStartInstant, type ProgramIndex, type SchedulingProgram } from './program-index.js';
import { intersectAll, totalMinutes, type UtcInterval } from './zoned-interval.js';

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

export const DEFAULT_PAIRING_WEIGHTS: Readonly<PairingWeights> = { perClass: 10, fit: 1, overlap: 1, continuity: 0.5, reach: 0.5, loadBalance: 1 };

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
  /** Return the optimisation problem too, for an exact solver to check (`pairingMilpLp`). */
  withProblem?: boolean;
  /** Asked between augmentations; true ends the run with SCHEDULING_CANCELLED. */
  isCancelled?: () => boolean;
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
  /** Objective in integer points: sum of pairing values minus load penalties (what the solver maximises). */
  objective: number;
  problem?: PairingProblem;
}

/** The assignment problem as solved, plain data, so an exact MILP can be run on the very same numbers. */
export interface PairingProblem {
  /** Lesson variants: a multi-campus lesson and, for each of its classes, a single-class one. */
  lessons: { id: string; westernClassIds: string[]; sessionsPerWeek: number }[];
  edges: { lesson: number; instructorId: string; value: number }[];
  /** Per instructor: the cost of each further weekly unit, cheapest first (convex). */
  unitCosts: Record<string, number[]>;
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
  breakdown: Omit<PairingScoreBreakdown, 'loadShare' | 'total'>;
}

const SCALE = 1000;
const METHOD =
  'lessons: classes of one course, zone and cadence grouped greedily while a whole session still fits all of them; ' +
  'assignment: min-cost flow lessons -> instructors -> sink with convex per-unit load costs, solved by successive shortest paths ' +
  '(Dijkstra with potentials) routing the most valuable lessons first; a lesson the flow splits is given whole to its best candidate with room; ' +
  'lessons left unpaired are split into single classes and the flow runs again on the remaining capacity; gap to a MILP optimum measured with HiGHS';

/**
 * Proposes pairings for a term: which instructor teaches which western classes, as lessons that may
 * serve several campuses at once, maximising the summed score under each instructor's weekly cap.
 */
export function proposePairings(program: SchedulingProgram | ProgramIndex, options: PairingOptions = {}): PairingProposal {
  const index = 'classes' in program && program.classes instanceof Map ? (program as ProgramIndex) : indexProgram(program as SchedulingProgram);
  const weights = { ...DEFAULT_PAIRING_WEIGHTS, ...options.weights };
  const maxCampuses = Math.max(1, options.maxCampusesPerLesson ?? 4);
  const maxCandidates = Math.max(1, options.maxCandidatesPerLesson ?? 12);
  const previous = new Set((options.previousPairings ?? []).map((p) => `${p.westernClassId}|${p.instructorId}`));
  const forbidden = new Set((options.forbids ?? []).map((p) => `${p.westernClassId}|${p.instructorId}`));
  const pinnedBy = new Map((options.pins ?? []).map((p) => [p.westernClassId, p.instructorId]));
  const ids = options.westernClassIds ?? index.program.westernClasses.filter((c) => c.sessionsPerWeek > 0).map((c) => c.id);
  const targets: WesternClass[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const westernClass = index.classes.get(id);
    if (!westernClass) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `class ${id} is unknown`);
    targets.push(westernClass);
  }
  const instructors = index.program.instructors.filter((i) => i.role === 'instructor').sort((a, b) => (a.id < b.id ? -1 : 1));
  const maxWeeks = Math.max(1, ...targets.map((c) => classTimes(index, c).weekStarts.length));
  const capacity = new Map<string, number>();
  const load = new Map<string, number>();
  for (const instructor of instructors) {
    capacity.set(instructor.id, Math.max(0, Math.min(instructor.maxSessionsPerWeek, Math.floor(instructor.maxSessionsPerTerm / maxWeeks))));
    load.set(instructor.id, Math.max(0, options.committedLoad?.[instructor.id] ?? 0));
  }
  const unitCost = (instructorId: string, k: number): number => {
    const cap = capacity.get(instructorId) ?? 0;
    return Math.round(SCALE * weights.loadBalance * (k - 1) / Math.max(1, cap - 1));
  };
  const byDiscipline = new Map<string, Instructor[]>();
  for (const instructor of instructors) {
    for (const discipline of instructor.disciplines) byDiscipline.set(discipline, [...(byDiscipline.get(discipline) ?? []), instructor]);
  }

  const scoreEdge = (lesson: Lesson, instructor: Instructor): Edge | null => {
    for (const c of lesson.classes) if (forbidden.has(`${c.id}|${instructor.id}`)) return null;
    const free = instructorTimes(index, instructor).union;
    const durMs = lesson.durationMinutes * 60_000;
    let usable = 0;
    for (const s of lesson.starts) if (coversAt(free, s, s + durMs)) usable++;
    if (usable < lesson.sessionsPerWeek && lesson.pinnedTo !== instructor.id) return null;
    const overlapMinutes = totalMinutes(intersectAll(lesson.common, clip(free, lesson.refFromMs, lesson.refToMs)));
    const course = index.courses.get(lesson.courseId);
    const fit = 0.6 + (course && course.institutionId === instructor.institutionId ? 0.4 : 0);
    const overlap = Math.min(1, usable / (3 * Math.max(1, lesson.sessionsPerWeek)));
    let continuity = 0;
    let reach = 0;
    let value = 0;
    for (const c of lesson.classes) {
      const cont = previous.has(`${c.id}|${instructor.id}`) ? 1 : 0;
      const r = Math.min(1, c.studentsEnrolled / 100);
      continuity += cont / lesson.classes.length;
      reach += r / lesson.classes.length;
      value += weights.perClass + weights.fit * fit + weights.overlap * overlap + weights.continuity * cont + weights.reach * r;
    }
    const unitValue = Math.round((SCALE * value) / Math.max(1, lesson.sessionsPerWeek));
    return { lesson, instructor, unitValue, breakdown: { fit, overlap, continuity, reach, overlapMinutesPerWeek: overlapMinutes, usableSlotsPerWeek: usable } };
  };

  const fits = (lesson: Lesson, instructor: Instructor): boolean => {
    const course = index.courses.get(lesson.courseId);
    const discipline = lesson.classes[0]!.discipline;
    return instructor.disciplines.includes(discipline) && (!course || instructor.languages.includes(course.language));
  };

  const candidatesOf = (lesson: Lesson): Edge[] => {
    const pool = byDiscipline.get(lesson.classes[0]!.discipline) ?? [];
    const edges: Edge[] = [];
    for (const instructor of pool) {
      if (!fits(lesson, instructor)) continue;
      const edge = scoreEdge(lesson, instructor);
      if (edge) edges.push(edge);
    }
    edges.sort((a, b) => b.unitValue - a.unitValue || (a.instructor.id < b.instructor.id ? -1 : 1));
    return edges.slice(0, maxCandidates);
  };

  // Pins first: each pinned class is its own lesson with its instructor, whatever its score.
  const pairings: ProposedPairing[] = [];
  const assigned = new Set<string>();
  for (const westernClass of targets) {
    const instructorId = pinnedBy.get(westernClass.id);
    if (instructorId === undefined) continue;
    const instructor = index.instructors.get(instructorId);
    if (!instructor) throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `pinned instructor ${instructorId} is unknown`);
    const lesson = { ...buildLesson(index, [westernClass]), pinnedTo: instructorId };
    const edge = scoreEdge(lesson, instructor) ?? { lesson, instructor, unitValue: 0, breakdown: { fit: 0, overlap: 0, continuity: 0, reach: 0, overlapMinutesPerWeek: 0, usableSlotsPerWeek: 0 } };
    load.set(instructorId, (load.get(instructorId) ?? 0) + lesson.sessionsPerWeek);
    pairings.push(toPairing(edge, true, load, capacity, unitCost));
    assigned.add(westernClass.id);
  }

  const free = targets.filter((c) => !assigned.has(c.id));
  const lessons = groupLessons(index, free, maxCampuses);
  const problem: PairingProblem | undefined = options.withProblem ? { lessons: [], edges: [], unitCosts: {} } : undefined;
  const firstEdges = lessons.map(candidatesOf);
  const singles = new Map<string, Edge[]>();
  const singleEdges = (c: WesternClass): Edge[] => {
    let edges = singles.get(c.id);
    if (!edges) {
      edges = candidatesOf(buildLesson(index, [c]));
      singles.set(c.id, edges);
    }
    return edges;
  };
  if (problem) {
    lessons.forEach((lesson, i) => {
      const at = problem.lessons.length;
      problem.lessons.push({ id: lesson.id, westernClassIds: lesson.classes.map((c) => c.id), sessionsPerWeek: lesson.sessionsPerWeek });
      for (const e of firstEdges[i]!) problem.edges.push({ lesson: at, instructorId: e.instructor.id, value: e.unitValue * lesson.sessionsPerWeek });
      if (lesson.classes.length > 1) {
        for (const c of lesson.classes) {
          const single = problem.lessons.length;
          problem.lessons.push({ id: `${c.id}`, westernClassIds: [c.id], sessionsPerWeek: c.sessionsPerWeek });
          for (const e of singleEdges(c)) problem.edges.push({ lesson: single, instructorId: e.instructor.id, value: e.unitValue * c.sessionsPerWeek });
        }
      }
    });
  }

  const chosen: Chosen[] = [];
  const round1 = assign(lessons, firstEdges, capacity, load, unitCost, false, options.isCancelled);
  const leftover: WesternClass[] = [];
  lessons.forEach((lesson, i) => {
    const edge = round1[i];
    if (edge) chosen.push({ lesson, edge, edges: firstEdges[i]! });
    else leftover.push(...lesson.classes);
  });
  const secondLessons = leftover.map((c) => buildLesson(index, [c]));
  const secondEdges = leftover.map((c) => singleEdges(c));
  const round2 = assign(secondLessons, secondEdges, capacity, load, unitCost, true, options.isCancelled);
  const waiting: Chosen[] = [];
  secondLessons.forEach((lesson, i) => {
    const edge = round2[i];
    if (edge) chosen.push({ lesson, edge, edges: secondEdges[i]! });
    else if (secondEdges[i]!.length > 0) waiting.push({ lesson, edge: secondEdges[i]![0]!, edges: secondEdges[i]! });
  });
  improveByEjection(chosen, waiting, capacity, load, unitCost);
  for (const { lesson, edge } of chosen) {
    pairings.push(toPairing(edge, false, load, capacity, unitCost));
    for (const c of lesson.classes) assigned.add(c.id);
  }
  const unpaired: UnpairedClass[] = [];
  for (const lesson of secondLessons) {
    const c = lesson.classes[0]!;
    if (!assigned.has(c.id)) unpaired.push({ westernClassId: c.id, reason: unpairedReason(index, lesson, instructors, singleEdges(c), capacity, load, forbidden) });
  }
  if (problem) {
    for (const instructor of instructors) {
      const cap = capacity.get(instructor.id) ?? 0;
      const committed = Math.max(0, options.committedLoad?.[instructor.id] ?? 0) + pinnedLoad(options.pins ?? [], index, instructor.id);
      const costs: number[] = [];
      for (let k = committed + 1; k <= cap; k++) costs.push(unitCost(instructor.id, k));
      problem.unitCosts[instructor.id] = costs;
    }
  }
  pairings.sort((a, b) => (a.id < b.id ? -1 : 1));
  const objective = objectiveOf(pairings, load, options, index, unitCost);
  return { method: METHOD, pairings, unpaired, instructorLoad: Object.fromEntries(load), objective, ...(problem ? { problem } : {}) };
}

/** Ranked candidate instructors for one western class, best first, with the score breakdown. */
export function pairingCandidates(program: SchedulingProgram | ProgramIndex, westernClassId: string, options: Pick<PairingOptions, 'previousPairings' | 'forbids' | 'weights' | 'committedLoad'> & { limit?: number } = {}): ProposedPairing[] {
  const index = 'classes' in program && program.classes instanceof Map ? (program as ProgramIndex) : indexProgram(program as SchedulingProgram);
  const proposal = proposePairings(index, { ...options, westernClassIds: [westernClassId], maxCampusesPerLesson: 1, maxCandidatesPerLesson: options.limit ?? 10, withProblem: true });
  const problem = proposal.problem!;
  const westernClass = index.classes.get(westernClassId)!;
  return problem.edges.map((edge) => {
    const pinned = proposePairings(index, { ...options, westernClassIds: [westernClassId], pins: [{ westernClassId, instructorId: edge.instructorId }], maxCampusesPerLesson: 1 });
    const pairing = pinned.pairings[0]!;
    return { ...pairing, pinned: false, status: 'proposed' as const, id: `candidate-${westernClass.id}-${edge.instructorId}` };
  });
}

function pinnedLoad(pins: readonly PairRef[], index: ProgramIndex, instructorId: string): number {
  let total = 0;
  for (const pin of pins) if (pin.instructorId === instructorId) total += index.classes.get(pin.westernClassId)?.sessionsPerWeek ?? 0;
  return total;
}

function objectiveOf(pairings: ProposedPairing[], load: Map<string, number>, options: PairingOptions, index: ProgramIndex, unitCost: (id: string, k: number) => number): number {
  let total = 0;
  for (const p of pairings) if (!p.pinned) total += pairingValue(p);
  for (const [instructorId, units] of load) {
    const from = Math.max(0, options.committedLoad?.[instructorId] ?? 0) + pinnedLoad(options.pins ?? [], index, instructorId);
    for (let k = from + 1; k <= units; k++) total -= unitCost(instructorId, k);
  }
  return total;
}

const valueOfPairing = new WeakMap<ProposedPairing, number>();
function pairingValue(p: ProposedPairing): number {
  return valueOfPairing.get(p) ?? 0;
}

function toPairing(edge: Edge, pinned: boolean, load: Map<string, number>, capacity: Map<string, number>, unitCost: (id: string, k: number) => number): ProposedPairing {
  const { lesson, instructor } = edge;
  const units = load.get(instructor.id) ?? 0;
  const cap = capacity.get(instructor.id) ?? 0;
  let instructorPenalty = 0;
  for (let k = 1; k <= units; k++) instructorPenalty += unitCost(instructor.id, k);
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
  valueOfPairing.set(pairing, value);
  return pairing;
}

interface Chosen {
  lesson: Lesson;
  edge: Edge;
  edges: Edge[];
}

/**
 * Local improvement after the flow, for what the flow cannot express (a lesson needing several weekly
 * sessions from one instructor): an unpaired lesson takes an instructor's room, or makes room by
 * moving one of that instructor's lessons to another candidate with room, or by displacing a less
 * valuable lesson; a move is taken only when the objective grows.
 */
function improveByEjection(chosen: Chosen[], waiting: Chosen[], capacity: Map<string, number>, load: Map<string, number>, unitCost: (id: string, k: number) => number): void {
  const addCost = (id: string, from: number, units: number): number => {
    let c = 0;
    for (let k = from + 1; k <= from + units; k++) c += unitCost(id, k);
    return c;
  };
  const room = (id: string): number => (capacity.get(id) ?? 0) - (load.get(id) ?? 0);
  for (let pass = 0; pass < 20; pass++) {
    let changed = false;
    waiting.sort((a, b) => b.edge.unitValue * b.lesson.sessionsPerWeek - a.edge.unitValue * a.lesson.sessionsPerWeek || (a.lesson.id < b.lesson.id ? -1 : 1));
    for (const g of [...waiting]) {
      const d = g.lesson.sessionsPerWeek;
      let best: { gain: number; edge: Edge; eject: Chosen | null; to: Edge | null } | null = null;
      for (const edge of g.edges) {
        const i = edge.instructor.id;
        const value = edge.unitValue * d;
        const li = load.get(i) ?? 0;
        if (room(i) >= d) {
          const gain = value - addCost(i, li, d);
          if (!best || gain > best.gain) best = { gain, edge, eject: null, to: null };
          continue;
        }
        for (const h of chosen) {
          if (h.edge.instructor.id !== i) continue;
          const dh = h.lesson.sessionsPerWeek;
          if (room(i) + dh < d) continue;
          const hValue = h.edge.unitValue * dh;
          const base = value - hValue + addCost(i, li - dh, dh) - addCost(i, li - dh, d);
          if (!best || base > best.gain) best = { gain: base, edge, eject: h, to: null };
          for (const alt of h.edges) {
            const j = alt.instructor.id;
            if (j === i || room(j) < dh) continue;
            const gain = base + alt.unitValue * dh - addCost(j, load.get(j) ?? 0, dh);
            if (gain > best.gain) best = { gain, edge, eject: h, to: alt };
          }
        }
      }
      if (!best || best.gain <= 0) continue;
      const i = best.edge.instructor.id;
      if (best.eject) {
        const h = best.eject;
        chosen.splice(chosen.indexOf(h), 1);
        load.set(i, (load.get(i) ?? 0) - h.lesson.sessionsPerWeek);
        if (best.to) {
          chosen.push({ ...h, edge: best.to });
          load.set(best.to.instructor.id, (load.get(best.to.instructor.id) ?? 0) + h.lesson.sessionsPerWeek);
        } else {
          waiting.push({ ...h, edge: h.edges[0]! });
        }
      }
      waiting.splice(waiting.indexOf(g), 1);
      chosen.push({ ...g, edge: best.edge });
      load.set(i, (load.get(i) ?? 0) + d);
      changed = true;
    }
    if (!changed) break;
  }
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
    for (const o of classTimes(index, c).occurrences) if (o.startMs >= lesson.refFromMs && o.startMs < lesson.refToMs) starts.push(o.startMs);
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

/**
 * Max-profit assignment of lessons to instructors under weekly caps by min-cost flow; a lesson whose
 * flow is split or partial is then given whole to its best candidate with room, or left out.
 */
function assign(lessons: Lesson[], edges: Edge[][], capacity: Map<string, number>, load: Map<string, number>, unitCost: (id: string, k: number) => number, repairSplits: boolean, isCancelled?: () => boolean): (Edge | null)[] {
  const result: (Edge | null)[] = lessons.map(() => null);
  if (lessons.length === 0) return result;
  const instructorIds = [...new Set(edges.flat().map((e) => e.instructor.id))].sort();
  const node = new Map(instructorIds.map((id, i) => [id, 2 + lessons.length + i]));
  const n = 2 + lessons.length + instructorIds.length;
  const flow = new MinCostFlow(n);
  const potential = new Float64Array(n);
  const arcs: { arc: number; edge: Edge; lesson: number }[] = [];
  lessons.forEach((lesson, i) => {
    for (const edge of edges[i]!) {
      const v = node.get(edge.instructor.id)!;
      arcs.push({ arc: flow.addArc(2 + i, v, lesson.sessionsPerWeek, -edge.unitValue), edge, lesson: i });
      potential[v] = Math.min(potential[v]!, -edge.unitValue);
    }
  });
  let sinkPotential = 0;
  for (const id of instructorIds) {
    const v = node.get(id)!;
    const from = load.get(id) ?? 0;
    const cap = capacity.get(id) ?? 0;
    for (let k = from + 1; k <= cap; k++) {
      const c = unitCost(id, k);
      flow.addArc(v, 1, 1, c);
      sinkPotential = Math.min(sinkPotential, potential[v]! + c);
    }
  }
  potential[1] = sinkPotential;
  // Most valuable lessons first: when capacity runs short it is the least valuable that miss out.
  const order = lessons.map((_, i) => i).sort((a, b) => (edges[b]![0]?.unitValue ?? 0) * lessons[b]!.sessionsPerWeek - (edges[a]![0]?.unitValue ?? 0) * lessons[a]!.sessionsPerWeek || a - b);
  flow.run(order.map((i) => ({ node: 2 + i, supply: lessons[i]!.sessionsPerWeek })), 1, potential, () => {
    if (isCancelled?.()) throw new SchedulingError(SchedulingErrorCode.SCHEDULING_CANCELLED, 'pairing was cancelled');
  });
  const byLesson = new Map<number, { edge: Edge; units: number }[]>();
  for (const { arc, edge, lesson } of arcs) {
    const units = flow.flowOn(arc);
    if (units > 0) byLesson.set(lesson, [...(byLesson.get(lesson) ?? []), { edge, units }]);
  }
  const repair: number[] = [];
  lessons.forEach((lesson, i) => {
    const parts = byLesson.get(i) ?? [];
    if (parts.length === 1 && parts[0]!.units === lesson.sessionsPerWeek) {
      result[i] = parts[0]!.edge;
      load.set(parts[0]!.edge.instructor.id, (load.get(parts[0]!.edge.instructor.id) ?? 0) + lesson.sessionsPerWeek);
    } else if (parts.length > 0) {
      repair.push(i);
    }
  });
  if (!repairSplits) return result;
  repair.sort((a, b) => (edges[b]![0]?.unitValue ?? 0) - (edges[a]![0]?.unitValue ?? 0) || a - b);
  for (const i of repair) {
    const lesson = lessons[i]!;
    let best: Edge | null = null;
    let bestGain = -Infinity;
    for (const edge of edges[i]!) {
      const id = edge.instructor.id;
      const from = load.get(id) ?? 0;
      if (from + lesson.sessionsPerWeek > (capacity.get(id) ?? 0)) continue;
      let gain = edge.unitValue * lesson.sessionsPerWeek;
      for (let k = from + 1; k <= from + lesson.sessionsPerWeek; k++) gain -= unitCost(id, k);
      if (gain > bestGain) {
        best = edge;
        bestGain = gain;
      }
    }
    if (best && bestGain > 0) {
      result[i] = best;
      load.set(best.instructor.id, (load.get(best.instructor.id) ?? 0) + lesson.sessionsPerWeek);
    }
  }
  return result;
}

function unpairedReason(index: ProgramIndex, lesson: Lesson, instructors: Instructor[], edges: Edge[], capacity: Map<string, number>, load: Map<string, number>, forbidden: Set<string>): string {
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
    const sample = allowed.slice(0, 3).map((i) => `${i.name} free ${describeWeeklyWindows(i.availability, i.timeZone)}`).join('; ');
    return `no overlap long enough for a ${c.durationMinutes}-minute session, ${c.sessionsPerWeek} a week: class periods ${periods}; ${allowed.length} instructor(s) fit, e.g. ${sample}`;
  }
  const full = edges.map((e) => `${e.instructor.name} (${load.get(e.instructor.id) ?? 0}/${capacity.get(e.instructor.id) ?? 0} sessions a week)`).slice(0, 3).join(', ');
  return `the ${edges.length} instructor(s) whose hours overlap class periods ${periods} have no weekly capacity left for ${c.sessionsPerWeek} more session(s): ${full}`;
}
