/**
 * A multiset of entity keys (key -> how many credit lines carry it), stored compactly: keys
 * ascending, each as the varint gap from the previous key followed by its varint count, then
 * base64. Counts make removal exact: an instructor leaves a rollup cell when the last line that
 * carried them is removed (a session marked not held), with no rescan of the ledger.
 */
export type Multiset = Map<number, number>;

export function addTo(target: Multiset, key: number, count: number): void {
  target.set(key, (target.get(key) ?? 0) + count);
}

export function mergeInto(target: Multiset, source: Multiset): void {
  for (const [key, count] of source) target.set(key, (target.get(key) ?? 0) + count);
}

function writeVarint(bytes: number[], value: number): void {
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
}

/** Encodes the keys whose count is positive; the empty string for none. */
export function encodeMultiset(multiset: Multiset): string {
  const keys = [...multiset.entries()].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  if (keys.length === 0) return '';
  const bytes: number[] = [];
  let previous = 0;
  for (const [key, count] of keys) {
    writeVarint(bytes, key - previous);
    writeVarint(bytes, count);
    previous = key;
  }
  return Buffer.from(bytes).toString('base64');
}

/** Calls `visit(key, count)` for each entry, in ascending key order. */
export function forEachEntry(encoded: string, visit: (key: number, count: number) => void): void {
  if (!encoded) return;
  const bytes = Buffer.from(encoded, 'base64');
  let index = 0;
  let key = 0;
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

/** The keys of many encoded multisets together: a distinct count across cells. */
export class KeyUnion {
  private readonly keys = new Set<number>();
  private single: string | null = null;
  private parts = 0;

  add(encoded: string): void {
    if (!encoded) return;
    this.parts++;
    if (this.parts === 1) {
      this.single = encoded;
      return;
    }
    if (this.single !== null) {
      forEachEntry(this.single, (key) => this.keys.add(key));
      this.single = null;
    }
    forEachEntry(encoded, (key) => this.keys.add(key));
  }

  get size(): number {
    if (this.single === null) return this.keys.size;
    let count = 0;
    forEachEntry(this.single, () => count++);
    return count;
  }
}
