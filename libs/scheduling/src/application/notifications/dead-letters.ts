import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Delivery, DeliveryAttempt } from '../ports/notifications.js';
import type { Page, PageRequest, UnitOfWork } from '../ports/stores.js';
import type { DeliverNotification, DeliverOutcome } from './deliver-notification.js';

export interface DeadLetter {
  delivery: Delivery;
  attempts: DeliveryAttempt[];
}

/** Messages that failed on every channel and retry, for coordinators to see and send again. */
export class DeadLetters {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  list(page: PageRequest): Promise<Page<DeadLetter>> {
    return this.unitOfWork.run(async (stores) => {
      const dead = await stores.deliveries.listDead(page);
      const items = await Promise.all(
        dead.items.map(async (delivery) => ({ delivery, attempts: await stores.deliveries.attempts(delivery.id) })),
      );
      return { ...dead, items };
    });
  }

  /**
   * Sends a dead letter again: it becomes pending and a retry event goes through the outbox in the
   * same unit of work, so the retry is not lost while the queue is down.
   */
  retry(deliveryId: string): Promise<Delivery> {
    return this.unitOfWork.run(async (stores) => {
      const delivery = await stores.deliveries.findById(deliveryId);
      if (!delivery) throw ApplicationError.notFound('dead letter', deliveryId);
      if (delivery.status !== 'dead')
        throw ApplicationError.invalidInput('status', `only a dead letter can be retried; this one is ${delivery.status}`);
      const at = this.clock.now().toUTC().toISO()!;
      await stores.deliveries.reopen(delivery.id, at);
      await stores.outbox.add({ kind: 'delivery-retry', deliveryId: delivery.id, retry: delivery.attempts + 1 });
      return { ...delivery, status: 'pending', updatedAt: at };
    });
  }
}

/** Runs a coordinator's retry of a dead letter through the same path as the first attempt. */
export class ResendDelivery {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliver: DeliverNotification,
    private readonly clock: Clock,
  ) {}

  async execute(command: { deliveryId: string; finalAttempt: boolean }): Promise<DeliverOutcome> {
    const delivery = await this.unitOfWork.run((stores) => stores.deliveries.findById(command.deliveryId));
    if (!delivery) return { outcome: 'stale', reason: 'the delivery no longer exists' };
    if (delivery.status !== 'pending') return { outcome: 'already-done', deliveryId: delivery.id };
    const now = this.clock.now().toUTC().toISO()!;
    const result = await this.deliver.execute(
      {
        deliveryKey: delivery.deliveryKey,
        kind: delivery.kind,
        sessionId: delivery.sessionId,
        sessionVersion: delivery.sessionVersion,
        recipientKind: delivery.recipient.kind,
        recipientId: delivery.recipient.id,
        offsetMinutes: delivery.offsetMinutes,
        changedSessionId: delivery.changedSessionId,
        dueAt: now,
      },
      command.finalAttempt,
    );
    if (result.outcome === 'stale') await this.unitOfWork.run((stores) => stores.deliveries.markDropped(delivery.id, result.reason, now));
    return result;
  }
}
