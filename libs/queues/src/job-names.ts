import type { ScheduledDelivery } from '#scheduling';

/** Every queue of the service. */
export enum QueueName {
  /** Turns a committed session change into its delayed jobs. */
  Planning = 'planning',
  /** Reminders, cancellation and time-change notices, dead-letter retries. */
  Notifications = 'notifications',
  /** Records a teaching activity when a session ends. */
  Activities = 'activities',
  /** Timetabling runs: one CPU-heavy job per run, planned on a worker thread. */
  Scheduling = 'scheduling',
}

export enum JobName {
  PlanSession = 'plan-session',
  Deliver = 'deliver',
  ResendDelivery = 'resend-delivery',
  RecordActivity = 'record-activity',
  RunSchedule = 'run-schedule',
}

/** The data of each job: ids and scalars only, re-read from the database by the handler. */
export interface JobPayloads {
  [JobName.PlanSession]: { sessionId: string; version: number };
  [JobName.Deliver]: ScheduledDelivery;
  [JobName.ResendDelivery]: { deliveryId: string; retry: number };
  [JobName.RecordActivity]: { sessionId: string; sessionVersion: number; endsAt: string };
  [JobName.RunSchedule]: { runId: string };
}

/** Which jobs run on which queue. */
export interface QueueJobs {
  [QueueName.Planning]: JobName.PlanSession;
  [QueueName.Notifications]: JobName.Deliver | JobName.ResendDelivery;
  [QueueName.Activities]: JobName.RecordActivity;
  [QueueName.Scheduling]: JobName.RunSchedule;
}

export const QUEUE_NAMES: readonly QueueName[] = [QueueName.Planning, QueueName.Notifications, QueueName.Activities];

/** A job of queue Q, typed by its name. */
export type JobOf<Q extends QueueName> = { [N in QueueJobs[Q]]: { name: N; data: JobPayloads[N] } }[QueueJobs[Q]];

/** Deterministic job ids (BullMQ ids may not contain `:` nor be all digits). */
export const jobIds = {
  planSession: (sessionId: string, version: number) => `plan-${sessionId}-v${version}`,
  resendDelivery: (deliveryId: string, retry: number) => `retry-${deliveryId}-${retry}`,
};
