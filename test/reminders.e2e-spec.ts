import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#config';
import { LedgerPersistenceModule } from '#persistence';
import { JobName, ledgerActivityRecorder, Queues, QueueName, WorkerModule } from '#queues';
import { LedgerUnitOfWork, UnitOfWork, type JointSession } from '#scheduling';
import * as make from './factories.js';
import { dropQueues, RunningClock, SmtpListener, uniqueQueuePrefix, waitFor } from './reminder-harness.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Reminders end to end on real Redis (a queue prefix of its own) and a real SMTP listener on
 * loopback: the API writes the outbox, the worker in the same process relays, plans and sends.
 * The clock starts at 03:28:55Z on Monday 28 September 2026 and runs in real time; the classes
 * are at 04:00Z (10:00 in Kashgar, Asia/Urumqi; 12:00 in Beijing).
 */
describe(`reminders on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, real Redis and SMTP`, () => {
  const smtp = new SmtpListener();
  const prefix = uniqueQueuePrefix();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let t: TestApp;
  let clock: RunningClock;
  const ids: Record<string, string> = {};
  const post = async (url: string, body: unknown) => {
    const response = await t.asAdmin('POST', url, body);
    expect({ url, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body.id as string;
  };

  let robot: Server;
  const robotCalls: { signature: string; body: string }[] = [];

  beforeAll(async () => {
    await smtp.start();
    // A webhook robot that says no for good (410 Gone): the next channel must be tried.
    robot = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        robotCalls.push({ signature: String(request.headers['x-signature'] ?? ''), body });
        response.writeHead(410).end('gone');
      });
    });
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    const robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/robot`;
    const env = {
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: '50',
      JOB_BACKOFF_MS: '200',
      SWEEP_INTERVAL_MS: '600000',
      REDIS_URL: redisUrl,
    };
    clock = new RunningClock('2026-09-28T03:28:55.000Z');
    const workerConfig = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...env,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    });
    t = await createTestApp({
      env,
      clock,
      imports: [WorkerModule.forRoot(workerConfig, { imports: [LedgerPersistenceModule], recorder: ledgerActivityRecorder })],
    });

    ids.east = await post('/institutions', make.zhejiang());
    ids.kashgar = await post('/institutions', make.kashgar());
    ids.term = await post('/terms', make.term(ids.kashgar));
    ids.course = await post('/courses', make.course(ids.east));
    ids.host = await post(
      '/instructors',
      make.instructor(ids.kashgar, { name: '阿依古丽', role: 'host', timeZone: 'Asia/Urumqi', availability: [] }),
    );
    const setMine = async (instructorId: string, body: unknown) => {
      const response = await t.as('teacher', { instructorId })('PUT', '/reminder-preferences/me', body);
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
    };
    for (const n of [1, 2, 3, 4, 5]) {
      ids[`i${n}`] = await post('/instructors', make.instructor(ids.east, { name: `Instructor ${n}` }));
      ids[`class${n}`] = await post(
        '/western-classes',
        make.westernClass(
          { institutionId: ids.kashgar, courseId: ids.course, termId: ids.term, hostTeacherId: n === 1 ? ids.host : null },
          { name: `计算机2025级${n}班` },
        ),
      );
      ids[`pairing${n}`] = await post(
        '/pairings',
        make.pairing({ instructorId: ids[`i${n}`]!, courseId: ids.course, termId: ids.term, westernClassIds: [ids[`class${n}`]!] }),
      );
      // 31 minutes before 04:00Z is 03:29:00Z, five seconds after the clock starts.
      await setMine(ids[`i${n}`]!, { email: `i${n}@east.test`, offsetsMinutes: [31], locale: 'en' });
    }
    // Instructor 4 prefers a webhook, then the inbox; instructor 5 only the webhook.
    await setMine(ids.i4!, {
      channels: ['webhook', 'inbox'],
      webhookUrl: robotUrl,
      webhookSecret: 'robot-secret-0123456789',
      webhookFlavor: 'dingtalk',
    });
    await setMine(ids.i5!, { channels: ['webhook'], webhookUrl: robotUrl, webhookSecret: 'robot-secret-0123456789' });
    // The host's quiet hours 09:30-10:00 Xinjiang time cover the 30-minute reminder (09:30): it moves to 09:29 (03:29Z).
    await setMine(ids.host!, { email: 'host@kashgar.test', offsetsMinutes: [30], quietHours: { localStart: '09:30', localEnd: '10:00' } });
  }, 20_000);

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await new Promise<void>((resolve) => robot.close(() => resolve()));
    await dropQueues(redisUrl, prefix);
  }, 20_000);

  it("sends each reminder once within 2 s of its due time, never an old version's, and only the cancellation of a cancelled class", async () => {
    // Four seconds before the reminders are due (03:29:00Z), whatever the setup took.
    clock.restartAt('2026-09-28T03:28:56.000Z');
    const place = (n: number) =>
      t.asAdmin('POST', '/joint-sessions', {
        pairingId: ids[`pairing${n}`],
        startsAt: '2026-09-28T04:00:00Z',
        durationMinutes: 95,
        meetingUrl: 'https://meet.example/abc',
      });
    const [a, b, c, d, e] = await Promise.all([place(1), place(2), place(3), place(4), place(5)]);
    expect([a.status, b.status, c.status, d.status, e.status]).toEqual([201, 201, 201, 201, 201]);
    // Session 2 moves to Tuesday before its reminder is due; session 3 is cancelled.
    expect((await t.asAdmin('PATCH', `/joint-sessions/${b.body.id}`, { startsAt: '2026-09-29T04:00:00Z' })).status).toBe(200);
    expect((await t.asAdmin('DELETE', `/joint-sessions/${c.body.id}`)).status).toBe(200);

    await waitFor(
      'the cancellation and both reminders',
      () => smtp.to('i3@east.test').length >= 1 && smtp.to('i1@east.test').length >= 1 && smtp.to('host@kashgar.test').length >= 1,
      12_000,
    );
    // Past the old version's due time and a little more: nothing else may arrive.
    await waitFor('03:29:03Z', () => clock.now().toISO()! >= '2026-09-28T03:29:03', 10_000);

    const due = clock.realTimeOf('2026-09-28T03:29:00.000Z');
    const [instructorMail] = smtp.to('i1@east.test');
    const [hostMail] = smtp.to('host@kashgar.test');
    expect(smtp.to('i1@east.test')).toHaveLength(1);
    expect(smtp.to('host@kashgar.test')).toHaveLength(1);
    expect(instructorMail!.receivedAt - due).toBeGreaterThanOrEqual(-50);
    expect(instructorMail!.receivedAt - due).toBeLessThan(2_000);
    // Quiet hours moved the host's reminder from 09:30 to 09:29 Xinjiang time: it came with the instructor's, not a minute later.
    expect(hostMail!.receivedAt - due).toBeLessThan(2_000);
    expect(smtp.to('i2@east.test')).toHaveLength(0);
    expect(smtp.to('i3@east.test').map((m) => m.subject)).toEqual([expect.stringMatching(/^Cancelled: /)]);

    expect(instructorMail!.subject).toBe(
      'Reminder: 数据结构 Data Structures in 31 minutes, Mon 28 Sep 2026, 12:00-13:35 Beijing time (Asia/Shanghai, UTC+8)',
    );
    expect(instructorMail!.messageId).toMatch(/^<rem-[0-9a-f-]+-i[0-9a-f-]+-31-v1@east-west-scheduler>$/);
    // The host reads Chinese (the default), with Xinjiang time first and Beijing time beside it.
    expect(hostMail!.subject).toBe(
      '【上课提醒】数据结构 Data Structures 30分钟后开始：2026年9月28日（周一）10:00-11:35 新疆时间（Asia/Urumqi，UTC+6）',
    );
  }, 40_000);

  it('records the sent reminder under its delivery key, and the email channel made the inbox unnecessary', async () => {
    const key = smtp.to('i1@east.test')[0]!.messageId.slice(1).split('@')[0]!;
    const finished = await t.app.get(UnitOfWork).run((stores) => stores.deliveries.finishedKeys([key, `${key}-unknown`]));
    expect([...finished]).toEqual([key]);
    const inbox = await t.app
      .get(UnitOfWork)
      .run((stores) => stores.inbox.list([{ kind: 'instructor', id: ids.i1! }], { page: 1, pageSize: 10 }));
    expect(inbox.total).toBe(0);
  });

  it('falls back to the next channel when a webhook refuses for good, and dead-letters a message with no channel left', async () => {
    await waitFor('the fallback and the dead letter', async () => (await t.asAdmin('GET', '/dead-letters')).body.total >= 1, 10_000);
    // Both robots were called with a body signed by HMAC-SHA256; DingTalk's shape for instructor 4.
    expect(robotCalls.length).toBe(2);
    expect(robotCalls.every((call) => /^sha256=[0-9a-f]{64}$/.test(call.signature))).toBe(true);
    expect(robotCalls.map((call) => JSON.parse(call.body).msgtype ?? 'generic').sort()).toEqual(['generic', 'text']);
    const inbox = await t.as('teacher', { instructorId: ids.i4! })('GET', '/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((m: { subject: string }) => m.subject)).toEqual([
      expect.stringMatching(/^Reminder: 数据结构 Data Structures in 31 minutes/),
    ]);
    const dead = await t.asAdmin('GET', '/dead-letters');
    expect(dead.body.items).toHaveLength(1);
    expect(dead.body.items[0].delivery).toMatchObject({ status: 'dead', recipient: { kind: 'instructor', id: ids.i5 }, kind: 'reminder' });
    expect(dead.body.items[0].attempts.map((x: { channel: string; outcome: string }) => [x.channel, x.outcome])).toEqual([
      ['webhook', 'permanent-failure'],
    ]);
    // Teachers may not see the dead letters; a retry goes back through the outbox and fails again on the same robot.
    expect((await t.as('teacher', { instructorId: ids.i5! })('GET', '/dead-letters')).status).toBe(403);
    const retried = await t.asAdmin('POST', `/dead-letters/${dead.body.items[0].delivery.id}/retry`);
    expect({ status: retried.status, deliveryStatus: retried.body.status }).toEqual({ status: 201, deliveryStatus: 'pending' });
    await waitFor('the retry to reach the robot', () => robotCalls.length === 3, 10_000);
  }, 30_000);

  it("records an ended session's teaching activity exactly once, even when its job runs twice", async () => {
    // A session that ended an hour ago, written with its outbox event as the use cases do.
    const session: JointSession = {
      id: '6a1f2a8e-0000-4000-8000-00000000e2e0',
      pairingId: ids.pairing1!,
      instructorId: ids.i1!,
      startsAt: '2026-09-28T01:00:00.000Z',
      endsAt: '2026-09-28T02:35:00.000Z',
      anchorTimeZone: 'Asia/Urumqi',
      westernClassIds: [ids.class1!],
      status: 'scheduled',
      version: 1,
      meetingUrl: null,
    };
    await t.app.get(UnitOfWork).run(async (stores) => {
      await stores.jointSessions.save(session);
      await stores.outbox.add({ kind: 'session-changed', sessionId: session.id, version: 1 });
    });
    const ledger = t.app.get(LedgerUnitOfWork);
    const entries = () => ledger.run((_stores, l) => l.list({ jointSessionId: session.id }, { page: 1, pageSize: 10 }));
    await waitFor('the ledger entry', async () => (await entries()).total >= 1, 10_000);
    // The same job again (a duplicate delivery by the queue): it must not add a second entry.
    const activities = t.app.get(Queues).get(QueueName.Activities);
    const again = await activities.add(
      JobName.RecordActivity,
      { sessionId: session.id, sessionVersion: 1, endsAt: session.endsAt },
      { jobId: `end-${session.id}-v1-again` },
    );
    await waitFor('the second run', async () => (await activities.getJobState(again.id!)) === 'completed', 10_000);
    expect((await activities.getJob(again.id!))?.returnvalue).toMatchObject({ outcome: 'already_recorded' });
    expect((await entries()).total).toBe(1);
  }, 30_000);
});
