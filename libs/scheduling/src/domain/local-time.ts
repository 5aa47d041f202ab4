import { DateTime } from 'luxon';
import { isLocalDate, isLocalTime, isValidTimeZone } from './time-zone.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';

/** A wall-clock time that exists in its zone, resolved to one UTC instant. */
export interface ResolvedLocalTime {
  kind: 'ok';
  /** Epoch milliseconds, UTC. */
  instant: number;
  /** The zone's offset from UTC at that instant, in minutes (`+480` for Asia/Shanghai). */
  offsetMinutes: number;
  /** True when the wall time occurs twice (fall-back overlap) and the earlier occurrence was taken. */
  ambiguous: boolean;
}

/** A wall-clock time the zone skips (spring-forward gap): it never happens on that date. */
export interface NonexistentLocalTime {
  kind: 'nonexistent';
  localDate: string;
  localTime: string;
  timeZone: string;
}

export type LocalTimeResolution = ResolvedLocalTime | NonexistentLocalTime;

const cache = new Map<string, LocalTimeResolution>();
const CACHE_LIMIT = 500_000;

/**
 * Resolves a wall clock (`localDate`, `localTime`) in an IANA `timeZone` to a UTC instant.
 *
 * DST policy, decided here and nowhere else:
 * - Nonexistent (spring-forward gap), e.g. 2027-03-28 01:30 Europe/London (clocks jump 01:00 -> 02:00):
 *   returns `{ kind: 'nonexistent' }`. The time is never moved silently; a weekly rule skips that date
 *   and reports it.
 * - Ambiguous (fall-back overlap), e.g. 2027-10-31 01:30 Europe/London happens at 00:30Z (BST) and again
 *   at 01:30Z (GMT): takes the EARLIER instant, the first occurrence, 00:30Z, and says `ambiguous: true`.
 *   The choice is made explicitly from `getPossibleOffsets()`, because luxon's own default for an
 *   ambiguous time depends on the current date.
 *
 * Throws `SchedulingError` (INVALID_LOCAL_DATE / INVALID_LOCAL_TIME / INVALID_TIME_ZONE) on malformed input.
 */
export function resolveLocalTime(localDate: string, localTime: string, timeZone: string): LocalTimeResolution {
  const key = `${timeZone}|${localDate}|${localTime}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (!isLocalDate(localDate)) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_LOCAL_DATE, `"${localDate}" is not a local date (YYYY-MM-DD)`);
  }
  if (!isLocalTime(localTime)) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_LOCAL_TIME, `"${localTime}" is not a local time (HH:mm)`);
  }
  if (!isValidTimeZone(timeZone)) {
    throw new SchedulingError(SchedulingErrorCode.INVALID_TIME_ZONE, `"${timeZone}" is not an IANA time zone`);
  }
  const result = resolveUnchecked(localDate, localTime, timeZone);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

/**
 * Like `resolveLocalTime` but for callers that cannot handle a gap: throws NONEXISTENT_LOCAL_TIME.
 */
export function resolveLocalTimeOrThrow(localDate: string, localTime: string, timeZone: string): ResolvedLocalTime {
  const result = resolveLocalTime(localDate, localTime, timeZone);
  if (result.kind === 'nonexistent') {
    throw new SchedulingError(
      SchedulingErrorCode.NONEXISTENT_LOCAL_TIME,
      `${localDate} ${localTime} does not exist in ${timeZone} (the clocks skip it)`,
      { localDate, localTime, timeZone },
    );
  }
  return result;
}

function resolveUnchecked(localDate: string, localTime: string, timeZone: string): LocalTimeResolution {
  const year = Number(localDate.slice(0, 4));
  const month = Number(localDate.slice(5, 7));
  const day = Number(localDate.slice(8, 10));
  const hour = Number(localTime.slice(0, 2));
  const minute = Number(localTime.slice(3, 5));
  const guess = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
  // In a gap luxon shifts the wall time forward; a different wall clock means the time does not exist.
  if (guess.year !== year || guess.month !== month || guess.day !== day || guess.hour !== hour || guess.minute !== minute) {
    return { kind: 'nonexistent', localDate, localTime, timeZone };
  }
  const candidates = guess.getPossibleOffsets();
  let earliest = guess;
  for (const candidate of candidates) {
    if (candidate.toMillis() < earliest.toMillis()) earliest = candidate;
  }
  return { kind: 'ok', instant: earliest.toMillis(), offsetMinutes: earliest.offset, ambiguous: candidates.length > 1 };
}
