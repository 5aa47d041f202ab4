import { describe, expect, it } from '@jest/globals';
import { describeInterval, describeIntervalInZones, describeWeeklyWindows, formatLocal } from './format-local.js';
import { utcInterval } from './zoned-interval.js';

describe('formatLocal', () => {
  it('Monday 18:00 Europe/London is Tuesday 02:00 Beijing in winter, 01:00 in summer', () => {
    expect(formatLocal('2026-11-02T18:00:00Z', ['Europe/London', 'Asia/Shanghai', 'Asia/Urumqi'])).toEqual([
      { timeZone: 'Europe/London', localDate: '2026-11-02', localTime: '18:00', weekday: 1, utcOffset: '+00:00' },
      { timeZone: 'Asia/Shanghai', localDate: '2026-11-03', localTime: '02:00', weekday: 2, utcOffset: '+08:00' },
      { timeZone: 'Asia/Urumqi', localDate: '2026-11-03', localTime: '00:00', weekday: 2, utcOffset: '+06:00' },
    ]);
    expect(formatLocal('2026-06-15T17:00:00Z', ['Europe/London', 'Asia/Shanghai'])).toEqual([
      { timeZone: 'Europe/London', localDate: '2026-06-15', localTime: '18:00', weekday: 1, utcOffset: '+01:00' },
      { timeZone: 'Asia/Shanghai', localDate: '2026-06-16', localTime: '01:00', weekday: 2, utcOffset: '+08:00' },
    ]);
  });

  it.each<[string, string, string, string, number]>([
    ['2026-01-15T12:00:00Z', 'America/New_York', '07:00', '-05:00', 4],
    ['2026-07-15T12:00:00Z', 'America/New_York', '08:00', '-04:00', 3],
    ['2026-01-15T12:00:00Z', 'Australia/Sydney', '23:00', '+11:00', 4],
    ['2026-07-15T12:00:00Z', 'Australia/Sydney', '22:00', '+10:00', 3],
    ['2026-07-15T12:00:00Z', 'Europe/Berlin', '14:00', '+02:00', 3],
    ['2026-07-15T12:00:00Z', 'Asia/Urumqi', '18:00', '+06:00', 3],
  ])('%s in %s is %s (%s)', (instant, timeZone, localTime, utcOffset, weekday) => {
    expect(formatLocal(instant, [timeZone])[0]).toMatchObject({ localTime, utcOffset, weekday });
  });

  it('describes an interval in every party zone', () => {
    const session = utcInterval(Date.parse('2026-09-28T05:00:00Z'), Date.parse('2026-09-28T06:35:00Z'));
    expect(describeInterval(session, 'Asia/Shanghai')).toBe('Mon 2026-09-28 13:00-14:35 Asia/Shanghai');
    expect(describeIntervalInZones(session, ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/London'])).toBe(
      'Mon 2026-09-28 13:00-14:35 Asia/Shanghai (11:00-12:35 Asia/Urumqi; 06:00-07:35 Europe/London)',
    );
    const late = utcInterval(Date.parse('2026-09-28T15:30:00Z'), Date.parse('2026-09-28T16:30:00Z'));
    expect(describeIntervalInZones(late, ['Europe/London', 'Asia/Shanghai'])).toBe(
      'Mon 2026-09-28 16:30-17:30 Europe/London (23:30-Tue 00:30 Asia/Shanghai)',
    );
  });

  it('folds weekly windows into runs of days', () => {
    const weekdays = [1, 2, 3, 4, 5].map((d) => ({ weekday: d as 1 | 2 | 3 | 4 | 5, localStart: '08:00', localEnd: '12:00' }));
    expect(describeWeeklyWindows(weekdays, 'Asia/Shanghai')).toBe('Mon-Fri 08:00-12:00 Asia/Shanghai');
    expect(
      describeWeeklyWindows(
        [...weekdays, { weekday: 1, localStart: '14:00', localEnd: '16:00' }, { weekday: 7, localStart: '09:00', localEnd: '10:00' }],
        'Asia/Shanghai',
      ),
    ).toBe('Mon 08:00-12:00 and 14:00-16:00, Tue-Fri 08:00-12:00, Sun 09:00-10:00 Asia/Shanghai');
  });
});
