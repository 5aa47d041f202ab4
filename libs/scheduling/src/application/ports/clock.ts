import { DateTime } from 'luxon';

/** The one source of "now". Inject it; never call `Date.now()` in a rule. */
export abstract class Clock {
  abstract now(): DateTime;
}

export class SystemClock extends Clock {
  now(): DateTime {
    return DateTime.utc();
  }
}
