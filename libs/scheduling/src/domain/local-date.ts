import type { Weekday } from './model.js';

const DAY_MS = 86_400_000;

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. A local date is a name for a day, not an instant, so
 * these use the proleptic Gregorian calendar with no zone at all (days are always one day long here).
 */
export function localDateToDayNumber(localDate: string): number {
  const year = Number(localDate.slice(0, 4));
  const month = Number(localDate.slice(5, 7));
  const day = Number(localDate.slice(8, 10));
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function dayNumberToLocalDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The local date `days` calendar days after `localDate` (negative goes back). */
export function addDays(localDate: string, days: number): string {
  return dayNumberToLocalDate(localDateToDayNumber(localDate) + days);
}

/** ISO weekday of a local date: Monday = 1 ... Sunday = 7. */
export function weekdayOf(localDate: string): Weekday {
  const day = new Date(localDateToDayNumber(localDate) * DAY_MS).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

/** The Monday that starts the ISO week holding `localDate`. */
export function weekStartOf(localDate: string): string {
  return addDays(localDate, 1 - weekdayOf(localDate));
}

/** Every local date from `from` to `to`, both included; empty when `to` is before `from`. */
export function eachLocalDate(from: string, to: string): string[] {
  const first = localDateToDayNumber(from);
  const last = localDateToDayNumber(to);
  const dates: string[] = [];
  for (let d = first; d <= last; d++) dates.push(dayNumberToLocalDate(d));
  return dates;
}

export const WEEKDAY_SHORT: Readonly<Record<Weekday, string>> = {
  1: 'Mon',
  2: 'Tue',
  3: 'Wed',
  4: 'Thu',
  5: 'Fri',
  6: 'Sat',
  7: 'Sun',
};
