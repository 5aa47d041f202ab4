import type { JointSession, Pairing } from './model.js';
import { checkSlot } from './check-slot.js';
import { SchedulingErrorCode } from './errors.js';
import { weekStartOf } from './local-date.js';
import { classTimes, indexProgram, institutionOf, instructorTermsOf, type ProgramIndex, type SchedulingProgram } from './program-index.js';
import { localDateAt } from './zone-offset.js';
import { parseInstant } from './zoned-interval.js';
import type { PlannedSession, UnplacedSessions } from './plan-term.js';

export interface PlanViolation {
  code:
    SchedulingErrorCode | 'NOT_IN_PAIRING' | 'TOO_MANY_SESSIONS' | 'UNEXPLAINED_MISSING_SESSION' | 'EMPTY_REASON' | 'STARTS_BEFORE_FROZEN';
  message: string;
  sessionId?: string;
}

export interface VerifyPlanInput {
  program: SchedulingProgram | ProgramIndex;
  pairings: readonly Pairing[];
  /** `frozenSessionIds`: sessions kept as they are (not judged themselves; the others are judged against them). */
  plan: { sessions: readonly PlannedSession[]; unplaced: readonly UnplacedSessions[]; frozenSessionIds?: readonly string[] };
  /** Sessions outside the plan whose parties are busy (as given to `planTerm`). */
  busySessions?: readonly JointSession[];
  /** No session but a frozen one may start before this UTC ISO instant. */
  frozenBefore?: string;
  minRestMinutes?: number;
}

const DAY_MS = 86_400_000;

/**
 * An independent check of a plan, sharing nothing with the solver but the calendar primitives: every
 * session goes through `checkSlot` (the same rule book the API applies to a hand-made session)
 * against the plan's other sessions and the busy ones, the term cap is counted, and every class-week
 * of every pairing must hold its sessions or a reason for each one missing. Frozen sessions are not
 * judged (they are kept whatever they break) but everything else is judged against them. Returns the
 * violations, empty when sound.
 */
