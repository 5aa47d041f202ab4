import { describe, expect, it } from '@jest/globals';
import {
  contains,
  intersectAll,
  intersection,
  instantMillis,
  intervalFromIso,
  intervalToIso,
  isCoveredBy,
  isoAt,
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

describe('instantMillis', () => {
  it('reads instants with an offset, with or without seconds and milliseconds', () => {
    expect(instantMillis('2026-09-28T08:00+08:00')).toBe(at('00:00'));
    expect(instantMillis('2026-09-28T00:00:00.000Z')).toBe(at('00:00'));
    expect(instantMillis('2024-02-29T23:30:00Z')).toBe(Date.UTC(2024, 1, 29, 23, 30));
  });

  it('refuses a date or time that does not exist instead of moving it (Date.parse reads 30 February as 2 March)', () => {
    for (const text of [
      '2026-02-30T02:00:00Z',
      '2027-02-29T02:00:00Z',
      '2026-04-31T02:00:00+08:00',
      '2026-13-01T02:00:00Z',
      '2026-09-28T24:00:00Z',
      '2026-09-28T08:60:00Z',
      '2026-09-28T08:00:60Z',
      '2026-09-28T08:00:00+15:00',
      '2026-09-28T08:00:00',
      'tomorrow',
    ])
      expect(instantMillis(text)).toBeNaN();
    expect(() => parseInstant('2026-02-30T02:00:00Z')).toThrow(SchedulingError);
  });
});

describe('isoAt', () => {
  it('writes the same text as Date#toISOString, across seconds, days, years and back again', () => {
    const instants = [
      0,
      1,
      999,
      1000,
      Date.parse('2026-12-31T23:59:59.999Z'),
      Date.parse('2027-01-01T00:00:00.000Z'),
      Date.parse('2026-03-29T01:00:00.010Z'),
      Date.parse('1969-12-31T23:59:59.500Z'),
      Date.parse('2026-03-29T01:00:00.099Z'),
      Date.parse('2026-03-29T01:00:00.100Z'),
      1_764_979_200_123.7,
      -0.5,
      -1,
      -999.9,
      -1_000.5,
      -62_198_755_200_000.25,
      253_402_300_799_999,
      8.64e15,
      -8.64e15,
      8.64e15 - 999.5,
    ];
    for (let at = Date.parse('2026-12-06T05:00:00Z'); at < Date.parse('2026-12-06T05:00:03Z'); at += 7) instants.push(at);
    for (const instant of instants) expect(isoAt(instant)).toBe(new Date(instant).toISOString());
  });

  it('throws as Date does past the last valid instant', () => {
    expect(() => isoAt(8.64e15 + 1)).toThrow(RangeError);
    expect(() => isoAt(Number.NaN)).toThrow(RangeError);
  });
});
