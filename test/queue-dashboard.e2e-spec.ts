import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './test-app.js';

/** bull-board's routes are plain Fastify routes: they are guarded by their own hook, admin only. */
describe(`queue dashboard on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('an administrator gets the dashboard page and its queue list', async () => {
    const page = await t.asAdmin('GET', '/admin/queues');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    const queues = await t.asAdmin('GET', '/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    expect((queues.body as { queues: { name: string }[] }).queues.map((q) => q.name).sort()).toEqual([
      'activities',
      'notifications',
      'planning',
    ]);
  });

  it('a coordinator gets 403 and no credential 401, on the page, the API and the static files', async () => {
    const coordinator = t.as('program_coordinator');
    for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/js/main.js']) {
      const denied = await coordinator('GET', url);
      expect({ url, status: denied.status, code: denied.body?.code }).toEqual({ url, status: 403, code: 'FORBIDDEN' });
      const anonymous = await t.request('GET', url);
      expect({ url, status: anonymous.status, code: anonymous.body?.code }).toEqual({ url, status: 401, code: 'UNAUTHENTICATED' });
      const forged = await t.request('GET', url, undefined, { authorization: 'Bearer not-a-token' });
      expect(forged.status).toBe(401);
    }
  });
});
