/**
 * A multiset of entity keys (key -> how many credit lines carry it), stored compactly: the number
 * of keys, then the keys ascending, each as the varint gap from the previous key followed by its
 * varint count, all base64. Counts make removal exact: an instructor leaves a rollup cell when the last line that
 * carried them is removed (a session marked not held), with no rescan of the ledger.
 */
export type Multiset = Map<number, number>;

/** Sorted distinct keys with their counts (negative while a change removes more than it adds). */
export interface Counted {
  keys: readonly number[];
  counts: readonly number[];
}

export const NO_KEYS: Counted = { keys: [], counts: [] };

// A dense accumulator over keys (they are small: one per instructor, course or campus), stamped per
// use so it is never cleared: counting is linear in the entries, and only distinct keys get sorted.
let totals = new Int32Array(1 << 15);
let stamps = new Int32Array(1 << 15);
let epoch = 0;
let touched: number[] = [];

function grow(key: number): void {
  const size = Math.max(key + 1, totals.length * 2);
  const grownTotals = new Int32Array(size);
  grownTotals.set(totals);
  totals = grownTotals;
  const grownStamps = new Int32Array(size);
  grownStamps.set(stamps);
  stamps = grownStamps;
}

function add(key: number, count: number): void {
  if (key >= totals.length) grow(key);
  if (stamps[key] !== epoch) {
    stamps[key] = epoch;
    totals[key] = 0;
    touched.push(key);
  }
  totals[key] = totals[key]! + count;
}

function begin(): void {
  epoch++;
  touched = [];
}

function collect(): Counted {
  const sorted = touched.length > 1 ? Int32Array.from(touched).sort() : touched;
  let size = 0;
  for (let index = 0; index < sorted.length; index++) if (totals[sorted[index]!] !== 0) size++;
  // Arrays of their exact size, not grown by push: a rollup holds millions of small counted sets
  // until it is sealed, and a grown array's spare room is most of a small one (the GC copies it all).
  const keys: number[] = new Array<number>(size);
  const counts: number[] = new Array<number>(size);
  for (let index = 0, at = 0; index < sorted.length; index++) {
    const key = sorted[index]!;
    const total = totals[key]!;
    if (total !== 0) {
      keys[at] = key;
      counts[at++] = total;
    }
  }
  return { keys, counts };
}

/** One count per entry of `added`, minus one per entry of `removed`. */
export function countKeys(added: readonly number[], removed: readonly number[] = []): Counted {
  if (added.length === 0 && removed.length === 0) return NO_KEYS;
  begin();
  for (let index = 0; index < added.length; index++) add(added[index]!, 1);
  for (let index = 0; index < removed.length; index++) add(removed[index]!, -1);
  return collect();
}

/** Keys with counts, given as flat pairs `[key, count, key, count, ...]` (a key may come back): their sums. */
export function countPairs(pairs: readonly number[]): Counted {
  if (pairs.length === 0) return NO_KEYS;
  begin();
  for (let index = 0; index < pairs.length; index += 2) add(pairs[index]!, pairs[index + 1]!);
  return collect();
}

/** The sum of several counted sets (the same object back when there is one). */
export function sumCounted(parts: readonly Counted[]): Counted {
  let only: Counted | null = null;
  let nonEmpty = 0;
  for (const part of parts)
    if (part.keys.length > 0) {
      nonEmpty++;
      only = part;
    }
  if (nonEmpty === 0) return NO_KEYS;
  if (nonEmpty === 1) return only!;
  begin();
  for (const part of parts) for (let index = 0; index < part.keys.length; index++) add(part.keys[index]!, part.counts[index]!);
  return collect();
}

let scratch = Buffer.alloc(1 << 16);

