import { describe, expect, it } from '@jest/globals';
import { buildTermCalendar, termDay, termDays } from './term-calendar.js';
import type { Institution } from './model.js';

const kashgar: Institution = {
  id: 'ksu',
  nameZh: '喀什大学',
  nameEn: 'Kashi University',
  region: 'west',
  province: 'Xinjiang',
  timeZone: 'Asia/Urumqi',
  secondaryTimeZone: 'Asia/Shanghai',
  classPeriods: [],
  calendarExceptions: [
    { localDate: '2026-09-27', kind: 'makeup', runsWeekday: 1, name: '国庆调休 National Day make-up' },
    { localDate: '2026-10-01', kind: 'holiday', name: '国庆节 National Day' },
    { localDate: '2026-10-02', kind: 'holiday', name: '国庆节 National Day' },
    { localDate: '2026-10-10', kind: 'makeup', runsWeekday: null, name: '国庆调休' },
    { localDate: '2026-10-10', kind: 'holiday', name: 'double entry: the holiday wins' },
  ],
};

describe('term calendar', () => {
  const calendar = buildTermCalendar(kashgar, { startLocalDate: '2026-09-07', endLocalDate: '2027-01-10' });

  it.each([
    ['2026-09-06', 'outside-term', null],
    ['2026-09-07', 'regular', 1],
    ['2026-09-26', 'regular', 6],
    ['2026-09-27', 'makeup', 1],
    ['2026-09-28', 'regular', 1],
    ['2026-10-01', 'holiday', null],
    ['2026-10-02', 'holiday', null],
    ['2026-10-03', 'regular', 6],
    ['2026-10-10', 'holiday', null],
    ['2027-01-10', 'regular', 7],
    ['2027-01-11', 'outside-term', null],
  ])('%s is %s running weekday %s', (localDate, kind, runsWeekday) => {
    const day = termDay(calendar, localDate);
    expect(day.kind).toBe(kind);
    expect(day.runsWeekday).toBe(runsWeekday);
  });

  it('a make-up day without runsWeekday runs its own weekday', () => {
    const c = buildTermCalendar({ ...kashgar, calendarExceptions: [{ localDate: '2026-10-11', kind: 'makeup', name: 'x' }] }, null);
    expect(termDay(c, '2026-10-11').runsWeekday).toBe(7);
    expect(termDay(c, '1999-01-01').kind).toBe('regular');
  });

  it('lists every term day', () => {
    const days = termDays(calendar);
    expect(days).toHaveLength(126);
    expect(days.filter((d) => d.kind === 'holiday').map((d) => d.localDate)).toEqual(['2026-10-01', '2026-10-02', '2026-10-10']);
  });

  it('with several terms, a date is in the calendar when it falls in any of them (the winter break between is not)', () => {
    const c = buildTermCalendar(kashgar, [
      { startLocalDate: '2026-09-07', endLocalDate: '2027-01-15' },
      { startLocalDate: '2027-02-22', endLocalDate: '2027-07-02' },
    ]);
    const table = [
      ['2027-01-15', 'regular', 5],
      ['2027-01-16', 'outside-term', null],
      ['2027-02-21', 'outside-term', null],
      ['2027-02-22', 'regular', 1],
      ['2027-07-02', 'regular', 5],
      ['2027-07-03', 'outside-term', null],
    ] as const;
    for (const [localDate, kind, runsWeekday] of table)
      expect([localDate, termDay(c, localDate).kind, termDay(c, localDate).runsWeekday]).toEqual([localDate, kind, runsWeekday]);
    expect(termDays(c).filter((d) => d.kind !== 'outside-term')).toHaveLength(131 + 131);
  });

  it('an empty list of terms is open-ended, like no term on file', () => {
    expect(termDay(buildTermCalendar(kashgar, []), '1999-01-01').kind).toBe('regular');
  });
});
