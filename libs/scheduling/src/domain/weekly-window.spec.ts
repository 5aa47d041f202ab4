import { describe, expect, it } from '@jest/globals';
import { expandWeekly } from './weekly-window.js';
import { buildTermCalendar } from './term-calendar.js';
import { intersectAll, intervalToIso, mergeIntervals } from './zoned-interval.js';
import type { Institution } from './model.js';

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('expandWeekly', () => {
  it('keeps a Monday 18:00 Europe/London rule at 18:00 local across the clock change', () => {
    const { occurrences, skipped } = expandWeekly({
      rules: [{ weekday: 1, localStart: '18:00', localEnd: '19:00' }],
      timeZone: 'Europe/London',
      fromLocalDate: '2026-10-19',
      toLocalDate: '2026-11-02',
    });
    expect(skipped).toEqual([]);
    expect(occurrences.map((o) => iso(o.startMs))).toEqual(['2026-10-19T17:00Z', '2026-10-26T18:00Z', '2026-11-02T18:00Z']);
  });

  // A rule at each hour of a Monday, the week before and after a clock change: a bug at 13:00 cannot hide.
  it.each<[string, string, string, string]>([
    ['Europe/London', '00:00', '2026-10-18T23:00Z', '2026-10-26T00:00Z'],
    ['Europe/London', '01:00', '2026-10-19T00:00Z', '2026-10-26T01:00Z'],
    ['Europe/London', '02:00', '2026-10-19T01:00Z', '2026-10-26T02:00Z'],
    ['Europe/London', '03:00', '2026-10-19T02:00Z', '2026-10-26T03:00Z'],
    ['Europe/London', '04:00', '2026-10-19T03:00Z', '2026-10-26T04:00Z'],
    ['Europe/London', '05:00', '2026-10-19T04:00Z', '2026-10-26T05:00Z'],
    ['Europe/London', '06:00', '2026-10-19T05:00Z', '2026-10-26T06:00Z'],
    ['Europe/London', '07:00', '2026-10-19T06:00Z', '2026-10-26T07:00Z'],
    ['Europe/London', '08:00', '2026-10-19T07:00Z', '2026-10-26T08:00Z'],
    ['Europe/London', '09:00', '2026-10-19T08:00Z', '2026-10-26T09:00Z'],
    ['Europe/London', '10:00', '2026-10-19T09:00Z', '2026-10-26T10:00Z'],
    ['Europe/London', '11:00', '2026-10-19T10:00Z', '2026-10-26T11:00Z'],
    ['Europe/London', '12:00', '2026-10-19T11:00Z', '2026-10-26T12:00Z'],
    ['Europe/London', '13:00', '2026-10-19T12:00Z', '2026-10-26T13:00Z'],
    ['Europe/London', '14:00', '2026-10-19T13:00Z', '2026-10-26T14:00Z'],
    ['Europe/London', '15:00', '2026-10-19T14:00Z', '2026-10-26T15:00Z'],
    ['Europe/London', '16:00', '2026-10-19T15:00Z', '2026-10-26T16:00Z'],
    ['Europe/London', '17:00', '2026-10-19T16:00Z', '2026-10-26T17:00Z'],
    ['Europe/London', '18:00', '2026-10-19T17:00Z', '2026-10-26T18:00Z'],
    ['Europe/London', '19:00', '2026-10-19T18:00Z', '2026-10-26T19:00Z'],
    ['Europe/London', '20:00', '2026-10-19T19:00Z', '2026-10-26T20:00Z'],
    ['Europe/London', '21:00', '2026-10-19T20:00Z', '2026-10-26T21:00Z'],
    ['Europe/London', '22:00', '2026-10-19T21:00Z', '2026-10-26T22:00Z'],
    ['Europe/London', '23:00', '2026-10-19T22:00Z', '2026-10-26T23:00Z'],
    ['America/New_York', '00:00', '2027-03-08T05:00Z', '2027-03-15T04:00Z'],
    ['America/New_York', '01:00', '2027-03-08T06:00Z', '2027-03-15T05:00Z'],
    ['America/New_York', '02:00', '2027-03-08T07:00Z', '2027-03-15T06:00Z'],
    ['America/New_York', '03:00', '2027-03-08T08:00Z', '2027-03-15T07:00Z'],
    ['America/New_York', '04:00', '2027-03-08T09:00Z', '2027-03-15T08:00Z'],
    ['America/New_York', '05:00', '2027-03-08T10:00Z', '2027-03-15T09:00Z'],
    ['America/New_York', '06:00', '2027-03-08T11:00Z', '2027-03-15T10:00Z'],
    ['America/New_York', '07:00', '2027-03-08T12:00Z', '2027-03-15T11:00Z'],
    ['America/New_York', '08:00', '2027-03-08T13:00Z', '2027-03-15T12:00Z'],
    ['America/New_York', '09:00', '2027-03-08T14:00Z', '2027-03-15T13:00Z'],
    ['America/New_York', '10:00', '2027-03-08T15:00Z', '2027-03-15T14:00Z'],
    ['America/New_York', '11:00', '2027-03-08T16:00Z', '2027-03-15T15:00Z'],
    ['America/New_York', '12:00', '2027-03-08T17:00Z', '2027-03-15T16:00Z'],
    ['America/New_York', '13:00', '2027-03-08T18:00Z', '2027-03-15T17:00Z'],
    ['America/New_York', '14:00', '2027-03-08T19:00Z', '2027-03-15T18:00Z'],
    ['America/New_York', '15:00', '2027-03-08T20:00Z', '2027-03-15T19:00Z'],
    ['America/New_York', '16:00', '2027-03-08T21:00Z', '2027-03-15T20:00Z'],
    ['America/New_York', '17:00', '2027-03-08T22:00Z', '2027-03-15T21:00Z'],
    ['America/New_York', '18:00', '2027-03-08T23:00Z', '2027-03-15T22:00Z'],
    ['America/New_York', '19:00', '2027-03-09T00:00Z', '2027-03-15T23:00Z'],
    ['America/New_York', '20:00', '2027-03-09T01:00Z', '2027-03-16T00:00Z'],
    ['America/New_York', '21:00', '2027-03-09T02:00Z', '2027-03-16T01:00Z'],
    ['America/New_York', '22:00', '2027-03-09T03:00Z', '2027-03-16T02:00Z'],
    ['America/New_York', '23:00', '2027-03-09T04:00Z', '2027-03-16T03:00Z'],
  ])('%s Monday %s on both sides of the change', (timeZone, localStart, before, after) => {
    const localEnd = `${localStart.slice(0, 2)}:45`;
    const mondays = timeZone === 'Europe/London' ? ['2026-10-19', '2026-10-26'] : ['2027-03-08', '2027-03-15'];
    const { occurrences } = expandWeekly({
      rules: [{ weekday: 1, localStart, localEnd }],
      timeZone,
      fromLocalDate: mondays[0]!,
      toLocalDate: mondays[1]!,
    });
    expect(occurrences.map((o) => iso(o.startMs))).toEqual([before, after]);
    expect(occurrences.map((o) => (o.endMs - o.startMs) / 60_000)).toEqual([45, 45]);
  });

  it('skips a spring-forward occurrence and says why, never moving it', () => {
    const { occurrences, skipped } = expandWeekly({
      rules: [{ weekday: 7, localStart: '01:30', localEnd: '02:30', label: 'early' }],
      timeZone: 'Europe/London',
      fromLocalDate: '2027-03-21',
      toLocalDate: '2027-04-04',
    });
    expect(occurrences.map((o) => o.localDate)).toEqual(['2027-03-21', '2027-04-04']);
    expect(skipped).toEqual([
      {
        localDate: '2027-03-28',
        localStart: '01:30',
        localEnd: '02:30',
        label: 'early',
        code: 'NONEXISTENT_LOCAL_TIME',
        reason: '2027-03-28 01:30 does not exist in Europe/London (the clocks go forward), so 01:30-02:30 (early) is skipped that day',
      },
    ]);
  });

  it('starts a fall-back occurrence at the first 01:30 (BST) and flags it', () => {
    const { occurrences } = expandWeekly({
      rules: [{ weekday: 7, localStart: '01:30', localEnd: '02:30' }],
      timeZone: 'Europe/London',
      fromLocalDate: '2027-10-31',
      toLocalDate: '2027-10-31',
    });
    expect(occurrences.map((o) => [iso(o.startMs), iso(o.endMs), o.ambiguous])).toEqual([['2027-10-31T00:30Z', '2027-10-31T02:30Z', true]]);
  });

  const kashgar: Institution = {
    id: 'ksu',
    nameZh: '喀什大学',
    nameEn: 'Kashi University',
    region: 'west',
    province: 'Xinjiang',
    timeZone: 'Asia/Urumqi',
    secondaryTimeZone: 'Asia/Shanghai',
    classPeriods: [{ name: '第3-4节', weekday: 1, localStart: '10:00', localEnd: '11:35' }],
    calendarExceptions: [
      { localDate: '2026-09-27', kind: 'makeup', runsWeekday: 1, name: '国庆调休' },
      { localDate: '2026-10-05', kind: 'holiday', name: '国庆节' },
    ],
  };

  it('honours the term calendar: a make-up Sunday runs Monday, a holiday runs nothing', () => {
    const calendar = buildTermCalendar(kashgar, { startLocalDate: '2026-09-14', endLocalDate: '2026-10-12' });
    const { occurrences, closedDates } = expandWeekly({
      rules: kashgar.classPeriods.map((p) => ({ ...p, label: p.name })),
      timeZone: 'Asia/Urumqi',
      fromLocalDate: '2026-09-07',
      toLocalDate: '2026-10-12',
      calendar,
    });
    expect(occurrences.map((o) => [o.localDate, iso(o.startMs), iso(o.endMs), o.ruleWeekday, o.label])).toEqual([
      ['2026-09-14', '2026-09-14T04:00Z', '2026-09-14T05:35Z', 1, '第3-4节'],
      ['2026-09-21', '2026-09-21T04:00Z', '2026-09-21T05:35Z', 1, '第3-4节'],
      ['2026-09-27', '2026-09-27T04:00Z', '2026-09-27T05:35Z', 1, '第3-4节'],
      ['2026-09-28', '2026-09-28T04:00Z', '2026-09-28T05:35Z', 1, '第3-4节'],
      ['2026-10-12', '2026-10-12T04:00Z', '2026-10-12T05:35Z', 1, '第3-4节'],
    ]);
    expect(closedDates.filter((d) => d.kind === 'holiday')).toEqual([{ localDate: '2026-10-05', kind: 'holiday', name: '国庆节' }]);
  });

  it('a Kashgar 10:00-11:35 Asia/Urumqi period is 04:00-05:35 UTC; a Hangzhou instructor free 11:00-13:00 Asia/Shanghai covers only 04:00-05:00 of it', () => {
    const range = { fromLocalDate: '2026-09-28', toLocalDate: '2026-09-28' };
    const period = expandWeekly({
      rules: [{ weekday: 1, localStart: '10:00', localEnd: '11:35' }],
      timeZone: 'Asia/Urumqi',
      ...range,
    }).occurrences;
    const narrow = expandWeekly({
      rules: [{ weekday: 1, localStart: '11:00', localEnd: '13:00' }],
      timeZone: 'Asia/Shanghai',
      ...range,
    }).occurrences;
    const wide = expandWeekly({
      rules: [{ weekday: 1, localStart: '11:00', localEnd: '13:35' }],
      timeZone: 'Asia/Shanghai',
      ...range,
    }).occurrences;
    expect(period.map(intervalToIso)).toEqual([{ startsAt: '2026-09-28T04:00:00.000Z', endsAt: '2026-09-28T05:35:00.000Z' }]);
    expect(intersectAll(mergeIntervals(period), mergeIntervals(narrow)).map(intervalToIso)).toEqual([
      { startsAt: '2026-09-28T04:00:00.000Z', endsAt: '2026-09-28T05:00:00.000Z' },
    ]);
    expect(intersectAll(mergeIntervals(period), mergeIntervals(wide)).map(intervalToIso)).toEqual([
      { startsAt: '2026-09-28T04:00:00.000Z', endsAt: '2026-09-28T05:35:00.000Z' },
    ]);
  });
});
