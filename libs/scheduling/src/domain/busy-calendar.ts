/**
 * Who is busy when: per key (an instructor, a class, a host teacher) a list of UTC intervals in epoch
 * ms sorted by start. Intervals may overlap (published sessions that clash already, kept as they are),
 * so a lookup looks back from the first later start as far as the longest interval of the key reaches.
 */
export class BusyCalendar {
  private readonly starts = new Map<string, number[]>();
  private readonly ends = new Map<string, number[]>();
  private readonly longest = new Map<string, number>();

  /** True when nothing of `key` meets [startMs - padMs, endMs + padMs). */
  isFree(key: string, startMs: number, endMs: number, padMs = 0): boolean {
    const starts = this.starts.get(key);
    if (!starts) return true;
    const ends = this.ends.get(key)!;
    const from = startMs - padMs;
    const to = endMs + padMs;
    // First interval starting at or after `to`: every one before it starts early enough to meet.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < to) lo = mid + 1;
      else hi = mid;
    }
    const reach = from - this.longest.get(key)!;
    for (let i = lo - 1; i >= 0 && starts[i]! >= reach; i--) if (ends[i]! > from) return false;
    return true;
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
    // Never shrinks on remove: a longer reach only looks back further.
    this.longest.set(key, Math.max(this.longest.get(key) ?? 0, endMs - startMs));
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
