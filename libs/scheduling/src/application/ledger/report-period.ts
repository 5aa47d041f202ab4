import { DateTime } from 'luxon';

/**
 * Report periods, counted on the wall clock of a chosen zone (Beijing time unless asked otherwise).
 *
 * Keys are integers: a month is `yyyymm` (202404), a year `yyyy`, a term `yyyy*10 + n` where `yyyy`
 * is the academic year's first calendar year and n = 1 for the autumn term (August to January) and
 * 2 for the spring term (February to July): 20241 = 2024-2025学年第1学期 = 2024-08-01 to 2025-02-01
 * local time. Terms and years are whole months, so they are unions of month periods.
 */
export type PeriodLevel = 'month' | 'term' | 'year';
export const PERIOD_LEVELS: readonly PeriodLevel[] = ['month', 'term', 'year'];

export const DEFAULT_REPORT_TIME_ZONE = 'Asia/Shanghai';

export interface PeriodRange {
  level: PeriodLevel;
  /** Inclusive period keys of `level`. */
  from: number;
  to: number;
}

export const yearOfMonth = (month: number): number => Math.floor(month / 100);

export function termOfMonth(month: number): number {
  const year = Math.floor(month / 100);
  const monthOfYear = month % 100;
  if (monthOfYear >= 8) return year * 10 + 1;
  if (monthOfYear === 1) return (year - 1) * 10 + 1;
  return (year - 1) * 10 + 2;
}

export function periodOfMonth(level: PeriodLevel, month: number): number {
  switch (level) {
    case 'month':
      return month;
    case 'term':
      return termOfMonth(month);
    case 'year':
      return yearOfMonth(month);
  }
}

/** The month `count` months after `month` (yyyymm numbers; `count` may be negative). */
export const addMonths = (month: number, count: number): number => {
  const index = yearOfMonth(month) * 12 + (month % 100) - 1 + count;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
};

/** First and last month (inclusive) of a period. */
export function monthsOf(level: PeriodLevel, key: number): [number, number] {
  switch (level) {
    case 'month':
      return [key, key];
    case 'year':
      return [key * 100 + 1, key * 100 + 12];
    case 'term': {
      const year = Math.floor(key / 10);
      return key % 10 === 1 ? [year * 100 + 8, (year + 1) * 100 + 1] : [(year + 1) * 100 + 2, (year + 1) * 100 + 7];
    }
  }
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: number, to: number): number[] {
  const months: number[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** `2024-04`, `2024-2025-1`, `2024`. */
export function periodLabel(level: PeriodLevel, key: number): string {
  switch (level) {
    case 'month':
      return `${yearOfMonth(key)}-${String(key % 100).padStart(2, '0')}`;
    case 'year':
      return String(key);
    case 'term': {
      const year = Math.floor(key / 10);
      return `${year}-${year + 1}-${key % 10}`;
    }
  }
}

/** Reads `2024-04`, `2024-2025-1` or `2024`; null when it is none of them. */
export function parsePeriod(text: string): { level: PeriodLevel; key: number } | null {
  let match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? { level: 'month', key: Number(match[1]) * 100 + month } : null;
  }
  match = /^(\d{4})-(\d{4})-([12])$/.exec(text);
  if (match) return Number(match[2]) === Number(match[1]) + 1 ? { level: 'term', key: Number(match[1]) * 10 + Number(match[3]) } : null;
  match = /^(\d{4})$/.exec(text);
  return match ? { level: 'year', key: Number(match[1]) } : null;
}

/** The UTC instant (ms) at which a month begins on the zone's wall clock. */
export function monthStartMillis(month: number, timeZone: string): number {
  return DateTime.fromObject({ year: yearOfMonth(month), month: month % 100, day: 1 }, { zone: timeZone }).toMillis();
}

// Every zone offset and transition in use falls on a quarter hour, so one answer per quarter hour is exact.
const QUARTER_HOUR_MS = 900_000;

/**
 * A fast `instant (ms) -> month key` for one zone: the month whose wall clock shows the instant.
 * 2025-03-31T23:30Z is 2025-04-01 07:30 in Beijing, so month 202504 there and 202503 in UTC.
 */
export function monthKeyFunction(timeZone: string): (millis: number) => number {
  const memo = new Map<number, number>();
  return (millis) => {
    const bucket = Math.floor(millis / QUARTER_HOUR_MS);
    let month = memo.get(bucket);
    if (month === undefined) {
      const local = DateTime.fromMillis(bucket * QUARTER_HOUR_MS, { zone: timeZone });
      month = local.year * 100 + local.month;
      memo.set(bucket, month);
    }
    return month;
  };
}
