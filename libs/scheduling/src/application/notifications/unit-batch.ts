import type { Stores } from '../ports/stores.js';

interface Group {
  items: unknown[];
  results: Promise<unknown[]>;
}

const groups = new WeakMap<Stores, Map<string, Group>>();

/**
 * Gathers the calls of one kind made on the same unit of work (its `stores`) until the event loop
 * turns, then runs them as ONE `runMany` (one store call: a multi-row statement on PostgreSQL). The
 * units of a batched unit of work run side by side on the same `stores`, so their claims, say, become
 * one call; a unit
 * alone pays one turn of the event loop. `runMany` returns one result per item, in order; if it
 * fails, every caller of the group gets its error (and a batched unit of work re-runs each alone).
 */
export function batchInUnit<I, R>(stores: Stores, kind: string, item: I, runMany: (items: I[]) => Promise<R[]>): Promise<R> {
  let byKind = groups.get(stores);
  if (!byKind) {
    byKind = new Map();
    groups.set(stores, byKind);
  }
  let group = byKind.get(kind);
  if (!group) {
    const items: I[] = [];
    const kinds = byKind;
    // setImmediate, not a microtask: units still reading (or composing) join the same statement.
    const results = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      kinds.delete(kind);
      return runMany(items);
    });
    group = { items, results };
    byKind.set(kind, group);
  }
  const index = group.items.push(item) - 1;
  return group.results.then((results) => results[index] as R);
}
