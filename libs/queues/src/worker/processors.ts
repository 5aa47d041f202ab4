import { UnrecoverableError, type Job } from 'bullmq';
import { DeliveryFailedError, type DeliverNotification, type PlanSessionNotifications, type ResendDelivery } from '#scheduling';
import { assertNever } from '../producers.js';
import { JobName, QueueName, type JobOf } from '../job-names.js';

/** True when this run is the job's last allowed attempt (a failure now is final). */
export function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** A channel's permanent refusal on every channel: no retry can help. */
function permanent<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof DeliveryFailedError && error.permanent) throw new UnrecoverableError(error.message);
    throw error;
  });
}

export class PlanningProcessor {
  constructor(private readonly plan: PlanSessionNotifications) {}

  process(job: Job & JobOf<QueueName.Planning>) {
    switch (job.name) {
      case JobName.PlanSession:
        return this.plan.execute(job.data);
      default:
        return assertNever(job.name);
    }
  }
}

export class NotificationsProcessor {
  constructor(
    private readonly deliver: DeliverNotification,
    private readonly resend: ResendDelivery,
  ) {}

  process(job: Job & JobOf<QueueName.Notifications>) {
    const finalAttempt = isFinalAttempt(job);
    switch (job.name) {
      case JobName.Deliver:
        return permanent(this.deliver.execute(job.data, finalAttempt));
      case JobName.ResendDelivery:
        return permanent(this.resend.execute({ deliveryId: job.data.deliveryId, finalAttempt }));
      default:
        return assertNever(job);
    }
  }
}

/** What the session-end job needs of the ledger: RecordTeachingActivity, recording a session at most once. */
export interface SessionActivityRecorder {
  execute(command: { jointSessionId: string }): Promise<{ outcome: string; reason?: string }>;
}

export class ActivitiesProcessor {
  constructor(private readonly recorder: SessionActivityRecorder) {}

  process(job: Job & JobOf<QueueName.Activities>) {
    switch (job.name) {
      case JobName.RecordActivity:
        return this.recorder.execute({ jointSessionId: job.data.sessionId });
      default:
        return assertNever(job.name);
    }
  }
}
