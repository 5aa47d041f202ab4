import { DateTime } from 'luxon';

/** The one source of "now". Inject it; never call `Date.now()` in a rule. */
export abstract class Clock {
  abstract now(): DateTime;

  /** Now in epoch milliseconds: for hot paths that need no DateTime (a clock may override it to skip luxon). */
  nowMillis(): number {
    return this.now().toMillis();
  }
}

export class SystemClock extends Clock {
  now(): DateTime {
    return DateTime.utc();
  }

  override nowMillis(): number {
    return Date.now();
  }
}

const secondTexts = new Map<number, string>();

/**
 * `new Date(millis).toISOString()`, a few times faster: the text up to the seconds is kept per
 * second (every message of a burst asks for the same few: now, a lease's end), only milliseconds
 * are added.
 */
export function isoAt(instant: number): string {
  const millis = Math.floor(instant);
  const second = Math.floor(millis / 1000);
  let prefix = secondTexts.get(second);
  if (prefix === undefined) {
    if (secondTexts.size >= 64) secondTexts.clear();
    secondTexts.set(second, (prefix = new Date(second * 1000).toISOString().slice(0, -4)));
  }
  const ms = millis - second * 1000;
  return `${prefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}
