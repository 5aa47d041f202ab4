import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDemoProgram, demoCredentials } from '#demo';
import { createTestApp, type TestApp } from './test-app.js';

describe('demo accounts (DEMO_DATA=on)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { DEMO_DATA: 'on' } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("has one account per role, each signing in with its documented password (demo- + the email's local part)", async () => {
    const credentials = demoCredentials(buildDemoProgram().users, { random: false });
    expect(new Set(credentials.map((c) => c.role))).toEqual(
      new Set(['admin', 'program_coordinator', 'institution_coordinator', 'teacher', 'analyst']),
    );
    expect(credentials.find((c) => c.role === 'admin')).toEqual({ email: 'admin@demo.local', role: 'admin', password: 'demo-admin' });
    for (const credential of credentials) {
      const signedIn = await t.request('POST', '/auth/login', { email: credential.email, password: credential.password });
      expect({ email: credential.email, status: signedIn.status, role: signedIn.body.user?.role }).toEqual({
        email: credential.email,
        status: 200,
        role: credential.role,
      });
    }
  }, 30_000);

  it('the Kashgar coordinator sees Kashgar only; the host teacher sees their own sessions', async () => {
    const signIn = async (email: string) =>
      (await t.request('POST', '/auth/login', { email, password: `demo-${email.split('@')[0]}` })).body.accessToken as string;
    const coordinator = await signIn('coordinator.kashgar@demo.local');
    const institutions = await t.request('GET', '/institutions', undefined, { authorization: `Bearer ${coordinator}` });
    expect(institutions.body.items.map((i: { nameEn: string }) => i.nameEn)).toEqual(['Kashgar University']);
    const host = await signIn('host.kashgar@demo.local');
    const me = (await t.request('GET', '/auth/me', undefined, { authorization: `Bearer ${host}` })).body;
    const sessions = await t.request('GET', '/joint-sessions?pageSize=500', undefined, { authorization: `Bearer ${host}` });
    expect(sessions.status).toBe(200);
    // Expected: the sessions of the classes this teacher hosts, as an administrator lists them.
    const hosted = (await t.asAdmin('GET', `/western-classes?hostTeacherId=${me.instructorId}`)).body.items.map(
      (c: { id: string }) => c.id,
    );
    expect(hosted.length).toBeGreaterThan(0);
    const expected = new Set<string>();
    for (const classId of hosted)
      for (const view of (await t.asAdmin('GET', `/joint-sessions?westernClassId=${classId}&pageSize=500`)).body.items)
        expected.add(view.id);
    expect(expected.size).toBeGreaterThan(0);
    expect(new Set(sessions.body.items.map((view: { id: string }) => view.id))).toEqual(expected);
  }, 30_000);

  it('makes random demo passwords for a production demo', () => {
    const [first] = demoCredentials(buildDemoProgram().users, { random: true });
    expect(first!.password).not.toBe('demo-admin');
    expect(first!.password.length).toBeGreaterThanOrEqual(16);
  });
});
