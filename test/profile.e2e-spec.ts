import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './test-app.js';

describe('a person’s own settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('remembers the language per user, refuses one it does not speak', async () => {
    const analyst = t.as('analyst');
    const changed = await analyst('PATCH', '/auth/me', { locale: 'en' });
    expect(changed).toMatchObject({ status: 200, body: { locale: 'en' } });
    expect((await analyst('GET', '/auth/me')).body.locale).toBe('en');
    const bad = await analyst('PATCH', '/auth/me', { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('locale');
    expect((await t.request('PATCH', '/auth/me', { locale: 'en' })).status).toBe(401);
  });
});
