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

function delayUntil(instant: string, now: string): number {
  return Math.max(0, Date.parse(instant) - Date.parse(now));
}

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

/** Delayed BullMQ jobs whose ids are the delivery keys: adding one twice is a no-op. */
export class BullMqReminderScheduler extends ReminderScheduler {
  constructor(private readonly queues: Queues) {
    super();
  }

  async scheduleDeliveries(deliveries: readonly ScheduledDelivery[], now: string): Promise<void> {
    const queue = this.queues.get(QueueName.Notifications);
    // BullMQ counts a delay from the moment each job is added: take off the time spent adding the earlier chunks.
    const started = Date.now();
    for (let i = 0; i < deliveries.length; i += BULK) {
      const elapsed = Date.now() - started;
      await queue.addBulk(
        deliveries.slice(i, i + BULK).map((data) => ({
          name: JobName.Deliver,
          data: data satisfies JobPayloads[JobName.Deliver],
          opts: { jobId: data.deliveryKey, delay: Math.max(0, delayUntil(data.dueAt, now) - elapsed) },
        })),
      );
    }
  }

  async scheduleSessionEnd(end: ScheduledSessionEnd, now: string): Promise<void> {
    const data: JobPayloads[JobName.RecordActivity] = end;
    // A minute after the end, so a timer firing early never finds the session still running.
    const delay = delayUntil(new Date(Date.parse(end.endsAt) + SESSION_END_GRACE_MS).toISOString(), now);
    await this.queues.get(QueueName.Activities).add(JobName.RecordActivity, data, { jobId: sessionEndKey(end), delay });
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
