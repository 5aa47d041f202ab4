import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '#scheduling';
import { routeTable } from '../apps/api/src/bootstrap.js';
import * as make from './factories.js';
import { createTestApp, type Requester, type TestApp } from './test-app.js';

/**
 * Deny by default, proved on the router's own table: every route answers 401 without credentials
 * unless it is in this explicit list of public routes. A new route that forgets its guard (or is
 * registered on Fastify around Nest's guard) fails here.
 */
const PUBLIC_ROUTES: RegExp[] = [
  /^GET \/health\/(live|ready)$/,
  /^GET \/docs(\/.*|-json|-yaml)?$/, // Swagger UI and the OpenAPI document
  /^GET \/docs\/\*$/,
  /^GET \/$/, // the web app's index.html
  /^GET \/assets\/\*$/, // its hashed bundles
  /^POST \/auth\/(login|refresh)$/,
  /^GET \/calendar\/:file$/, // iCalendar feeds: the secret token in the file name is the credential
];

const ROLES: Role[] = ['admin', 'program_coordinator', 'institution_coordinator', 'teacher', 'analyst'];
const UNKNOWN_ID = '6a1f2a8e-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: ids become an unknown UUID, wildcards a file name. */
const concrete = (url: string) =>
  url
    .replace(/:id\b/g, UNKNOWN_ID)
    .replace(/:(\w+)/g, 'x')
    .replace(/\*$/, 'x.js');
const isPublic = (method: string, url: string) => PUBLIC_ROUTES.some((pattern) => pattern.test(`${method} ${url}`));

