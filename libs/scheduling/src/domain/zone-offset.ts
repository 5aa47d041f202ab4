import { IANAZone } from 'luxon';
import { dayNumberToLocalDate } from './local-date.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const zones = new Map<string, IANAZone>();
const buckets = new Map<string, Map<number, number>>();

/**
 * A zone's UTC offset in minutes at an instant, memoised per UTC hour: when the offset is the same at
 * both ends of the hour it is the same throughout (zones change offset at most once within an hour),
 * otherwise the exact instant is asked of luxon. The hot loops of the solver and checker use this.
 */
export function offsetMinutesAt(ms: number, timeZone: string): number {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = IANAZone.create(timeZone);
    zones.set(timeZone, zone);
  }
  let byHour = buckets.get(timeZone);
  if (!byHour) {
    byHour = new Map();
    buckets.set(timeZone, byHour);
  }
  const hour = Math.floor(ms / HOUR_MS);
  const cached = byHour.get(hour);
  if (cached !== undefined) return cached;
  const first = zone.offset(hour * HOUR_MS);
  const last = zone.offset(hour * HOUR_MS + HOUR_MS - 1);
  if (first === last) {
    byHour.set(hour, first);
    return first;
  }
  return zone.offset(ms);
}

/** Days since 1970-01-01 of the local date in `timeZone` at the instant. */
export function localDayNumberAt(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetMinutesAt(ms, timeZone) * 60_000) / DAY_MS);
}

/** The local date (`YYYY-MM-DD`) in `timeZone` at the instant. */
export function localDateAt(ms: number, timeZone: string): string {
  return dayNumberToLocalDate(localDayNumberAt(ms, timeZone));
}

/** Minutes after local midnight in `timeZone` at the instant, 0..1439. */
export function localMinutesAt(ms: number, timeZone: string): number {
  const local = ms + offsetMinutesAt(ms, timeZone) * 60_000;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}
