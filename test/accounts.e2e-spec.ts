import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as make from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

const PASSWORD = 'correct horse battery';

describe(`accounts on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;
  let kashgarId: string;

  /** POST /auth/login from a given client address (fastify inject sets the socket's address). */
  const login = async (email: string, password: string, remoteAddress = '203.0.113.7') => {
    const response = await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password }, remoteAddress });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://portal.example.edu.cn' } });
    kashgarId = (await t.asAdmin('POST', '/institutions', make.kashgar())).body.id;
    const created = await t.asAdmin('POST', '/users', {
      email: 'Rayila@Kashgar.example.edu.cn',
      displayName: '热依拉',
      role: 'institution_coordinator',
      institutionId: kashgarId,
      password: PASSWORD,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { email: 'rayila@kashgar.example.edu.cn', role: 'institution_coordinator', institutionId: kashgarId },
    });
    expect(created.body).not.toHaveProperty('passwordHash');
  });
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('signs in, refreshes with rotation, and a reused refresh token ends the whole sign-in', async () => {
    const first = await login('rayila@kashgar.example.edu.cn', PASSWORD);
    expect(first).toMatchObject({ status: 200, body: { tokenType: 'Bearer', expiresIn: 900, user: { role: 'institution_coordinator' } } });
    const me = await t.request('GET', '/auth/me', undefined, bearer(first.body.accessToken));
    expect(me.body).toMatchObject({ email: 'rayila@kashgar.example.edu.cn', institutionId: kashgarId, authenticatedWith: 'session' });

    const second = await t.request('POST', '/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await t.request('GET', '/auth/me', undefined, bearer(second.body.accessToken))).status).toBe(200);

    // The first refresh token was used already: presenting it again means it leaked.
    const reused = await t.request('POST', '/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(reused).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    // The whole family is revoked: the newest refresh token and the access tokens stop working too.
    expect((await t.request('POST', '/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
    expect((await t.request('GET', '/auth/me', undefined, bearer(second.body.accessToken))).status).toBe(401);
    // Another sign-in is unaffected.
    const other = await login('rayila@kashgar.example.edu.cn', PASSWORD);
    expect((await t.request('GET', '/auth/me', undefined, bearer(other.body.accessToken))).status).toBe(200);
  }, 60_000);

  it('expires access tokens after 15 minutes and refresh tokens after 30 days', async () => {
    const signedIn = await login('rayila@kashgar.example.edu.cn', PASSWORD);
    t.clock.advance({ minutes: 15, seconds: 1 });
    expect((await t.request('GET', '/auth/me', undefined, bearer(signedIn.body.accessToken))).status).toBe(401);
    const refreshed = await t.request('POST', '/auth/refresh', { refreshToken: signedIn.body.refreshToken });
    expect(refreshed.status).toBe(200);
    t.clock.advance({ days: 31 });
    expect((await t.request('POST', '/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  }, 60_000);

  it('logs out: the access token and its refresh token stop working', async () => {
    const signedIn = await login('rayila@kashgar.example.edu.cn', PASSWORD);
    expect((await t.request('POST', '/auth/logout', {}, bearer(signedIn.body.accessToken))).status).toBe(204);
    expect((await t.request('GET', '/auth/me', undefined, bearer(signedIn.body.accessToken))).status).toBe(401);
    expect((await t.request('POST', '/auth/refresh', { refreshToken: signedIn.body.refreshToken })).status).toBe(401);
  }, 60_000);

  it('changes the password: the old one and every other sign-in stop working', async () => {
    const elsewhere = await login('rayila@kashgar.example.edu.cn', PASSWORD);
    const here = await login('rayila@kashgar.example.edu.cn', PASSWORD);
    const short = await t.request(
      'POST',
      '/auth/password',
      { currentPassword: PASSWORD, newPassword: 'short' },
      bearer(here.body.accessToken),
    );
    expect(short).toMatchObject({ status: 422, body: { errors: [{ field: 'newPassword' }] } });
    const wrong = await t.request(
      'POST',
      '/auth/password',
      { currentPassword: 'not it at all', newPassword: 'a much longer passphrase' },
      bearer(here.body.accessToken),
    );
    expect(wrong).toMatchObject({ status: 422, body: { errors: [{ field: 'currentPassword' }] } });

    const changed = await t.request(
      'POST',
      '/auth/password',
      { currentPassword: PASSWORD, newPassword: 'a much longer passphrase' },
      bearer(here.body.accessToken),
    );
    expect(changed.status).toBe(200);
    expect((await t.request('GET', '/auth/me', undefined, bearer(changed.body.accessToken))).status).toBe(200);
    expect((await t.request('GET', '/auth/me', undefined, bearer(elsewhere.body.accessToken))).status).toBe(401);
    expect((await t.request('POST', '/auth/refresh', { refreshToken: elsewhere.body.refreshToken })).status).toBe(401);
    expect((await login('rayila@kashgar.example.edu.cn', PASSWORD, '198.51.100.1')).status).toBe(401);
    expect((await login('rayila@kashgar.example.edu.cn', 'a much longer passphrase', '198.51.100.1')).status).toBe(200);
    await t.asAdmin('PATCH', `/users/${changed.body.user.id}`, { password: PASSWORD });
  }, 60_000);

  it('API tokens: shown once, stored hashed, act as their user, revocable, cannot make more tokens', async () => {
    const session = await login('rayila@kashgar.example.edu.cn', PASSWORD);
    const created = await t.request('POST', '/auth/api-tokens', { name: 'Reporting sync' }, bearer(session.body.accessToken));
    expect(created).toMatchObject({ status: 201, body: { name: 'Reporting sync', revokedAt: null } });
    const token: string = created.body.token;
    expect(token).toMatch(/^ews_[\w-]{43}$/);
    expect(created.body.prefix).toBe(token.slice(0, 12));

    const listed = await t.request('GET', '/auth/api-tokens', undefined, bearer(session.body.accessToken));
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const me = await t.request('GET', '/auth/me', undefined, bearer(token));
    expect(me.body).toMatchObject({ role: 'institution_coordinator', authenticatedWith: 'api_token' });
    expect((await t.request('GET', '/institutions', undefined, bearer(token))).body.items.map((i: { id: string }) => i.id)).toEqual([
      kashgarId,
    ]);
    expect((await t.request('POST', '/auth/api-tokens', { name: 'another' }, bearer(token))).status).toBe(403);
    expect(
      (await t.request('POST', '/auth/password', { currentPassword: PASSWORD, newPassword: 'whatever whatever' }, bearer(token))).status,
    ).toBe(403);

    const revoked = await t.request('DELETE', `/auth/api-tokens/${created.body.id}`, undefined, bearer(session.body.accessToken));
    expect(revoked.body.revokedAt).toBe(t.clock.now().toUTC().toISO());
    expect((await t.request('GET', '/auth/me', undefined, bearer(token))).status).toBe(401);
    // Another user cannot see or revoke it.
    expect((await t.as('program_coordinator')('DELETE', `/auth/api-tokens/${created.body.id}`)).status).toBe(404);
  }, 60_000);

  it('never reveals whether an email exists: same answer, similar time', async () => {
    const unknown = await login('nobody@kashgar.example.edu.cn', 'some password', '192.0.2.10');
    const wrong = await login('rayila@kashgar.example.edu.cn', 'some password', '192.0.2.10');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(unknown.body.detail).toBe('Email or password is wrong.');

    // Both paths run one scrypt check; compare medians of a few tries from fresh addresses.
    const time = async (email: string, address: string) => {
      const start = process.hrtime.bigint();
      await login(email, 'some password', address);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    for (let i = 0; i < 4; i++) {
      unknownTimes.push(await time(`nobody${i}@kashgar.example.edu.cn`, `192.0.2.${20 + i}`));
      wrongTimes.push(await time('rayila@kashgar.example.edu.cn', `192.0.2.${40 + i}`));
    }
    const ratio = median(unknownTimes) / median(wrongTimes);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    expect(median(wrongTimes)).toBeGreaterThan(10);
  }, 60_000);

  it('limits sign-in failures per account (5 in 15 minutes) with 429 and Retry-After, then lets the owner in again', async () => {
    const email = 'rayila@kashgar.example.edu.cn';
    t.clock.advance({ hours: 1 });
    for (let i = 0; i < 5; i++) expect((await login(email, `guess ${i}`, `198.18.0.${i + 1}`)).status).toBe(401);
    const limited = await login(email, PASSWORD, '198.18.1.1');
    expect(limited).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBe(15 * 60);
    // The same answer for an email nobody has, once it is limited: no enumeration through 429 either.
    for (let i = 0; i < 5; i++) await login('ghost@kashgar.example.edu.cn', `guess ${i}`, `198.18.2.${i + 1}`);
    expect((await login('ghost@kashgar.example.edu.cn', 'x', '198.18.3.1')).status).toBe(429);
    t.clock.advance({ minutes: 15, seconds: 1 });
    expect((await login(email, PASSWORD, '198.18.1.1')).status).toBe(200);
  }, 60_000);

  it('limits sign-in failures per address (30 in 15 minutes), not other addresses', async () => {
    t.clock.advance({ hours: 1 });
    for (let i = 0; i < 30; i++) expect((await login(`spray${i}@example.edu.cn`, 'password1', '198.51.100.99')).status).toBe(401);
    expect((await login('rayila@kashgar.example.edu.cn', PASSWORD, '198.51.100.99')).status).toBe(429);
    expect((await login('rayila@kashgar.example.edu.cn', PASSWORD, '198.51.100.100')).status).toBe(200);
  }, 120_000);

  it('administers users: links checked, sign-ins end on a role change, no self-lockout', async () => {
    const missingInstitution = await t.asAdmin('POST', '/users', {
      email: 'x@example.edu.cn',
      displayName: 'X',
      role: 'institution_coordinator',
      password: PASSWORD,
    });
    expect(missingInstitution).toMatchObject({ status: 422, body: { errors: [{ field: 'institutionId' }] } });
    const teacherWithout = await t.asAdmin('POST', '/users', {
      email: 'y@example.edu.cn',
      displayName: 'Y',
      role: 'teacher',
      password: PASSWORD,
    });
    expect(teacherWithout).toMatchObject({ status: 422, body: { errors: [{ field: 'instructorId' }] } });
    const duplicate = await t.asAdmin('POST', '/users', {
      email: 'RAYILA@kashgar.example.edu.cn',
      displayName: 'Dup',
      role: 'analyst',
      password: PASSWORD,
    });
    expect(duplicate.status).toBe(409);

    const user = (await t.asAdmin('GET', '/users?search=rayila')).body.items[0];
    const signedIn = await login(user.email, PASSWORD, '198.51.100.150');
    expect((await t.asAdmin('PATCH', `/users/${user.id}`, { role: 'analyst' })).body).toMatchObject({
      role: 'analyst',
      institutionId: null,
    });
    expect((await t.request('POST', '/auth/refresh', { refreshToken: signedIn.body.refreshToken })).status).toBe(401);
    await t.asAdmin('PATCH', `/users/${user.id}`, { role: 'institution_coordinator', institutionId: kashgarId });

    const adminId = (await t.asAdmin('GET', '/auth/me')).body.id;
    expect((await t.asAdmin('DELETE', `/users/${adminId}`)).status).toBe(422);
    const spare = await t.asAdmin('POST', '/users', {
      email: 'spare@example.edu.cn',
      displayName: 'Spare',
      role: 'analyst',
      password: PASSWORD,
    });
    expect((await t.asAdmin('DELETE', `/users/${spare.body.id}`)).status).toBe(204);
    expect((await t.asAdmin('GET', `/users/${spare.body.id}`)).status).toBe(404);
  }, 60_000);

  it('sends security headers on every answer and allows only the configured CORS origin', async () => {
    for (const url of ['/health/live', '/institutions', '/docs']) {
      const response = await t.request('GET', url);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'referrer-policy': 'no-referrer',
      });
    }
    const preflight = async (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/auth/login',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight('https://portal.example.edu.cn')).headers['access-control-allow-origin']).toBe('https://portal.example.edu.cn');
    expect((await preflight('https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
  });
});
