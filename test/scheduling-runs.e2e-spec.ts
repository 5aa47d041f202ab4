import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  generateProgram,
  RunSchedule,
  ScheduleRunUnitOfWork,
  TermPlanner,
  UnitOfWork,
  type Pairing,
  type PlanningHandle,
  type SchedulingProgram,
} from '#scheduling';
import * as make from './factories.js';
import { createTestApp, type Requester, type TestApp } from './test-app.js';

const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`scheduling runs on ${database}`, () => {
  let t: TestApp;
  let coordinator: Requester;
  type Key =
    | 'east'
    | 'kashgar'
    | 'london'
    | 'kashgarTerm'
    | 'londonTerm'
    | 'liWei'
    | 'wang'
    | 'zhang'
    | 'course'
    | 'historyCourse'
    | 'class1'
    | 'class2'
    | 'londonClass'
    | 'historyClass'
    | 'p1'
    | 'p2'
    | 'p3';
  const ids = {} as Record<Key, string>;
  const post = async (url: string, body: unknown, expected = 201) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status, body: response.body }).toMatchObject({ status: expected });
    return response.body;
  };
  /** Polls a run until `done` says so (or a minute passes), returning every progress value seen. */
  const waitForRun = async (
    runId: string,
    done: (run: any) => boolean = (run) => ['succeeded', 'failed', 'cancelled'].includes(run.status),
  ) => {
    const seen: number[] = [];
    for (let i = 0; i < 1200; i++) {
      const response = await coordinator('GET', `/scheduling/runs/${runId}`);
      expect(response.status).toBe(200);
      seen.push(response.body.progressPercent);
      if (done(response.body)) return { run: response.body, seen };
      await sleep(50);
    }
    throw new Error(`run ${runId} did not get there in time`);
  };
  const startRun = async (body: unknown) => {
    const response = await coordinator('POST', '/scheduling/runs', body);
    expect(response).toMatchObject({ status: 202, body: { status: 'queued', progressPercent: 0 } });
    return response.body.id as string;
  };
  const fullPlan = async (runId: string) => {
    const response = await coordinator('GET', `/scheduling/runs/${runId}/plan?pageSize=500`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    // A queue prefix of its own, so parallel suites on the same Redis never take each other's jobs.
    t = await createTestApp({ env: { QUEUE_PREFIX: `e2e-scheduling-${randomUUID().slice(0, 8)}` } });
    coordinator = t.as('program_coordinator');
    ids.east = (await post('/institutions', make.zhejiang())).id;
    ids.kashgar = (await post('/institutions', make.kashgar())).id;
    ids.london = (await post('/institutions', make.london())).id;
    ids.kashgarTerm = (await post('/terms', make.term(ids.kashgar))).id;
    // Spring term across the UK's change to summer time on 2027-03-28.
    ids.londonTerm = (
      await post('/terms', make.term(ids.london, { name: 'Spring 2027', startLocalDate: '2027-03-01', endLocalDate: '2027-04-30' }))
    ).id;
    ids.liWei = (await post('/instructors', make.instructor(ids.east))).id;
    ids.wang = (await post('/instructors', make.instructor(ids.east, { name: 'Wang Fang' }))).id;
    // Beijing small hours on Tuesday = Monday evening in London.
    ids.zhang = (
      await post(
        '/instructors',
        make.instructor(ids.east, { name: 'Zhang Min', availability: [{ weekday: 2, localStart: '00:00', localEnd: '04:00' }] }),
      )
    ).id;
    ids.course = (await post('/courses', make.course(ids.east))).id;
    ids.historyCourse = (await post('/courses', make.course(ids.east, { title: '中国近现代史', discipline: 'history' }))).id;
    ids.class1 = (
      await post('/western-classes', make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.kashgarTerm }))
    ).id;
    ids.class2 = (
      await post(
        '/western-classes',
        make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.kashgarTerm }, { name: '计算机2025级2班' }),
      )
    ).id;
    ids.historyClass = (
      await post(
        '/western-classes',
        make.westernClass(
          { institutionId: ids.kashgar, courseId: ids.historyCourse, termId: ids.kashgarTerm },
          { name: '历史2025级1班', discipline: 'history' },
        ),
      )
    ).id;
    ids.londonClass = (
      await post(
        '/western-classes',
        make.westernClass(
          { institutionId: ids.london, courseId: ids.course, termId: ids.londonTerm },
          { name: 'MSc Computing', allowedPeriodNames: ['Evening'] },
        ),
      )
    ).id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('pairing proposals', () => {
    it('pairs a term around a pin and a forbidden pair, and says why a class stays unassigned', async () => {
      const response = await coordinator('POST', '/scheduling/pairing-proposals', {
        termId: ids.kashgarTerm,
        pins: [{ westernClassId: ids.class2, instructorId: ids.wang }],
        forbids: [{ westernClassId: ids.class1, instructorId: ids.liWei }],
      });
      expect(response.status).toBe(200);
      const { proposals, unassigned, method, objective } = response.body;
      expect(method).toContain('min-cost flow');
      expect(typeof objective).toBe('number');
      expect(proposals).toContainEqual(
        expect.objectContaining({ instructorId: ids.wang, pinned: true, westernClasses: [{ id: ids.class2, name: '计算机2025级2班' }] }),
      );
      const class1 = proposals.find((p: any) => p.westernClasses.some((c: any) => c.id === ids.class1));
      expect(class1).toMatchObject({ pinned: false, instructorName: expect.any(String) });
      expect(class1.instructorId).not.toBe(ids.liWei);
      expect(Object.keys(class1.score).sort()).toEqual([
        'continuity',
        'fit',
        'loadShare',
        'overlap',
        'overlapMinutesPerWeek',
        'reach',
        'total',
        'usableSlotsPerWeek',
      ]);
      expect(unassigned).toEqual([{ westernClassId: ids.historyClass, name: '历史2025级1班', reason: expect.stringMatching(/history/) }]);
    });

    it('refuses a pin outside the classes being paired, and a coordinator of one institution', async () => {
      const outside = await coordinator('POST', '/scheduling/pairing-proposals', {
        westernClassIds: [ids.class1],
        pins: [{ westernClassId: ids.londonClass, instructorId: ids.zhang }],
      });
      expect(outside).toMatchObject({ status: 422, body: { errors: [{ field: 'pins[0].westernClassId' }] } });
      const institutionCoordinator = t.as('institution_coordinator', { institutionId: ids.kashgar });
      expect((await institutionCoordinator('POST', '/scheduling/pairing-proposals', { termId: ids.kashgarTerm })).status).toBe(403);
    });
  });

  describe('common slots', () => {
    it('lists the times an instructor and two Kashgar classes can meet, both clocks shown, all classes first', async () => {
      t.clock.set('2026-11-22T08:00:00Z');
      const response = await coordinator(
        'GET',
        `/scheduling/common-slots?instructorId=${ids.liWei}&westernClassIds=${ids.class1},${ids.class2}&weeks=1`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(5);
      expect(response.body.items[0]).toEqual({
        startsAt: '2026-11-23T04:00:00.000Z',
        endsAt: '2026-11-23T05:35:00.000Z',
        westernClassIds: [ids.class1, ids.class2],
        students: 90,
        local: [
          { timeZone: 'Asia/Shanghai', localDate: '2026-11-23', localTime: '12:00', weekday: 1, utcOffset: '+08:00' },
          { timeZone: 'Asia/Urumqi', localDate: '2026-11-23', localTime: '10:00', weekday: 1, utcOffset: '+06:00' },
        ],
        description: expect.stringContaining('Asia/Urumqi'),
      });
    });
  });

  describe('a term timetabled, published, changed and re-planned', () => {
    let run1: string;
    let run2: string;
    let plan1: any;

    beforeAll(async () => {
      // Planned before the term starts: a run never places sessions before its own start (frozenBefore).
      t.clock.set('2026-09-01T00:00:00Z');
      ids.p1 = (
        await post(
          '/pairings',
          make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.kashgarTerm, westernClassIds: [ids.class1] }),
        )
      ).id;
      ids.p2 = (
        await post(
          '/pairings',
          make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.kashgarTerm, westernClassIds: [ids.class2] }),
        )
      ).id;
      ids.p3 = (
        await post(
          '/pairings',
          make.pairing({ instructorId: ids.zhang, courseId: ids.course, termId: ids.londonTerm, westernClassIds: [ids.londonClass] }),
        )
      ).id;
    });

    it('runs as a job whose progress reaches 100, with a score report', async () => {
      run1 = await startRun({ termIds: [ids.kashgarTerm, ids.londonTerm] });
      const { run, seen } = await waitForRun(run1);
      expect(run).toMatchObject({
        status: 'succeeded',
        progressPercent: 100,
        error: null,
        scope: { termIds: [ids.kashgarTerm, ids.londonTerm].sort(), pairingIds: [] },
      });
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(run.report).toMatchObject({ keptSessions: 0, movedSessions: 0, score: { hardViolations: 0, sessionsUnplaced: 0 } });
      expect(run.report.sessions).toBe(run.report.newSessions);
      expect(run.report.score.sessionsPlaced).toBe(run.report.score.sessionsRequired);
    }, 60_000);

    it("shows the draft in both parties' local times: Kashgar on Xinjiang time, London across the DST change", async () => {
      plan1 = await fullPlan(run1);
      expect(plan1.sessions.total).toBe(plan1.sessions.items.length);
      const kashgar = plan1.sessions.items.filter((s: any) => s.pairingId !== ids.p3);
      expect(kashgar.length).toBeGreaterThan(30);
      for (const s of kashgar) {
        expect(s.instructor.local[0]).toMatchObject({
          timeZone: 'Asia/Shanghai',
          utcOffset: '+08:00',
          start: expect.stringMatching(/ 12:00$/),
          end: expect.stringMatching(/ 13:35$/),
        });
        expect(s.westernClasses[0].local).toEqual([
          expect.objectContaining({
            timeZone: 'Asia/Urumqi',
            utcOffset: '+06:00',
            start: expect.stringMatching(/ 10:00$/),
            end: expect.stringMatching(/ 11:35$/),
          }),
          expect.objectContaining({ timeZone: 'Asia/Shanghai', utcOffset: '+08:00', start: expect.stringMatching(/ 12:00$/) }),
        ]);
        expect(s).toMatchObject({ origin: 'new', jointSessionId: null, replaces: null });
      }
      const around = (startsAt: string) => plan1.sessions.items.find((s: any) => s.pairingId === ids.p3 && s.startsAt === startsAt);
      const table = [
        // London Monday 17:00 stays put on the wall clock; Beijing sees it an hour earlier after 2027-03-28.
        { startsAt: '2027-03-22T17:00:00.000Z', london: ['2027-03-22 17:00', '+00:00'], beijing: ['2027-03-23 01:00', '+08:00'] },
        { startsAt: '2027-03-29T16:00:00.000Z', london: ['2027-03-29 17:00', '+01:00'], beijing: ['2027-03-30 00:00', '+08:00'] },
      ];
      for (const row of table) {
        const s = around(row.startsAt);
        expect(s).toBeDefined();
        expect(s.westernClasses[0].local).toEqual([
          expect.objectContaining({ timeZone: 'Europe/London', start: row.london[0], utcOffset: row.london[1] }),
        ]);
        expect(s.instructor.local).toEqual([
          expect.objectContaining({ timeZone: 'Asia/Shanghai', start: row.beijing[0], utcOffset: row.beijing[1] }),
        ]);
      }
      expect(plan1.sessions.items.filter((s: any) => s.pairingId === ids.p3)).toHaveLength(9);
      expect(plan1.unplaced.total).toBe(0);
      const page2 = await coordinator('GET', `/scheduling/runs/${run1}/plan?page=2&pageSize=10`);
      expect(page2.body.sessions).toMatchObject({ page: 2, pageSize: 10, total: plan1.sessions.total });
      expect(page2.body.sessions.items[0].planSessionId).toBe(plan1.sessions.items[10].planSessionId);
    });

    it('publishes the draft as joint sessions, once', async () => {
      const published = await coordinator('POST', `/scheduling/runs/${run1}/publish`);
      expect(published).toMatchObject({
        status: 200,
        body: { publishedAt: expect.any(String), published: { created: plan1.sessions.total, moved: 0, cancelled: 0, kept: 0 } },
      });
      const listed = await coordinator('GET', `/joint-sessions?pairingId=${ids.p1}&pageSize=500`);
      expect(listed.body.total).toBe(plan1.sessions.items.filter((s: any) => s.pairingId === ids.p1).length);
      expect(listed.body.items[0]).toMatchObject({ status: 'scheduled', version: 1, anchorTimeZone: 'Asia/Urumqi' });
      const again = await coordinator('POST', `/scheduling/runs/${run1}/publish`);
      expect(again).toMatchObject({ status: 409, body: { detail: expect.stringContaining('already published') } });
      const withIds = await fullPlan(run1);
      expect(withIds.sessions.items.every((s: any) => typeof s.jointSessionId === 'string')).toBe(true);
    });

    it("after one weekday is taken from the instructor, re-plans moving only that day's sessions, and says why", async () => {
      const first = plan1.sessions.items.find((s: any) => s.pairingId === ids.p1);
      const weekday = first.instructor.local[0].weekday as number;
      const instructor = (await t.asAdmin('GET', `/instructors/${ids.liWei}`)).body;
      const availability = instructor.availability.filter((w: any) => w.weekday !== weekday);
      expect((await t.asAdmin('PATCH', `/instructors/${ids.liWei}`, { availability })).status).toBe(200);
      const affected = plan1.sessions.items.filter((s: any) => s.instructor.id === ids.liWei && s.instructor.local[0].weekday === weekday);
      expect(affected.length).toBeGreaterThan(0);

      run2 = await startRun({ termIds: [ids.kashgarTerm, ids.londonTerm] });
      expect((await waitForRun(run2)).run).toMatchObject({
        status: 'succeeded',
        report: { movedSessions: affected.length, keptSessions: plan1.sessions.total - affected.length },
      });
      const plan2 = await fullPlan(run2);
      const published1 = await fullPlan(run1);
      const affectedIds = new Set(
        affected.map((s: any) => published1.sessions.items.find((p: any) => p.planSessionId === s.planSessionId).jointSessionId),
      );
      expect(new Set(plan2.moved.items.map((m: any) => m.sessionId))).toEqual(affectedIds);
      for (const m of plan2.moved.items) {
        expect(m.reason).toMatch(/Li Wei/);
        expect(m.from.local.find((l: any) => l.timeZone === 'Asia/Shanghai').weekday).toBe(weekday);
        expect(m.to).not.toBeNull();
        expect(m.to.local.find((l: any) => l.timeZone === 'Asia/Shanghai').weekday).not.toBe(weekday);
      }
      const moved = plan2.sessions.items.filter((s: any) => s.replaces);
      expect(moved).toHaveLength(affected.length);
      expect(plan2.sessions.items.filter((s: any) => s.origin === 'kept')).toHaveLength(plan1.sessions.total - affected.length);

      const published = await coordinator('POST', `/scheduling/runs/${run2}/publish`);
      expect(published.body.published).toEqual({
        created: 0,
        moved: affected.length,
        cancelled: 0,
        kept: plan1.sessions.total - affected.length,
      });
      const one = plan2.moved.items[0];
      const session = await coordinator('GET', `/joint-sessions/${one.sessionId}`);
      expect(session.body).toMatchObject({ id: one.sessionId, version: 2, startsAt: one.to.startsAt, status: 'scheduled' });
      const untouched = plan2.sessions.items.find((s: any) => s.origin === 'kept');
      expect((await coordinator('GET', `/joint-sessions/${untouched.planSessionId}`)).body.version).toBe(1);
    }, 60_000);

    it('refuses to publish a run whose inputs changed since it ran, and says what to do', async () => {
      const run3 = await startRun({ termIds: [ids.kashgarTerm, ids.londonTerm] });
      expect((await waitForRun(run3)).run).toMatchObject({ status: 'succeeded', report: { movedSessions: 0, newSessions: 0 } });
      const sessions = await coordinator('GET', `/joint-sessions?pairingId=${ids.p3}`);
      const edited = await t.asAdmin('PATCH', `/joint-sessions/${sessions.body.items[0].id}`, {
        meetingUrl: 'https://meeting.tencent.com/dm/changed',
      });
      expect(edited.status).toBe(200);
      const stale = await coordinator('POST', `/scheduling/runs/${run3}/publish`);
      expect(stale).toMatchObject({ status: 409, body: { code: 'CONFLICT', detail: expect.stringContaining('Start a new run') } });
      expect((await coordinator('GET', `/scheduling/runs/${run3}`)).body.publishedAt).toBeNull();
    }, 60_000);

    it('re-runs a run left running by a crashed worker and writes the same draft; a planner crash on the last attempt fails the run', async () => {
      const runs = t.app.get(ScheduleRunUnitOfWork);
      const runId = await startRun({ termIds: [ids.kashgarTerm, ids.londonTerm], seed: 5 });
      await waitForRun(runId);
      const first = await runs.run((_stores, store) => store.findById(runId));
      // As if the worker died mid-run: the row says running, the queue hands the job out again.
      await runs.run((_stores, store) => store.save({ ...first!, status: 'running', plan: null, finishedAt: null }));
      expect(await t.app.get(RunSchedule).execute({ runId, finalAttempt: false })).toEqual({ outcome: 'succeeded' });
      const again = await runs.run((_stores, store) => store.findById(runId));
      expect(again).toMatchObject({ status: 'succeeded', fingerprint: first!.fingerprint });
      expect(again!.plan).toEqual(first!.plan);
      expect(await t.app.get(RunSchedule).execute({ runId, finalAttempt: false })).toEqual({ outcome: 'skipped' });

      class CrashingPlanner extends TermPlanner {
        start(): PlanningHandle {
          return { result: Promise.reject(new Error('the planning thread exited with code 1 before it finished')), cancel: () => {} };
        }
      }
      const crashing = new RunSchedule(runs, new CrashingPlanner(), t.clock);
      await runs.run((_stores, store) => store.save({ ...again!, status: 'running', plan: null, finishedAt: null }));
      await expect(crashing.execute({ runId, finalAttempt: false })).rejects.toThrow('exited with code 1');
      expect((await coordinator('GET', `/scheduling/runs/${runId}`)).body.status).toBe('running');
      await expect(crashing.execute({ runId, finalAttempt: true })).rejects.toThrow('exited with code 1');
      expect((await coordinator('GET', `/scheduling/runs/${runId}`)).body).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('the planner stopped'),
      });
    }, 60_000);

    it("refuses to publish sessions that clash with sessions outside the run's pairings", async () => {
      const class3 = (
        await post(
          '/western-classes',
          make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.kashgarTerm }, { name: '计算机2025级3班' }),
        )
      ).id;
      const p4 = (
        await post(
          '/pairings',
          make.pairing({ instructorId: ids.liWei, courseId: ids.course, termId: ids.kashgarTerm, westernClassIds: [class3] }),
        )
      ).id;
      const runId = await startRun({ pairingIds: [p4] });
      expect((await waitForRun(runId)).run.status).toBe('succeeded');
      const planned = (await fullPlan(runId)).sessions.items;
      // Li Wei's other pairings are outside this run; book one of them on top of a planned session if none clashes yet.
      for (const s of planned) {
        const slot = { pairingId: ids.p2, startsAt: s.startsAt, durationMinutes: 95 };
        if ((await coordinator('POST', '/joint-sessions/check', slot)).body.bookable) {
          expect((await coordinator('POST', '/joint-sessions', slot)).status).toBe(201);
          break;
        }
      }
      const refused = await coordinator('POST', `/scheduling/runs/${runId}/publish`);
      expect(refused).toMatchObject({
        status: 409,
        body: { detail: expect.stringMatching(/clash with sessions outside this run.*instructor/) },
      });
      expect((await coordinator('GET', `/joint-sessions?pairingId=${p4}`)).body.total).toBe(0);
    }, 60_000);

    it('answers 404 for an unknown run and 403 to a teacher', async () => {
      expect((await coordinator('GET', `/scheduling/runs/${randomUUID()}`)).status).toBe(404);
      expect((await coordinator('GET', '/scheduling/runs/not-a-uuid')).status).toBe(404);
      expect((await t.as('teacher', { instructorId: ids.liWei })('GET', `/scheduling/runs/${run1}`)).status).toBe(403);
      expect((await coordinator('POST', '/scheduling/runs', {})).status).toBe(422);
    });
  });

  describe('a long run', () => {
    it('is cancelled while the engine works, ends cancelled and cannot be published', async () => {
      const { program, pairings } = withUuids(
        generateProgram({
          seed: 11,
          easternInstitutions: 6,
          westernInstitutions: 100,
          internationalInstitutions: 2,
          instructors: 330,
          courses: 260,
          westernClasses: 800,
          xinjiangShare: 0.1,
          disciplines: 4,
          termStartLocalDate: '2026-09-07',
          termWeeks: 18,
        }),
      );
      await t.app.get(UnitOfWork).run(async (stores) => {
        for (const i of program.institutions) await stores.institutions.save(i);
        for (const term of program.terms) await stores.terms.save(term);
        for (const i of program.instructors) await stores.instructors.save(i);
        for (const c of program.courses) await stores.courses.save(c);
        for (const c of program.westernClasses) await stores.westernClasses.save(c);
        for (const p of pairings) await stores.pairings.save(p);
      });
      const westernTerms = [...new Set(program.westernClasses.map((c) => c.termId))];
      const runId = await startRun({ termIds: westernTerms });
      await waitForRun(runId, (run) => run.status === 'running' && run.progressPercent >= 2);
      // The engine works on its own thread: the API (same process on SQLite) still answers at once.
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        expect((await coordinator('GET', `/scheduling/runs/${runId}`)).body.status).toBe('running');
        latencies.push(performance.now() - started);
      }
      expect(Math.max(...latencies)).toBeLessThan(250);
      const cancelled = await coordinator('POST', `/scheduling/runs/${runId}/cancel`);
      expect(cancelled).toMatchObject({ status: 200, body: { cancelRequested: true } });
      const { run } = await waitForRun(runId);
      expect(run).toMatchObject({ status: 'cancelled', report: null });
      expect(run.progressPercent).toBeLessThan(100);
      expect((await coordinator('POST', `/scheduling/runs/${runId}/publish`)).status).toBe(409);
      expect((await coordinator('POST', `/scheduling/runs/${runId}/cancel`)).body.status).toBe('cancelled');
    }, 180_000);
  });
});

