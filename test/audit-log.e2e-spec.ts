import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as make from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

describe(`audit log on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;
  const ids = {} as Record<'zhejiang' | 'kashgar' | 'term' | 'liWei' | 'course' | 'class' | 'pairing', string>;

  beforeAll(async () => {
    t = await createTestApp();
    const post = async (url: string, body: unknown) => (await t.asAdmin('POST', url, body)).body.id as string;
    ids.zhejiang = await post('/institutions', make.zhejiang());
    ids.kashgar = await post('/institutions', make.kashgar());
    ids.term = await post('/terms', make.term(ids.kashgar));
    ids.liWei = await post('/instructors', make.instructor(ids.zhejiang));
    ids.course = await post('/courses', make.course(ids.zhejiang));
    ids.class = await post('/western-classes', make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.term }));
    ids.pairing = await post(
      '/pairings',
      make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.term, westernClassIds: [ids.class] }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const entries = async (query: string) => {
    const response = await t.asAdmin('GET', `/audit-log?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('records who changed an institution, when, and the record before and after', async () => {
    const coordinator = t.as('institution_coordinator', { institutionId: ids.kashgar });
    const coordinatorId = (await coordinator('GET', '/auth/me')).body.id;
    t.clock.set('2026-11-23T02:00:00Z');
    expect((await coordinator('PATCH', `/institutions/${ids.kashgar}`, { secondaryTimeZone: null })).status).toBe(200);

    const page = await entries(`entityType=institution&entityId=${ids.kashgar}`);
    expect(page.total).toBe(2);
    const [update, create] = page.items;
    expect(update).toMatchObject({
      at: '2026-11-23T02:00:00.000Z',
      actorId: coordinatorId,
      actorRole: 'institution_coordinator',
      entityType: 'institution',
      entityId: ids.kashgar,
      action: 'update',
      before: { id: ids.kashgar, nameEn: 'Kashgar University', timeZone: 'Asia/Urumqi', secondaryTimeZone: 'Asia/Shanghai' },
      after: { id: ids.kashgar, nameEn: 'Kashgar University', timeZone: 'Asia/Urumqi', secondaryTimeZone: null },
    });
    expect(create).toMatchObject({ action: 'create', actorRole: 'admin', before: null, after: { nameEn: 'Kashgar University' } });
  });

  it('records pairing changes and the life of a joint session', async () => {
    t.clock.set('2026-11-24T00:00:00Z');
    expect((await t.asAdmin('PATCH', `/pairings/${ids.pairing}`, { status: 'proposed' })).status).toBe(200);
    const pairing = await entries(`entityType=pairing&entityId=${ids.pairing}`);
    expect(pairing.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(pairing.items[0]).toMatchObject({ before: { status: 'confirmed' }, after: { status: 'proposed' } });

    t.clock.advance({ minutes: 1 });
    // Monday 30 Nov 2026, 10:00 in Kashgar (UTC+6) = 12:00 in Hangzhou = 04:00Z.
    const placed = await t.asAdmin('POST', '/joint-sessions', {
      pairingId: ids.pairing,
      startsAt: '2026-11-30T04:00:00Z',
      durationMinutes: 95,
    });
    expect(placed.status).toBe(201);
    t.clock.advance({ minutes: 1 });
    expect((await t.asAdmin('PATCH', `/joint-sessions/${placed.body.id}`, { meetingUrl: 'https://meeting.tencent.com/dm/x' })).status).toBe(
      200,
    );
    t.clock.advance({ minutes: 1 });
    expect((await t.asAdmin('DELETE', `/joint-sessions/${placed.body.id}`)).status).toBe(200);

    const session = await entries(`entityType=joint_session&entityId=${placed.body.id}`);
    expect(session.items.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);
    const [cancel, move, create] = session.items;
    expect(create).toMatchObject({ before: null, after: { startsAt: '2026-11-30T04:00:00.000Z', status: 'scheduled', version: 1 } });
    expect(move).toMatchObject({
      before: { meetingUrl: null, version: 1 },
      after: { meetingUrl: 'https://meeting.tencent.com/dm/x', version: 2 },
    });
    expect(cancel).toMatchObject({ before: { status: 'scheduled' }, after: { status: 'cancelled', version: 3 } });
  });

  it('a refused change writes no audit entry (same unit of work)', async () => {
    const before = (await entries('entityType=joint_session')).total;
    // 03:00 in Kashgar is outside every class period: refused.
    const refused = await t.asAdmin('POST', '/joint-sessions', {
      pairingId: ids.pairing,
      startsAt: '2026-11-30T21:00:00Z',
      durationMinutes: 95,
    });
    expect(refused.status).toBe(422);
    const institutionsBefore = (await entries('entityType=institution')).total;
    const inUse = await t.asAdmin('DELETE', `/institutions/${ids.zhejiang}`);
    expect(inUse.status).toBe(409);
    expect((await entries('entityType=joint_session')).total).toBe(before);
    expect((await entries('entityType=institution')).total).toBe(institutionsBefore);
  });

  it('is paged, newest first, and readable by administrators only', async () => {
    const page = await entries('page=1&pageSize=2');
    expect(page).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0].at >= page.items[1].at).toBe(true);
    for (const role of ['program_coordinator', 'analyst'] as const) expect((await t.as(role)('GET', '/audit-log')).status).toBe(403);
    expect((await t.request('GET', '/audit-log')).status).toBe(401);
    expect((await t.asAdmin('GET', '/audit-log?entityType=user')).status).toBe(400);
  });
});
