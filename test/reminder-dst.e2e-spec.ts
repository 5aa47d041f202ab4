import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#config';
import { LedgerPersistenceModule } from '#persistence';
import { ledgerActivityRecorder, WorkerModule } from '#queues';
import { UnitOfWork, type JointSession } from '#scheduling';
import * as make from './factories.js';
import { dropQueues, RunningClock, SmtpListener, uniqueQueuePrefix, waitFor } from './reminder-harness.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The time-change notice end to end (outbox, relay, planning job, delayed job, worker, SMTP): a
 * London class's weekly session is anchored on London's wall clock, 08:00 on Mondays. London moves
 * to BST on Sunday 28 March 2027, so the Beijing instructor's class moves from 16:00 to 15:00; the
 * notice goes out when the last class before the change ends (Monday 22 March, 09:35Z). The London
 * host's clock does not change: no notice for them.
 *
 *   class        UTC                 London        Beijing
 *   22 Mar 2027  08:00Z-09:35Z       08:00 GMT     16:00
 *   29 Mar 2027  07:00Z-08:35Z       08:00 BST     15:00
 */
/** The body as written (the mailer sends it quoted-printable: soft breaks `=` and bytes `=E6`). */
const quotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe(`time-change notice on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, real Redis and SMTP`, () => {
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

  beforeAll(async () => {
    await smtp.start();
    const env = {
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: '50',
      JOB_BACKOFF_MS: '200',
      SWEEP_INTERVAL_MS: '600000',
      REDIS_URL: redisUrl,
    };
    clock = new RunningClock('2027-03-22T09:30:00.000Z');
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
    ids.london = await post('/institutions', make.london());
    ids.term = await post(
      '/terms',
      make.term(ids.london, { name: 'Spring 2027', startLocalDate: '2027-01-11', endLocalDate: '2027-06-25' }),
    );
    ids.course = await post('/courses', make.course(ids.east));
    ids.instructor = await post('/instructors', make.instructor(ids.east));
    ids.host = await post(
      '/instructors',
      make.instructor(ids.london, { name: 'Emma Clark', role: 'host', timeZone: 'Europe/London', availability: [] }),
    );
    ids.class = await post(
      '/western-classes',
      make.westernClass(
        { institutionId: ids.london, courseId: ids.course, termId: ids.term, hostTeacherId: ids.host },
        { name: 'UCL Chinese 2', allowedPeriodNames: [] },
      ),
    );
    ids.pairing = await post(
      '/pairings',
      make.pairing({ instructorId: ids.instructor, courseId: ids.course, termId: ids.term, westernClassIds: [ids.class] }),
    );
    for (const [instructorId, email] of [
      [ids.instructor, 'li.wei@zju.test'],
      [ids.host, 'emma@ucl.test'],
    ] as const) {
      const response = await t.as('teacher', { instructorId })('PUT', '/reminder-preferences/me', { email, locale: 'en' });
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
    }
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await dropQueues(redisUrl, prefix);
  }, 20_000);

  it('tells the Beijing instructor once, when the last class before the change ends, and not the London host', async () => {
    // Four seconds before the 22 March class ends, whatever the setup took.
    clock.restartAt('2027-03-22T09:34:56.000Z');
    const session = (id: string, startsAt: string, endsAt: string): JointSession => ({
      id,
      pairingId: ids.pairing!,
      instructorId: ids.instructor!,
      startsAt,
      endsAt,
      anchorTimeZone: 'Europe/London',
      westernClassIds: [ids.class!],
      status: 'scheduled',
      version: 1,
      meetingUrl: null,
    });
    // Written with their outbox events, as the scheduling use cases do.
    await t.app.get(UnitOfWork).run(async (stores) => {
      for (const s of [
        session('6a1f2a8e-0000-4000-8000-0000000d5701', '2027-03-22T08:00:00.000Z', '2027-03-22T09:35:00.000Z'),
        session('6a1f2a8e-0000-4000-8000-0000000d5702', '2027-03-29T07:00:00.000Z', '2027-03-29T08:35:00.000Z'),
      ]) {
        await stores.jointSessions.save(s);
        await stores.outbox.add({ kind: 'session-changed', sessionId: s.id, version: 1 });
      }
    });

    await waitFor('the time-change notice', () => smtp.to('li.wei@zju.test').length >= 1, 15_000);
    await waitFor('09:35:03Z', () => clock.now().toISO()! >= '2027-03-22T09:35:03', 10_000);
    const mails = smtp.to('li.wei@zju.test');
    expect(mails.map((m) => m.subject)).toEqual(['Time change: 数据结构 Data Structures from 29 March']);
    expect(quotedPrintable(mails[0]!.body)).toContain(
      'From 29 March this class is at 15:00 for you instead of 16:00 (Beijing time (Asia/Shanghai, UTC+8)).',
    );
    expect(mails[0]!.messageId).toBe(`<dst-6a1f2a8e-0000-4000-8000-0000000d5702-i${ids.instructor}-15h00@east-west-scheduler>`);
    // Not before the class before the change ended.
    expect(mails[0]!.receivedAt - clock.realTimeOf('2027-03-22T09:35:00.000Z')).toBeGreaterThanOrEqual(-50);
    expect(smtp.to('emma@ucl.test')).toHaveLength(0);
  }, 40_000);
});
