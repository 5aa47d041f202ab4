import type { JointSession } from '../../domain/model.js';
import type { Clock } from '../ports/clock.js';
import type { LedgerUnitOfWork } from '../ports/ledger.js';
import { type ReminderScheduler, sessionEndKey, type ScheduledDelivery, type ScheduledSessionEnd } from '../ports/notification-jobs.js';
import type { UnitOfWork } from '../ports/stores.js';
import { sessionJobs } from './plan-session-notifications.js';

export interface SweepResult {
  sessions: number;
  expected: number;
  recreatedDeliveries: number;
  recreatedSessionEnds: number;
  /** Of `recreatedSessionEnds`, sessions already over and not in the ledger: their jobs run at once. */
  lateSessionEnds: number;
}

/**
 * How far back the sweep records sessions whose end passed with no job to record them (the service
 * was down, Redis lost its jobs, the session was entered after it ended): 60 days, the current
 * reporting month and all of the previous one, and longer than a winter break with the service
 * off. An older session would change a month already reported: a coordinator adds it on purpose
 * (import, or mark it) instead.
 */
export const SESSION_END_LOOK_BACK_MS = 60 * 86_400_000;

export interface SweepOptions {
  /** Tells which ended sessions are recorded; without it the sweep looks ahead only. */
  ledger?: LedgerUnitOfWork | null;
  /** How far ahead to look; at least the largest reminder offset plus a week for time-change notices. */
  horizonMs?: number;
  /** How far back to look for ended sessions not in the ledger (default `SESSION_END_LOOK_BACK_MS`). */
  lookBackMs?: number;
}

const PAGE = 500;

/**
 * After its first sweep a process looks back only to its previous sweep, less a day (jobs Redis lost
 * meanwhile, a clock step): the full look-back reads every session of two months, once a start.
 */
const RESWEEP_MARGIN_MS = 86_400_000;

/**
 * Compares the database with the queue and re-creates every job that should exist and does not
 * (after Redis restarted without persistence, say): for each session ending within the horizon,
 * the messages it implies now that are neither finished in the database nor waiting in the queue,
 * and the job at its end; for each scheduled session that ended within the look-back and is not in
 * the ledger, the job at its end, due at once (the job records it exactly once). Safe to run
 * anywhere, any number of times.
 */
export class SweepNotifications {
  private readonly ledger: LedgerUnitOfWork | null;
  private readonly horizonMs: number;
  private readonly lookBackMs: number;
  /** When this process last swept ended sessions to the end (epoch ms); null before its first sweep. */
  private sweptEndsAt: number | null = null;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
    options: SweepOptions = {},
  ) {
    this.ledger = options.ledger ?? null;
    this.horizonMs = options.horizonMs ?? 8 * 86_400_000;
    this.lookBackMs = options.lookBackMs ?? SESSION_END_LOOK_BACK_MS;
  }

  async execute(): Promise<SweepResult> {
    const now = this.clock.now().toUTC().toISO()!;
    const to = new Date(Date.parse(now) + this.horizonMs).toISOString();
    const deliveries: ScheduledDelivery[] = [];
    const ends: ScheduledSessionEnd[] = [];
    let sessions = 0;
    for (let page = 1; ; page++) {
      const batch = await this.unitOfWork.run(async (stores) => {
        const found = await stores.jointSessions.list({ from: now, to }, { page, pageSize: 200 });
        for (const session of found.items) {
          if (session.status === 'completed') continue;
          const jobs = await sessionJobs(stores, session, now);
          deliveries.push(...jobs.deliveries);
          if (jobs.end) ends.push(jobs.end);
        }
        return found;
      });
      sessions += batch.items.length;
      if (page * batch.pageSize >= batch.total) break;
    }
    const finished = await this.unitOfWork.run((stores) => stores.deliveries.finishedKeys(deliveries.map((d) => d.deliveryKey)));
    const open = deliveries.filter((d) => !finished.has(d.deliveryKey));
    const queued = await this.scheduler.existingDeliveries(open.map((d) => d.deliveryKey));
    const missing = open.filter((d) => !queued.has(d.deliveryKey));
    if (missing.length > 0) await this.scheduler.scheduleDeliveries(missing, now);
    const late = this.ledger ? await this.endedUnrecorded(this.ledger, now) : [];
    const queuedEnds = await this.scheduler.existingSessionEnds([...ends, ...late]);
    const missingEnds = ends.filter((e) => !queuedEnds.has(sessionEndKey(e)));
    const missingLate = late.filter((e) => !queuedEnds.has(sessionEndKey(e)));
    for (const end of [...missingEnds, ...missingLate]) await this.scheduler.scheduleSessionEnd(end, now);
    // Only once every late end is queued: the next sweep looks back to here (see RESWEEP_MARGIN_MS).
    if (this.ledger) this.sweptEndsAt = Date.parse(now);
    return {
      sessions,
      expected: deliveries.length,
      recreatedDeliveries: missing.length,
      recreatedSessionEnds: missingEnds.length + missingLate.length,
      lateSessionEnds: missingLate.length,
    };
  }

  /** Scheduled sessions that ended within the look-back (at or before `now`) and are not in the ledger. */
  private async endedUnrecorded(ledgerUnitOfWork: LedgerUnitOfWork, now: string): Promise<ScheduledSessionEnd[]> {
    const nowMs = Date.parse(now);
    const since =
      this.sweptEndsAt === null ? nowMs - this.lookBackMs : Math.max(nowMs - this.lookBackMs, this.sweptEndsAt - RESWEEP_MARGIN_MS);
    const from = new Date(since).toISOString();
    const ended: JointSession[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.unitOfWork.run((stores) =>
        stores.jointSessions.list({ status: 'scheduled', from, to: now }, { page, pageSize: PAGE }),
      );
      // Sessions still running are the look-ahead's.
      ended.push(...batch.items.filter((session) => Date.parse(session.endsAt) <= nowMs));
      if (page * batch.pageSize >= batch.total) break;
    }
    if (ended.length === 0) return [];
    // The ledger's entries starting where these sessions start: one paged read, not one per session.
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const session of ended) {
      const startsAt = Date.parse(session.startsAt);
      first = Math.min(first, startsAt);
      last = Math.max(last, startsAt);
    }
    const window = { from: new Date(first).toISOString(), to: new Date(last + 1).toISOString() };
    const recorded = new Set<string>();
    for (let page = 1; ; page++) {
      const batch = await ledgerUnitOfWork.run((_stores, ledger) => ledger.list(window, { page, pageSize: PAGE }));
      for (const activity of batch.items) if (activity.jointSessionId) recorded.add(activity.jointSessionId);
      if (page * batch.pageSize >= batch.total) break;
    }
    return ended
      .filter((session) => !recorded.has(session.id))
      .map((session) => ({ sessionId: session.id, sessionVersion: session.version, endsAt: session.endsAt }));
  }
}
