import { describe, expect, it } from '@jest/globals';
import { composeSessionMessage, composeTimeChangeNotice } from './reminder-message.js';
import {
  findLocalTimeChanges,
  leaveQuietHours,
  planReminders,
  resolveReminderSettings,
  validateReminderSettings,
  type SeriesSession,
} from './reminder-plan.js';

const iso = (ms: number) => new Date(ms).toISOString();
const quiet = { localStart: '22:00', localEnd: '07:00' };

describe('leaveQuietHours (Asia/Urumqi = UTC+6, Europe/London with DST)', () => {
  it.each([
    // instant (UTC)              zone              -> sent at (UTC)              local meaning
    ['2026-09-28T00:40:00.000Z', 'Asia/Urumqi', '2026-09-27T15:59:00.000Z'], // 06:40 -> 21:59 the evening before
    ['2026-09-27T16:00:00.000Z', 'Asia/Urumqi', '2026-09-27T15:59:00.000Z'], // 22:00 (quiet starts) -> 21:59
    ['2026-09-27T15:59:00.000Z', 'Asia/Urumqi', '2026-09-27T15:59:00.000Z'], // 21:59 is not quiet
    ['2026-09-28T01:00:00.000Z', 'Asia/Urumqi', '2026-09-28T01:00:00.000Z'], // 07:00 quiet has ended
    ['2026-09-27T18:30:00.000Z', 'Asia/Urumqi', '2026-09-27T15:59:00.000Z'], // 00:30 -> 21:59 the evening before
    ['2027-03-28T05:30:00.000Z', 'Europe/London', '2027-03-27T21:59:00.000Z'], // 06:30 BST (day of spring forward) -> 21:59 GMT Saturday
    ['2026-07-01T05:00:00.000Z', 'Europe/London', '2026-06-30T20:59:00.000Z'], // 06:00 BST -> 21:59 BST
    ['2026-12-01T05:00:00.000Z', 'Europe/London', '2026-11-30T21:59:00.000Z'], // 05:00 GMT -> 21:59 GMT
  ])('%s in %s is sent at %s', (instant, zone, expected) => {
    expect(iso(leaveQuietHours(Date.parse(instant), zone, quiet))).toBe(expected);
  });

  it('leaves everything alone without quiet hours or with equal ends', () => {
    expect(iso(leaveQuietHours(Date.parse('2026-09-28T00:40:00Z'), 'Asia/Urumqi', null))).toBe('2026-09-28T00:40:00.000Z');
    expect(
      resolveReminderSettings({ quietHours: quiet }, { quietHours: { localStart: '00:00', localEnd: '00:00' } }).quietHours,
    ).toBeNull();
  });
});

