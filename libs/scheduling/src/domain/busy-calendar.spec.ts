import { describe, expect, it } from '@jest/globals';
import { BusyCalendar } from './busy-calendar.js';

describe('BusyCalendar', () => {
  it('finds a clash behind a shorter interval when intervals overlap (clashing sessions kept as they are)', () => {
    const busy = new BusyCalendar();
    busy.add('k', 0, 100);
    busy.add('k', 10, 20);
    const table: [number, number, number, boolean][] = [
      [50, 60, 0, false],
      [20, 30, 0, false],
      [100, 110, 0, true],
      [104, 110, 5, false],
      [105, 110, 5, true],
      [-10, 0, 0, true],
      [-10, 0, 1, false],
    ];
    for (const [startMs, endMs, padMs, free] of table)
      expect([startMs, endMs, padMs, busy.isFree('k', startMs, endMs, padMs)]).toEqual([startMs, endMs, padMs, free]);
    busy.remove('k', 0, 100);
    expect(busy.isFree('k', 50, 60)).toBe(true);
    expect(busy.isFree('k', 15, 16)).toBe(false);
    expect(busy.isFree('other', 15, 16)).toBe(true);
  });
});
