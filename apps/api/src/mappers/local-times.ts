import { wallTime } from '#scheduling';

/** One zone's view of a session: `2026-09-28 10:00` style wall times plus the offset in force. */
export interface ZonedSpan {
  timeZone: string;
  utcOffset: string;
  weekday: number;
  start: string;
  end: string;
}

export function zonedSpan(startsAt: string, endsAt: string, timeZone: string): ZonedSpan {
  const start = wallTime(Date.parse(startsAt), timeZone);
  const end = wallTime(Date.parse(endsAt), timeZone);
  return {
    timeZone,
    utcOffset: start.utcOffset,
    weekday: start.weekday,
    start: `${start.localDate} ${start.localTime}`,
    end: `${end.localDate} ${end.localTime}`,
  };
}

/** Each distinct zone's span, in the order given (a Xinjiang campus's two clocks side by side). */
export function zonedSpans(startsAt: string, endsAt: string, timeZones: readonly (string | null | undefined)[]): ZonedSpan[] {
  const distinct = [...new Set(timeZones.filter((zone): zone is string => !!zone))];
  return distinct.map((zone) => zonedSpan(startsAt, endsAt, zone));
}
