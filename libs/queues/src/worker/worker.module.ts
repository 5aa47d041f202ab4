import { Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { AppConfig } from '#config';
import {
  BatchedUnitOfWork,
  Clock,
  DeliverNotification,
  LedgerUnitOfWork,
  NotificationSender,
  OutboxPublisher,
  PlanSessionNotifications,
  RelayOutbox,
  ReminderScheduler,
  ResendDelivery,
  SweepNotifications,
  UnitOfWork,
} from '#scheduling';
import { ChannelSender } from '../channels/notification-sender.js';
import { SmtpSender } from '../channels/smtp-sender.js';
import { WebhookSender } from '../channels/webhook-sender.js';
import { BullMqOutboxPublisher, BullMqReminderScheduler } from '../producers.js';
import { createProducerConnection, Queues } from '../queue-factory.js';
import { ActivitiesProcessor, NotificationsProcessor, PlanningProcessor, type SessionActivityRecorder } from './processors.js';
import { LedgerNotConnectedRecorder } from './ledger-not-connected.js';
import { WorkerRunner } from './worker-runner.js';

/** The ledger's use case that records a session's teaching activity (provided by the app). */
export const SESSION_ACTIVITY_RECORDER = Symbol('SESSION_ACTIVITY_RECORDER');

class QueuesCloser implements OnApplicationShutdown {
  constructor(
    private readonly queues: Queues,
    private readonly sender: NotificationSender,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    if (this.sender instanceof ChannelSender) this.sender.close();
  }
}

/**
 * The worker: processors for every queue, the outbox relay and the sweep. Needs UnitOfWork and
 * Clock from the persistence module; `recorder` provides SESSION_ACTIVITY_RECORDER (the ledger's
 * RecordTeachingActivity), else session-end jobs wait for retries. Runs
 * inside the API process (SQLite, `PROCESS_ROLE=all`) or on its own (`apps/worker`).
 */
@Module({})
export class WorkerModule {
  static forRoot(
    config: AppConfig,
    options: { imports?: DynamicModule['imports']; recorder?: Provider; sender?: Provider } = {},
  ): DynamicModule {
    const providers: Provider[] = [
      options.recorder ?? { provide: SESSION_ACTIVITY_RECORDER, useValue: new LedgerNotConnectedRecorder() },
      { provide: Queues, useFactory: () => new Queues(createProducerConnection(config.redisUrl), config.jobs) },
      {
        provide: QueuesCloser,
        useFactory: (queues: Queues, sender: NotificationSender) => new QueuesCloser(queues, sender),
        inject: [Queues, NotificationSender],
      },
      { provide: ReminderScheduler, useFactory: (queues: Queues) => new BullMqReminderScheduler(queues), inject: [Queues] },
      { provide: OutboxPublisher, useFactory: (queues: Queues) => new BullMqOutboxPublisher(queues), inject: [Queues] },
      options.sender ?? {
        provide: NotificationSender,
        useFactory: () =>
          new ChannelSender(
            config.mail.smtpUrl ? new SmtpSender(config.mail.smtpUrl, config.mail.from) : null,
            new WebhookSender(config.mail.webhookSecret),
          ),
      },
      {
        provide: PlanSessionNotifications,
        useFactory: (uow: UnitOfWork, scheduler: ReminderScheduler, clock: Clock) =>
          new PlanSessionNotifications(new BatchedUnitOfWork(uow), scheduler, clock),
        inject: [UnitOfWork, ReminderScheduler, Clock],
      },
      {
        provide: DeliverNotification,
        // Claims and settlements of concurrent jobs share one transaction (group commit).
        useFactory: (uow: UnitOfWork, sender: NotificationSender, clock: Clock) =>
          new DeliverNotification(new BatchedUnitOfWork(uow), sender, clock, config.jobs.deliveryLeaseMs),
        inject: [UnitOfWork, NotificationSender, Clock],
      },
      {
        provide: ResendDelivery,
        useFactory: (uow: UnitOfWork, deliver: DeliverNotification, clock: Clock) => new ResendDelivery(uow, deliver, clock),
        inject: [UnitOfWork, DeliverNotification, Clock],
      },
      {
        provide: RelayOutbox,
        useFactory: (uow: UnitOfWork, publisher: OutboxPublisher, clock: Clock) => new RelayOutbox(uow, publisher, clock),
        inject: [UnitOfWork, OutboxPublisher, Clock],
      },
      {
        provide: SweepNotifications,
        // With the ledger (in `imports`) the sweep also records sessions that ended with no job queued.
        useFactory: (uow: UnitOfWork, scheduler: ReminderScheduler, clock: Clock, ledger?: LedgerUnitOfWork) =>
          new SweepNotifications(uow, scheduler, clock, { ledger: ledger ?? null }),
        inject: [UnitOfWork, ReminderScheduler, Clock, { token: LedgerUnitOfWork, optional: true }],
      },
      {
        provide: WorkerRunner,
        useFactory: (
          plan: PlanSessionNotifications,
          deliver: DeliverNotification,
          resend: ResendDelivery,
          recorder: SessionActivityRecorder,
          relay: RelayOutbox,
          sweep: SweepNotifications,
        ) =>
          new WorkerRunner(
            config.redisUrl,
            config.jobs,
            {
              planning: new PlanningProcessor(plan),
              notifications: new NotificationsProcessor(deliver, resend),
              activities: new ActivitiesProcessor(recorder),
            },
            relay,
            sweep,
          ),
        inject: [PlanSessionNotifications, DeliverNotification, ResendDelivery, SESSION_ACTIVITY_RECORDER, RelayOutbox, SweepNotifications],
      },
    ];
    return {
      module: WorkerModule,
      imports: options.imports ?? [],
      providers,
      exports: [Queues, ReminderScheduler, SweepNotifications, RelayOutbox, NotificationSender],
    };
  }
}
