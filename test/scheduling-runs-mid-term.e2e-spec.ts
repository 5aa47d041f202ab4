import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UnitOfWork } from '#scheduling';
import * as make from './factories.js';
import { runToEnd } from './scheduling-run.js';
import { createTestApp, type Requester, type TestApp } from './test-app.js';

const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

// Runs that meet published sessions: another pairing's of the same instructor, and a term half taught.
describe(`scheduling runs around published and past sessions on ${database}`, () => {
  let t: TestApp;
  let coordinator: Requester;
  const ids = {} as Record<'east' | 'kashgar' | 'term' | 'liWei' | 'course' | 'class1' | 'class2' | 'p1' | 'p2', string>;
  const post = async (url: string, body: unknown) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status }).toEqual({ url, status: 201 });
    return response.body.id as string;
  };
  const run = (body: unknown) => runToEnd(coordinator, body);
  const planOf = async (runId: string) => (await coordinator('GET', `/scheduling/runs/${runId}/plan?pageSize=500`)).body;
  const sessionsOf = async (pairingId: string) =>
    (await coordinator('GET', `/joint-sessions?pairingId=${pairingId}&pageSize=500`)).body.items as any[];

  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_PREFIX: `e2e-mid-term-${randomUUID().slice(0, 8)}` } });
    coordinator = t.as('program_coordinator');
    // Before the term: the first runs plan all of it.
    t.clock.set('2026-08-31T00:00:00Z');
    ids.east = await post('/institutions', make.zhejiang());
    ids.kashgar = await post('/institutions', make.kashgar());
    ids.term = await post('/terms', make.term(ids.kashgar));
    ids.liWei = await post('/instructors', make.instructor(ids.east));
    ids.course = await post('/courses', make.course(ids.east));
    const refs = { institutionId: ids.kashgar, courseId: ids.course, termId: ids.term };
    ids.class1 = await post('/western-classes', make.westernClass(refs));
    ids.class2 = await post('/western-classes', make.westernClass(refs, { name: '计算机2025级2班' }));
    const pairing = (westernClassIds: string[]) =>
      make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.term, westernClassIds });
    ids.p1 = await post('/pairings', pairing([ids.class1]));
    ids.p2 = await post('/pairings', pairing([ids.class2]));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("plans a pairing around the instructor's other pairing's published sessions, so publishing finds no clash", async () => {
    const first = await run({ pairingIds: [ids.p1] });
    expect((await coordinator('POST', `/scheduling/runs/${first.id}/publish`)).status).toBe(200);
    const second = await run({ pairingIds: [ids.p2] });
    expect(second).toMatchObject({ status: 'succeeded', report: { score: { sessionsUnplaced: 0, hardViolations: 0 } } });
    const published = await coordinator('POST', `/scheduling/runs/${second.id}/publish`);
    expect(published.status).toBe(200);
    const p1 = await sessionsOf(ids.p1);
    const p2 = await sessionsOf(ids.p2);
    expect(p1.length).toBeGreaterThan(15);
    expect(p2).toHaveLength(p1.length);
    // Li Wei needs 15 minutes between sessions, so no two may even touch.
    const clashes = p2.filter((b) => p1.some((a) => a.startsAt < b.endsAt && b.startsAt < a.endsAt));
    expect(clashes).toEqual([]);
  }, 60_000);

  it('a re-run in mid-term keeps every session that has started as it is, counts completed ones, moves only later ones', async () => {
    // Wednesday 2026-10-21 08:00 Beijing; the first week's session of p1 was completed.
    t.clock.set('2026-10-21T00:00:00Z');
    const now = '2026-10-21T00:00:00.000Z';
    const p1 = (await sessionsOf(ids.p1)).sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
    const completed = p1[0];
    await t.app.get(UnitOfWork).run(async (stores) => {
      const session = (await stores.jointSessions.findById(completed.id))!;
      await stores.jointSessions.save({ ...session, status: 'completed' });
    });
    // Li Wei stops teaching on the weekday of p1's sessions.
    const weekday = new Date(completed.startsAt).getUTCDay();
    const instructor = (await t.asAdmin('GET', `/instructors/${ids.liWei}`)).body;
    const availability = instructor.availability.filter((w: any) => w.weekday !== weekday);
    expect((await t.asAdmin('PATCH', `/instructors/${ids.liWei}`, { availability })).status).toBe(200);

    const rerun = await run({ termIds: [ids.term] });
    const all = [...p1, ...(await sessionsOf(ids.p2))];
    const started = all.filter((s) => s.startsAt < now);
    const later = p1.filter((s) => s.startsAt >= now);
    expect(rerun).toMatchObject({
      status: 'succeeded',
      startedAt: now,
      report: { frozenSessions: started.length, movedSessions: later.length, score: { hardViolations: 0 } },
    });
    // p1's past sessions now break Li Wei's hours: kept all the same, and said.
    const pastOfP1 = p1.filter((s) => s.startsAt < now);
    expect(rerun.report.frozenProblems.map((f: any) => f.sessionId).sort()).toEqual(pastOfP1.map((s) => s.id).sort());
    expect(rerun.report.frozenProblems[0].reason).toMatch(/Li Wei/);
    const plan = await planOf(rerun.id);
    const kept = plan.sessions.items.filter((s: any) => s.origin === 'kept').map((s: any) => s.planSessionId);
    expect(kept).toEqual(expect.arrayContaining([...started.map((s) => s.id), completed.id]));
    expect(plan.sessions.items.filter((s: any) => s.origin === 'new' && s.startsAt < now)).toEqual([]);
    expect(plan.moved.items.every((m: any) => m.from.startsAt >= now && m.to !== null)).toBe(true);
    // The completed week needs nothing more: it is neither re-planned nor missing.
    expect(plan.unplaced.items).toEqual([]);

    const published = await coordinator('POST', `/scheduling/runs/${rerun.id}/publish`);
    expect(published.body.published).toMatchObject({ moved: later.length, cancelled: 0, created: 0 });
    expect((await coordinator('GET', `/joint-sessions/${completed.id}`)).body).toMatchObject({ status: 'completed', version: 1 });
  }, 60_000);

  it('refuses to publish a draft that would change a session that started after the run', async () => {
    // Li Wei stops teaching on the weekday of p2's sessions too: the next run moves them.
    const next = (await sessionsOf(ids.p2)).filter((s) => s.startsAt >= '2026-10-21T00:00:00.000Z');
    const weekday = new Date(next[0].startsAt).getUTCDay();
    const instructor = (await t.asAdmin('GET', `/instructors/${ids.liWei}`)).body;
    const availability = instructor.availability.filter((w: any) => w.weekday !== weekday);
    expect((await t.asAdmin('PATCH', `/instructors/${ids.liWei}`, { availability })).status).toBe(200);
    const rerun = await run({ termIds: [ids.term] });
    expect(rerun.status).toBe('succeeded');
    const plan = await planOf(rerun.id);
    expect(plan.moved.total).toBeGreaterThan(0);
    const firstMoved = plan.moved.items.map((m: any) => m.from.startsAt).sort()[0];
    // Time passes: the first session the draft moves has begun when someone publishes.
    t.clock.set(new Date(Date.parse(firstMoved) + 60_000).toISOString());
    const refused = await coordinator('POST', `/scheduling/runs/${rerun.id}/publish`);
    expect(refused).toMatchObject({ status: 409, body: { detail: expect.stringContaining('start before now') } });
  }, 60_000);
});

