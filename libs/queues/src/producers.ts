import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  OutboxPublisher,
  ReminderScheduler,
  sessionEndKey,
  type OutboxRecord,
  type ScheduledDelivery,
  type ScheduledSessionEnd,
} from '#scheduling';
import { JobName, jobIds, QueueName, type JobPayloads } from './job-names.js';
import type { Queues } from './queue-factory.js';

const BULK = 1_000;
const SESSION_END_GRACE_MS = 60_000;

async function existing(client: Redis, queue: Queue, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += BULK) {
    const part = ids.slice(i, i + BULK);
    const pipeline = client.pipeline();
    for (const id of part) pipeline.exists(queue.toKey(id));
    const answers = (await pipeline.exec()) ?? [];
    answers.forEach(([error, count]: [Error | null, unknown], index: number) => {
      if (error) throw error;
      if (count === 1) found.add(part[index]!);
    });
  }
  return found;
}

interface BulkJob {
  name: string;
  data: unknown;
  opts: { jobId: string; delay: number };
}

/**
 * Jobs added by concurrent callers (planning jobs run side by side) until the event loop turns go
 * to the queue as one addBulk in chunks, instead of a round trip per caller. Each caller's promise
 * settles with its chunk; delays are counted from the moment each chunk is added.
 */
class BulkAdder {
  private pending: { jobs: (BulkJob & { dueAtMs: number })[]; done: Promise<void> } | null = null;

  constructor(private readonly queue: () => Queue) {}

  add(jobs: (BulkJob & { dueAtMs: number })[]): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    if (!this.pending) {
      const batch: (BulkJob & { dueAtMs: number })[] = [];
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.pending = null;
        const queue = this.queue();
        for (let i = 0; i < batch.length; i += BULK) {
          const addedAt = Date.now();
          await queue.addBulk(
            batch
              .slice(i, i + BULK)
              .map(({ dueAtMs, ...job }) => ({ ...job, opts: { ...job.opts, delay: Math.max(0, dueAtMs - addedAt) } })),
          );
        }
      });
      this.pending = { jobs: batch, done };
    }
    this.pending.jobs.push(...jobs);
    return this.pending.done;
  }
}

/** Delayed BullMQ jobs whose ids are the delivery keys: adding one twice is a no-op. */
export class BullMqReminderScheduler extends ReminderScheduler {
  private readonly deliveries: BulkAdder;
  private readonly sessionEnds: BulkAdder;

  constructor(private readonly queues: Queues) {
    super();
    this.deliveries = new BulkAdder(() => queues.get(QueueName.Notifications));
    this.sessionEnds = new BulkAdder(() => queues.get(QueueName.Activities));
  }

  scheduleDeliveries(deliveries: readonly ScheduledDelivery[], now: string): Promise<void> {
    // The due time on this process's clock: `now` may come from another clock (a test's), the delay may not.
    const offset = Date.now() - Date.parse(now);
    return this.deliveries.add(
      deliveries.map((data) => ({
        name: JobName.Deliver,
        data: data satisfies JobPayloads[JobName.Deliver],
        opts: { jobId: data.deliveryKey, delay: 0 },
        dueAtMs: Date.parse(data.dueAt) + offset,
      })),
    );
  }

  scheduleSessionEnd(end: ScheduledSessionEnd, now: string): Promise<void> {
    const data: JobPayloads[JobName.RecordActivity] = end;
    // A minute after the end, so a timer firing early never finds the session still running.
    const offset = Date.now() - Date.parse(now);
    return this.sessionEnds.add([
      {
        name: JobName.RecordActivity,
        data,
        opts: { jobId: sessionEndKey(end), delay: 0 },
        dueAtMs: Date.parse(end.endsAt) + SESSION_END_GRACE_MS + offset,
      },
    ]);
  }

  existingDeliveries(deliveryKeys: readonly string[]): Promise<Set<string>> {
    return existing(this.queues.connection, this.queues.get(QueueName.Notifications), deliveryKeys);
  }

  existingSessionEnds(ends: readonly ScheduledSessionEnd[]): Promise<Set<string>> {
    return existing(this.queues.connection, this.queues.get(QueueName.Activities), ends.map(sessionEndKey));
  }
}

/** Outbox events become jobs with deterministic ids, so relaying one twice adds nothing. */
export class BullMqOutboxPublisher extends OutboxPublisher {
  constructor(private readonly queues: Queues) {
    super();
  }

  async publish(records: readonly OutboxRecord[]): Promise<void> {
    const plans: { name: JobName.PlanSession; data: JobPayloads[JobName.PlanSession]; opts: { jobId: string } }[] = [];
    const resends: { name: JobName.ResendDelivery; data: JobPayloads[JobName.ResendDelivery]; opts: { jobId: string } }[] = [];
    for (const { event } of records) {
      switch (event.kind) {
        case 'session-changed':
          plans.push({
            name: JobName.PlanSession,
            data: { sessionId: event.sessionId, version: event.version },
            opts: { jobId: jobIds.planSession(event.sessionId, event.version) },
          });
          break;
        case 'delivery-retry':
          resends.push({
            name: JobName.ResendDelivery,
            data: { deliveryId: event.deliveryId, retry: event.retry },
            opts: { jobId: jobIds.resendDelivery(event.deliveryId, event.retry) },
          });
          break;
        default:
          return assertNever(event);
      }
    }
    if (plans.length > 0) await this.queues.get(QueueName.Planning).addBulk(plans);
    if (resends.length > 0) await this.queues.get(QueueName.Notifications).addBulk(resends);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
