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

/** Appends the counted keys (zero totals left out) to `out`: their number, then key and count pairs. */
function collectInto(out: number[]): void {
  const sorted = touched.length > 1 ? Int32Array.from(touched).sort() : touched;
  const sizeAt = out.length;
  out.push(0);
  let size = 0;
  for (let index = 0; index < sorted.length; index++) {
    const key = sorted[index]!;
    const total = totals[key]!;
    if (total !== 0) {
      out.push(key, total);
      size++;
    }
  }
  out[sizeAt] = size;
}

/**
 * Counted sets of the four entity kinds in one flat array: per kind, its number of keys, then its
 * keys ascending with their counts in pairs. What a rollup holds per month cell until it is sealed
 * (millions of them in a bulk import): one array instead of four objects and eight arrays.
 */
export type FlatCounted = number[];

// Built here, then copied out at its exact size (a grown array's spare room is most of a small one).
const building: number[] = [];

/** Per entity kind, flat [key, count] pairs (a key may come back): their sums. */
export function countPairs(pairsByKind: readonly (readonly number[])[]): FlatCounted {
  building.length = 0;
  for (const pairs of pairsByKind) {
    begin();
    for (let index = 0; index < pairs.length; index += 2) add(pairs[index]!, pairs[index + 1]!);
    collectInto(building);
  }
  return building.slice();
}

/** The sum of several flat counted sets of `kinds` kinds (the same array back when there is one). */
export function sumFlat(parts: readonly FlatCounted[], kinds: number): FlatCounted {
  if (parts.length === 1) return parts[0]!;
  building.length = 0;
  const offsets = new Array<number>(parts.length).fill(0);
  for (let kind = 0; kind < kinds; kind++) {
    begin();
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      let at = offsets[index]!;
      const size = part[at++]!;
      for (let entry = 0; entry < size; entry++, at += 2) add(part[at]!, part[at + 1]!);
      offsets[index] = at;
    }
    collectInto(building);
  }
  return building.slice();
}

/** A flat counted set of `kinds` kinds as one Counted per kind. */
export function unflatten(flat: FlatCounted, kinds: number): Counted[] {
  const counted: Counted[] = [];
  for (let kind = 0, at = 0; kind < kinds; kind++) {
    const size = flat[at++]!;
    if (size === 0) {
      counted.push(NO_KEYS);
      continue;
    }
    const keys = new Array<number>(size);
    const counts = new Array<number>(size);
    for (let entry = 0; entry < size; entry++, at += 2) {
      keys[entry] = flat[at]!;
      counts[entry] = flat[at + 1]!;
    }
    counted.push({ keys, counts });
  }
  return counted;
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

/**
 * The entries written into `scratch` from byte 5 (room left for their count) to `end`, their count
 * put in front: the encoding, as base64; the empty string for none.
 */
function withEntryCount(entries: number, end: number): string {
  if (entries === 0) return '';
  const header = writeVarint(entries, 0);
  scratch.copyWithin(header, 5, end);
  return scratch.toString('base64', 0, header + end - 5);
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
  return withEntryCount(entries, offset);
}

/** The varint at `input.at`, moving past it. */
function readVarint(input: { bytes: Buffer; at: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = input.bytes[input.at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
}

/**
 * Two encoded multisets as one, merged as they are read: no arrays, one pass over each. What the
 * SQLite rollup write runs for every cell that exists already; keys whose count reaches 0 leave.
 */
export function mergeEncodedTexts(stored: string, added: string): string {
  if (!added) return stored;
  if (!stored) return added;
  const a = Buffer.from(stored, 'base64');
  const b = Buffer.from(added, 'base64');
  const capacity = a.length + b.length + 16;
  if (scratch.length < capacity) scratch = Buffer.alloc(capacity);
  // Each input: its entry count (skipped), then (key delta, count) varint pairs.
  const inA = { bytes: a, at: 0 };
  const inB = { bytes: b, at: 0 };
  readVarint(inA);
  readVarint(inB);
  let keyA = inA.at < a.length ? readVarint(inA) : Infinity;
  let countA = keyA === Infinity ? 0 : readVarint(inA);
  let keyB = inB.at < b.length ? readVarint(inB) : Infinity;
  let countB = keyB === Infinity ? 0 : readVarint(inB);
  // Room for the entry count, written first once known (5 bytes covers any count).
  let offset = 5;
  let entries = 0;
  let previous = 0;
  while (keyA !== Infinity || keyB !== Infinity) {
    const key = keyA < keyB ? keyA : keyB;
    let value = 0;
    if (keyA === key) {
      value += countA;
      keyA = inA.at < a.length ? keyA + readVarint(inA) : Infinity;
      countA = keyA === Infinity ? 0 : readVarint(inA);
    }
    if (keyB === key) {
      value += countB;
      keyB = inB.at < b.length ? keyB + readVarint(inB) : Infinity;
      countB = keyB === Infinity ? 0 : readVarint(inB);
    }
    if (value <= 0) continue;
    offset = writeVarint(key - previous, offset);
    offset = writeVarint(value, offset);
    previous = key;
    entries++;
  }
  return withEntryCount(entries, offset);
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
  const input = { bytes: Buffer.from(encoded, 'base64'), at: 0 };
  readVarint(input);
  let key = 0;
  while (input.at < input.bytes.length) {
    key += readVarint(input);
    visit(key, readVarint(input));
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
  return readVarint({ bytes: Buffer.from(encoded.slice(0, 8), 'base64'), at: 0 });
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