// Completed sessions of the instructor's other pairings use up the instructor's caps.
describe(`a mid-term run counts the instructor's completed sessions of other pairings on ${database}`, () => {
  let t: TestApp;
  let coordinator: Requester;
  const ids = {} as Record<'east' | 'kashgar' | 'term' | 'liWei' | 'course' | 'class1' | 'class2' | 'p1' | 'p2', string>;
  const post = async (url: string, body: unknown) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status }).toEqual({ url, status: 201 });
    return response.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_PREFIX: `e2e-mid-term-caps-${randomUUID().slice(0, 8)}` } });
    coordinator = t.as('program_coordinator');
    t.clock.set('2026-10-14T00:00:00Z');
    ids.east = await post('/institutions', make.zhejiang());
    ids.kashgar = await post('/institutions', make.kashgar());
    ids.term = await post('/terms', make.term(ids.kashgar));
    // One session a week at most.
    ids.liWei = await post('/instructors', make.instructor(ids.east, { maxSessionsPerDay: 1, maxSessionsPerWeek: 1 }));
    ids.course = await post('/courses', make.course(ids.east));
    const refs = { institutionId: ids.kashgar, courseId: ids.course, termId: ids.term };
    ids.class1 = await post('/western-classes', make.westernClass(refs));
    ids.class2 = await post('/western-classes', make.westernClass(refs, { name: '计算机2025级2班' }));
    const pairing = (westernClassIds: string[]) =>
      make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.term, westernClassIds });
    ids.p1 = await post('/pairings', pairing([ids.class1]));
    ids.p2 = await post('/pairings', pairing([ids.class2]));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("leaves the week of p2's completed Monday session to it: p1 gets no session that week", async () => {
    // Mon 2026-10-19 10:00 Asia/Urumqi (12:00 Asia/Shanghai), taught; the run starts Wednesday.
    const taught = await post('/joint-sessions', { pairingId: ids.p2, startsAt: '2026-10-19T04:00:00Z', durationMinutes: 95 });
    await t.app.get(UnitOfWork).run(async (stores) => {
      const session = (await stores.jointSessions.findById(taught))!;
      await stores.jointSessions.save({ ...session, status: 'completed' });
    });
    t.clock.set('2026-10-21T00:00:00Z');
    const run = await runToEnd(coordinator, { pairingIds: [ids.p1] });
    expect(run).toMatchObject({ status: 'succeeded', report: { score: { hardViolations: 0 } } });
    const plan = (await coordinator('GET', `/scheduling/runs/${run.id}/plan?pageSize=500`)).body;
    expect(plan.sessions.items.filter((s: any) => s.startsAt < '2026-10-26')).toEqual([]);
    expect(plan.sessions.items.filter((s: any) => s.startsAt >= '2026-10-26' && s.startsAt < '2026-11-02')).toHaveLength(1);
    const week = plan.unplaced.items.find((u: any) => u.weekStartLocalDate === '2026-10-19');
    expect(week).toMatchObject({ code: 'ALL_COMMON_TIMES_TAKEN', reason: expect.stringContaining('already has 1 session(s) that week') });
  }, 60_000);
});
