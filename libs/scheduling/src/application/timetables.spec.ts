import { describe, expect, it } from '@jest/globals';
import { groupByLocalDay } from './timetables.js';

// Sessions across the 2027 DST changes of Europe/London (spring forward 2027-03-28, fall back 2027-10-31).
const sessions = [
  { id: 'london-gmt', startsAt: '2027-03-22T17:30:00.000Z' }, // Mon 17:30 GMT = Tue 01:30 Beijing
  { id: 'london-bst', startsAt: '2027-03-29T16:30:00.000Z' }, // Mon 17:30 BST = Tue 00:30 Beijing
  { id: 'kashgar', startsAt: '2027-03-29T04:00:00.000Z' }, // Mon 10:00 Urumqi = Mon 12:00 Beijing
  { id: 'late-beijing', startsAt: '2027-03-29T15:30:00.000Z' }, // Mon 23:30 Beijing, ends after midnight
  { id: 'london-after-fallback', startsAt: '2027-11-01T17:00:00.000Z' }, // Mon 17:00 GMT = Tue 01:00 Beijing
];

describe('groupByLocalDay', () => {
  it.each([
    [
      'Asia/Shanghai',
      [
        ['2027-03-23', 2, ['london-gmt']],
        ['2027-03-29', 1, ['kashgar', 'late-beijing']],
        ['2027-03-30', 2, ['london-bst']],
        ['2027-11-02', 2, ['london-after-fallback']],
      ],
    ],
    [
      'Europe/London',
      [
        ['2027-03-22', 1, ['london-gmt']],
        ['2027-03-29', 1, ['kashgar', 'late-beijing', 'london-bst']],
        ['2027-11-01', 1, ['london-after-fallback']],
      ],
    ],
    [
      'Asia/Urumqi',
      [
        ['2027-03-22', 1, ['london-gmt']],
        ['2027-03-29', 1, ['kashgar', 'late-beijing', 'london-bst']],
        ['2027-11-01', 1, ['london-after-fallback']],
      ],
    ],
  ] as const)('cuts days at midnight in %s', (timeZone, expected) => {
    const days = groupByLocalDay(sessions, (s) => s.startsAt, timeZone);
    expect(days.map((d) => [d.localDate, d.weekday, d.items.map((s) => s.id)])).toEqual(expected);
  });
});