/** The synthetic program with UUID ids (the API's ids), host teachers dropped, one confirmed pairing per class. */
function withUuids(program: SchedulingProgram): { program: SchedulingProgram; pairings: Pairing[] } {
  const ids = new Map<string, string>();
  const id = (old: string) => ids.get(old) ?? ids.set(old, randomUUID()).get(old)!;
  const mapped: SchedulingProgram = {
    institutions: program.institutions.map((i) => ({ ...i, id: id(i.id) })),
    terms: program.terms.map((term) => ({ ...term, id: id(term.id), institutionId: id(term.institutionId) })),
    instructors: program.instructors.map((i) => ({ ...i, id: id(i.id), institutionId: id(i.institutionId) })),
    courses: program.courses.map((c) => ({ ...c, id: id(c.id), institutionId: id(c.institutionId) })),
    westernClasses: program.westernClasses.map((c) => ({
      ...c,
      id: id(c.id),
      institutionId: id(c.institutionId),
      courseId: id(c.courseId),
      termId: id(c.termId),
      hostTeacherId: null,
    })),
  };
  const byDiscipline = new Map<string, string[]>();
  for (const i of mapped.instructors) for (const d of i.disciplines) byDiscipline.set(d, [...(byDiscipline.get(d) ?? []), i.id]);
  const pairings: Pairing[] = mapped.westernClasses.flatMap((c, n) => {
    const candidates = byDiscipline.get(c.discipline) ?? [];
    if (candidates.length === 0) return [];
    return [
      {
        id: randomUUID(),
        instructorId: candidates[n % candidates.length]!,
        courseId: c.courseId,
        termId: c.termId,
        westernClassIds: [c.id],
        status: 'confirmed' as const,
      },
    ];
  });
  return { program: mapped, pairings };
}
