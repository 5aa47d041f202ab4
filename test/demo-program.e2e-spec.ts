import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDemoProgram, demoCredentials } from '#demo';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The demo program as `npm start` loads it (DEMO_DATA=on, through bootstrap), the clock at
 * 2026-11-22T08:00Z: its accounts sign in, and program staff find the reports filled as soon as the
 * service has started (one app for both: loading the demo is the slow part).
 */
describe('the demo program (DEMO_DATA=on)', () => {
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

  it('reports the teaching of the sessions held so far, by province, with attendance below enrolment', async () => {
    const analyst = t.as('analyst');
    const { status, body } = await analyst('GET', '/reports/teaching-activities?groupBy=province');
    expect(status).toBe(200);
    expect(body.total.activities).toBeGreaterThan(1000);
    expect(body.total.participations).toBeGreaterThan(50 * 1000);
    expect(body.rows.find((row: any) => row.group.province.value === 'Xinjiang')?.measures.activities).toBeGreaterThan(0);

    // This term's held sessions: fewer participations than full enrolment would give, not many fewer.
    const term = (await analyst('GET', '/reports/teaching-activities?periodFrom=2026-09&periodTo=2026-11')).body.total;
    let enrolled = 0;
    for (let page = 1; ; page++) {
      const found = (await t.asAdmin('GET', `/teaching-activities?status=counted&from=2026-08-31T16:00:00Z&pageSize=500&page=${page}`))
        .body;
      for (const activity of found.items) for (const campus of activity.campuses) enrolled += campus.studentsEnrolled;
      if (page * 500 >= found.total) break;
    }
    expect(term.activities).toBeGreaterThan(400);
    expect(term.participations).toBeLessThan(enrolled);
    expect(term.participations).toBeGreaterThan(enrolled * 0.75);
  });

  it('grows month by month from September 2025 (the imported history) to now', async () => {
    const { status, body } = await t.as('program_coordinator')('GET', '/reports/teaching-activities/growth');
    expect(status).toBe(200);
    expect(body[0]).toMatchObject({ month: '2025-09' });
    expect(body.at(-1)).toMatchObject({ month: '2026-11' });
    expect(body.find((point: any) => point.month === '2026-08').measures.activities).toBe(0);
    expect(body.at(-1).cumulative.activities).toBeGreaterThan(body.find((point: any) => point.month === '2026-08').cumulative.activities);
  });
});
