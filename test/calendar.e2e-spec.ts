import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { DataSource } from 'typeorm';
import * as make from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

interface DbSession {
  id: string;
  startsAt: string;
  endsAt: string;
  version: number;
  status: string;
}

interface ParsedEvent {
  uid: string;
  sequence: number;
  tzid: string | null;
  startsAt: string;
  endsAt: string;
  status: string | null;
  description: string;
  summary: string;
  url: string | null;
}

/** Parses an iCalendar text with ical.js (Thunderbird's parser), resolving TZIDs only through the feed's own VTIMEZONEs. */
function parseCalendar(text: string): { calendar: ICAL.Component; events: ParsedEvent[]; timeZones: string[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timeZones = calendar.getAllSubcomponents('vtimezone').map((tz) => String(tz.getFirstPropertyValue('tzid')));
  const instant = (time: ICAL.Time) => new Date(time.toUnixTime() * 1000).toISOString();
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const tzid = component.getFirstProperty('dtstart')?.getParameter('tzid');
    return {
      uid: event.uid,
      sequence: event.sequence,
      tzid: typeof tzid === 'string' ? tzid : null,
      startsAt: instant(event.startDate),
      endsAt: instant(event.endDate),
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      description: event.description,
      summary: event.summary,
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
    };
  });
  return { calendar, events, timeZones };
}

