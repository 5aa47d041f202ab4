/**
 * Who is busy when: per key (an instructor, a class, a host teacher) a sorted list of non-overlapping
 * UTC intervals in epoch ms. Lookups are binary searches; inserts keep the order.
 */
export class BusyCalendar {
  private readonly starts = new Map<string, number[]>();
  private readonly ends = new Map<string, number[]>();

  /** True when nothing of `key` meets [startMs - padMs, endMs + padMs). */
  isFree(key: string, startMs: number, endMs: number, padMs = 0): boolean {
    const starts = this.starts.get(key);
    if (!starts) return true;
    const ends = this.ends.get(key)!;
    // First interval whose end is after startMs - pad.
    let lo = 0;
    let hi = ends.length;
    const from = startMs - padMs;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > from) hi = mid;
      else lo = mid + 1;
    }
    return lo >= starts.length || starts[lo]! >= endMs + padMs;
  }

  /** Removes one interval added before with these exact bounds. */
  remove(key: string, startMs: number, endMs: number): void {
    const starts = this.starts.get(key);
    const ends = this.ends.get(key);
    if (!starts || !ends) return;
    for (let i = 0; i < starts.length; i++) {
      if (starts[i] === startMs && ends[i] === endMs) {
        starts.splice(i, 1);
        ends.splice(i, 1);
        return;
      }
    }
  }

  add(key: string, startMs: number, endMs: number): void {
    let starts = this.starts.get(key);
    let ends = this.ends.get(key);
    if (!starts || !ends) {
      starts = [];
      ends = [];
      this.starts.set(key, starts);
      this.ends.set(key, ends);
    }
    let at = starts.length;
    while (at > 0 && starts[at - 1]! > startMs) at--;
    starts.splice(at, 0, startMs);
    ends.splice(at, 0, endMs);
  }
}

/** Counters by string key. */
export class Tally {
  private readonly counts = new Map<string, number>();

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }
}