describe('planReminders', () => {
  const settings = resolveReminderSettings();

  it.each([
    // class start (UTC)          zone              now (UTC)                   quiet   -> [offset, due (UTC), moved from]
    [
      '2026-09-28T04:00:00.000Z',
      'Asia/Urumqi',
      '2026-09-20T00:00:00.000Z',
      null,
      [
        [1440, '2026-09-27T04:00:00.000Z', null],
        [30, '2026-09-28T03:30:00.000Z', null],
      ],
    ],
    // Kashgar 07:10 class: the 30-minute reminder (06:40 Urumqi) moves to 21:59 the evening before.
    [
      '2026-09-28T01:10:00.000Z',
      'Asia/Urumqi',
      '2026-09-20T00:00:00.000Z',
      quiet,
      [
        [1440, '2026-09-27T01:10:00.000Z', null],
        [30, '2026-09-27T15:59:00.000Z', '2026-09-28T00:40:00.000Z'],
      ],
    ],
    // The same instant is 09:10 in Beijing: nothing is quiet there.
    [
      '2026-09-28T01:10:00.000Z',
      'Asia/Shanghai',
      '2026-09-20T00:00:00.000Z',
      quiet,
      [
        [1440, '2026-09-27T01:10:00.000Z', null],
        [30, '2026-09-28T00:40:00.000Z', null],
      ],
    ],
    // Booked 10 hours ahead: the day-before reminder has passed, the 30-minute one is still to come.
    ['2026-09-28T04:00:00.000Z', 'Asia/Urumqi', '2026-09-27T18:00:00.000Z', null, [[30, '2026-09-28T03:30:00.000Z', null]]],
    // Booked 10 minutes ahead: one reminder, now.
    ['2026-09-28T04:00:00.000Z', 'Asia/Urumqi', '2026-09-28T03:50:00.000Z', null, [[30, '2026-09-28T03:50:00.000Z', null]]],
    // Already started: nothing.
    ['2026-09-28T04:00:00.000Z', 'Asia/Urumqi', '2026-09-28T04:00:00.000Z', null, []],
    // London 08:00 BST class: the 30-minute reminder at 07:30 BST is fine; quiet 22:00-07:45 moves it to 21:59 BST.
    [
      '2026-06-01T07:00:00.000Z',
      'Europe/London',
      '2026-05-01T00:00:00.000Z',
      { localStart: '22:00', localEnd: '07:45' },
      [
        [1440, '2026-05-31T07:00:00.000Z', null],
        [30, '2026-05-31T20:59:00.000Z', '2026-06-01T06:30:00.000Z'],
      ],
    ],
  ])('class at %s for %s, now %s, quiet %j', (startsAt, timeZone, now, quietHours, expected) => {
    const plan = planReminders({ startsAt, now, timeZone, settings: { ...settings, quietHours } });
    expect(plan.map((r) => [r.offsetMinutes, r.dueAt, r.movedFrom])).toEqual(expected);
  });

  it('sends reminders that collide once (the smaller offset)', () => {
    const plan = planReminders({
      startsAt: '2026-09-27T16:30:00.000Z', // 22:30 Urumqi
      now: '2026-09-20T00:00:00.000Z',
      timeZone: 'Asia/Urumqi',
      settings: { offsetsMinutes: [30, 20], quietHours: quiet },
    });
    expect(plan.map((r) => [r.offsetMinutes, r.dueAt])).toEqual([[20, '2026-09-27T15:59:00.000Z']]);
  });

  it('layers person over institution over the program default', () => {
    expect(resolveReminderSettings()).toEqual({ offsetsMinutes: [1440, 30], quietHours: null });
    expect(resolveReminderSettings({ offsetsMinutes: [120], quietHours: quiet }, { offsetsMinutes: null })).toEqual({
      offsetsMinutes: [120],
      quietHours: quiet,
    });
    expect(resolveReminderSettings({ offsetsMinutes: [120] }, { offsetsMinutes: [60, 10] })).toEqual({
      offsetsMinutes: [60, 10],
      quietHours: null,
    });
    expect(validateReminderSettings({ offsetsMinutes: [0, 30.5], quietHours: { localStart: '25:00', localEnd: '07:00' } })).toEqual([
      'offsetsMinutes: 0 is not a whole number of minutes from 1 to 20160 (14 days)',
      'offsetsMinutes: 30.5 is not a whole number of minutes from 1 to 20160 (14 days)',
      'quietHours.localStart: "25:00" is not HH:mm',
    ]);
  });
});

describe('findLocalTimeChanges', () => {
  // A Kashgar class every Monday 15:30 Urumqi (09:30Z) with a London partner: London's clock moves.
  const weekly = (dates: string[], time = '09:30', anchor = 'Asia/Urumqi'): SeriesSession[] =>
    dates.map((d, i) => ({
      id: `s${i + 1}`,
      startsAt: `${d}T${time}:00.000Z`,
      endsAt: `${d}T${time.replace(':30', ':59')}:00.000Z`,
      anchorTimeZone: anchor,
    }));

  it.each([
    // zone            -> [changed session, participant's local date, new time, old time, notice due]
    ['Europe/London', [['s3', '2027-03-29', '10:30', '09:30', '2027-03-22T09:59:00.000Z']]],
    ['Asia/Shanghai', []],
    ['Asia/Urumqi', []],
  ])('spring 2027 Mondays seen from %s', (zone, expected) => {
    const sessions = weekly(['2027-03-15', '2027-03-22', '2027-03-29', '2027-04-05']);
    const changes = findLocalTimeChanges(sessions, zone as string);
    expect(changes.map((c) => [c.sessionId, c.localDate, c.localTime, c.previousLocalTime, c.noticeDueAt])).toEqual(expected);
  });

  it('a London-anchored 08:00 class moves for Urumqi and Beijing when London changes clocks, once', () => {
    // 08:00 London every Tuesday across the October 2026 fall-back (25 Oct): 07:00Z then 08:00Z.
    const sessions: SeriesSession[] = [
      { id: 'a', startsAt: '2026-10-13T07:00:00.000Z', endsAt: '2026-10-13T08:00:00.000Z', anchorTimeZone: 'Europe/London' },
      { id: 'b', startsAt: '2026-10-20T07:00:00.000Z', endsAt: '2026-10-20T08:00:00.000Z', anchorTimeZone: 'Europe/London' },
      { id: 'c', startsAt: '2026-10-27T08:00:00.000Z', endsAt: '2026-10-27T09:00:00.000Z', anchorTimeZone: 'Europe/London' },
      { id: 'd', startsAt: '2026-11-03T08:00:00.000Z', endsAt: '2026-11-03T09:00:00.000Z', anchorTimeZone: 'Europe/London' },
    ];
    expect(findLocalTimeChanges(sessions, 'Asia/Urumqi').map((c) => [c.sessionId, c.localDate, c.localTime, c.previousLocalTime])).toEqual([
      ['c', '2026-10-27', '14:00', '13:00'],
    ]);
    expect(findLocalTimeChanges(sessions, 'Asia/Shanghai').map((c) => [c.sessionId, c.localTime, c.previousLocalTime])).toEqual([
      ['c', '16:00', '15:00'],
    ]);
    expect(findLocalTimeChanges(sessions, 'Europe/London')).toEqual([]);
  });

  it("a skipped week (holiday) still compares with the slot's previous class", () => {
    const changes = findLocalTimeChanges(weekly(['2027-03-22', '2027-04-05']), 'Europe/London');
    expect(changes.map((c) => [c.sessionId, c.localTime, c.previousLocalTime, c.weekdayShift])).toEqual([['s2', '10:30', '09:30', 0]]);
  });
});

