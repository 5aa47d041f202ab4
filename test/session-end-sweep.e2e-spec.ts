import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#config';
import { LedgerPersistenceModule } from '#persistence';
import { ledgerActivityRecorder, Queues, QueueName, WorkerModule } from '#queues';
import { Clock, LedgerUnitOfWork, ReminderScheduler, sessionEndKey, SweepNotifications, UnitOfWork, type JointSession } from '#scheduling';
import * as make from './factories.js';
import { dropQueues, uniqueQueuePrefix, waitFor } from './reminder-harness.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Nothing lost on a crash or a restart: a session whose end passed while nothing was queued to
 * record it (the service was down, Redis lost its jobs) is recorded by the next sweep, once. Real
 * Redis (a queue prefix of its own) and the worker in the same process, as `npm start` runs on
 * SQLite; the clock is fixed at 2026-11-22T08:00Z.
 */
describe(`the sweep records sessions that ended unrecorded (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, real Redis)`, () => {
  const prefix = uniqueQueuePrefix();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let t: TestApp;
  let bootedAt = 0;
  const ids: Record<string, string> = {};
  const post = async (url: string, body: unknown) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body.id as string;
  };

  beforeAll(async () => {
    const env = { QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '50', JOB_BACKOFF_MS: '200', SWEEP_INTERVAL_MS: '600000', REDIS_URL: redisUrl };
    const workerConfig = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...env,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    });
    t = await createTestApp({
      env,
      imports: [WorkerModule.forRoot(workerConfig, { imports: [LedgerPersistenceModule], recorder: ledgerActivityRecorder })],
    });
    bootedAt = Date.now();
    ids.east = await post('/institutions', make.zhejiang());
    ids.kashgar = await post('/institutions', make.kashgar());
    ids.term = await post('/terms', make.term(ids.kashgar));
    ids.course = await post('/courses', make.course(ids.east));
    ids.instructor = await post('/instructors', make.instructor(ids.east));
    ids.class = await post('/western-classes', make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.term }));
    ids.pairing = await post(
      '/pairings',
      make.pairing({ instructorId: ids.instructor, courseId: ids.course, termId: ids.term, westernClassIds: [ids.class] }),
    );
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await dropQueues(redisUrl, prefix);
  }, 20_000);

  it('records a session that ended an hour ago with no job queued, at once and exactly once', async () => {
    // The worker's first sweep runs 5 s after the start; past it, only this test's sweeps run.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, bootedAt + 6_000 - Date.now())));
    // Written straight to the database, with no outbox event: as if it ended while the service was down.
    const session: JointSession = {
      id: '6a1f2a8e-0000-4000-8000-00000000e2e1',
      pairingId: ids.pairing!,
      instructorId: ids.instructor!,
      startsAt: '2026-11-22T05:25:00.000Z',
      endsAt: '2026-11-22T07:00:00.000Z',
      anchorTimeZone: 'Asia/Urumqi',
      westernClassIds: [ids.class!],
      status: 'scheduled',
      version: 1,
      meetingUrl: null,
    };
    await t.app.get(UnitOfWork).run((stores) => stores.jointSessions.save(session));
    const end = { sessionId: session.id, sessionVersion: 1, endsAt: session.endsAt };
    const scheduler = t.app.get(ReminderScheduler);
    expect(await scheduler.existingSessionEnds([end])).toEqual(new Set());
    const ledger = t.app.get(LedgerUnitOfWork);
    const entries = () => ledger.run((_stores, l) => l.list({ jointSessionId: session.id }, { page: 1, pageSize: 10 }));
    expect((await entries()).total).toBe(0);

    const sweep = t.app.get(SweepNotifications);
    const sweptAt = Date.now();
    await expect(sweep.execute()).resolves.toMatchObject({ recreatedSessionEnds: 1, lateSessionEnds: 1 });
    await waitFor('the ledger entry', async () => (await entries()).total >= 1, 10_000);
    // Due at once, not a minute after an end already past.
    expect(Date.now() - sweptAt).toBeLessThan(10_000);
    const activity = (await entries()).items[0]!;
    expect(activity).toMatchObject({
      status: 'counted',
      startsAt: session.startsAt,
      durationMinutes: 95,
      recordedAt: '2026-11-22T08:00:00.000Z',
    });
    expect(activity.campuses).toEqual([expect.objectContaining({ westernClassId: ids.class, studentsPresent: 45 })]);

    // Its job gone from Redis (kept an hour after it completed), the next sweeps find it recorded: nothing again.
    const activities = t.app.get(Queues).get(QueueName.Activities);
    await waitFor('the job to complete', async () => (await activities.getJobState(sessionEndKey(end))) === 'completed', 10_000);
    await (await activities.getJob(sessionEndKey(end)))!.remove();
    await expect(sweep.execute()).resolves.toMatchObject({ recreatedSessionEnds: 0, lateSessionEnds: 0 });
    await expect(sweep.execute()).resolves.toMatchObject({ recreatedSessionEnds: 0, lateSessionEnds: 0 });
    expect(await scheduler.existingSessionEnds([end])).toEqual(new Set());
    expect((await entries()).total).toBe(1);
  }, 30_000);

  it('leaves a cancelled session and one that ended before the 60-day look-back to the coordinators', async () => {
    const base = {
      pairingId: ids.pairing!,
      instructorId: ids.instructor!,
      anchorTimeZone: 'Asia/Urumqi',
      westernClassIds: [ids.class!],
      version: 1,
      meetingUrl: null,
    };
    const cancelled: JointSession = {
      ...base,
      id: '6a1f2a8e-0000-4000-8000-00000000e2e2',
      startsAt: '2026-11-22T03:25:00.000Z',
      endsAt: '2026-11-22T05:00:00.000Z',
      status: 'cancelled',
    };
    const old: JointSession = {
      ...base,
      id: '6a1f2a8e-0000-4000-8000-00000000e2e3',
      startsAt: '2026-09-22T05:25:00.000Z',
      endsAt: '2026-09-22T07:00:00.000Z',
      status: 'scheduled',
    };
    await t.app.get(UnitOfWork).run(async (stores) => {
      await stores.jointSessions.save(cancelled);
      await stores.jointSessions.save(old);
    });
    // A new process's first sweep (the full 60-day look-back): the cancelled session ended 3 hours
    // ago, the other 61 days ago; neither is recorded.
    const firstSweep = new SweepNotifications(t.app.get(UnitOfWork), t.app.get(ReminderScheduler), t.app.get(Clock), {
      ledger: t.app.get(LedgerUnitOfWork),
    });
    await expect(firstSweep.execute()).resolves.toMatchObject({ recreatedSessionEnds: 0, lateSessionEnds: 0 });
  }, 30_000);
});
