import { describe, expect, it } from '@jest/globals';
import { UnitOfWork, type Stores } from '../ports/stores.js';
import { BatchedUnitOfWork } from './batched-unit-of-work.js';

/** A unit of work whose "transaction" records writes and keeps them only when the work succeeds. */
class RecordingUnitOfWork extends UnitOfWork {
  readonly committed: string[][] = [];
  transactions = 0;

  async run<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    this.transactions++;
    const writes: string[] = [];
    const result = await work({ writes } as unknown as Stores);
    this.committed.push(writes);
    return result;
  }
}

const write =
  (name: string, fail = false) =>
  async (stores: Stores) => {
    (stores as unknown as { writes: string[] }).writes.push(name);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };

describe('BatchedUnitOfWork', () => {
  it('settles units that arrive together in one transaction, each caller getting its own result', async () => {
    const inner = new RecordingUnitOfWork();
    const batched = new BatchedUnitOfWork(inner, 5);
    await expect(Promise.all([batched.run(write('a')), batched.run(write('b')), batched.run(write('c'))])).resolves.toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(inner.committed).toEqual([['a', 'b', 'c']]);
  });

  it('rolls the batch back when one unit fails and re-runs each alone: the others commit, only the failing caller sees the error', async () => {
    const inner = new RecordingUnitOfWork();
    const batched = new BatchedUnitOfWork(inner, 5);
    const results = await Promise.allSettled([batched.run(write('a')), batched.run(write('bad', true)), batched.run(write('c'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('bad failed'));
    expect(inner.committed).toEqual([['a'], ['c']]);
  });

  it('runs units arriving during a batch in the next one, never more than maxBatch at a time', async () => {
    const inner = new RecordingUnitOfWork();
    const batched = new BatchedUnitOfWork(inner, 1, 2);
    await expect(Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => batched.run(write(name))))).resolves.toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(inner.committed).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });
});