/** Writes `value` as a varint into `scratch` at `offset`; returns the offset after it. */
function writeVarint(value: number, offset: number): number {
  while (value >= 0x80) {
    scratch[offset++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  scratch[offset++] = value;
  return offset;
}

/** The stored multiset `encoded` plus a change, encoded again; keys whose count reaches 0 leave. */
export function mergeEncoded(encoded: string, change: Counted): string {
  const oldKeys: number[] = [];
  const oldCounts: number[] = [];
  forEachEntry(encoded, (key, count) => {
    oldKeys.push(key);
    oldCounts.push(count);
  });
  const capacity = (oldKeys.length + change.keys.length) * 10 + 16;
  if (scratch.length < capacity) scratch = Buffer.alloc(capacity);
  let offset = 0;
  const write = (value: number) => (offset = writeVarint(value, offset));
  // Room for the entry count, written first once known (5 bytes covers any count).
  offset = 5;
  let entries = 0;
  let previous = 0;
  let o = 0;
  let c = 0;
  while (o < oldKeys.length || c < change.keys.length) {
    const oldKey = o < oldKeys.length ? oldKeys[o]! : Infinity;
    const newKey = c < change.keys.length ? change.keys[c]! : Infinity;
    const key = Math.min(oldKey, newKey);
    let count = 0;
    if (oldKey === key) count += oldCounts[o++]!;
    if (newKey === key) count += change.counts[c++]!;
    if (count <= 0) continue;
    write(key - previous);
    write(count);
    previous = key;
    entries++;
  }
  if (entries === 0) return '';
  const end = offset;
  offset = 0;
  write(entries);
  const header = offset;
  scratch.copyWithin(header, 5, end);
  return scratch.toString('base64', 0, header + end - 5);
}

/** Encodes counted keys (every count positive); the empty string for none. */
export function encodeCounted(counted: Counted): string {
  const { keys, counts } = counted;
  if (keys.length === 0) return '';
  const capacity = keys.length * 10 + 16;
  if (scratch.length < capacity) scratch = Buffer.alloc(capacity);
  let offset = 0;
  const write = (value: number) => (offset = writeVarint(value, offset));
  write(keys.length);
  let previous = 0;
  for (let index = 0; index < keys.length; index++) {
    write(keys[index]! - previous);
    write(counts[index]!);
    previous = keys[index]!;
  }
  return scratch.toString('base64', 0, offset);
}

/** Encodes a multiset; the empty string for none. */
export function encodeMultiset(multiset: Multiset): string {
  const keys = [...multiset.keys()].sort((a, b) => a - b);
  return mergeEncoded('', { keys, counts: keys.map((key) => multiset.get(key)!) });
}

/** Calls `visit(key, count)` for each entry, in ascending key order. */
export function forEachEntry(encoded: string, visit: (key: number, count: number) => void): void {
  if (!encoded) return;
  const bytes = Buffer.from(encoded, 'base64');
  let index = 0;
  let key = 0;
  while (bytes[index]! >= 0x80) index++;
  index++;
  const read = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[index++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (index < bytes.length) {
    key += read();
    visit(key, read());
  }
}

export function decodeMultiset(encoded: string): Multiset {
  const multiset: Multiset = new Map();
  forEachEntry(encoded, (key, count) => multiset.set(key, count));
  return multiset;
}

/** How many keys an encoded multiset holds, read from its header without decoding the rest. */
export function sizeOfEncoded(encoded: string): number {
  if (!encoded) return 0;
  const bytes = Buffer.from(encoded.slice(0, 8), 'base64');
  let value = 0;
  let scale = 1;
  for (let index = 0; ; index++) {
    const byte = bytes[index]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
}

/** The keys of many encoded multisets together: a distinct count across cells. */
export class KeyUnion {
  private keys: Set<number> | null = null;
  private single: string | null = null;

  add(encoded: string): void {
    if (!encoded) return;
    if (this.keys === null && this.single === null) {
      this.single = encoded;
      return;
    }
    if (this.keys === null) {
      const keys = new Set<number>();
      forEachEntry(this.single!, (key) => keys.add(key));
      this.keys = keys;
      this.single = null;
    }
    const keys = this.keys;
    forEachEntry(encoded, (key) => keys.add(key));
  }

  get size(): number {
    if (this.keys !== null) return this.keys.size;
    return this.single === null ? 0 : sizeOfEncoded(this.single);
  }
}
