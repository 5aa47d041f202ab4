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
