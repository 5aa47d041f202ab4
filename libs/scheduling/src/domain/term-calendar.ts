import type { CalendarException, Institution, Term, Weekday } from './model.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { eachLocalDate, weekdayOf } from './local-date.js';
import { isLocalDate, isValidTimeZone } from './time-zone.js';

/**
 * Which weekday's timetable runs on each local date of one institution, in its own zone.
 * `startLocalDate`/`endLocalDate` null means open-ended (an instructor's institution with no term on file).
 */
export interface TermCalendar {
  readonly institutionId: string;
  readonly timeZone: string;
  /** First day of the first term and last day of the last. */
  readonly startLocalDate: string | null;
  readonly endLocalDate: string | null;
  /** Every term, sorted by start: a date between two of them (a winter break) is outside the term. */
  readonly terms: readonly TermDates[];
  readonly exceptions: ReadonlyMap<string, CalendarException>;
}

export type TermDates = Pick<Term, 'startLocalDate' | 'endLocalDate'>;

export type TermDayKind = 'regular' | 'holiday' | 'makeup' | 'outside-term';

export interface TermDay {
  localDate: string;
  /** The date's own weekday. */
  weekday: Weekday;
  /** The weekday whose timetable runs that day; null on a holiday or outside the term. */
  runsWeekday: Weekday | null;
  kind: TermDayKind;
  /** The exception's name (`国庆节 National Day`), when there is one. */
  exceptionName: string | null;
}

/**
 * Builds an institution's calendar for one term or several (all of an instructor's institution's
 * terms: a date counts when it falls in any of them). None (null or []) means open-ended. Two
 * exceptions on one date: the holiday wins (it is the safer reading). A make-up day without
 * `runsWeekday` runs its own weekday's timetable.
 */
export function buildTermCalendar(
  institution: Pick<Institution, 'id' | 'timeZone' | 'calendarExceptions'>,
  term: TermDates | readonly TermDates[] | null,
): TermCalendar {
  if (!isValidTimeZone(institution.timeZone)) {
    throw new SchedulingError(
      SchedulingErrorCode.INVALID_TIME_ZONE,
      `institution ${institution.id}: "${institution.timeZone}" is not an IANA time zone`,
    );
  }
  const terms = (term === null ? [] : isTermList(term) ? [...term] : [term]).map((t) => ({
    startLocalDate: t.startLocalDate,
    endLocalDate: t.endLocalDate,
  }));
  for (const t of terms) {
    if (!isLocalDate(t.startLocalDate) || !isLocalDate(t.endLocalDate) || t.endLocalDate < t.startLocalDate) {
      throw new SchedulingError(
        SchedulingErrorCode.INVALID_LOCAL_DATE,
        `institution ${institution.id}: term ${t.startLocalDate}..${t.endLocalDate} is not a date range`,
      );
    }
  }
  terms.sort((a, b) => (a.startLocalDate < b.startLocalDate ? -1 : a.startLocalDate > b.startLocalDate ? 1 : 0));
  const exceptions = new Map<string, CalendarException>();
  for (const exception of institution.calendarExceptions) {
    if (!isLocalDate(exception.localDate)) {
      throw new SchedulingError(
        SchedulingErrorCode.INVALID_LOCAL_DATE,
        `institution ${institution.id}: exception date "${exception.localDate}" is not a local date`,
      );
    }
    const existing = exceptions.get(exception.localDate);
    if (existing?.kind === 'holiday') continue;
    exceptions.set(exception.localDate, exception);
  }
  return {
    institutionId: institution.id,
    timeZone: institution.timeZone,
    startLocalDate: terms[0]?.startLocalDate ?? null,
    endLocalDate: terms.reduce<string | null>((last, t) => (last === null || t.endLocalDate > last ? t.endLocalDate : last), null),
    terms,
    exceptions,
  };
}

/** What runs on one local date (in the calendar's zone). */
export function termDay(calendar: TermCalendar, localDate: string): TermDay {
  const weekday = weekdayOf(localDate);
  if (!isInTerm(calendar, localDate)) {
    return { localDate, weekday, runsWeekday: null, kind: 'outside-term', exceptionName: null };
  }
  const exception = calendar.exceptions.get(localDate);
  if (!exception) return { localDate, weekday, runsWeekday: weekday, kind: 'regular', exceptionName: null };
  if (exception.kind === 'holiday') {
    return { localDate, weekday, runsWeekday: null, kind: 'holiday', exceptionName: exception.name };
  }
  return { localDate, weekday, runsWeekday: exception.runsWeekday ?? weekday, kind: 'makeup', exceptionName: exception.name };
}

export function isInTerm(calendar: TermCalendar, localDate: string): boolean {
  if (calendar.startLocalDate !== null && localDate < calendar.startLocalDate) return false;
  if (calendar.endLocalDate !== null && localDate > calendar.endLocalDate) return false;
  if (calendar.terms.length <= 1) return true;
  return calendar.terms.some((t) => t.startLocalDate <= localDate && localDate <= t.endLocalDate);
}

function isTermList(term: TermDates | readonly TermDates[]): term is readonly TermDates[] {
  return Array.isArray(term);
}

/** Every date of the term with what runs on it; needs a bounded calendar. */
export function termDays(calendar: TermCalendar): TermDay[] {
  if (calendar.startLocalDate === null || calendar.endLocalDate === null) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_PROGRAM, `institution ${calendar.institutionId}: the calendar has no term dates`);
  }
  return eachLocalDate(calendar.startLocalDate, calendar.endLocalDate).map((localDate) => termDay(calendar, localDate));
}