describe('messages', () => {
  const base = {
    startsAt: '2026-09-28T04:00:00.000Z',
    endsAt: '2026-09-28T05:35:00.000Z',
    courseTitle: '数据结构 Data Structures',
    westernClassNames: ['计算机2025级1班'],
    meetingUrl: 'https://meeting.example/abc',
  };

  it("gives a Xinjiang host both clocks and the partner's local time, in Chinese", () => {
    const message = composeSessionMessage({
      ...base,
      kind: 'reminder',
      locale: 'zh-CN',
      offsetMinutes: 30,
      recipientTimeZones: ['Asia/Urumqi', 'Asia/Shanghai'],
      partners: [{ name: '李伟（浙江大学）', timeZones: ['Asia/Shanghai'] }],
    });
    expect(message.subject).toBe(
      '【上课提醒】数据结构 Data Structures 30分钟后开始：2026年9月28日（周一）10:00-11:35 新疆时间（Asia/Urumqi，UTC+6）',
    );
    expect(message.text).toBe(
      [
        '您的同步课堂即将开始。',
        '课程：数据结构 Data Structures',
        '西部班级：计算机2025级1班',
        '您的时间：2026年9月28日（周一）10:00-11:35 新疆时间（Asia/Urumqi，UTC+6）；2026年9月28日（周一）12:00-13:35 北京时间（Asia/Shanghai，UTC+8）',
        '对方当地时间：',
        '  李伟（浙江大学）：2026年9月28日（周一）12:00-13:35 北京时间（Asia/Shanghai，UTC+8）',
        '会议链接：https://meeting.example/abc',
        '',
      ].join('\n'),
    );
  });

  it('writes an English cancellation for a London teacher without a link', () => {
    const message = composeSessionMessage({
      ...base,
      kind: 'cancellation',
      locale: 'en',
      recipientTimeZones: ['Europe/London'],
      partners: [{ name: 'Li Wei (Zhejiang University)', timeZones: ['Asia/Shanghai'] }],
    });
    expect(message.subject).toBe('Cancelled: 数据结构 Data Structures, Mon 28 Sep 2026, 05:00-06:35 London time (Europe/London, UTC+1)');
    expect(message.text).not.toContain('Meeting link');
  });

  it('announces a local time change in the words of the issue', () => {
    const change = {
      sessionId: 's3',
      previousSessionId: 's2',
      timeZone: 'Europe/London',
      localDate: '2027-03-30',
      localTime: '09:00',
      previousLocalTime: '08:00',
      weekdayShift: 0,
      noticeDueAt: '2027-03-23T09:00:00.000Z',
    };
    expect(composeTimeChangeNotice({ locale: 'en', change, courseTitle: 'Data Structures' }).text.split('\n')[0]).toBe(
      'From 30 March this class is at 09:00 for you instead of 08:00 (London time (Europe/London, UTC+1)).',
    );
    expect(composeTimeChangeNotice({ locale: 'zh-CN', change, courseTitle: '数据结构' }).text.split('\n')[0]).toBe(
      '自3月30日起，本课程在您当地时间为09:00（原为08:00，伦敦时间（Europe/London，UTC+1））。',
    );
  });
});
