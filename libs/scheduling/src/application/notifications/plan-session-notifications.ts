import type { JointSession } from '../../domain/model.js';
import type { Clock } from '../ports/clock.js';
import { type ReminderScheduler, type ScheduledDelivery, type ScheduledSessionEnd } from '../ports/notification-jobs.js';
import type { Stores, UnitOfWork } from '../ports/stores.js';
import { AudienceCache, memoInUnit } from './audience-cache.js';
import { plannedDeliveries } from './session-audience.js';

export interface PlanSessionCommand {
  sessionId: string;
  version: number;
}

export type PlanOutcome =
  | { outcome: 'planned'; deliveries: number; sessionEnd: boolean }
  /** The session changed again (a newer event plans it) or is gone. */
  | { outcome: 'stale' };

/**
 * What one session implies at `now`: its deliveries and, while scheduled, the job at its end. The
 * audience and the series are read once per unit of work (read-only here), so a batch of sessions
 * of one pairing shares them.
 */
export async function sessionJobs(
  stores: Stores,
  session: JointSession,
  now: string,
  audiences = new AudienceCache(0),
): Promise<{ deliveries: ScheduledDelivery[]; end: ScheduledSessionEnd | null }> {
  const audience = await audiences.load(stores, session);
  const series = await memoInUnit(
    stores,
    `series|${session.pairingId}`,
    async () => (await stores.jointSessions.list({ pairingId: session.pairingId, status: 'scheduled' }, { page: 1, pageSize: 1000 })).items,
  );
  const end = session.status === 'scheduled' ? { sessionId: session.id, sessionVersion: session.version, endsAt: session.endsAt } : null;
  return { deliveries: plannedDeliveries(audience, series, now), end };
}

/**
 * Plans the reminders, cancellation notices and time-change notices of one changed session, and the
 * job that records its teaching activity when it ends. Idempotent: job ids are the delivery keys,
 * built from session, recipient, offset and version; reminders of an older version are dropped by
 * the worker when they come due.
 */
export class PlanSessionNotifications {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
    private readonly audiences = new AudienceCache(0),
  ) {}

  async execute(command: PlanSessionCommand): Promise<PlanOutcome> {
    const now = this.clock.now().toUTC().toISO()!;
    const jobs = await this.unitOfWork.run(async (stores) => {
      const session = await stores.jointSessions.findById(command.sessionId);
      if (!session || session.version !== command.version) return null;
      return sessionJobs(stores, session, now, this.audiences);
    });
    if (!jobs) return { outcome: 'stale' };
    await this.scheduler.scheduleDeliveries(jobs.deliveries, now);
    if (jobs.end) await this.scheduler.scheduleSessionEnd(jobs.end, now);
    return { outcome: 'planned', deliveries: jobs.deliveries.length, sessionEnd: jobs.end !== null };
  }
}