describe(`access control on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;
  let routes: { method: string; url: string }[];
  const ids = {} as Record<
    | 'zhejiang'
    | 'kashgar'
    | 'london'
    | 'zjTerm'
    | 'ksTerm'
    | 'ldTerm'
    | 'liWei'
    | 'host'
    | 'course'
    | 'ksClass'
    | 'ldClass'
    | 'ksPairing'
    | 'ldPairing'
    | 'ksSession'
    | 'ldSession',
    string
  >;
  let kashgarCoordinator: Requester;
  let teacher: Requester;

  beforeAll(async () => {
    t = await createTestApp();
    routes = routeTable(t.app).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    const post = async (url: string, body: unknown) => {
      const response = await t.asAdmin('POST', url, body);
      expect({ url, status: response.status, body: response.body }).toMatchObject({ status: 201 });
      return response.body.id as string;
    };
    ids.zhejiang = await post('/institutions', make.zhejiang());
    ids.kashgar = await post('/institutions', make.kashgar());
    ids.london = await post('/institutions', make.london());
    ids.zjTerm = await post('/terms', make.term(ids.zhejiang));
    ids.ksTerm = await post('/terms', make.term(ids.kashgar));
    ids.ldTerm = await post('/terms', make.term(ids.london, { endLocalDate: '2027-06-30' }));
    ids.liWei = await post(
      '/instructors',
      make.instructor(ids.zhejiang, {
        availability: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, localStart: '00:00', localEnd: '23:59' })),
      }),
    );
    ids.host = await post('/instructors', make.instructor(ids.kashgar, { name: '阿依古丽', role: 'host', timeZone: 'Asia/Urumqi' }));
    ids.course = await post('/courses', make.course(ids.zhejiang));
    ids.ksClass = await post(
      '/western-classes',
      make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.ksTerm, hostTeacherId: ids.host }),
    );
    ids.ldClass = await post(
      '/western-classes',
      make.westernClass(
        { institutionId: ids.london, courseId: ids.course, termId: ids.ldTerm },
        { name: 'MSc', allowedPeriodNames: ['Evening'] },
      ),
    );
    ids.ksPairing = await post(
      '/pairings',
      make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.ksTerm, westernClassIds: [ids.ksClass] }),
    );
    ids.ldPairing = await post(
      '/pairings',
      make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.ldTerm, westernClassIds: [ids.ldClass] }),
    );
    // Monday 28 Sep 2026: 10:00 in Kashgar (UTC+6) = 04:00Z; 17:00 in London (BST) = 16:00Z.
    ids.ksSession = await post('/joint-sessions', { pairingId: ids.ksPairing, startsAt: '2026-09-28T04:00:00Z', durationMinutes: 95 });
    ids.ldSession = await post('/joint-sessions', { pairingId: ids.ldPairing, startsAt: '2026-09-29T16:00:00Z', durationMinutes: 90 });
    kashgarCoordinator = t.as('institution_coordinator', { institutionId: ids.kashgar });
    teacher = t.as('teacher', { instructorId: ids.host });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the route table holds the API, the docs and the public routes', () => {
    const seen = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const route of [
      'GET /institutions',
      'POST /joint-sessions',
      'POST /auth/login',
      'GET /audit-log',
      'GET /health/live',
      'GET /docs-json',
    ])
      expect(seen).toContain(route);
  });

  it('every route that is not explicitly public answers 401 without credentials', async () => {
    const answers = [];
    for (const route of routes) {
      const response = await t.request(route.method, concrete(route.url), ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined);
      answers.push({ route: `${route.method} ${route.url}`, status: response.status });
    }
    const guarded = answers.filter((a) => !isPublic(...(a.route.split(' ') as [string, string])));
    expect(guarded.length).toBeGreaterThan(30);
    expect(guarded.filter((a) => a.status !== 401)).toEqual([]);
    // Public ones answer something other than 401 (they really are public).
    expect(answers.filter((a) => isPublic(...(a.route.split(' ') as [string, string])) && a.status === 401)).toEqual([]);
  });

  it('a forged, expired or revoked credential is refused like none', async () => {
    const token = await t.tokenFor('admin');
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect((await t.request('GET', '/institutions', undefined, { authorization: `Bearer ${tampered}` })).status).toBe(401);
    expect((await t.request('GET', '/institutions', undefined, { authorization: 'Bearer ews_not-a-real-token' })).status).toBe(401);
    expect((await t.request('GET', '/institutions', undefined, { authorization: `Basic ${token}` })).status).toBe(401);
    t.clock.advance({ minutes: 16 });
    const expired = await t.request('GET', '/institutions', undefined, { authorization: `Bearer ${token}` });
    t.clock.advance({ minutes: -16 });
    expect(expired).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { code: 'UNAUTHENTICATED' } });
  });

  it('every guarded route declares an access rule: an administrator is never refused with 403', async () => {
    const refused = [];
    for (const route of routes.filter((r) => !isPublic(r.method, r.url))) {
      const response = await t.asAdmin(route.method, concrete(route.url), ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined);
      if (response.status === 401 || response.status === 403)
        refused.push({ route: `${route.method} ${route.url}`, status: response.status, detail: response.body?.detail });
    }
    expect(refused).toEqual([]);
  });

  /**
   * The role matrix: which roles pass the guard on each route ('admin' always does). A role not
   * listed gets 403 before any record is read. Routes of features outside this table are checked
   * against the same rule below, from their own @Roles.
   */
  const coordinators: Role[] = ['program_coordinator', 'institution_coordinator'];
  const readers: Role[] = [...coordinators, 'analyst'];
  const everyone: Role[] = ['program_coordinator', 'institution_coordinator', 'teacher', 'analyst'];
  const MATRIX: Record<string, Role[]> = {
    'POST /institutions': ['program_coordinator'],
    'GET /institutions': readers,
    'GET /institutions/:id': readers,
    'PATCH /institutions/:id': coordinators,
    'DELETE /institutions/:id': ['program_coordinator'],
    ...Object.fromEntries(
      ['terms', 'courses', 'western-classes', 'pairings'].flatMap((path) => [
        [`POST /${path}`, coordinators],
        [`GET /${path}`, readers],
        [`GET /${path}/:id`, readers],
        [`PATCH /${path}/:id`, coordinators],
        [`DELETE /${path}/:id`, coordinators],
      ]),
    ),
    'POST /instructors': coordinators,
    'GET /instructors': [...readers, 'teacher'],
    'GET /instructors/:id': [...readers, 'teacher'],
    'PATCH /instructors/:id': [...coordinators, 'teacher'],
    'DELETE /instructors/:id': coordinators,
    'POST /joint-sessions': coordinators,
    'POST /joint-sessions/check': coordinators,
    'GET /joint-sessions': [...readers, 'teacher'],
    'GET /joint-sessions/:id': [...readers, 'teacher'],
    'PATCH /joint-sessions/:id': coordinators,
    'DELETE /joint-sessions/:id': coordinators,
    'POST /auth/logout': everyone,
    'POST /auth/password': everyone,
    'GET /auth/me': everyone,
    'PATCH /auth/me': everyone,
    'POST /auth/api-tokens': everyone,
    'GET /auth/api-tokens': everyone,
    'DELETE /auth/api-tokens/:id': everyone,
    'POST /users': [],
    'GET /users': [],
    'GET /users/:id': [],
    'PATCH /users/:id': [],
    'DELETE /users/:id': [],
    'GET /audit-log': [],
  };

  it.each(ROLES.filter((role) => role !== 'admin'))('%s gets 403 exactly on the routes its role may not call', async (role) => {
    const as = role === 'institution_coordinator' ? kashgarCoordinator : role === 'teacher' ? teacher : t.as(role);
    const wrong = [];
    for (const route of routes.filter((r) => !isPublic(r.method, r.url))) {
      const key = `${route.method} ${route.url}`;
      const allowed = MATRIX[key]?.includes(role);
      if (allowed === undefined) continue;
      const response = await as(route.method, concrete(route.url), ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined);
      const refused = response.status === 403;
      if (response.status === 401 || refused === allowed)
        wrong.push({ route: key, status: response.status, expected: allowed ? 'pass the guard' : 403 });
    }
    expect(wrong).toEqual([]);
  });

  it('the matrix covers every route of accounts, catalog and sessions', () => {
    const ours = routes
      .map((r) => `${r.method} ${r.url}`)
      .filter(
        (key) =>
          // The resources themselves (features hung under them, like reminder settings, have their own suites).
          (/^\w+ \/(institutions|terms|instructors|courses|western-classes|pairings|joint-sessions|users)(\/:id)?$/.test(key) ||
            /^\w+ \/(auth\/.*|audit-log|joint-sessions\/check)$/.test(key)) &&
          !isPublic(...(key.split(' ') as [string, string])),
      );
    expect(ours.length).toBeGreaterThanOrEqual(Object.keys(MATRIX).length);
    expect(ours.filter((key) => !(key in MATRIX))).toEqual([]);
  });

  describe('an institution coordinator of Kashgar', () => {
    it('reads Kashgar and its records, and gets 404 for Zhejiang and London', async () => {
      expect((await kashgarCoordinator('GET', `/institutions/${ids.kashgar}`)).status).toBe(200);
      for (const url of [
        `/institutions/${ids.zhejiang}`,
        `/institutions/${ids.london}`,
        `/terms/${ids.zjTerm}`,
        `/terms/${ids.ldTerm}`,
        `/instructors/${ids.liWei}`,
        `/western-classes/${ids.ldClass}`,
        `/pairings/${ids.ldPairing}`,
        `/joint-sessions/${ids.ldSession}`,
      ]) {
        const response = await kashgarCoordinator('GET', url);
        expect({ url, status: response.status, body: JSON.stringify(response.body) }).toMatchObject({ status: 404 });
        expect(JSON.stringify(response.body)).not.toMatch(/Zhejiang|London|MSc/);
      }
      for (const url of [
        `/terms/${ids.ksTerm}`,
        `/instructors/${ids.host}`,
        `/western-classes/${ids.ksClass}`,
        `/pairings/${ids.ksPairing}`,
        `/joint-sessions/${ids.ksSession}`,
      ])
        expect({ url, status: (await kashgarCoordinator('GET', url)).status }).toEqual({ url, status: 200 });
    });

    it('lists only records of Kashgar (or involving it), even when asking for Zhejiang', async () => {
      const list = async (url: string) => (await kashgarCoordinator('GET', url)).body.items.map((item: { id: string }) => item.id);
      expect(await list('/institutions')).toEqual([ids.kashgar]);
      expect(await list('/terms')).toEqual([ids.ksTerm]);
      expect(await list('/instructors')).toEqual([ids.host]);
      expect(await list('/western-classes')).toEqual([ids.ksClass]);
      expect(await list('/pairings')).toEqual([ids.ksPairing]);
      expect(await list('/joint-sessions')).toEqual([ids.ksSession]);
      expect(await list(`/terms?institutionId=${ids.zhejiang}`)).toEqual([]);
      expect(await list(`/instructors?institutionId=${ids.zhejiang}`)).toEqual([]);
      expect(await list(`/joint-sessions?pairingId=${ids.ldPairing}`)).toEqual([]);
      // MOOCs are a public catalog: readable by every coordinator.
      expect(await list('/courses')).toEqual([ids.course]);
    });

    it("cannot change or delete another institution's records (404), nor create them (403)", async () => {
      expect((await kashgarCoordinator('PATCH', `/institutions/${ids.zhejiang}`, { province: 'X' })).status).toBe(404);
      expect((await kashgarCoordinator('PATCH', `/terms/${ids.zjTerm}`, { name: 'X' })).status).toBe(404);
      expect((await kashgarCoordinator('DELETE', `/western-classes/${ids.ldClass}`)).status).toBe(404);
      expect((await kashgarCoordinator('PATCH', `/pairings/${ids.ldPairing}`, { status: 'ended' })).status).toBe(404);
      expect((await kashgarCoordinator('PATCH', `/joint-sessions/${ids.ldSession}`, { meetingUrl: 'https://evil.example/x' })).status).toBe(
        404,
      );
      expect((await kashgarCoordinator('DELETE', `/joint-sessions/${ids.ldSession}`)).status).toBe(404);
      expect((await kashgarCoordinator('POST', '/terms', make.term(ids.zhejiang, { name: 'Sneaky' }))).status).toBe(403);
      expect((await kashgarCoordinator('POST', '/instructors', make.instructor(ids.zhejiang))).status).toBe(403);
      expect((await kashgarCoordinator('PATCH', `/courses/${ids.course}`, { title: 'X' })).status).toBe(403);
      // Booking a session of a pairing it does not reach reads as an unknown pairing.
      const booked = await kashgarCoordinator('POST', '/joint-sessions', {
        pairingId: ids.ldPairing,
        startsAt: '2026-10-06T16:00:00Z',
        durationMinutes: 90,
      });
      expect(booked.status).toBe(422);
      expect(booked.body.errors).toEqual([{ field: 'pairingId', message: `pairingId: no pairing with id ${ids.ldPairing}.` }]);
      // Nothing changed.
      expect((await t.asAdmin('GET', `/terms/${ids.zjTerm}`)).body.name).toBe('Autumn 2026');
      expect((await t.asAdmin('GET', `/joint-sessions/${ids.ldSession}`)).body.meetingUrl ?? null).toBeNull();
      expect((await t.asAdmin('GET', `/pairings/${ids.ldPairing}`)).body.status).toBe('confirmed');
    });

    it('changes its own records, and cannot move one out of Kashgar', async () => {
      expect((await kashgarCoordinator('PATCH', `/terms/${ids.ksTerm}`, { name: 'Autumn 2026 (Kashgar)' })).status).toBe(200);
      expect((await kashgarCoordinator('PATCH', `/instructors/${ids.host}`, { institutionId: ids.zhejiang })).status).toBe(403);
      expect(
        (
          await kashgarCoordinator(
            'POST',
            '/terms',
            make.term(ids.kashgar, { name: 'Spring 2027', startLocalDate: '2027-02-22', endLocalDate: '2027-07-02' }),
          )
        ).status,
      ).toBe(201);
    });
  });

  describe('a teacher', () => {
    it('sees their own profile and sessions only', async () => {
      expect((await teacher('GET', `/instructors/${ids.host}`)).status).toBe(200);
      expect((await teacher('GET', `/instructors/${ids.liWei}`)).status).toBe(404);
      expect((await teacher('GET', '/instructors')).body.items.map((i: { id: string }) => i.id)).toEqual([ids.host]);
      expect((await teacher('GET', '/joint-sessions')).body.items.map((s: { id: string }) => s.id)).toEqual([ids.ksSession]);
      expect((await teacher('GET', `/joint-sessions/${ids.ldSession}`)).status).toBe(404);
    });

    it('changes their own availability, but not their limits or institution', async () => {
      const availability = [{ weekday: 1, localStart: '09:00', localEnd: '12:00' }];
      expect((await teacher('PATCH', `/instructors/${ids.host}`, { availability })).body.availability).toEqual(availability);
      const limits = await teacher('PATCH', `/instructors/${ids.host}`, { maxSessionsPerWeek: 40 });
      expect(limits).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      expect((await teacher('PATCH', `/instructors/${ids.liWei}`, { availability })).status).toBe(404);
    });
  });

  it('an analyst reads everything and changes nothing', async () => {
    const analyst = t.as('analyst');
    expect((await analyst('GET', `/joint-sessions/${ids.ldSession}`)).status).toBe(200);
    expect((await analyst('GET', '/pairings')).body.total).toBe(2);
    expect((await analyst('PATCH', `/institutions/${ids.kashgar}`, { province: 'X' })).status).toBe(403);
    expect((await analyst('DELETE', `/joint-sessions/${ids.ksSession}`)).status).toBe(403);
    expect((await analyst('GET', '/audit-log')).status).toBe(403);
  });
});
