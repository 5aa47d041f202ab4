import type { Clock } from '../ports/clock.js';
import { type OutboxPublisher } from '../ports/notification-jobs.js';
import type { UnitOfWork } from '../ports/stores.js';

/**
 * Moves committed outbox events into the queue, oldest first, then marks them relayed. While the
 * queue is unreachable `publish` throws and the events stay in the outbox for the next run; an
 * event published twice (a crash between publish and mark) is harmless, its job id is deterministic.
 */
export class RelayOutbox {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly publisher: OutboxPublisher,
    private readonly clock: Clock,
    private readonly batchSize = 500,
  ) {}

  /** Relays one batch; returns how many events went out (0 when the outbox is empty). */
  async execute(): Promise<number> {
    const records = await this.unitOfWork.run((stores) => stores.outbox.pending(this.batchSize));
    if (records.length === 0) return 0;
    await this.publisher.publish(records);
    const at = this.clock.now().toUTC().toISO()!;
    await this.unitOfWork.run((stores) =>
      stores.outbox.markRelayed(
        records.map((r) => r.id),
        at,
      ),
    );
    return records.length;
  }
}
