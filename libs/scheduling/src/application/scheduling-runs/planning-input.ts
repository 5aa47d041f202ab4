import { createHash } from 'node:crypto';
import type { JointSession, Pairing } from '../../domain/model.js';
import type { TermPlan } from '../../domain/plan-term.js';
import { addDays } from '../../domain/local-date.js';
import type { ProgramSnapshot, ScheduleRunScope, ScheduleRunStore } from '../ports/schedule-runs.js';
import type { JointSessionFilter, Stores } from '../ports/stores.js';

export interface PlanningInput {
  pairings: Pairing[];
  /**
   * The scheduled and completed sessions of those pairings: completed ones and those started before
   * `frozenBefore` are kept as they are and count toward their class's week; the others are kept
   * when still valid, else moved.
   */
  existingSessions: JointSession[];
  /**
   * Scheduled sessions of other pairings that share an instructor, a class or a class's host teacher
   * with the run's pairings, within the run's terms: the engine plans around them.
   */
  busySessions: JointSession[];
  /** UTC ISO instant the run started (null before it runs): nothing before it moves or is added. */
  frozenBefore: string | null;
  /**
   * Digest of what the plan depends on (busy sessions aside: publishing checks them afresh). Equal
   * digests, equal plans (same seed).
   */
  fingerprint: string;
}

export interface PlanningOptions {
  /** The run's start; null when only the pairings are wanted (starting a run). */
  frozenBefore?: string | null;
  /**
   * Completed sessions: those of the run's pairings count toward their class's week; those of other
   * pairings of the run's instructors count toward the instructors' day, week and term caps.
   */
  completedSessions?: readonly JointSession[];
}

/**
 * The pairings a run plans: the confirmed ones of the scope's terms, and the scope's pairings (any
 * status but ended); their sessions, and the other sessions in their way. Deterministic order, so the
 * same data gives the same plan and digest.
 */
export function planningInput(
  snapshot: ProgramSnapshot,
  scope: ScheduleRunScope,
  seed: number,
  options: PlanningOptions = {},
): PlanningInput {
  const pairings = pairingsOf(snapshot, scope);
  const pairingIds = new Set(pairings.map((p) => p.id));
  const frozenBefore = options.frozenBefore ?? null;
  const seen = new Set<string>();
  const existingSessions = [...snapshot.scheduledSessions, ...(options.completedSessions ?? [])]
    .filter((s) => pairingIds.has(s.pairingId) && s.status !== 'cancelled' && !seen.has(s.id) && seen.add(s.id))
    .sort(byId);
  const completedElsewhere = (options.completedSessions ?? []).filter((s) => !pairingIds.has(s.pairingId) && s.status === 'completed');
  const busySessions = sessionsInTheWay(snapshot, pairings, completedElsewhere);
  const { program } = snapshot;
  const instructorIds = new Set(pairings.map((p) => p.instructorId));
  const classIds = new Set(pairings.flatMap((p) => p.westernClassIds));
  const instructors = program.instructors.filter((i) => instructorIds.has(i.id)).sort(byId);
  const classes = program.westernClasses.filter((c) => classIds.has(c.id)).sort(byId);
  const institutionIds = new Set([...instructors, ...classes].map((x) => x.institutionId));
  const institutions = program.institutions.filter((i) => institutionIds.has(i.id)).sort(byId);
  const relatedTerms = program.terms.filter((t) => institutionIds.has(t.institutionId)).sort(byId);
  // A session that becomes completed between the run and publishing changes nothing the plan used.
  const sessions = existingSessions.map(({ status: _status, ...rest }) => rest);
  const digest = createHash('sha256')
    .update(JSON.stringify({ seed, frozenBefore, pairings, sessions, instructors, classes, institutions, terms: relatedTerms }))
    .digest('hex');
  return { pairings, existingSessions, busySessions, frozenBefore, fingerprint: digest };
}

/** The confirmed pairings of the scope's terms and the scope's pairings (any status but ended), by id. */
export function pairingsOf(snapshot: ProgramSnapshot, scope: ScheduleRunScope): Pairing[] {
  const terms = new Set(scope.termIds);
  const ids = new Set(scope.pairingIds);
  return snapshot.pairings
    .filter((p) => (terms.has(p.termId) && p.status === 'confirmed') || (ids.has(p.id) && p.status !== 'ended'))
    .sort(byId);
}

/**
 * The span of the run's classes' terms as UTC ISO instants (local dates compared with instants: a
 * day either side covers every zone), or null when none is known.
 */
function termSpan(snapshot: ProgramSnapshot, pairings: readonly Pairing[]): { fromIso: string; toIso: string } | null {
  const classes = new Map(snapshot.program.westernClasses.map((c) => [c.id, c]));
  const termsById = new Map(snapshot.program.terms.map((t) => [t.id, t]));
  let from: string | null = null;
  let to: string | null = null;
  for (const id of new Set(pairings.flatMap((p) => p.westernClassIds))) {
    const term = termsById.get(classes.get(id)?.termId ?? '');
    if (!term) continue;
    if (from === null || term.startLocalDate < from) from = term.startLocalDate;
    if (to === null || term.endLocalDate > to) to = term.endLocalDate;
  }
  if (from === null || to === null) return null;
  return { fromIso: `${addDays(from, -1)}T00:00:00.000Z`, toIso: `${addDays(to, 2)}T00:00:00.000Z` };
}

/**
 * The other pairings' scheduled sessions that hold an instructor, a class or a host teacher of the
 * run's pairings, within the span of the run's classes' terms, and `completed` ones of the run's
 * instructors (they use up the instructors' caps).
 */
