import { describe, expect, it } from '@jest/globals';
import { localDateAt, localMinutesAt, offsetMinutesAt } from './zone-offset.js';

describe('offsetMinutesAt', () => {
  it.each<[string, string, number, string, number]>([
    ['2026-03-29T00:59:00Z', 'Europe/London', 0, '2026-03-29', 59],
    ['2026-03-29T01:00:00Z', 'Europe/London', 60, '2026-03-29', 120],
    ['2026-10-25T00:59:00Z', 'Europe/London', 60, '2026-10-25', 119],
    ['2026-10-25T01:00:00Z', 'Europe/London', 0, '2026-10-25', 60],
    ['2026-10-25T00:59:00Z', 'Europe/Berlin', 120, '2026-10-25', 179],
    ['2026-10-25T01:00:00Z', 'Europe/Berlin', 60, '2026-10-25', 120],
    ['2026-03-08T06:59:00Z', 'America/New_York', -300, '2026-03-08', 119],
    ['2026-03-08T07:00:00Z', 'America/New_York', -240, '2026-03-08', 180],
    ['2026-04-04T15:59:00Z', 'Australia/Sydney', 660, '2026-04-05', 179],
    ['2026-04-04T16:00:00Z', 'Australia/Sydney', 600, '2026-04-05', 120],
    ['2026-09-27T18:00:00Z', 'Asia/Urumqi', 360, '2026-09-28', 0],
    ['2026-09-27T15:59:00Z', 'Asia/Shanghai', 480, '2026-09-27', 1439],
  ])('%s in %s', (iso, timeZone, offset, localDate, minutes) => {
    const ms = Date.parse(iso);
    expect(offsetMinutesAt(ms, timeZone)).toBe(offset);
    expect(localDateAt(ms, timeZone)).toBe(localDate);
    expect(localMinutesAt(ms, timeZone)).toBe(minutes);
  });
});
