import { DateTime } from 'luxon';
import { Clock } from '#scheduling';

/** A clock that says what the test tells it to. */
export class FixedClock extends Clock {
  private current: DateTime;

  constructor(isoInstant = '2026-11-22T08:00:00Z') {
    super();
    this.current = DateTime.fromISO(isoInstant, { zone: 'utc' });
  }

  now(): DateTime {
    return this.current;
  }

  set(isoInstant: string): void {
    this.current = DateTime.fromISO(isoInstant, { zone: 'utc' });
  }

  advance(duration: { minutes?: number; hours?: number; days?: number; seconds?: number }): void {
    this.current = this.current.plus(duration);
  }
}