describe(`timetables and calendar feeds on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;
  type Key =
    | 'course'
    | 'east'
    | 'host'
    | 'kashgar'
    | 'kashgarClass'
    | 'kashgarPairing'
    | 'kashgarTerm'
    | 'liWei'
    | 'london'
    | 'londonClass'
    | 'londonPairing'
    | 'londonTerm'
    | 'zhang';
  const ids = {} as Record<Key, string>;
  // Sessions booked below, by name: two Kashgar and two London sessions around each 2027 DST change of Europe/London.
  type SessionName = `${'kashgar' | 'london'}${'March22' | 'March29' | 'October25' | 'November1'}`;
  const sessions = {} as Record<SessionName, string>;

  const post = async (url: string, body: unknown, expected = 201) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status, body: response.body }).toMatchObject({ status: expected });
    return response.body;
  };
  const dbSessions = async (): Promise<Map<string, DbSession>> => {
    const rows: DbSession[] = await t.app
      .get(DataSource)
      .query('SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", version, status FROM joint_sessions');
    return new Map(rows.map((row) => [row.id, { ...row, version: Number(row.version) }]));
  };
  const feedPath = (url: string) => new URL(url).pathname;

  /** Every event of the feed is a session of the database at exactly its instants, with SEQUENCE = version - 1. */
  const expectFeedMatchesDatabase = async (events: ParsedEvent[]) => {
    const db = await dbSessions();
    for (const event of events) {
      const row = db.get(event.uid.replace(/@east-west-scheduler$/, ''));
      expect({ uid: event.uid, found: !!row }).toEqual({ uid: event.uid, found: true });
      expect({ uid: event.uid, startsAt: event.startsAt, endsAt: event.endsAt, sequence: event.sequence }).toEqual({
        uid: event.uid,
        startsAt: row!.startsAt,
        endsAt: row!.endsAt,
        sequence: row!.version - 1,
      });
      expect(event.status).toBe(row!.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    ids.east = (await post('/institutions', make.zhejiang())).id;
    ids.kashgar = (await post('/institutions', make.kashgar())).id;
    ids.london = (await post('/institutions', make.london())).id;
    const year2027 = { name: '2027', startLocalDate: '2027-01-04', endLocalDate: '2027-12-31' };
    ids.kashgarTerm = (await post('/terms', make.term(ids.kashgar, year2027))).id;
    ids.londonTerm = (await post('/terms', make.term(ids.london, year2027))).id;
    ids.liWei = (await post('/instructors', make.instructor(ids.east))).id;
    // Beijing small hours on Tuesday = Monday evening in London, in GMT and in BST.
    ids.zhang = (
      await post(
        '/instructors',
        make.instructor(ids.east, { name: 'Zhang Min', availability: [{ weekday: 2, localStart: '00:00', localEnd: '04:00' }] }),
      )
    ).id;
    ids.host = (
      await post('/instructors', make.instructor(ids.london, { name: 'Emma Brown', role: 'host', timeZone: 'Europe/London' }))
    ).id;
    ids.course = (await post('/courses', make.course(ids.east))).id;
    ids.kashgarClass = (
      await post('/western-classes', make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.kashgarTerm }))
    ).id;
    ids.londonClass = (
      await post(
        '/western-classes',
        make.westernClass(
          { institutionId: ids.london, courseId: ids.course, termId: ids.londonTerm, hostTeacherId: ids.host },
          { name: 'MSc Computing', allowedPeriodNames: ['Evening'] },
        ),
      )
    ).id;
    ids.kashgarPairing = (
      await post(
        '/pairings',
        make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.kashgarTerm, westernClassIds: [ids.kashgarClass] }),
      )
    ).id;
    ids.londonPairing = (
      await post(
        '/pairings',
        make.pairing({ instructorId: ids.zhang, courseId: ids.course, termId: ids.londonTerm, westernClassIds: [ids.londonClass] }),
      )
    ).id;

    const book = async (name: SessionName, pairingId: string, startsAt: string, durationMinutes: number) => {
      sessions[name] = (
        await post('/joint-sessions', { pairingId, startsAt, durationMinutes, meetingUrl: `https://meeting.example.edu.cn/${name}` })
      ).id;
    };
    // Monday 10:00 Asia/Urumqi (12:00 Beijing) all year: no DST in China.
    await book('kashgarMarch22', ids.kashgarPairing, '2027-03-22T04:00:00Z', 95);
    await book('kashgarMarch29', ids.kashgarPairing, '2027-03-29T04:00:00Z', 95);
    await book('kashgarOctober25', ids.kashgarPairing, '2027-10-25T04:00:00Z', 95);
    await book('kashgarNovember1', ids.kashgarPairing, '2027-11-01T04:00:00Z', 95);
    // Monday 17:30 Europe/London: GMT before 2027-03-28 and after 2027-10-31, BST between.
    await book('londonMarch22', ids.londonPairing, '2027-03-22T17:30:00Z', 90);
    await book('londonMarch29', ids.londonPairing, '2027-03-29T16:30:00Z', 90);
    await book('londonOctober25', ids.londonPairing, '2027-10-25T16:30:00Z', 90);
    await book('londonNovember1', ids.londonPairing, '2027-11-01T17:30:00Z', 90);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('timetables', () => {
    const sessionIdsByDay = (body: { days: { localDate: string; sessions: { id: string }[] }[] }) =>
      body.days.map((day) => [day.localDate, day.sessions.map((s) => s.id)]);

    it("shows an instructor's week in their zone: a London evening after Beijing midnight is on the next Beijing day", async () => {
      const response = await t.asAdmin('GET', `/timetables/instructors/${ids.zhang}?week=2027-W13`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        subject: { kind: 'instructor', id: ids.zhang, name: 'Zhang Min', timeZone: 'Asia/Shanghai' },
        timeZone: 'Asia/Shanghai',
        startsAt: '2027-03-28T16:00:00.000Z',
        endsAt: '2027-04-04T16:00:00.000Z',
      });
      expect(sessionIdsByDay(response.body)).toEqual([['2027-03-30', [sessions.londonMarch29]]]);
      const [row] = response.body.days[0].sessions;
      expect(row).toMatchObject({
        startsAt: '2027-03-29T16:30:00.000Z',
        status: 'scheduled',
        meetingUrl: 'https://meeting.example.edu.cn/londonMarch29',
        course: { id: ids.course, title: '数据结构 Data Structures' },
        viewer: { timeZone: 'Asia/Shanghai', utcOffset: '+08:00', start: '2027-03-30 00:30', end: '2027-03-30 02:00' },
        instructor: { id: ids.zhang, local: [{ timeZone: 'Asia/Shanghai', start: '2027-03-30 00:30' }] },
        westernClasses: [
          {
            id: ids.londonClass,
            name: 'MSc Computing',
            local: [{ timeZone: 'Europe/London', utcOffset: '+01:00', start: '2027-03-29 17:30', end: '2027-03-29 19:00' }],
          },
        ],
      });
    });

    it.each([
      // [query, zone, expected days] — the same four London sessions, cut at each zone's midnight.
      [
        'from=2027-03-22&to=2027-04-04',
        'Asia/Shanghai',
        [
          ['2027-03-23', 'londonMarch22'],
          ['2027-03-30', 'londonMarch29'],
        ],
      ],
      [
        'from=2027-03-22&to=2027-04-04&timeZone=Europe/London',
        'Europe/London',
        [
          ['2027-03-22', 'londonMarch22'],
          ['2027-03-29', 'londonMarch29'],
        ],
      ],
      [
        'from=2027-10-25&to=2027-11-07',
        'Asia/Shanghai',
        [
          ['2027-10-26', 'londonOctober25'],
          ['2027-11-02', 'londonNovember1'],
        ],
      ],
      [
        'from=2027-10-25&to=2027-11-07&timeZone=America/New_York',
        'America/New_York',
        [
          ['2027-10-25', 'londonOctober25'],
          ['2027-11-01', 'londonNovember1'],
        ],
      ],
    ])("cuts days at the viewer's midnight across the DST changes (%s)", async (query, zone, expected) => {
      const response = await t.asAdmin('GET', `/timetables/instructors/${ids.zhang}?${query}`);
      expect(response.status).toBe(200);
      expect(response.body.timeZone).toBe(zone);
      expect(sessionIdsByDay(response.body)).toEqual(expected.map(([day, name]) => [day, [sessions[name as SessionName]]]));
    });

    it("shows a Xinjiang class's term in Xinjiang time with Beijing time beside it, and the instructor's local time", async () => {
      const response = await t.asAdmin('GET', `/timetables/western-classes/${ids.kashgarClass}?termId=${ids.kashgarTerm}`);
      expect(response.status).toBe(200);
      expect(response.body.subject).toMatchObject({ kind: 'western-class', timeZone: 'Asia/Urumqi', secondaryTimeZone: 'Asia/Shanghai' });
      expect(response.body.startsAt).toBe('2027-01-03T18:00:00.000Z');
      expect(sessionIdsByDay(response.body)).toEqual([
        ['2027-03-22', [sessions.kashgarMarch22]],
        ['2027-03-29', [sessions.kashgarMarch29]],
        ['2027-10-25', [sessions.kashgarOctober25]],
        ['2027-11-01', [sessions.kashgarNovember1]],
      ]);
      expect(response.body.days[3].sessions[0]).toMatchObject({
        viewer: { timeZone: 'Asia/Urumqi', utcOffset: '+06:00', start: '2027-11-01 10:00', end: '2027-11-01 11:35' },
        instructor: { name: 'Li Wei', local: [{ timeZone: 'Asia/Shanghai', start: '2027-11-01 12:00' }] },
        westernClasses: [
          {
            local: [
              { timeZone: 'Asia/Urumqi', start: '2027-11-01 10:00' },
              { timeZone: 'Asia/Shanghai', start: '2027-11-01 12:00' },
            ],
          },
        ],
      });
    });

    it("shows a host teacher's and an institution's sessions in their own zone", async () => {
      const host = await t.asAdmin('GET', `/timetables/host-teachers/${ids.host}?from=2027-10-25&to=2027-11-07`);
      expect(host.body.timeZone).toBe('Europe/London');
      expect(sessionIdsByDay(host.body)).toEqual([
        ['2027-10-25', [sessions.londonOctober25]],
        ['2027-11-01', [sessions.londonNovember1]],
      ]);
      expect(host.body.days[1].sessions[0].viewer).toMatchObject({ start: '2027-11-01 17:30', utcOffset: '+00:00' });

      const east = await t.asAdmin('GET', `/timetables/institutions/${ids.east}?week=2027-W13`);
      expect(east.body.timeZone).toBe('Asia/Shanghai');
      expect(sessionIdsByDay(east.body)).toEqual([
        ['2027-03-29', [sessions.kashgarMarch29]],
        ['2027-03-30', [sessions.londonMarch29]],
      ]);
    });

    it('defaults to the current week of the viewer', async () => {
      t.clock.set('2027-03-31T12:00:00Z');
      const response = await t.asAdmin('GET', `/timetables/instructors/${ids.liWei}`);
      expect(response.body).toMatchObject({ startsAt: '2027-03-28T16:00:00.000Z', endsAt: '2027-04-04T16:00:00.000Z' });
      expect(sessionIdsByDay(response.body)).toEqual([['2027-03-29', [sessions.kashgarMarch29]]]);
      t.clock.set('2026-11-22T08:00:00Z');
    });

    it.each([
      ['week=2027-W13&from=2027-03-22', 400, 'week'],
      ['week=2027-13', 400, 'week'],
      ['week=2027-W60', 422, 'week'],
      ['from=2027-03-22&to=2027-03-01', 422, 'to'],
      ['from=2026-01-01&to=2027-12-31', 422, 'to'],
      ['timeZone=Asia/Beijing', 400, 'timeZone'],
      [`termId=6a1f2a8e-0000-4000-8000-000000000000`, 422, 'termId'],
    ])('refuses %s (%i) naming the field', async (query, status, field) => {
      const response = await t.asAdmin('GET', `/timetables/instructors/${ids.zhang}?${query}`);
      expect(response.status).toBe(status);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
    });

    it('answers 404 for an unknown subject', async () => {
      expect((await t.asAdmin('GET', '/timetables/instructors/6a1f2a8e-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await t.asAdmin('GET', '/timetables/western-classes/not-a-uuid')).status).toBe(404);
    });
  });

  describe('calendar feeds', () => {
    const feeds: Record<string, { id: string; url: string }> = {};
    // The feed URL is public: its token is the credential, so no Authorization header is sent.
    const fetchFeed = (url: string, headers: Record<string, string> = {}) => t.request('GET', feedPath(url), undefined, headers);

    it('issues feed URLs for a teacher, an institution and a western class; the token is shown once', async () => {
      for (const [name, ownerKind, ownerId] of [
        ['zhang', 'instructor', ids.zhang],
        ['host', 'instructor', ids.host],
        ['kashgar', 'institution', ids.kashgar],
        ['londonClass', 'western-class', ids.londonClass],
      ] as const) {
        const body = await post('/calendar-feeds', { ownerKind, ownerId });
        expect(body).toMatchObject({ ownerKind, ownerId, active: true, revokedAt: null });
        expect(body.url).toMatch(/^http:\/\/localhost:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
        expect(body.webcalUrl).toBe(body.url.replace(/^http:/, 'webcal:'));
        feeds[name] = { id: body.id, url: body.url };
      }
      const listed = await t.asAdmin('GET', `/calendar-feeds?ownerKind=instructor&ownerId=${ids.zhang}`);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: feeds.zhang!.id, active: true })]);
      expect(JSON.stringify(listed.body)).not.toContain(new URL(feeds.zhang!.url).pathname.slice(10, 53));
    });

    it.each([
      ['zhang', ['londonMarch22', 'londonMarch29', 'londonOctober25', 'londonNovember1'], ['Europe/London']],
      ['host', ['londonMarch22', 'londonMarch29', 'londonOctober25', 'londonNovember1'], ['Europe/London']],
      ['kashgar', ['kashgarMarch22', 'kashgarMarch29', 'kashgarOctober25', 'kashgarNovember1'], ['Asia/Urumqi']],
      ['londonClass', ['londonMarch22', 'londonMarch29', 'londonOctober25', 'londonNovember1'], ['Europe/London']],
    ])(
      "the %s feed parses with ical.js, every event at the database's instants, times in the anchor zone",
      async (name, expected, zones) => {
        const response = await fetchFeed(feeds[name]!.url);
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
        expect(response.headers['cache-control']).toBe('private, no-cache');
        expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
        const { events, timeZones } = parseCalendar(response.body);
        expect(events.map((e) => e.uid).sort()).toEqual(expected.map((n) => `${sessions[n as SessionName]}@east-west-scheduler`).sort());
        await expectFeedMatchesDatabase(events);
        // Every TZID used has its VTIMEZONE; every event is written in its anchor zone.
        expect(timeZones.sort()).toEqual(expect.arrayContaining(zones));
        for (const event of events) expect(event.tzid).toBe(zones[0]);
      },
    );

    it("puts the partner's local time and the meeting link in the description", async () => {
      const { events } = parseCalendar((await fetchFeed(feeds.zhang!.url)).body);
      const event = events.find((e) => e.uid.startsWith(sessions.londonMarch29!))!;
      expect(event.summary).toBe('数据结构 Data Structures: Zhang Min with MSc Computing');
      expect(event.description).toContain('Instructor: Zhang Min, Zhejiang University: Tue 2027-03-30 00:30-02:00 Asia/Shanghai');
      expect(event.description).toContain('Class: MSc Computing, University College London: Mon 2027-03-29 17:30-19:00 Europe/London');
      expect(event.description).toContain('Meeting link: https://meeting.example.edu.cn/londonMarch29');
      expect(event.url).toBe('https://meeting.example.edu.cn/londonMarch29');

      const kashgar = parseCalendar((await fetchFeed(feeds.kashgar!.url)).body).events.find((e) =>
        e.uid.startsWith(sessions.kashgarMarch29!),
      )!;
      expect(kashgar.description).toContain(
        'Class: 计算机2025级1班, Kashgar University: Mon 2027-03-29 10:00-11:35 Asia/Urumqi (12:00-13:35 Asia/Shanghai)',
      );
      expect(kashgar.description).toContain('Instructor: Li Wei, Zhejiang University: Mon 2027-03-29 12:00-13:35 Asia/Shanghai');
    });

    it('answers 304 to an unchanged feed, 200 with a new ETag once a session changes', async () => {
      const first = await fetchFeed(feeds.zhang!.url);
      const again = await fetchFeed(feeds.zhang!.url, { 'if-none-match': String(first.headers.etag) });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);
      const weak = await fetchFeed(feeds.zhang!.url, { 'if-none-match': `"other", W/${String(first.headers.etag)}` });
      expect(weak.status).toBe(304);
      expect((await fetchFeed(feeds.zhang!.url)).body).toBe(first.body);

      t.clock.set('2026-11-23T09:00:00Z');
      // Monday 2027-10-25 17:30 BST -> 18:30 BST: 16:30Z -> 17:30Z.
      const moved = await t.asAdmin('PATCH', `/joint-sessions/${sessions.londonOctober25}`, { startsAt: '2027-10-25T17:30:00Z' });
      expect(moved).toMatchObject({ status: 200, body: { version: 2 } });
      t.clock.set('2026-11-22T08:00:00Z');
      const changed = await fetchFeed(feeds.zhang!.url, { 'if-none-match': String(first.headers.etag) });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(first.headers.etag);
      const { events } = parseCalendar(changed.body);
      const event = events.find((e) => e.uid === `${sessions.londonOctober25}@east-west-scheduler`)!;
      expect(event).toMatchObject({
        sequence: 1,
        startsAt: '2027-10-25T17:30:00.000Z',
        endsAt: '2027-10-25T19:00:00.000Z',
        tzid: 'Europe/London',
      });
      expect(changed.body).toContain('DTSTART;TZID=Europe/London:20271025T183000');
      expect(changed.body).toContain('LAST-MODIFIED:20261123T090000Z');
      await expectFeedMatchesDatabase(events);
    });

    it('keeps a cancelled session as STATUS:CANCELLED with a higher SEQUENCE', async () => {
      expect((await t.asAdmin('DELETE', `/joint-sessions/${sessions.kashgarNovember1}`)).status).toBe(200);
      const { events } = parseCalendar((await fetchFeed(feeds.kashgar!.url)).body);
      const event = events.find((e) => e.uid === `${sessions.kashgarNovember1}@east-west-scheduler`)!;
      expect(event).toMatchObject({ status: 'CANCELLED', sequence: 1, startsAt: '2027-11-01T04:00:00.000Z' });
      expect(event.summary).toMatch(/^Cancelled: /);
      await expectFeedMatchesDatabase(events);
    });

    it('renews a feed (old URL 404, new URL 200) and revokes one (404 from then on)', async () => {
      const renewed = await post(`/calendar-feeds/${feeds.londonClass!.id}/renew`, {});
      expect(renewed.url).not.toBe(feeds.londonClass!.url);
      expect((await fetchFeed(feeds.londonClass!.url)).status).toBe(404);
      expect((await fetchFeed(renewed.url)).status).toBe(200);

      const revoked = await t.asAdmin('DELETE', `/calendar-feeds/${feeds.host!.id}`);
      expect(revoked).toMatchObject({ status: 200, body: { active: false, revokedAt: '2026-11-22T08:00:00.000Z' } });
      const gone = await fetchFeed(feeds.host!.url);
      expect(gone.status).toBe(404);
      expect(gone.headers['content-type']).toContain('application/problem+json');
      expect((await t.asAdmin('DELETE', `/calendar-feeds/${feeds.host!.id}`)).body.revokedAt).toBe('2026-11-22T08:00:00.000Z');
    });

    it.each([
      ['an unknown token', `/calendar/${'A'.repeat(43)}.ics`],
      ['a name without .ics', `/calendar/${'A'.repeat(43)}`],
      ['a short name', '/calendar/abc.ics'],
    ])('answers 404 to %s', async (_, path) => {
      expect((await t.request('GET', path)).status).toBe(404);
    });

    it('refuses a feed for an unknown owner (422) or an unknown kind (400)', async () => {
      const unknown = await t.asAdmin('POST', '/calendar-feeds', {
        ownerKind: 'instructor',
        ownerId: '6a1f2a8e-0000-4000-8000-000000000000',
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'ownerId' }));
      expect((await t.asAdmin('POST', '/calendar-feeds', { ownerKind: 'course', ownerId: ids.course })).status).toBe(400);
    });
  });

  describe('who may see and manage what', () => {
    it('asks for credentials on every route but the feed itself', async () => {
      expect((await t.request('GET', `/timetables/instructors/${ids.zhang}`)).status).toBe(401);
      expect((await t.request('POST', '/calendar-feeds', { ownerKind: 'instructor', ownerId: ids.zhang })).status).toBe(401);
      expect((await t.request('GET', `/joint-sessions/${sessions.londonMarch29}/ics`)).status).toBe(401);
    });

    const sessionIds = (body: { days: { sessions: { id: string }[] }[] }) => body.days.flatMap((d) => d.sessions.map((s) => s.id));
    const march = 'from=2027-03-22&to=2027-04-04';

    it('shows a teacher their own timetable and the classes they host; any other subject answers 404 without its name', async () => {
      const zhang = t.as('teacher', { instructorId: ids.zhang, institutionId: ids.east });
      const own = await zhang('GET', `/timetables/instructors/${ids.zhang}?${march}`);
      expect(sessionIds(own.body)).toEqual([sessions.londonMarch22, sessions.londonMarch29]);
      expect((await zhang('GET', `/joint-sessions/${sessions.kashgarMarch29}/ics`)).status).toBe(404);
      expect((await zhang('GET', `/joint-sessions/${sessions.londonMarch29}/ics`)).status).toBe(200);

      const emma = t.as('teacher', { instructorId: ids.host, institutionId: ids.london });
      const hosting = await emma('GET', `/timetables/host-teachers/${ids.host}?${march}`);
      expect(sessionIds(hosting.body)).toEqual([sessions.londonMarch22, sessions.londonMarch29]);
      const hostedClass = await emma('GET', `/timetables/western-classes/${ids.londonClass}?${march}`);
      expect(hostedClass.status).toBe(200);
      expect(sessionIds(hostedClass.body)).toEqual([sessions.londonMarch22, sessions.londonMarch29]);

      for (const [teacher, url, detail] of [
        [zhang, `/timetables/instructors/${ids.liWei}`, `No instructor with id ${ids.liWei}.`],
        [zhang, `/timetables/host-teachers/${ids.host}`, `No host teacher with id ${ids.host}.`],
        [zhang, `/timetables/western-classes/${ids.londonClass}`, `No western class with id ${ids.londonClass}.`],
        [zhang, `/timetables/institutions/${ids.east}`, `No institution with id ${ids.east}.`],
        [emma, `/timetables/instructors/${ids.zhang}`, `No instructor with id ${ids.zhang}.`],
        [emma, `/timetables/western-classes/${ids.kashgarClass}`, `No western class with id ${ids.kashgarClass}.`],
        [emma, `/timetables/institutions/${ids.london}`, `No institution with id ${ids.london}.`],
      ] as const) {
        const response = await teacher('GET', `${url}?${march}`);
        expect({ url, status: response.status, detail: response.body.detail }).toEqual({ url, status: 404, detail });
        expect(JSON.stringify(response.body)).not.toMatch(/Zhang|Li Wei|Emma|MSc|计算机|Zhejiang|London|Kashgar/);
      }
    });

    it("shows an institution coordinator their institution's timetables, and answers 404 for another's as the catalog does", async () => {
      const coordinator = t.as('institution_coordinator', { institutionId: ids.kashgar });
      const own = await coordinator('GET', `/timetables/institutions/${ids.kashgar}?${march}`);
      expect(own.status).toBe(200);
      expect(sessionIds(own.body)).toEqual([sessions.kashgarMarch22, sessions.kashgarMarch29]);
      const ownClass = await coordinator('GET', `/timetables/western-classes/${ids.kashgarClass}?${march}`);
      expect(ownClass).toMatchObject({ status: 200, body: { subject: { id: ids.kashgarClass, name: '计算机2025级1班' } } });
      expect(sessionIds(ownClass.body)).toEqual([sessions.kashgarMarch22, sessions.kashgarMarch29]);

      for (const [url, catalogUrl] of [
        [`/timetables/western-classes/${ids.londonClass}`, `/western-classes/${ids.londonClass}`],
        [`/timetables/institutions/${ids.london}`, `/institutions/${ids.london}`],
        [`/timetables/institutions/${ids.east}`, `/institutions/${ids.east}`],
        // Li Wei teaches the Kashgar class but works at Zhejiang: out of reach on /instructors too.
        [`/timetables/instructors/${ids.liWei}`, `/instructors/${ids.liWei}`],
        [`/timetables/host-teachers/${ids.host}`, `/instructors/${ids.host}`],
      ] as const) {
        const response = await coordinator('GET', `${url}?${march}`);
        const catalog = await coordinator('GET', catalogUrl);
        expect({ url, status: response.status, catalog: catalog.status }).toEqual({ url, status: 404, catalog: 404 });
        // The same problem as an unknown id: the id is all the answer names.
        expect(response.body.detail).toMatch(/^No (western class|institution|instructor|host teacher) with id [0-9a-f-]{36}\.$/);
        expect(response.body.title).toBe(catalog.body.title);
        expect(JSON.stringify(response.body)).not.toMatch(/MSc|London|Zhejiang|Li Wei|Emma/);
      }
      const catalogClass = await coordinator('GET', `/western-classes/${ids.londonClass}`);
      const timetableClass = await coordinator('GET', `/timetables/western-classes/${ids.londonClass}`);
      expect(timetableClass.body.detail).toBe(catalogClass.body.detail);
    });

    it('shows program staff every timetable', async () => {
      for (const role of ['program_coordinator', 'analyst'] as const) {
        const response = await t.as(role)('GET', `/timetables/institutions/${ids.london}?${march}`);
        expect({ role, status: response.status, name: response.body.subject?.name }).toEqual({
          role,
          status: 200,
          name: 'University College London',
        });
      }
    });

    it('lets a teacher manage their own feed only, a coordinator those of their institution', async () => {
      const zhang = t.as('teacher', { instructorId: ids.zhang, institutionId: ids.east });
      const mine = await zhang('POST', '/calendar-feeds', { ownerKind: 'instructor', ownerId: ids.zhang });
      expect(mine.status).toBe(201);
      expect((await zhang('DELETE', `/calendar-feeds/${mine.body.id}`)).status).toBe(200);
      expect((await zhang('POST', '/calendar-feeds', { ownerKind: 'instructor', ownerId: ids.liWei })).status).toBe(403);
      expect((await zhang('POST', '/calendar-feeds', { ownerKind: 'institution', ownerId: ids.east })).status).toBe(403);

      const coordinator = t.as('institution_coordinator', { institutionId: ids.london });
      const classFeed = await coordinator('POST', '/calendar-feeds', { ownerKind: 'western-class', ownerId: ids.londonClass });
      expect(classFeed.status).toBe(201);
      expect((await coordinator('POST', `/calendar-feeds/${mine.body.id}/renew`, {})).status).toBe(403);
      expect((await coordinator('POST', '/calendar-feeds', { ownerKind: 'institution', ownerId: ids.kashgar })).status).toBe(403);
      expect((await t.as('analyst')('POST', '/calendar-feeds', { ownerKind: 'institution', ownerId: ids.kashgar })).status).toBe(403);
    });
  });

  describe('single session download', () => {
    it('downloads one session as an .ics file, parsed by ical.js at the database instants', async () => {
      const response = await t.asAdmin('GET', `/joint-sessions/${sessions.londonMarch29}/ics`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="joint-session-2027-03-29.ics"');
      const { events, timeZones } = parseCalendar(response.body);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        uid: `${sessions.londonMarch29}@east-west-scheduler`,
        tzid: 'Europe/London',
        startsAt: '2027-03-29T16:30:00.000Z',
      });
      expect(timeZones).toEqual(['Europe/London']);
      await expectFeedMatchesDatabase(events);

      const again = await t.asAdmin('GET', `/joint-sessions/${sessions.londonMarch29}/ics`, undefined, {
        'if-none-match': String(response.headers.etag),
      });
      expect(again.status).toBe(304);
      // The same credential twice, as a browser would send it: the second answer is still a named download.
      const authorization = `Bearer ${await t.tokenFor('admin')}`;
      for (let i = 0; i < 2; i++) {
        const repeat = await t.request('GET', `/joint-sessions/${sessions.londonMarch29}/ics`, undefined, { authorization });
        expect(repeat.headers).toMatchObject({
          'content-disposition': 'attachment; filename="joint-session-2027-03-29.ics"',
          etag: response.headers.etag,
        });
      }
    });

    it('answers 404 for an unknown session', async () => {
      expect((await t.asAdmin('GET', '/joint-sessions/6a1f2a8e-0000-4000-8000-000000000000/ics')).status).toBe(404);
    });
  });
});
