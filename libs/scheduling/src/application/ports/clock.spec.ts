import { describe, expect, it } from '@jest/globals';
import { isoAt } from './clock.js';

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
    ];
    for (let at = Date.parse('2026-12-06T05:00:00Z'); at < Date.parse('2026-12-06T05:00:03Z'); at += 7) instants.push(at);
    for (const instant of instants) expect(isoAt(instant)).toBe(new Date(instant).toISOString());
  });
});
