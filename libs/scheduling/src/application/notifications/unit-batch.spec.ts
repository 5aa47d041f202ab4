import { describe, expect, it } from '@jest/globals';
import type { Stores } from '../ports/stores.js';
import { batchInUnit } from './unit-batch.js';

const unit = () => ({}) as Stores;

describe('batchInUnit', () => {
  it('runs the calls of one kind made on one unit before the event loop turns as one call, each caller getting its own result', async () => {
    const stores = unit();
    const calls: number[][] = [];
    const double = (items: number[]) => {
      calls.push(items);
      return Promise.resolve(items.map((n) => n * 2));
    };
    // The third caller arrives a few microtasks later, as a unit still reading would.
    const late = Promise.resolve()
      .then(() => undefined)
      .then(() => batchInUnit(stores, 'double', 3, double));
    await expect(Promise.all([batchInUnit(stores, 'double', 1, double), batchInUnit(stores, 'double', 2, double), late])).resolves.toEqual([
      2, 4, 6,
    ]);
    expect(calls).toEqual([[1, 2, 3]]);
    await expect(batchInUnit(stores, 'double', 4, double)).resolves.toBe(8);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it('keeps units and kinds apart', async () => {
    const calls: string[][] = [];
    const echo = (items: string[]) => {
      calls.push(items);
      return Promise.resolve(items);
    };
    const [a, b] = [unit(), unit()];
    await Promise.all([batchInUnit(a, 'x', 'a1', echo), batchInUnit(b, 'x', 'b1', echo), batchInUnit(a, 'y', 'a2', echo)]);
    expect(calls.sort()).toEqual([['a1'], ['a2'], ['b1']]);
  });

  it('gives every caller of a group the error of a failed call', async () => {
    const stores = unit();
    const fail = () => Promise.reject(new Error('constraint failed'));
    const results = await Promise.allSettled([batchInUnit(stores, 'z', 1, fail), batchInUnit(stores, 'z', 2, fail)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
