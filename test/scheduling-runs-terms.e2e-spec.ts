import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as make from './factories.js';
import { runToEnd } from './scheduling-run.js';
import { createTestApp, type Requester, type TestApp } from './test-app.js';

const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

// A western class whose term runs on through the eastern winter break into the eastern spring term.
describe(`the instructor's institution's terms, per date, on ${database}`, () => {
  let t: TestApp;
  let coordinator: Requester;
  const ids = {} as Record<'east' | 'kashgar' | 'term' | 'liWei' | 'course' | 'class1' | 'p1', string>;
  const post = async (url: string, body: unknown) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status }).toEqual({ url, status: 201 });
    return response.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_PREFIX: `e2e-terms-${randomUUID().slice(0, 8)}` } });
    coordinator = t.as('program_coordinator');
    t.clock.set('2026-08-31T00:00:00Z');
    ids.east = await post('/institutions', make.zhejiang());
    // Zhejiang: autumn to Fri 2027-01-15, winter break, spring from Mon 2027-02-22.
    await post('/terms', make.term(ids.east, { name: '2026-2027 autumn', startLocalDate: '2026-09-07', endLocalDate: '2027-01-15' }));
    await post('/terms', make.term(ids.east, { name: '2026-2027 spring', startLocalDate: '2027-02-22', endLocalDate: '2027-07-02' }));
    ids.kashgar = await post('/institutions', make.kashgar());
    ids.term = await post('/terms', make.term(ids.kashgar, { startLocalDate: '2026-09-07', endLocalDate: '2027-03-14' }));
    ids.liWei = await post('/instructors', make.instructor(ids.east));
    ids.course = await post('/courses', make.course(ids.east));
    ids.class1 = await post('/western-classes', make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.term }));
    ids.p1 = await post(
      '/pairings',
      make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.term, westernClassIds: [ids.class1] }),
    );
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a hand-placed slot in the winter break is outside the term of the instructor, one in either term is bookable', async () => {
    // Mon 10:00-11:35 Asia/Urumqi = 12:00-13:35 Asia/Shanghai.
    const check = async (startsAt: string) =>
      (await coordinator('POST', '/joint-sessions/check', { pairingId: ids.p1, startsAt, durationMinutes: 95 })).body;
    expect(await check('2027-01-11T04:00:00Z')).toEqual({ bookable: true, violations: [] });
    expect(await check('2027-03-01T04:00:00Z')).toEqual({ bookable: true, violations: [] });
    expect(await check('2027-01-25T04:00:00Z')).toEqual({
      bookable: false,
      violations: [
        expect.objectContaining({
          code: 'OUTSIDE_TERM',
          message: expect.stringContaining("2027-01-25 (Mon) is outside the term of instructor Li Wei's institution (Asia/Shanghai)"),
        }),
      ],
    });
  });

  it('a run places the weeks of both eastern terms and explains the winter-break weeks', async () => {
    const run = await runToEnd(coordinator, { termIds: [ids.term] });
    expect(run).toMatchObject({ status: 'succeeded', report: { score: { hardViolations: 0 } } });
    const plan = (await coordinator('GET', `/scheduling/runs/${run.id}/plan?pageSize=500`)).body;
    // Every session is at 10:00 Asia/Urumqi (04:00 UTC): its UTC date is its Kashgar date.
    const mondayOf = (startsAt: string) => {
      const day = new Date(`${startsAt.slice(0, 10)}T00:00:00Z`);
      return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    };
    const weeks = plan.sessions.items.map((s: any) => mondayOf(s.startsAt));
    expect(weeks).toEqual(expect.arrayContaining(['2027-01-11', '2027-02-22', '2027-03-01', '2027-03-08']));
    expect(weeks.filter((d: string) => d > '2027-01-11' && d < '2027-02-22')).toEqual([]);
    const unplaced = plan.unplaced.items.filter((u: any) => u.weekStartLocalDate > '2027-01-15');
    expect(unplaced.map((u: any) => [u.weekStartLocalDate, u.code])).toEqual([
      ['2027-01-18', 'INSTRUCTOR_AWAY'],
      ['2027-01-25', 'INSTRUCTOR_AWAY'],
      ['2027-02-01', 'INSTRUCTOR_AWAY'],
      ['2027-02-08', 'INSTRUCTOR_AWAY'],
      ['2027-02-15', 'INSTRUCTOR_AWAY'],
    ]);
    expect(unplaced[0].reason).toContain("outside the term of Li Wei's institution");
  }, 60_000);
});
