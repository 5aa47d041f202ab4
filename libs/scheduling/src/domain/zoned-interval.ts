import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { isLocalDate } from './time-zone.js';

/**
 * A half-open UTC interval [startMs, endMs) in epoch milliseconds. Zones matter only when a wall clock
 * is turned into one (`local-time.ts`) or one is shown to a person (`format-local.ts`).
 */
export interface UtcInterval {
  readonly startMs: number;
  readonly endMs: number;
}

const MINUTE_MS = 60_000;

/** Builds an interval; throws INVALID_INTERVAL unless start < end. */
export function utcInterval(startMs: number, endMs: number): UtcInterval {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || startMs >= endMs) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_INTERVAL, `an interval must end after it starts (${startMs} .. ${endMs})`);
  }
  return { startMs, endMs };
}

/** From UTC ISO instants (`startsAt`, `endsAt`), as stored on a session. */
export function intervalFromIso(startsAt: string, endsAt: string): UtcInterval {
  return utcInterval(parseInstant(startsAt), parseInstant(endsAt));
}

const ISO_INSTANT = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,3})?)?(?:Z|[+-](\d\d):?(\d\d))$/;

/**
 * Epoch ms of `2026-09-28T02:00:00Z` or `...+08:00` (seconds and milliseconds optional), NaN for
 * anything else. Stricter than Date.parse, which reads 2026-02-30 as 2 March: a date or time that
 * does not exist is refused, never moved. An instant without an offset would be read in the process
 * zone: refused too.
 */
export function instantMillis(text: string): number {
  const match = typeof text === 'string' ? ISO_INSTANT.exec(text) : null;
  if (!match || !isLocalDate(match[1]!)) return NaN;
  const [hour, minute, second, offsetHours, offsetMinutes] = [match[2], match[3], match[4], match[5], match[6]].map(Number);
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHours! > 14 || offsetMinutes! > 59) return NaN;
  return Date.parse(text);
}

/** Epoch ms of an ISO instant that carries its offset (`2026-09-28T00:00:00Z`, `...+08:00`); see instantMillis. */
export function parseInstant(iso: string): number {
  const ms = instantMillis(iso);
  if (Number.isNaN(ms)) {
    throw new SchedulingError(
      SchedulingErrorCode.INVALID_INTERVAL,
      `"${iso}" is not an ISO-8601 instant with an offset on a date and time that exist, e.g. 2026-09-28T02:00:00Z`,
    );
  }
  return ms;
}

/** UTC ISO string with `Z` (`2026-09-28T00:00:00.000Z`). */
export function instantToIso(ms: number): string {
  return new Date(ms).toISOString();
}

const secondTexts = new Map<number, string>();
/** Beyond this a Date is invalid (toISOString throws): left to Date itself. */
const LAST_SECOND_MS = 8.64e15 - 1000;

/**
 * `instantToIso` for hot paths whose instants repeat within a second (now, a lease's end): the
 * text up to the seconds is kept per second, only the milliseconds are written.
 */
export function isoAt(instant: number): string {
  // Truncated toward zero, as Date does.
  const millis = Math.trunc(instant);
  if (!(Math.abs(millis) <= LAST_SECOND_MS)) return new Date(instant).toISOString();
  const second = Math.floor(millis / 1000);
  let prefix = secondTexts.get(second);
  if (prefix === undefined) {
    if (secondTexts.size >= 64) secondTexts.clear();
    secondTexts.set(second, (prefix = new Date(second * 1000).toISOString().slice(0, -4)));
  }
  const ms = millis - second * 1000;
  return `${prefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

export function intervalToIso(interval: UtcInterval): { startsAt: string; endsAt: string } {
  return { startsAt: instantToIso(interval.startMs), endsAt: instantToIso(interval.endMs) };
}

export function durationMinutes(interval: UtcInterval): number {
  return (interval.endMs - interval.startMs) / MINUTE_MS;
}

/** True when they share at least one instant; touching ends ([8,9) and [9,10)) do not overlap. */
export function overlaps(a: UtcInterval, b: UtcInterval): boolean {
  return a.startMs < b.endMs && b.startMs < a.endMs;
}

/** The common part, or null when they do not overlap. */
export function intersection(a: UtcInterval, b: UtcInterval): UtcInterval | null {
  const startMs = Math.max(a.startMs, b.startMs);
  const endMs = Math.min(a.endMs, b.endMs);
  return startMs < endMs ? { startMs, endMs } : null;
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: UtcInterval, inner: UtcInterval): boolean {
  return outer.startMs <= inner.startMs && inner.endMs <= outer.endMs;
}

/** Sorted, with overlapping or touching intervals merged into one. */
export function mergeIntervals(intervals: readonly UtcInterval[]): UtcInterval[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const merged: UtcInterval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.startMs <= last.endMs) {
      if (next.endMs > last.endMs) merged[merged.length - 1] = { startMs: last.startMs, endMs: next.endMs };
    } else {
      merged.push({ startMs: next.startMs, endMs: next.endMs });
    }
  }
  return merged;
}

/** Intersection of two unions of intervals; both inputs sorted and merged (as `mergeIntervals` gives). */
export function intersectAll(a: readonly UtcInterval[], b: readonly UtcInterval[]): UtcInterval[] {
  const out: UtcInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const common = intersection(x, y);
    if (common) out.push(common);
    if (x.endMs < y.endMs) i++;
    else j++;
  }
  return out;
}

/** True when `inner` lies wholly inside one member of a sorted, merged union. */
export function isCoveredBy(union: readonly UtcInterval[], inner: UtcInterval): boolean {
  return union.some((part) => contains(part, inner));
}

/** Total minutes of a sorted, merged union. */
export function totalMinutes(union: readonly UtcInterval[]): number {
  let ms = 0;
  for (const part of union) ms += part.endMs - part.startMs;
  return ms / MINUTE_MS;
}
