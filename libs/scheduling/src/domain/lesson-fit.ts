import type { UtcInterval } from './zoned-interval.js';

/** True when [startMs, endMs) lies inside one member of a sorted, merged union (binary search). */
export function coversAt(union: readonly UtcInterval[], startMs: number, endMs: number): boolean {
  let lo = 0;
  let hi = union.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const part = union[mid]!;
    if (part.endMs < endMs) lo = mid + 1;
    else if (part.startMs > startMs) hi = mid - 1;
    else return true;
  }
  return false;
}

/** The members of a sorted, merged union that meet [fromMs, toMs), clipped to it. */
export function clip(union: readonly UtcInterval[], fromMs: number, toMs: number): UtcInterval[] {
  const out: UtcInterval[] = [];
  for (const part of union) {
    if (part.endMs <= fromMs) continue;
    if (part.startMs >= toMs) break;
    out.push({ startMs: Math.max(part.startMs, fromMs), endMs: Math.min(part.endMs, toMs) });
  }
  return out;
}

/** Sorted distinct numbers. */
export function sortedUnique(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out[out.length - 1] !== v) out.push(v);
  return out;
}

/** A stable 32-bit hash of a string mixed with a seed (FNV-1a), for deterministic tie-breaks. */
export function seededHash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
