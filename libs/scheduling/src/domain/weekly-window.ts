import type { Weekday } from './model.js';
import type { UtcInterval } from './zoned-interval.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { eachLocalDate, weekdayOf } from './local-date.js';
import { resolveLocalTime } from './local-time.js';
import { termDay, type TermCalendar } from './term-calendar.js';
import { isLocalDate, isLocalTime, isValidTimeZone } from './time-zone.js';

/** A weekly wall-clock rule in its owner's zone: an availability window or a named class period. */
export interface WeeklyRule {
  weekday: Weekday;
  localStart: string;
  localEnd: string;
  /** The class period's name (`第1-2节`), or null for a plain availability window. */
  label?: string | null;
}

/** One concrete occurrence of a weekly rule, as a UTC interval plus the wall clock it came from. */
export interface RuleOccurrence extends UtcInterval {
  localDate: string;
  localStart: string;
  localEnd: string;
  /** The weekday whose rule produced it (differs from the date's own weekday on a make-up day). */
  ruleWeekday: Weekday;
  label: string | null;
  /** True when a start or end fell in a fall-back overlap and the earlier occurrence was taken. */
  ambiguous: boolean;
}

export interface SkippedOccurrence {
  localDate: string;
  localStart: string;
  localEnd: string;
  label: string | null;
  code: 'NONEXISTENT_LOCAL_TIME';
  /** Plain words: "2027-03-28 01:30 does not exist in Europe/London (clocks go forward)". */
  reason: string;
}

export interface ClosedDate {
  localDate: string;
  kind: 'holiday' | 'outside-term';
  name: string | null;
}

export interface WeeklyExpansion {
  occurrences: RuleOccurrence[];
  skipped: SkippedOccurrence[];
  closedDates: ClosedDate[];
}

export interface ExpandWeeklyInput {
  rules: readonly WeeklyRule[];
  timeZone: string;
  /** First local date, in `timeZone`, included. */
  fromLocalDate: string;
  /** Last local date, in `timeZone`, included. */
  toLocalDate: string;
  /** When given: holidays run nothing, make-up days run `runsWeekday`'s rules, outside the term nothing. */
  calendar?: TermCalendar | null;
}

/**
 * Expands weekly rules into UTC intervals, walking local dates in the owner's zone, so a rule at
 * 18:00 Europe/London stays at 18:00 local across DST (never "plus 168 hours"). An occurrence whose
 * start or end does not exist (spring-forward gap) is skipped and listed with a reason, never moved.
 * Occurrences come sorted by start.
 */
export function expandWeekly(input: ExpandWeeklyInput): WeeklyExpansion {
  const { rules, timeZone, fromLocalDate, toLocalDate, calendar } = input;
  if (!isValidTimeZone(timeZone)) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_TIME_ZONE, `"${timeZone}" is not an IANA time zone`);
  }
  if (!isLocalDate(fromLocalDate) || !isLocalDate(toLocalDate)) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_LOCAL_DATE, `${fromLocalDate}..${toLocalDate} is not a date range`);
  }
  if (calendar && calendar.timeZone !== timeZone) {
    throw new SchedulingError(
      SchedulingErrorCode.INVALID_TIME_ZONE,
      `the calendar is kept in ${calendar.timeZone}, the rules in ${timeZone}`,
    );
  }
  const byWeekday = groupByWeekday(rules);
  const occurrences: RuleOccurrence[] = [];
  const skipped: SkippedOccurrence[] = [];
  const closedDates: ClosedDate[] = [];
  for (const localDate of eachLocalDate(fromLocalDate, toLocalDate)) {
    let runs: Weekday = weekdayOf(localDate);
    if (calendar) {
      const day = termDay(calendar, localDate);
      if (day.runsWeekday === null) {
        closedDates.push({ localDate, kind: day.kind === 'holiday' ? 'holiday' : 'outside-term', name: day.exceptionName });
        continue;
      }
      runs = day.runsWeekday;
    }
    for (const rule of byWeekday[runs - 1]!) {
      const start = resolveLocalTime(localDate, rule.localStart, timeZone);
      const end = resolveLocalTime(localDate, rule.localEnd, timeZone);
      const label = rule.label ?? null;
      if (start.kind === 'nonexistent' || end.kind === 'nonexistent') {
        const missing = start.kind === 'nonexistent' ? rule.localStart : rule.localEnd;
        skipped.push({
          localDate,
          localStart: rule.localStart,
          localEnd: rule.localEnd,
          label,
          code: 'NONEXISTENT_LOCAL_TIME',
          reason: `${localDate} ${missing} does not exist in ${timeZone} (the clocks go forward), so ${rule.localStart}-${rule.localEnd}${label ? ` (${label})` : ''} is skipped that day`,
        });
        continue;
      }
      if (end.instant <= start.instant) continue;
      occurrences.push({
        startMs: start.instant,
        endMs: end.instant,
        localDate,
        localStart: rule.localStart,
        localEnd: rule.localEnd,
        ruleWeekday: runs,
        label,
        ambiguous: start.ambiguous || end.ambiguous,
      });
    }
  }
  occurrences.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  return { occurrences, skipped, closedDates };
}

function groupByWeekday(rules: readonly WeeklyRule[]): WeeklyRule[][] {
  const byWeekday: WeeklyRule[][] = [[], [], [], [], [], [], []];
  for (const rule of rules) {
    if (!isLocalTime(rule.localStart) || !isLocalTime(rule.localEnd) || rule.localEnd <= rule.localStart) {
      throw new SchedulingError(
        SchedulingErrorCode.INVALID_LOCAL_TIME,
        `weekly rule ${rule.localStart}-${rule.localEnd} must be HH:mm-HH:mm within one day`,
      );
    }
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      throw new SchedulingError(SchedulingErrorCode.INVALID_LOCAL_DATE, `weekday ${rule.weekday} is not 1 (Mon) .. 7 (Sun)`);
    }
    byWeekday[rule.weekday - 1]!.push(rule);
  }
  return byWeekday;
}