function sessionsInTheWay(snapshot: ProgramSnapshot, pairings: readonly Pairing[], completed: readonly JointSession[]): JointSession[] {
  const pairingIds = new Set(pairings.map((p) => p.id));
  const classes = new Map(snapshot.program.westernClasses.map((c) => [c.id, c]));
  const instructorIds = new Set(pairings.map((p) => p.instructorId));
  const classIds = new Set(pairings.flatMap((p) => p.westernClassIds));
  const hostIds = new Set([...classIds].map((id) => classes.get(id)?.hostTeacherId).filter((h): h is string => !!h));
  const span = termSpan(snapshot, pairings);
  if (span === null) return [];
  const { fromIso, toIso } = span;
  const seen = new Set<string>();
  return [...snapshot.scheduledSessions, ...completed.filter((s) => instructorIds.has(s.instructorId))]
    .filter((s) => !seen.has(s.id) && seen.add(s.id))
    .filter(
      (s) =>
        !pairingIds.has(s.pairingId) &&
        s.endsAt > fromIso &&
        s.startsAt < toIso &&
        (instructorIds.has(s.instructorId) ||
          s.westernClassIds.some((id) => classIds.has(id) || hostIds.has(classes.get(id)?.hostTeacherId ?? ''))),
    )
    .sort(byId);
}

/**
 * Completed sessions of the pairings a scope plans, and those of their instructors' other pairings
 * within the span of the scope's terms (caps), page by page: the snapshot holds scheduled ones only.
 */
export async function completedSessionsOf(
  stores: Stores,
  snapshot: ProgramSnapshot,
  pairings: readonly Pairing[],
): Promise<JointSession[]> {
  const out = new Map<string, JointSession>();
  const load = async (filter: JointSessionFilter): Promise<void> => {
    for (let page = 1; ; page++) {
      const found = await stores.jointSessions.list({ ...filter, status: 'completed' }, { page, pageSize: 1000 });
      for (const s of found.items) out.set(s.id, s);
      if (page * found.pageSize >= found.total) break;
    }
  };
  for (const pairing of pairings) await load({ pairingId: pairing.id });
  const span = termSpan(snapshot, pairings);
  if (span)
    for (const instructorId of [...new Set(pairings.map((p) => p.instructorId))].sort())
      await load({ instructorId, from: span.fromIso, to: span.toIso });
  return [...out.values()].sort(byId);
}

/** The snapshot and the planning input of a run that starts (or started) at `frozenBefore`. */
export async function loadPlanningInput(
  stores: Stores,
  runs: ScheduleRunStore,
  scope: ScheduleRunScope,
  seed: number,
  frozenBefore: string,
): Promise<{ snapshot: ProgramSnapshot; input: PlanningInput }> {
  const snapshot = await runs.loadProgram();
  const completedSessions = await completedSessionsOf(stores, snapshot, pairingsOf(snapshot, scope));
  return { snapshot, input: planningInput(snapshot, scope, seed, { frozenBefore, completedSessions }) };
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface OutsideConflict {
  planSessionId: string;
  sessionId: string;
  /** `instructor`, `class` or `host teacher`, and whose. */
  party: string;
}

/**
 * Sessions of the plan (kept ones aside) that overlap a scheduled session outside the run's pairings
 * sharing their instructor, a class or a class's host teacher: the engine planned around those it was
 * given, this catches any booked since.
 */
export function outsideConflicts(plan: TermPlan, snapshot: ProgramSnapshot, pairingIds: ReadonlySet<string>): OutsideConflict[] {
  const hostOf = new Map(snapshot.program.westernClasses.map((c) => [c.id, c.hostTeacherId]));
  const keysOf = (instructorId: string, classIds: readonly string[]): string[] => [
    `instructor ${instructorId}`,
    ...classIds.map((id) => `class ${id}`),
    ...classIds
      .map((id) => hostOf.get(id))
      .filter((h): h is string => !!h)
      .map((h) => `host teacher ${h}`),
  ];
  const busy = new Map<string, JointSession[]>();
  for (const s of snapshot.scheduledSessions) {
    if (pairingIds.has(s.pairingId)) continue;
    for (const key of keysOf(s.instructorId, s.westernClassIds)) {
      const list = busy.get(key);
      if (list) list.push(s);
      else busy.set(key, [s]);
    }
  }
  const conflicts: OutsideConflict[] = [];
  for (const planned of plan.sessions) {
    if (planned.origin === 'kept') continue;
    for (const key of keysOf(planned.instructorId, planned.westernClassIds)) {
      const clash = busy.get(key)?.find((s) => s.startsAt < planned.endsAt && planned.startsAt < s.endsAt);
      if (clash) {
        conflicts.push({ planSessionId: planned.id, sessionId: clash.id, party: key });
        break;
      }
    }
  }
  return conflicts;
}

/**
 * What the plan would change that has started by `now` (UTC ISO): a session it moves or cancels, or a
 * new one it adds, starting before `now`. Time passes between a run and its publishing.
 */
export function changesStartedBy(plan: TermPlan, now: string): { sessionId: string; startsAt: string }[] {
  const out: { sessionId: string; startsAt: string }[] = [];
  for (const m of plan.moved) if (m.from.startsAt < now) out.push({ sessionId: m.sessionId, startsAt: m.from.startsAt });
  for (const s of plan.sessions) if (s.origin === 'new' && s.startsAt < now) out.push({ sessionId: s.id, startsAt: s.startsAt });
  return out;
}
