import type { Clock } from '../ports/clock.js';
import { type ReminderScheduler, sessionEndKey, type ScheduledDelivery, type ScheduledSessionEnd } from '../ports/notification-jobs.js';
import type { UnitOfWork } from '../ports/stores.js';
import { sessionJobs } from './plan-session-notifications.js';

export interface SweepResult {
  sessions: number;
  expected: number;
  recreatedDeliveries: number;
  recreatedSessionEnds: number;
}

/**
 * Compares the database with the queue and re-creates every job that should exist and does not
 * (after Redis restarted without persistence, say): for each session ending within the horizon,
 * the messages it implies now that are neither finished in the database nor waiting in the queue,
 * and the job at its end. Safe to run anywhere, any number of times.
 */
export class SweepNotifications {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
    /** How far ahead to look; at least the largest reminder offset plus a week for time-change notices. */
    private readonly horizonMs = 8 * 86_400_000,
  ) {}

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
    const queuedEnds = await this.scheduler.existingSessionEnds(ends);
    const missingEnds = ends.filter((e) => !queuedEnds.has(sessionEndKey(e)));
    for (const end of missingEnds) await this.scheduler.scheduleSessionEnd(end, now);
    return { sessions, expected: deliveries.length, recreatedDeliveries: missing.length, recreatedSessionEnds: missingEnds.length };
  }
}
