/** Runs async tasks one at a time, in arrival order. A failing task does not stop the queue. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }

  /** Tasks queued or running; useful for tests and shutdown. */
  get pending(): number {
    return this.waiting;
  }
}
