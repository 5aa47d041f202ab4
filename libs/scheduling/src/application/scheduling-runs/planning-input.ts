import { createHash } from 'node:crypto';
import type { JointSession, Pairing } from '../../domain/model.js';
import type { TermPlan } from '../../domain/plan-term.js';
import type { ProgramSnapshot, ScheduleRunScope } from '../ports/schedule-runs.js';

export interface PlanningInput {
  pairings: Pairing[];
  /** The scheduled sessions of those pairings: kept when still valid, else moved. */
  existingSessions: JointSession[];
  /** Digest of everything the plan depends on: equal digests, equal plans (same seed). */
  fingerprint: string;
}

/**
 * The pairings a run plans: the confirmed ones of the scope's terms, and the scope's pairings (any
 * status but ended). Deterministic order, so the same data gives the same plan and digest.
 */
export function planningInput(snapshot: ProgramSnapshot, scope: ScheduleRunScope, seed: number): PlanningInput {
  const terms = new Set(scope.termIds);
  const ids = new Set(scope.pairingIds);
  const pairings = snapshot.pairings
    .filter((p) => (terms.has(p.termId) && p.status === 'confirmed') || (ids.has(p.id) && p.status !== 'ended'))
    .sort(byId);
  const pairingIds = new Set(pairings.map((p) => p.id));
  const existingSessions = snapshot.scheduledSessions.filter((s) => pairingIds.has(s.pairingId)).sort(byId);
  const { program } = snapshot;
  const instructorIds = new Set(pairings.map((p) => p.instructorId));
  const classIds = new Set(pairings.flatMap((p) => p.westernClassIds));
  const instructors = program.instructors.filter((i) => instructorIds.has(i.id)).sort(byId);
  const classes = program.westernClasses.filter((c) => classIds.has(c.id)).sort(byId);
  const institutionIds = new Set([...instructors, ...classes].map((x) => x.institutionId));
  const institutions = program.institutions.filter((i) => institutionIds.has(i.id)).sort(byId);
  const relatedTerms = program.terms.filter((t) => institutionIds.has(t.institutionId)).sort(byId);
  const digest = createHash('sha256')
    .update(JSON.stringify({ seed, pairings, existingSessions, instructors, classes, institutions, terms: relatedTerms }))
    .digest('hex');
  return { pairings, existingSessions, fingerprint: digest };
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
 * sharing their instructor, a class or a class's host teacher: the engine only sees its own pairings.
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
    for (const key of keysOf(s.instructorId, s.westernClassIds)) busy.set(key, [...(busy.get(key) ?? []), s]);
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
