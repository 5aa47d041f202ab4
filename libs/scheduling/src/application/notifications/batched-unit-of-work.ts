import { UnitOfWork, type Stores } from '../ports/stores.js';

interface Pending {
  work: (stores: Stores) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: units of work that arrive while a batch runs (or within `windowMs` of the first)
 * run side by side inside ONE transaction, so a hot path such as claiming and settling
 * deliveries pays one commit per batch instead of one per job (SQLite serializes every unit).
 * Each caller's promise resolves only after the shared commit. If any unit throws, the whole batch
 * rolls back and every unit is re-run in a transaction of its own, so one failure never leaks
 * another's writes nor its error: units must therefore be plain database work, safe to run again.
 */
export class BatchedUnitOfWork extends UnitOfWork {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly inner: UnitOfWork,
    private readonly windowMs = 2,
    // Room for the claims or sent-marks of every job in flight at the default concurrency (400).
    private readonly maxBatch = 500,
  ) {
    super();
  }

  run<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running && (this.queue.length >= this.maxBatch || this.windowMs === 0)) this.flush();
      else if (!this.running) this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.running = true;
    void this.settle(batch).finally(() => {
      this.running = false;
      // What arrived meanwhile goes on the next turn of the event loop, joined by the next units of the
      // jobs this batch has just released (on SQLite they arrive within the same turn).
      if (this.queue.length > 0) {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        setImmediate(() => this.flush());
      }
    });
  }

  private async settle(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    let results: unknown[];
    try {
      results = await this.inner.run(async (stores) => {
        // Side by side, so reads of the same kind coalesce (loadInUnit); the driver runs the statements one by one.
        const outcomes = await Promise.allSettled(batch.map((item) => item.work(stores)));
        const failed = outcomes.find((outcome) => outcome.status === 'rejected');
        if (failed) throw (failed as PromiseRejectedResult).reason;
        return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
      });
    } catch {
      await Promise.all(batch.map((item) => this.alone(item)));
      return;
    }
    batch.forEach((item, index) => item.resolve(results[index]));
  }

  private alone(item: Pending): Promise<void> {
    return this.inner.run(item.work).then(item.resolve, item.reject);
  }
}