export function verifyPlan(input: VerifyPlanInput): PlanViolation[] {
  const index =
    'classes' in input.program && input.program.classes instanceof Map
      ? (input.program as ProgramIndex)
      : indexProgram(input.program as SchedulingProgram);
  const violations: PlanViolation[] = [];
  const pairings = new Map(input.pairings.map((p) => [p.id, p]));
  const asJoint = (s: PlannedSession): JointSession => ({ ...s, status: 'scheduled', version: 1, meetingUrl: null });
  const byInstructor = new Map<string, JointSession[]>();
  const byClass = new Map<string, JointSession[]>();
  const byHost = new Map<string, JointSession[]>();
  const push = (map: Map<string, JointSession[]>, key: string, s: JointSession): void => {
    const list = map.get(key);
    if (list) list.push(s);
    else map.set(key, [s]);
  };
  const frozen = new Set(input.plan.frozenSessionIds ?? []);
  const planned = new Set(input.plan.sessions.map((s) => s.id));
  const busy = (input.busySessions ?? []).filter((s) => s.status !== 'cancelled' && !pairings.has(s.pairingId) && !planned.has(s.id));
  const sessions = [...input.plan.sessions].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0)).map(asJoint);
  for (const s of [...sessions, ...busy]) {
    push(byInstructor, s.instructorId, s);
    const hosts = new Set<string>();
    for (const id of s.westernClassIds) {
      push(byClass, id, s);
      const host = index.classes.get(id)?.hostTeacherId;
      if (host && !hosts.has(host)) {
        hosts.add(host);
        push(byHost, host, s);
      }
    }
  }
  const near = (list: readonly JointSession[] | undefined, centre: number, self: string): JointSession[] => {
    if (!list) return [];
    // Eight days either side hold the whole local week, the day and the rest gap.
    const from = new Date(centre - 8 * DAY_MS).toISOString();
    const to = new Date(centre + 8 * DAY_MS).toISOString();
    return list.filter((s) => s.id !== self && s.startsAt >= from && s.startsAt <= to);
  };

  for (const s of sessions) {
    if (frozen.has(s.id)) continue;
    if (input.frozenBefore !== undefined && s.startsAt < input.frozenBefore)
      violations.push({
        code: 'STARTS_BEFORE_FROZEN',
        message: `session ${s.id} starts at ${s.startsAt}, before ${input.frozenBefore}, and is not a frozen one`,
        sessionId: s.id,
      });
    const pairing = pairings.get(s.pairingId);
    if (
      !pairing ||
      pairing.instructorId !== s.instructorId ||
      s.westernClassIds.length === 0 ||
      s.westernClassIds.some((id) => !pairing.westernClassIds.includes(id)) ||
      new Set(s.westernClassIds).size !== s.westernClassIds.length
    ) {
      violations.push({ code: 'NOT_IN_PAIRING', message: `session ${s.id} does not match pairing ${s.pairingId}`, sessionId: s.id });
      continue;
    }
    const instructor = index.instructors.get(s.instructorId)!;
    const startMs = parseInstant(s.startsAt);
    const hostIds = new Set(s.westernClassIds.map((id) => index.classes.get(id)?.hostTeacherId).filter((h): h is string => !!h));
    const hostTeacherSessions: Record<string, JointSession[]> = {};
    for (const host of hostIds) hostTeacherSessions[host] = near(byHost.get(host), startMs, s.id);
    const found = checkSlot({
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      instructor,
      instructorInstitution: index.institutions.get(instructor.institutionId) ?? null,
      instructorTerms: instructorTermsOf(index, instructor),
      instructorSessions: near(byInstructor.get(s.instructorId), startMs, s.id),
      classes: s.westernClassIds.map((id) => {
        const westernClass = index.classes.get(id)!;
        return {
          westernClass,
          institution: institutionOf(index, westernClass.institutionId),
          term: index.terms.get(westernClass.termId)!,
          sessions: near(byClass.get(id), startMs, s.id),
        };
      }),
      hostTeacherSessions,
      minRestMinutes: input.minRestMinutes,
      ignoreSessionId: s.id,
    });
    for (const v of found) {
      // The term cap is counted over the whole plan below, not from the neighbours given here.
      if (v.code === SchedulingErrorCode.INSTRUCTOR_TERM_CAP_EXCEEDED) continue;
      violations.push({ code: v.code, message: `session ${s.id}: ${v.message}`, sessionId: s.id });
    }
  }
  for (const [instructorId, list] of byInstructor) {
    const instructor = index.instructors.get(instructorId);
    // Over the cap by frozen and busy sessions alone is a given, not the plan's doing.
    const added = list.filter((s) => planned.has(s.id) && !frozen.has(s.id)).length;
    if (instructor && added > 0 && list.length > instructor.maxSessionsPerTerm) {
      violations.push({
        code: SchedulingErrorCode.INSTRUCTOR_TERM_CAP_EXCEEDED,
        message: `instructor ${instructor.name} has ${list.length} sessions, more than ${instructor.maxSessionsPerTerm} a term`,
      });
    }
  }

  const missing = new Map<string, number>();
  for (const u of input.plan.unplaced) {
    if (!u.reason || u.reason.trim().length === 0)
      violations.push({
        code: 'EMPTY_REASON',
        message: `class ${u.westernClassId} week ${u.weekStartLocalDate}: a missing session has no reason`,
      });
    const key = `${u.pairingId}|${u.westernClassId}|${u.weekStartLocalDate}`;
    missing.set(key, (missing.get(key) ?? 0) + u.count);
  }
  for (const pairing of input.pairings) {
    for (const id of pairing.westernClassIds) {
      const westernClass = index.classes.get(id);
      if (!westernClass) continue;
      const zone = institutionOf(index, westernClass.institutionId).timeZone;
      const held = new Map<string, number>();
      const added = new Set<string>();
      for (const s of byClass.get(id) ?? []) {
        if (s.pairingId !== pairing.id) continue;
        const monday = weekStartOf(localDateAt(parseInstant(s.startsAt), zone));
        held.set(monday, (held.get(monday) ?? 0) + 1);
        if (!frozen.has(s.id)) added.add(monday);
      }
      for (const monday of classTimes(index, westernClass).weekStarts) {
        const got = held.get(monday) ?? 0;
        const told = missing.get(`${pairing.id}|${id}|${monday}`) ?? 0;
        // A week over its need by frozen sessions alone is a given.
        if (got > westernClass.sessionsPerWeek && added.has(monday))
          violations.push({
            code: 'TOO_MANY_SESSIONS',
            message: `class ${id} has ${got} sessions in the week of ${monday}, needs ${westernClass.sessionsPerWeek}`,
          });
        else if (got <= westernClass.sessionsPerWeek && got + told !== westernClass.sessionsPerWeek)
          violations.push({
            code: 'UNEXPLAINED_MISSING_SESSION',
            message: `class ${id} week of ${monday}: ${got} held + ${told} explained != ${westernClass.sessionsPerWeek} needed`,
          });
      }
    }
  }
  return violations;
}
