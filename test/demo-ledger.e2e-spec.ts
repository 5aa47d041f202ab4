import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The demo program as `npm start` loads it (DEMO_DATA=on, through bootstrap), the clock at
 * 2026-11-22T08:00Z: program staff find the reports filled as soon as the service has started.
 */
describe('the demo ledger (DEMO_DATA=on)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { DEMO_DATA: 'on' } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
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
