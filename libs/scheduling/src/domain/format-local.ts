import { DateTime } from 'luxon';
import type { Weekday, WeeklyWindow } from './model.js';
import type { UtcInterval } from './zoned-interval.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import { WEEKDAY_SHORT } from './local-date.js';
import { localTimeToMinutes } from './time-zone.js';
import { isValidTimeZone } from './time-zone.js';

/** One zone's wall clock at an instant. */
export interface LocalWallTime {
  timeZone: string;
  localDate: string;
  localTime: string;
  weekday: Weekday;
  /** `+08:00`, `-04:00`, `+00:00`. */
  utcOffset: string;
}

/**
 * The wall clock of each zone at one UTC instant (epoch ms or ISO with offset), in the order given,
 * duplicates dropped: for "UTC and each party's local time" and a Xinjiang campus's second clock.
 */
export function formatLocal(instant: number | string, timeZones: readonly string[]): LocalWallTime[] {
  const ms = typeof instant === 'number' ? instant : DateTime.fromISO(instant, { setZone: true }).toMillis();
  const seen = new Set<string>();
  const out: LocalWallTime[] = [];
  for (const timeZone of timeZones) {
    if (seen.has(timeZone)) continue;
    seen.add(timeZone);
    out.push(wallTime(ms, timeZone));
  }
  return out;
}

export function wallTime(ms: number, timeZone: string): LocalWallTime {
  if (!isValidTimeZone(timeZone)) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_TIME_ZONE, `"${timeZone}" is not an IANA time zone`);
  }
  const dt = DateTime.fromMillis(ms, { zone: timeZone });
  return {
    timeZone,
    localDate: dt.toFormat('yyyy-MM-dd'),
    localTime: dt.toFormat('HH:mm'),
    weekday: dt.weekday as Weekday,
    utcOffset: dt.toFormat('ZZ'),
  };
}

/**
 * An interval as one zone's wall clock, e.g. "Mon 2026-09-28 13:00-14:35 Asia/Shanghai"; an end on
 * another local date is written with its own day ("Mon 2026-09-28 23:00-Tue 00:35 Asia/Shanghai").
 */
export function describeInterval(interval: UtcInterval, timeZone: string, withDate = true): string {
  const start = wallTime(interval.startMs, timeZone);
  const end = wallTime(interval.endMs, timeZone);
  const day = `${WEEKDAY_SHORT[start.weekday]}${withDate ? ` ${start.localDate}` : ''}`;
  const endText = end.localDate === start.localDate ? end.localTime : `${WEEKDAY_SHORT[end.weekday]} ${end.localTime}`;
  return `${day} ${start.localTime}-${endText} ${timeZone}`;
}

/**
 * The same interval in several zones: "Mon 2026-09-28 13:00-14:35 Asia/Shanghai (11:00-12:35 Asia/Urumqi)".
 * The first zone is written in full, the others in brackets, with a weekday only when it differs.
 */
export function describeIntervalInZones(interval: UtcInterval, timeZones: readonly string[]): string {
  const zones = [...new Set(timeZones)];
  const [first, ...rest] = zones;
  if (first === undefined) return describeInterval(interval, 'UTC');
  const head = describeInterval(interval, first);
  if (rest.length === 0) return head;
  const firstDay = wallTime(interval.startMs, first).localDate;
  const others = rest.map((zone) => {
    const start = wallTime(interval.startMs, zone);
    const text = describeInterval(interval, zone, false);
    return start.localDate === firstDay ? text.slice(4) : `${text.slice(0, 3)} ${text.slice(4)}`;
  });
  return `${head} (${others.join('; ')})`;
}

/**
 * Weekly windows in words, runs of weekdays with the same hours folded together:
 * "Mon-Fri 08:00-12:00, Sat 09:00-11:00 Asia/Shanghai".
 */
export function describeWeeklyWindows(
  windows: readonly Pick<WeeklyWindow, 'weekday' | 'localStart' | 'localEnd'>[],
  timeZone: string,
): string {
  if (windows.length === 0) return `no weekly hours (${timeZone})`;
  const hoursByDay = new Map<Weekday, string>();
  for (let d = 1; d <= 7; d++) {
    const spans = windows
      .filter((w) => w.weekday === d)
      .sort((a, b) => localTimeToMinutes(a.localStart) - localTimeToMinutes(b.localStart))
      .map((w) => `${w.localStart}-${w.localEnd}`);
    if (spans.length > 0) hoursByDay.set(d as Weekday, spans.join(' and '));
  }
  const parts: string[] = [];
  let runStart: Weekday | null = null;
  let runEnd: Weekday | null = null;
  let runHours = '';
  const flush = (): void => {
    if (runStart === null || runEnd === null) return;
    const days = runStart === runEnd ? WEEKDAY_SHORT[runStart] : `${WEEKDAY_SHORT[runStart]}-${WEEKDAY_SHORT[runEnd]}`;
    parts.push(`${days} ${runHours}`);
  };
  for (let d = 1; d <= 7; d++) {
    const hours = hoursByDay.get(d as Weekday);
    if (hours !== undefined && hours === runHours && runEnd === d - 1) {
      runEnd = d as Weekday;
      continue;
    }
    flush();
    if (hours === undefined) {
      runStart = runEnd = null;
      runHours = '';
    } else {
      runStart = runEnd = d as Weekday;
      runHours = hours;
    }
  }
  flush();
  return `${parts.join(', ')} ${timeZone}`;
}
