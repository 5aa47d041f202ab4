import { describe, expect, it } from '@jest/globals';
import { localSpan, zoneLabel } from './reminder-message.js';

describe('message clocks (computed from zone offsets, as luxon wrote them before)', () => {
  it.each([
    // zone                instant (UTC)              locale   -> label
    ['Europe/London', '2027-01-15T12:00:00.000Z', 'en', 'London time (Europe/London, UTC+0)'],
    ['Europe/London', '2027-07-15T12:00:00.000Z', 'en', 'London time (Europe/London, UTC+1)'],
    ['Asia/Urumqi', '2026-09-28T04:00:00.000Z', 'zh-CN', '新疆时间（Asia/Urumqi，UTC+6）'],
    ['Asia/Kolkata', '2026-09-28T04:00:00.000Z', 'en', 'Asia/Kolkata (UTC+5:30)'],
    ['America/St_Johns', '2027-01-15T12:00:00.000Z', 'en', 'America/St_Johns (UTC-3:30)'],
  ] as const)('%s at %s (%s) is "%s"', (zone, instant, locale, label) => {
    expect(zoneLabel(zone, Date.parse(instant), locale)).toBe(label);
  });

  it.each([
    // start (UTC)                 end (UTC)                  zone             locale   -> span
    ['2026-09-28T04:00:00.000Z', '2026-09-28T05:35:00.000Z', 'Asia/Urumqi', 'zh-CN', '2026年9月28日（周一）10:00-11:35'],
    ['2026-09-28T16:30:00.000Z', '2026-09-28T18:05:00.000Z', 'Asia/Shanghai', 'en', 'Tue 29 Sep 2026, 00:30-02:05'],
    ['2026-09-28T15:00:00.000Z', '2026-09-28T16:35:00.000Z', 'Asia/Shanghai', 'en', 'Mon 28 Sep 2026, 23:00-Tue 00:35'],
    ['2026-09-28T15:00:00.000Z', '2026-09-28T16:35:00.000Z', 'Asia/Shanghai', 'zh-CN', '2026年9月28日（周一）23:00-次日00:35'],
    ['2027-03-29T07:00:00.000Z', '2027-03-29T08:35:00.000Z', 'Europe/London', 'en', 'Mon 29 Mar 2027, 08:00-09:35'],
    ['2027-03-22T08:00:00.000Z', '2027-03-22T09:35:00.000Z', 'Europe/London', 'en', 'Mon 22 Mar 2027, 08:00-09:35'],
  ] as const)('%s-%s in %s (%s) is "%s"', (startsAt, endsAt, zone, locale, span) => {
    expect(localSpan(startsAt, endsAt, zone, locale)).toBe(span);
  });
});
