import type { Weekday } from './model.js';

const DAY_MS = 86_400_000;

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. A local date is a name for a day, not an instant, so
 * these use the proleptic Gregorian calendar with no zone at all (days are always one day long here).
 */
export function localDateToDayNumber(localDate: string): number {
  const known = dayNumbers.get(localDate);
  if (known !== undefined) return known;
  const year = Number(localDate.slice(0, 4));
  const month = Number(localDate.slice(5, 7));
  const day = Number(localDate.slice(8, 10));
  const dayNumber = Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
  if (dayNumbers.size < MEMO_LIMIT) dayNumbers.set(localDate, dayNumber);
  return dayNumber;
}

export function dayNumberToLocalDate(dayNumber: number): string {
  const known = localDates.get(dayNumber);
  if (known !== undefined) return known;
  const localDate = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
  if (localDates.size < MEMO_LIMIT) localDates.set(dayNumber, localDate);
  return localDate;
}

// Planning touches a few hundred distinct dates; memoising them keeps the hot loops off Date.
const MEMO_LIMIT = 100_000;
const dayNumbers = new Map<string, number>();
const localDates = new Map<number, string>();

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
