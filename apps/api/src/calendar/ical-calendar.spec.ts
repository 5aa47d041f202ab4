import { describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { CalendarEvent } from '#scheduling';
import { matchesIfNoneMatch, withoutFeedToken } from './calendar-reply.js';
import { eventTimeZone, renderCalendar, vtimezone } from './ical-calendar.js';

const HOUR = 3_600_000;

describe('vtimezone', () => {
  // The zones of the program and its partners abroad. A calendar app reads DTSTART;TZID=zone:wall-time
  // through the VTIMEZONE's rules; at every hour of 2026-2028 (both DST changes of each year) that
  // must give back the instant luxon started from. Ambiguous wall times are skipped: events at them
  // are written in UTC (eventTimeZone).
  it.each(['Asia/Shanghai', 'Asia/Urumqi', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney'])(
    '%s: wall time + VTIMEZONE gives back the instant, hour by hour',
    (zone) => {
      const block = vtimezone(zone);
      expect(block).toContain(`TZID:${zone}`);
      const timezone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(block!)));
      const mismatches: string[] = [];
      let checked = 0;
      for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2029-01-01T00:00:00Z'); ms += HOUR) {
        const local = DateTime.fromMillis(ms, { zone });
        if (local.getPossibleOffsets().length !== 1) continue;
        const wall = ICAL.Time.fromData(
          { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: 0 },
          timezone,
        );
        checked++;
        if (wall.toUnixTime() * 1000 !== ms) mismatches.push(local.toISO()!);
      }
      expect(checked).toBeGreaterThan(26_000);
      expect(mismatches).toEqual([]);
    },
  );

  it('is null for a zone the library does not know, and names an alias as asked', () => {
    expect(vtimezone('Asia/Beijing')).toBeNull();
    expect(vtimezone('Asia/Calcutta')).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:Asia\/Calcutta\r\nX-LIC-LOCATION:Asia\/Calcutta\r\n/);
    expect(vtimezone('UTC')).toContain('TZOFFSETTO:+0000');
  });
});

describe('eventTimeZone', () => {
  it.each([
    ['a London evening in GMT', '2027-03-22T17:30:00Z', '2027-03-22T19:00:00Z', 'Europe/London', 'Europe/London'],
    ['a London evening in BST', '2027-03-29T16:30:00Z', '2027-03-29T18:00:00Z', 'Europe/London', 'Europe/London'],
    ['Kashgar, Xinjiang time', '2027-03-29T04:00:00Z', '2027-03-29T05:35:00Z', 'Asia/Urumqi', 'Asia/Urumqi'],
    // 01:30 on 2027-10-31 happens twice in London (BST, then GMT): written in UTC so no app guesses.
    ['a start in the fall-back hour', '2027-10-31T00:30:00Z', '2027-10-31T02:00:00Z', 'Europe/London', 'UTC'],
    ['an end in the fall-back hour', '2027-10-30T23:00:00Z', '2027-10-31T01:15:00Z', 'Europe/London', 'UTC'],
    ['just after the fall-back hour', '2027-10-31T02:00:00Z', '2027-10-31T03:00:00Z', 'Europe/London', 'Europe/London'],
  ])('%s', (_, startsAt, endsAt, anchor, expected) => {
    expect(eventTimeZone(startsAt, endsAt, anchor)).toBe(expected);
  });
});

describe('renderCalendar', () => {
  const event = (
    id: string,
    startsAt: string,
    endsAt: string,
    anchorTimeZone: string,
    extra: Partial<CalendarEvent['view']['session']> = {},
  ): CalendarEvent => ({
    view: {
      session: {
        id,
        pairingId: 'p',
        instructorId: 'i',
        startsAt,
        endsAt,
        anchorTimeZone,
        westernClassIds: ['c'],
        status: 'scheduled',
        version: 1,
        meetingUrl: null,
        ...extra,
      },
      instructor: { id: 'i', name: 'Zhang Min', timeZone: 'Asia/Shanghai', institution: null },
      westernClasses: [{ id: 'c', name: 'MSc Computing', studentsEnrolled: 20, hostTeacherId: null, institution: null }],
    },
    course: null,
    changedAt: '2026-11-22T08:00:00.000Z',
  });

  it('writes anchor-zone times with VTIMEZONE, falls back to UTC in the fall-back hour, and is stable', () => {
    const events = [
      event('a', '2027-03-29T16:30:00.000Z', '2027-03-29T18:00:00.000Z', 'Europe/London', { version: 3 }),
      event('b', '2027-10-31T00:30:00.000Z', '2027-10-31T02:00:00.000Z', 'Europe/London', { status: 'cancelled', version: 2 }),
    ];
    const text = renderCalendar({ name: 'Zhang Min: joint classes', timeZone: 'Asia/Shanghai', events });
    expect(text).toBe(renderCalendar({ name: 'Zhang Min: joint classes', timeZone: 'Asia/Shanghai', events }));
    expect(text).toContain('DTSTART;TZID=Europe/London:20270329T173000');
    expect(text).toContain('DTSTART:20271031T003000Z');
    expect(text).toContain('X-WR-TIMEZONE:Asia/Shanghai');
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/London']);
    const parsed = calendar.getAllSubcomponents('vevent').map((component) => {
      const e = new ICAL.Event(component);
      return [e.uid, e.sequence, new Date(e.startDate.toUnixTime() * 1000).toISOString(), component.getFirstPropertyValue('status')];
    });
    expect(parsed).toEqual([
      ['a@east-west-scheduler', 2, '2027-03-29T16:30:00.000Z', 'CONFIRMED'],
      ['b@east-west-scheduler', 1, '2027-10-31T00:30:00.000Z', 'CANCELLED'],
    ]);
  });
});

describe('matchesIfNoneMatch', () => {
  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
  ])('%s -> %s', (header, expected) => {
    expect(matchesIfNoneMatch(header, '"abc"')).toBe(expected);
  });
});

describe('withoutFeedToken', () => {
  it.each([
    ['/calendar/AbC_-123456789012345678901234567890123456789.ics', '/calendar/[token].ics'],
    ['/calendar/AbC_-1234567890.ics?x=1', '/calendar/[token].ics?x=1'],
    ['/joint-sessions/6a1f2a8e-0000-4000-8000-000000000000/ics', '/joint-sessions/6a1f2a8e-0000-4000-8000-000000000000/ics'],
  ])('%s -> %s', (url, logged) => {
    expect(withoutFeedToken(url)).toBe(logged);
  });
});
