import { randomUUID } from 'node:crypto';
import type { JointSession } from '../../domain/model.js';
import type { PlannedSession } from '../../domain/plan-term.js';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { recordChange } from '../audit-log.js';
import { ApplicationError, ApplicationErrorCode } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { PublishedRun, ScheduleRun, ScheduleRunUnitOfWork } from '../ports/schedule-runs.js';
import type { Stores } from '../ports/stores.js';
import { changesStartedBy, loadPlanningInput, outsideConflicts } from './planning-input.js';
import { requireProgramScheduler } from './program-access.js';

const conflict = (message: string) => new ApplicationError(ApplicationErrorCode.Conflict, message);

/**
 * Publishes a succeeded run's draft in one unit of work: kept sessions stay untouched; each moved
 * session is moved to its replacement (same id, version + 1) or cancelled when none was found; new
 * sessions are inserted with fresh ids; every change goes to the reminder outbox and the audit log;
 * the run is marked published. Refused (409) when the run is not succeeded, was published, or its
 * inputs changed since it ran (stale), when it would change a session that has started since the
 * run (or add one in the past), or when a session would clash with one outside the run.
 */
export class PublishScheduleRun {
  constructor(
    private readonly unitOfWork: ScheduleRunUnitOfWork,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  execute(runId: string, actor: Actor = SYSTEM_ACTOR): Promise<ScheduleRun> {
    requireProgramScheduler(actor);
    return this.unitOfWork.run(async (stores, runs) => {
      const run = await runs.findById(runId, { lock: true });
      if (!run) throw ApplicationError.notFound('schedule run', runId);
      if (run.publishedAt)
        throw conflict(
          `This run was already published at ${run.publishedAt}. To change the timetable, start a new run (POST /scheduling/runs): it keeps the published sessions that are still valid.`,
        );
      if (run.status !== 'succeeded' || !run.plan)
        throw conflict(
          `The run is ${run.status}; only a succeeded run can be published. ${run.status === 'queued' || run.status === 'running' ? 'Wait until it succeeds (GET /scheduling/runs/' + run.id + ').' : 'Start a new run (POST /scheduling/runs).'}`,
        );
      const { snapshot, input } = await loadPlanningInput(stores, runs, run.scope, run.seed, run.startedAt ?? '');
      if (input.fingerprint !== run.fingerprint)
        throw conflict(
          'The program changed since this run started (sessions, pairings, classes, instructors or calendars it depends on were edited), so its draft may no longer hold. Start a new run (POST /scheduling/runs) with the same scope and publish that one.',
        );
      const now = this.clock.now().toUTC().toISO()!;
      const started = changesStartedBy(run.plan, now);
      if (started.length > 0)
        throw conflict(
          `${started.length} session(s) this draft would move, cancel or add start before now (${now}), e.g. session ${started[0]!.sessionId} at ${started[0]!.startsAt}. Start a new run (POST /scheduling/runs): it keeps every session that has started as it is.`,
        );
      const clashes = outsideConflicts(run.plan, snapshot, new Set(input.pairings.map((p) => p.id)));
      if (clashes.length > 0)
        throw conflict(
          `${clashes.length} planned session(s) clash with sessions outside this run (e.g. plan session ${clashes[0]!.planSessionId} and session ${clashes[0]!.sessionId}, same ${clashes[0]!.party}). Include those pairings in the run's scope, or move the other sessions, then start a new run.`,
        );
      const published = await this.write(stores, actor, run, input.existingSessions);
      const done: ScheduleRun = { ...run, published, publishedAt: now };
      await runs.save(done);
      return done;
    });
  }

  private async write(stores: Stores, actor: Actor, run: ScheduleRun, existing: readonly JointSession[]): Promise<PublishedRun> {
    const plan = run.plan!;
    const byId = new Map(existing.map((s) => [s.id, s]));
    const sessionIds: Record<string, string> = {};
    for (const id of plan.keptSessionIds) sessionIds[id] = id;
    const replacing = new Map(plan.moved.filter((m) => m.to).map((m) => [m.to!.sessionId, m.sessionId]));
    const change = async (before: JointSession | null, after: JointSession) => {
      await stores.jointSessions.save(after);
      await stores.outbox.add({ kind: 'session-changed', sessionId: after.id, version: after.version });
      await recordChange(stores, actor, {
        entityType: 'joint_session',
        entityId: after.id,
        action: before ? 'update' : 'create',
        before,
        after,
      });
    };
    let moved = 0;
    let cancelled = 0;
    let created = 0;
    for (const m of plan.moved) {
      const current = byId.get(m.sessionId)!;
      if (m.to) continue;
      await change(current, { ...current, status: 'cancelled', version: current.version + 1 });
      cancelled++;
    }
    for (const planned of plan.sessions) {
      if (planned.origin === 'kept') continue;
      const originalId = replacing.get(planned.id);
      const original = originalId ? byId.get(originalId)! : null;
      const session = toSession(planned, original ? original.id : this.newId(), original);
      await change(original, session);
      sessionIds[planned.id] = session.id;
      if (original) moved++;
      else created++;
    }
    return { created, moved, cancelled, kept: plan.keptSessionIds.length, sessionIds };
  }
}

function toSession(planned: PlannedSession, id: string, original: JointSession | null): JointSession {
  return {
    id,
    pairingId: planned.pairingId,
    instructorId: planned.instructorId,
    startsAt: planned.startsAt,
    endsAt: planned.endsAt,
    anchorTimeZone: planned.anchorTimeZone,
    westernClassIds: [...planned.westernClassIds].sort(),
    status: 'scheduled',
    version: original ? original.version + 1 : 1,
    meetingUrl: original?.meetingUrl ?? null,
  };
}
