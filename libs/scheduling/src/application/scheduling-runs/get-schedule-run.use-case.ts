import type { JointSession } from '../../domain/model.js';
import type { FrozenProblem, MovedSession, PlannedSession, PlanScore, UnplacedSessions } from '../../domain/plan-term.js';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { ScheduleRun, ScheduleRunUnitOfWork } from '../ports/schedule-runs.js';
import type { Page, PageRequest } from '../ports/stores.js';
import { buildSessionViews, type JointSessionView } from '../session-views.js';
import { requireProgramScheduler } from './program-access.js';

export interface ScheduleRunSummary {
  run: Omit<ScheduleRun, 'plan'>;
  /** Null until the run succeeds. */
  report: {
    score: PlanScore;
    sessions: number;
    newSessions: number;
    keptSessions: number;
    movedSessions: number;
    unplacedEntries: number;
    /** Sessions kept as they are because they had started (or were completed) when the run started. */
    frozenSessions: number;
    /** Those of them that break a rule now (kept all the same). */
    frozenProblems: FrozenProblem[];
  } | null;
}

/** A planned session with its parties (for each one's local time); `jointSessionId` once published. */
export interface PlannedSessionView {
  planned: PlannedSession;
  view: JointSessionView;
  jointSessionId: string | null;
  /** The published session this one replaces, when the plan moved it. */
  replaces: MovedSession | null;
}

export interface MovedSessionView {
  moved: MovedSession;
  /** The original session's parties, at its old time (null when it no longer exists). */
  view: JointSessionView | null;
}

export interface UnplacedView {
  unplaced: UnplacedSessions;
  instructorName: string;
  westernClassName: string;
}

export interface ScheduleRunPlanView {
  summary: ScheduleRunSummary;
  sessions: Page<PlannedSessionView>;
  unplaced: Page<UnplacedView>;
  moved: Page<MovedSessionView>;
}

function slice<T>(items: readonly T[], page: PageRequest): T[] {
  return items.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
}

function summarize(run: ScheduleRun): ScheduleRunSummary {
  const { plan, ...rest } = run;
  if (!plan) return { run: rest, report: null };
  const kept = plan.sessions.filter((s) => s.origin === 'kept').length;
  return {
    run: rest,
    report: {
      score: plan.score,
      sessions: plan.sessions.length,
      newSessions: plan.sessions.length - kept,
      keptSessions: kept,
      movedSessions: plan.moved.length,
      unplacedEntries: plan.unplaced.length,
      // Plans stored before frozen sessions existed have neither list.
      frozenSessions: plan.frozenSessionIds?.length ?? 0,
      frozenProblems: plan.frozenProblems ?? [],
    },
  };
}

const asSession = (s: PlannedSession, startsAt = s.startsAt, endsAt = s.endsAt): JointSession => ({
  id: s.id,
  pairingId: s.pairingId,
  instructorId: s.instructorId,
  westernClassIds: s.westernClassIds,
  startsAt,
  endsAt,
  anchorTimeZone: s.anchorTimeZone,
  status: 'scheduled',
  version: 0,
  meetingUrl: null,
});

/** A run's status, progress and score report; and its draft plan, page by page, with local times. */
export class GetScheduleRun {
  constructor(private readonly unitOfWork: ScheduleRunUnitOfWork) {}

  execute(runId: string, actor: Actor = SYSTEM_ACTOR): Promise<ScheduleRunSummary> {
    requireProgramScheduler(actor);
    return this.unitOfWork.run(async (_stores, runs) => summarize(await this.require(runs, runId)));
  }

  plan(runId: string, page: PageRequest, actor: Actor = SYSTEM_ACTOR): Promise<ScheduleRunPlanView> {
    requireProgramScheduler(actor);
    return this.unitOfWork.run(async (stores, runs) => {
      const run = await this.require(runs, runId);
      if (!run.plan)
        throw ApplicationError.invalidInput(
          'status',
          `the run is ${run.status}: a plan exists once it has succeeded (GET /scheduling/runs/${run.id} shows its progress)`,
        );
      const plan = run.plan;
      const replacedBy = new Map(plan.moved.filter((m) => m.to).map((m) => [m.to!.sessionId, m]));
      const sessions = slice(plan.sessions, page);
      const views = await buildSessionViews(
        stores,
        sessions.map((s) => asSession(s)),
      );
      const moved = slice(plan.moved, page);
      const originals = new Map((await stores.jointSessions.findByIds(moved.map((m) => m.sessionId))).map((s) => [s.id, s]));
      const movedViews = await buildSessionViews(
        stores,
        moved.flatMap((m) => {
          const original = originals.get(m.sessionId);
          return original ? [{ ...original, startsAt: m.from.startsAt, endsAt: m.from.endsAt }] : [];
        }),
      );
      const unplaced = slice(plan.unplaced, page);
      const instructors = new Map(
        (await stores.instructors.findByIds([...new Set(unplaced.map((u) => u.instructorId))])).map((i) => [i.id, i.name]),
      );
      const classes = new Map(
        (await stores.westernClasses.findByIds([...new Set(unplaced.map((u) => u.westernClassId))])).map((c) => [c.id, c.name]),
      );
      const total = (items: readonly unknown[]) => ({ total: items.length, page: page.page, pageSize: page.pageSize });
      return {
        summary: summarize(run),
        sessions: {
          ...total(plan.sessions),
          items: sessions.map((planned, i) => ({
            planned,
            view: views[i]!,
            jointSessionId: run.published?.sessionIds[planned.id] ?? null,
            replaces: replacedBy.get(planned.id) ?? null,
          })),
        },
        unplaced: {
          ...total(plan.unplaced),
          items: unplaced.map((u) => ({
            unplaced: u,
            instructorName: instructors.get(u.instructorId) ?? '',
            westernClassName: classes.get(u.westernClassId) ?? '',
          })),
        },
        moved: {
          ...total(plan.moved),
          items: moved.map((m) => ({ moved: m, view: movedViews.find((v) => v.session.id === m.sessionId) ?? null })),
        },
      };
    });
  }

  private async require(runs: { findById(id: string): Promise<ScheduleRun | null> }, runId: string): Promise<ScheduleRun> {
    const run = await runs.findById(runId);
    if (!run) throw ApplicationError.notFound('schedule run', runId);
    return run;
  }
}
