import type { JointSession, Pairing } from '../../domain/model.js';
import type { PlanTermInput, TermPlan } from '../../domain/plan-term.js';
import type { SchedulingProgram } from '../../domain/program-index.js';
import type { Stores } from './stores.js';

export type ScheduleRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What a run timetables: the confirmed pairings of these (western class) terms, or these pairings. */
export interface ScheduleRunScope {
  termIds: string[];
  pairingIds: string[];
}

/** What publishing a run did, and which database session each planned session became. */
export interface PublishedRun {
  created: number;
  moved: number;
  cancelled: number;
  kept: number;
  /** Plan session id -> joint session id (kept and moved sessions keep their id). */
  sessionIds: Record<string, string>;
}

/**
 * One timetabling run of the engine. Instants are UTC ISO strings. The draft `plan` is written once,
 * when the run succeeds; `fingerprint` digests the data the plan was computed from, so publishing
 * can refuse a plan whose inputs changed since.
 */
export interface ScheduleRun {
  id: string;
  scope: ScheduleRunScope;
  seed: number;
  status: ScheduleRunStatus;
  /** 0..100. */
  progressPercent: number;
  cancelRequested: boolean;
  error: string | null;
  plan: TermPlan | null;
  fingerprint: string | null;
  published: PublishedRun | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  publishedAt: string | null;
}

/** The whole program as the engine sees it, plus the pairings and the live (scheduled) sessions. */
export interface ProgramSnapshot {
  program: SchedulingProgram;
  pairings: Pairing[];
  /** Sessions with status `scheduled`, of every pairing. */
  scheduledSessions: JointSession[];
}

/** Schedule runs, and the bulk read of the program, bound to one transaction. */
export abstract class ScheduleRunStore {
  /** `lock`: hold the row until the transaction ends (PostgreSQL `FOR UPDATE`; SQLite is serialized anyway). */
  abstract findById(id: string, options?: { lock?: boolean }): Promise<ScheduleRun | null>;
  /** Inserts or replaces the whole run. */
  abstract save(run: ScheduleRun): Promise<void>;
  /** Writes only the progress (cheap; called every few percent while a run works). */
  abstract saveProgress(id: string, percent: number): Promise<void>;
  /** Runs whose status is one of `statuses`, oldest first. */
  abstract listByStatus(statuses: readonly ScheduleRunStatus[]): Promise<ScheduleRun[]>;
  /** Every institution, term, instructor, course, class, pairing and scheduled session, in a few bulk queries. */
  abstract loadProgram(): Promise<ProgramSnapshot>;
}

/**
 * One database transaction with the usual stores and the run store, so publishing a run writes its
 * sessions and marks the run published together. Shares the UnitOfWork's serialisation on SQLite.
 */
export abstract class ScheduleRunUnitOfWork {
  abstract run<T>(work: (stores: Stores, runs: ScheduleRunStore) => Promise<T>): Promise<T>;
}

/** Hands a run to the job queue. Idempotent: the job id is the run id, so a second call adds nothing. */
export abstract class ScheduleRunQueue {
  abstract enqueue(runId: string): Promise<void>;
}

/** What the planner needs: `planTerm`'s input without the callbacks, on a plain (cloneable) program. */
export type PlanTermRequest = Omit<PlanTermInput, 'program' | 'onProgress' | 'isCancelled'> & { program: SchedulingProgram };

export interface PlanningHandle {
  /** Resolves with the plan; rejects with SCHEDULING_CANCELLED after `cancel()`, or whatever the engine threw. */
  result: Promise<TermPlan>;
  /** Asks the engine to stop at its next check (between instructors). */
  cancel(): void;
}

/**
 * Runs `planTerm`. The production adapter runs it on a worker thread so the process's event loop
 * (the API, in SQLite mode) stays responsive; `onProgress` receives 0..100.
 */
export abstract class TermPlanner {
  abstract start(request: PlanTermRequest, onProgress: (percent: number) => void): PlanningHandle;
}
