import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as make from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

describe(`foundation API on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;
  type Key =
    | 'course'
    | 'east'
    | 'kashgar'
    | 'kashgarClass'
    | 'kashgarClass2'
    | 'kashgarTerm'
    | 'liWei'
    | 'london'
    | 'londonClass'
    | 'londonPairing'
    | 'londonTerm'
    | 'pairing'
    | 'pairing2'
    | 'session'
    | 'zhang';
  const ids = {} as Record<Key, string>;

  const post = async (url: string, body: unknown, expected = 201) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status, body: response.body }).toMatchObject({ status: expected });
    return response.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ids.east = (await post('/institutions', make.zhejiang())).id;
    ids.kashgar = (await post('/institutions', make.kashgar())).id;
    ids.london = (await post('/institutions', make.london())).id;
    ids.kashgarTerm = (await post('/terms', make.term(ids.kashgar))).id;
    ids.londonTerm = (
      await post('/terms', make.term(ids.london, { name: 'Michaelmas 2026 to Summer 2027', endLocalDate: '2027-06-30' }))
    ).id;
    ids.liWei = (await post('/instructors', make.instructor(ids.east))).id;
    ids.zhang = (
      await post(
        '/instructors',
        make.instructor(ids.east, {
          name: 'Zhang Min',
          // Beijing small hours on Tuesday = Monday evening in London.
          availability: [{ weekday: 2, localStart: '00:00', localEnd: '04:00' }],
        }),
      )
    ).id;
    ids.course = (await post('/courses', make.course(ids.east))).id;
    ids.kashgarClass = (
      await post('/western-classes', make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.kashgarTerm }))
    ).id;
    ids.kashgarClass2 = (
      await post(
        '/western-classes',
        make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.kashgarTerm }, { name: '计算机2025级2班' }),
      )
    ).id;
    ids.londonClass = (
      await post(
        '/western-classes',
        make.westernClass(
          { institutionId: ids.london, courseId: ids.course, termId: ids.londonTerm },
          { name: 'MSc Computing', allowedPeriodNames: ['Evening'] },
        ),
      )
    ).id;
    ids.pairing = (
      await post(
        '/pairings',
        make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.kashgarTerm, westernClassIds: [ids.kashgarClass] }),
      )
    ).id;
    ids.pairing2 = (
      await post(
        '/pairings',
        make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.kashgarTerm, westernClassIds: [ids.kashgarClass2] }),
      )
    ).id;
    ids.londonPairing = (
      await post(
        '/pairings',
        make.pairing({ instructorId: ids.zhang, courseId: ids.course, termId: ids.londonTerm, westernClassIds: [ids.londonClass] }),
      )
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('catalog resources', () => {
    it.each<[string, Key]>([
      ['institutions', 'east'],
      ['terms', 'kashgarTerm'],
      ['instructors', 'liWei'],
      ['courses', 'course'],
      ['western-classes', 'kashgarClass'],
      ['pairings', 'pairing'],
    ])('%s: read, list, update and 404 on unknown ids', async (path, key) => {
      const one = await t.asAdmin('GET', `/${path}/${ids[key]}`);
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(ids[key]);
      const list = await t.asAdmin('GET', `/${path}?page=1&pageSize=2`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 2 });
      expect(list.body.items.length).toBeLessThanOrEqual(2);
      const missing = await t.asAdmin('GET', `/${path}/6a1f2a8e-0000-4000-8000-000000000000`);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect((await t.asAdmin('GET', `/${path}/not-a-uuid`)).status).toBe(404);
    });

    it('shows both clocks for a Xinjiang campus', async () => {
      t.clock.set('2026-09-28T04:00:00Z');
      const response = await t.asAdmin('GET', `/institutions/${ids.kashgar}`);
      expect(response.body.clocks).toEqual([
        { timeZone: 'Asia/Urumqi', utcOffset: '+06:00', localDate: '2026-09-28', localTime: '10:00' },
        { timeZone: 'Asia/Shanghai', utcOffset: '+08:00', localDate: '2026-09-28', localTime: '12:00' },
      ]);
    });

    it('updates a record and deletes one nothing refers to', async () => {
      const renamed = await t.asAdmin('PATCH', `/courses/${ids.course}`, { title: '数据结构与算法' });
      expect(renamed).toMatchObject({ status: 200, body: { title: '数据结构与算法', platform: 'icourse163' } });
      const spare = await post('/courses', make.course(ids.east, { title: 'Spare' }));
      expect((await t.asAdmin('DELETE', `/courses/${spare.id}`)).status).toBe(204);
      expect((await t.asAdmin('GET', `/courses/${spare.id}`)).status).toBe(404);
      const inUse = await t.asAdmin('DELETE', `/institutions/${ids.east}`);
      expect(inUse.status).toBe(409);
    });

    it('filters lists', async () => {
      const west = await t.asAdmin('GET', '/institutions?region=west');
      expect(west.body.items.map((i: { nameEn: string }) => i.nameEn)).toEqual(['Kashgar University']);
      const byClass = await t.asAdmin('GET', `/pairings?westernClassId=${ids.londonClass}`);
      expect(byClass.body.items.map((p: { id: string }) => p.id)).toEqual([ids.londonPairing]);
    });
  });

  describe('validation', () => {
    const countInstitutions = async () => (await t.asAdmin('GET', '/institutions?pageSize=1')).body.total;

    it.each([
      ['an invalid zone', { timeZone: 'Asia/Beijing' }, 'timeZone', 'IANA time zone'],
      ['an unknown field', { founded: 1898 }, 'founded', 'should not exist'],
      [
        'a bad wall-clock time',
        { classPeriods: [{ name: 'x', weekday: 1, localStart: '8am', localEnd: '09:00' }] },
        'classPeriods[0].localStart',
        'HH:mm',
      ],
      [
        'a weekday out of range',
        { classPeriods: [{ name: 'x', weekday: 8, localStart: '08:00', localEnd: '09:00' }] },
        'classPeriods[0].weekday',
        '7',
      ],
    ])('refuses %s with a 400 naming the field, writing nothing', async (_, change, field, hint) => {
      const before = await countInstitutions();
      const response = await t.asAdmin('POST', '/institutions', { ...make.zhejiang(), ...change });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.errors).toContainEqual({ field, message: expect.stringContaining(hint) });
      expect(await countInstitutions()).toBe(before);
    });

    it('refuses an end before the start (422) and writes nothing', async () => {
      const before = await countInstitutions();
      const response = await t.asAdmin('POST', '/institutions', {
        ...make.zhejiang(),
        classPeriods: [{ name: 'x', weekday: 1, localStart: '10:00', localEnd: '09:00' }],
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ field: 'classPeriods[0].localEnd', message: expect.stringContaining('after localStart') }]);
      expect(await countInstitutions()).toBe(before);
      const term = await t.asAdmin('POST', '/terms', make.term(ids.kashgar, { startLocalDate: '2027-01-15', endLocalDate: '2026-09-07' }));
      expect(term.status).toBe(422);
    });

    it('refuses a reference to an unknown record (422) naming the field', async () => {
      const response = await t.asAdmin('POST', '/courses', make.course('6a1f2a8e-0000-4000-8000-000000000000'));
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ field: 'institutionId', message: expect.stringContaining('no institution') }]);
    });

    it('refuses an oversized body with 413', async () => {
      const before = await countInstitutions();
      const huge = { ...make.zhejiang(), nameEn: 'x'.repeat(2 * 1024 * 1024) };
      const response = await t.asAdmin('POST', '/institutions', huge);
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ status: 413 });
      expect(await countInstitutions()).toBe(before);
    });

    it('refuses malformed JSON with 400', async () => {
      const response = await t.asAdmin('POST', '/institutions', '{"nameEn": ');
      expect(response.status).toBe(400);
      expect(response.body.status).toBe(400);
    });
  });

  describe('hand-made joint sessions', () => {
    // Monday 2026-09-28: Kashgar 第3-4节 10:00-11:35 Asia/Urumqi = 04:00-05:35 UTC = 12:00-13:35 Beijing.
    const kashgarPeriod = '2026-09-28T04:00:00Z';

    it("books a session inside both parties' rules and shows every party's local time", async () => {
      const response = await t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids.pairing,
        startsAt: '2026-09-28T12:00:00+08:00',
        durationMinutes: 95,
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        startsAt: '2026-09-28T04:00:00.000Z',
        endsAt: '2026-09-28T05:35:00.000Z',
        status: 'scheduled',
        version: 1,
        anchorTimeZone: 'Asia/Urumqi',
        instructor: {
          id: ids.liWei,
          local: [{ timeZone: 'Asia/Shanghai', utcOffset: '+08:00', start: '2026-09-28 12:00', end: '2026-09-28 13:35' }],
        },
        westernClasses: [
          {
            id: ids.kashgarClass,
            local: [
              { timeZone: 'Asia/Urumqi', utcOffset: '+06:00', start: '2026-09-28 10:00', end: '2026-09-28 11:35' },
              { timeZone: 'Asia/Shanghai', start: '2026-09-28 12:00' },
            ],
          },
        ],
      });
      ids.session = response.body.id;
    });

    it('refuses to double-book the instructor (409), saying which rule and when', async () => {
      const before = (await t.asAdmin('GET', '/joint-sessions')).body.total;
      const response = await t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids.pairing2,
        startsAt: kashgarPeriod,
        durationMinutes: 95,
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('SLOT_REJECTED');
      expect(response.body.violations).toContainEqual(expect.objectContaining({ code: 'INSTRUCTOR_DOUBLE_BOOKED' }));
      expect(response.body.detail).toMatch(/Asia\/Shanghai/);
      expect(response.body.detail).toMatch(/Asia\/Urumqi/);
      expect((await t.asAdmin('GET', '/joint-sessions')).body.total).toBe(before);
    });

    it("refuses a slot outside the instructor's availability (422), in both local times", async () => {
      // 15:30 Urumqi (第5-6节) = 17:30 Beijing, after Li Wei's 08:00-14:00.
      const response = await t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids.pairing2,
        startsAt: '2026-09-29T09:30:00Z',
        durationMinutes: 95,
      });
      expect(response.status).toBe(422);
      const codes = response.body.violations.map((v: { code: string }) => v.code);
      expect(codes).toContain('OUTSIDE_INSTRUCTOR_AVAILABILITY');
      expect(response.body.detail).toContain('17:30');
      expect(response.body.detail).toContain('15:30');
    });

    it("refuses a slot outside the London class's periods, and books one inside, in winter and summer", async () => {
      const noon = await t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids.londonPairing,
        startsAt: '2026-11-23T12:00:00Z',
        durationMinutes: 90,
      });
      expect(noon.status).toBe(422);
      expect(noon.body.violations.map((v: { code: string }) => v.code)).toContain('OUTSIDE_CLASS_PERIODS');
      expect(noon.body.detail).toContain('Europe/London');

      // Monday 17:30 London: GMT in November (01:30 Beijing), BST in May (00:30 Beijing).
      const winter = await t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids.londonPairing,
        startsAt: '2026-11-23T17:30:00Z',
        durationMinutes: 90,
      });
      expect(winter.status).toBe(201);
      expect(winter.body.instructor.local[0]).toMatchObject({ start: '2026-11-24 01:30', utcOffset: '+08:00' });
      expect(winter.body.westernClasses[0].local[0]).toMatchObject({
        timeZone: 'Europe/London',
        start: '2026-11-23 17:30',
        utcOffset: '+00:00',
      });
      const summer = await t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids.londonPairing,
        startsAt: '2027-05-03T16:30:00Z',
        durationMinutes: 90,
      });
      expect(summer.status).toBe(201);
      expect(summer.body.instructor.local[0]).toMatchObject({ start: '2027-05-04 00:30' });
      expect(summer.body.westernClasses[0].local[0]).toMatchObject({ start: '2027-05-03 17:30', utcOffset: '+01:00' });
    });

    it('checks a slot without booking it', async () => {
      const response = await t.asAdmin('POST', '/joint-sessions/check', {
        pairingId: ids.pairing2,
        startsAt: kashgarPeriod,
        durationMinutes: 95,
      });
      expect(response.status).toBe(200);
      expect(response.body.bookable).toBe(false);
      expect(response.body.violations[0].code).toBe('INSTRUCTOR_DOUBLE_BOOKED');
    });

    it('answers 400 naming startsAt for a date that does not exist (not a 500, not 2 March)', async () => {
      for (const path of ['/joint-sessions/check', '/joint-sessions']) {
        const response = await t.asAdmin('POST', path, { pairingId: ids.pairing2, startsAt: '2027-02-30T07:55:00Z', durationMinutes: 95 });
        expect(response.status).toBe(400);
        expect(JSON.stringify(response.body)).toContain('startsAt');
      }
      const move = await t.asAdmin('POST', `/joint-sessions/${ids.session}/check`, { startsAt: '2026-04-31T02:00:00+08:00' });
      expect(move.status).toBe(400);
    });

    it('names one problem per field: what the value is, before its bounds', async () => {
      const response = await t.asAdmin('POST', '/joint-sessions/check', {
        pairingId: ids.pairing2,
        startsAt: kashgarPeriod,
        durationMinutes: '95',
      });
      expect(response.status).toBe(400);
      // Not also "must not be greater than 480" and "must not be less than 15" for a number sent as text.
      expect(response.body.errors).toEqual([{ field: 'durationMinutes', message: expect.stringContaining('integer') }]);
      // A list sent as text: "must be an array", not also "each value must be a UUID".
      const notAList = await t.asAdmin('POST', '/joint-sessions/check', {
        pairingId: ids.pairing2,
        startsAt: kashgarPeriod,
        durationMinutes: 95,
        westernClassIds: 'one-class',
      });
      expect(notAList.body.errors).toEqual([{ field: 'westernClassIds', message: expect.stringContaining('array') }]);
    });

    it('checks a move without moving: the session never clashes with itself', async () => {
      const sameTime = await t.asAdmin('POST', `/joint-sessions/${ids.session}/check`, {});
      expect(sameTime).toMatchObject({ status: 200, body: { bookable: true, violations: [] } });
      const evening = await t.asAdmin('POST', `/joint-sessions/${ids.session}/check`, { startsAt: '2026-09-28T11:00:00Z' });
      expect(evening.body.bookable).toBe(false);
      expect(evening.body.violations.map((v: { code: string }) => v.code)).toContain('OUTSIDE_INSTRUCTOR_AVAILABILITY');
      const still = await t.asAdmin('GET', `/joint-sessions/${ids.session}`);
      expect(still.body.version).toBe(1);
    });

    it('moves a session (version grows) and cancels it (kept, freeing the slot)', async () => {
      const moved = await t.asAdmin('PATCH', `/joint-sessions/${ids.session}`, { startsAt: '2026-09-29T04:00:00Z' });
      expect(moved).toMatchObject({ status: 200, body: { startsAt: '2026-09-29T04:00:00.000Z', version: 2 } });
      const cancelled = await t.asAdmin('DELETE', `/joint-sessions/${ids.session}`);
      expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', version: 3 } });
      const rebooked = await t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids.pairing2,
        startsAt: '2026-09-29T04:00:00Z',
        durationMinutes: 95,
      });
      expect(rebooked.status).toBe(201);
    });

    it('never answers a session list from a stale cache after a change', async () => {
      const url = `/joint-sessions?instructorId=${ids.zhang}`;
      const first = await t.asAdmin('GET', url);
      const again = await t.asAdmin('GET', url);
      expect(again.body).toEqual(first.body);
      const sessionId = first.body.items[0].id;
      await t.asAdmin('PATCH', `/joint-sessions/${sessionId}`, { meetingUrl: 'https://meeting.example/changed' });
      const after = await t.asAdmin('GET', url);
      expect(after.body.items[0]).toMatchObject({ id: sessionId, meetingUrl: 'https://meeting.example/changed', version: 2 });
    });

    it('lists sessions with a viewer zone', async () => {
      const response = await t.asAdmin('GET', `/joint-sessions?instructorId=${ids.zhang}&viewTimeZone=America/New_York`);
      expect(response.body.total).toBe(2);
      expect(response.body.items[0].viewer).toMatchObject({ timeZone: 'America/New_York', start: '2026-11-23 12:30', utcOffset: '-05:00' });
    });
  });

  describe('service basics', () => {
    it('serves the OpenAPI document and page', async () => {
      const json = await t.asAdmin('GET', '/docs-json');
      expect(json.status).toBe(200);
      expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/institutions', '/joint-sessions', '/health/ready']));
      const page = await t.asAdmin('GET', '/docs');
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('swagger');
    });

    it('reports readiness with the database and Redis checked', async () => {
      const response = await t.asAdmin('GET', '/health/ready');
      expect(response.status).toBe(200);
      expect(response.body.details.database.status).toBe('up');
      expect(response.body.details.redis).toBeDefined();
    });

    it('echoes a request id', async () => {
      const response = await t.asAdmin('GET', '/institutions/6a1f2a8e-0000-4000-8000-000000000000', undefined, {
        'x-request-id': 'req-abc-123',
      });
      expect(response.body.requestId).toBe('req-abc-123');
    });
  });
});
