import { describe, expect, it } from '@jest/globals';
import {
  contains,
  intersectAll,
  intersection,
  intervalFromIso,
  intervalToIso,
  isCoveredBy,
  mergeIntervals,
  overlaps,
  parseInstant,
  totalMinutes,
  utcInterval,
} from './zoned-interval.js';
import { SchedulingError } from './errors.js';

const at = (hhmm: string): number => Date.parse(`2026-09-28T${hhmm}:00Z`);
const iv = (a: string, b: string) => utcInterval(at(a), at(b));

describe('UtcInterval', () => {
  it('is half-open: touching intervals do not overlap', () => {
    expect(overlaps(iv('08:00', '09:00'), iv('09:00', '10:00'))).toBe(false);
    expect(overlaps(iv('08:00', '09:01'), iv('09:00', '10:00'))).toBe(true);
  });

  it('intersects, contains and merges', () => {
    expect(intersection(iv('03:00', '05:00'), iv('04:00', '05:35'))).toEqual(iv('04:00', '05:00'));
    expect(intersection(iv('03:00', '04:00'), iv('04:00', '05:35'))).toBeNull();
    expect(contains(iv('04:00', '05:35'), iv('04:00', '05:35'))).toBe(true);
    expect(contains(iv('04:00', '05:35'), iv('04:00', '05:36'))).toBe(false);
    expect(mergeIntervals([iv('10:00', '11:00'), iv('08:00', '09:00'), iv('09:00', '09:30'), iv('10:30', '10:45')])).toEqual([
      iv('08:00', '09:30'),
      iv('10:00', '11:00'),
    ]);
  });

  it('intersects two unions and measures them', () => {
    const a = mergeIntervals([iv('08:00', '12:00'), iv('14:00', '18:00')]);
    const b = mergeIntervals([iv('11:00', '15:00'), iv('17:30', '20:00')]);
    expect(intersectAll(a, b)).toEqual([iv('11:00', '12:00'), iv('14:00', '15:00'), iv('17:30', '18:00')]);
    expect(totalMinutes(intersectAll(a, b))).toBe(150);
    expect(isCoveredBy(a, iv('14:30', '15:30'))).toBe(true);
    expect(isCoveredBy(a, iv('11:30', '14:30'))).toBe(false);
  });

  it('reads only ISO instants that carry an offset', () => {
    expect(parseInstant('2026-09-28T08:00:00+08:00')).toBe(at('00:00'));
    expect(() => parseInstant('2026-09-28T08:00:00')).toThrow(SchedulingError);
    expect(() => intervalFromIso('2026-09-28T09:00:00Z', '2026-09-28T08:00:00Z')).toThrow(SchedulingError);
    expect(intervalToIso(iv('04:00', '05:35'))).toEqual({ startsAt: '2026-09-28T04:00:00.000Z', endsAt: '2026-09-28T05:35:00.000Z' });
  });
});
