import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { openDatabase, TypeormUnitOfWork } from '#persistence';
import { ReminderPreferences, SystemClock, type JointSession } from '#scheduling';
import * as make from './factories.js';
import { SmtpListener, sparePort, waitFor } from './reminder-harness.js';

const root = resolve(import.meta.dirname, '..');
const appEntry = join(root, 'dist/apps/api/src/main.js');

/** Its own redis-server on a spare port, without persistence, so stopping it disturbs nothing else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitFor(
    'redis-server',
    () =>
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() === 'PONG',
    10_000,
  );
  return redis;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));

/**
 * Fault tests on the real process layout: `node dist/apps/api/src/main.js` runs the API and the
 * worker in one process on SQLite, as `npm start` does. Each test starts its own redis-server and
 * its own app processes, so killing them disturbs nothing else on the machine.
 */
describe('reminder faults (own redis-server, own app processes, SQLite)', () => {
  const smtp = new SmtpListener();
  const sqlitePath = join(tmpdir(), `scheduler-faults-${randomUUID()}.sqlite`);
  let redisPort: number;
  let redis: ChildProcess;
  const children: ChildProcess[] = [];

  const startApp = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--enable-source-maps', appEntry], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        TZ: 'UTC',
        PORT: String(await sparePort()),
        HOST: '127.0.0.1',
        SQLITE_PATH: sqlitePath,
        DEMO_DATA: 'off',
        LOG_LEVEL: 'warn',
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        SMTP_URL: smtp.url,
        JOB_LOCK_MS: '1000',
        DELIVERY_LEASE_MS: '2000',
        JOB_BACKOFF_MS: '200',
        OUTBOX_POLL_MS: '50',
        SWEEP_INTERVAL_MS: '1000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    // The app runs from the compiled output, exactly as `npm start` runs it.
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
    expect(existsSync(appEntry)).toBe(true);
    await smtp.start();
    redisPort = await sparePort();
    redis = await startRedis(redisPort);
  }, 170_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    redis?.kill('SIGKILL');
    if (redis) await exited(redis);
    await smtp.stop();
  }, 20_000);

  /** A session starting `secondsAhead` + 30 minutes from now, written with its outbox event (as the API does). */
  async function seedSession(secondsAhead: number, email: string): Promise<JointSession> {
    const dataSource = await openDatabase({ kind: 'sqlite', path: sqlitePath });
    try {
      const clock = new SystemClock();
      const unitOfWork = new TypeormUnitOfWork(dataSource, clock);
      const session = await unitOfWork.run(async (stores) => {
        const ids = {
          east: randomUUID(),
          kashgar: randomUUID(),
          term: randomUUID(),
          course: randomUUID(),
          instructor: randomUUID(),
          westernClass: randomUUID(),
          pairing: randomUUID(),
        };
        await stores.institutions.save({ id: ids.east, ...make.zhejiang() });
        await stores.institutions.save({ id: ids.kashgar, ...make.kashgar() });
        await stores.terms.save({ id: ids.term, ...make.term(ids.kashgar) });
        await stores.courses.save({ id: ids.course, ...make.course(ids.east) });
        await stores.instructors.save({ id: ids.instructor, ...make.instructor(ids.east) });
        await stores.westernClasses.save({
          id: ids.westernClass,
          ...make.westernClass({ institutionId: ids.kashgar, courseId: ids.course, termId: ids.term }),
        });
        await stores.pairings.save({
          id: ids.pairing,
          ...make.pairing({ instructorId: ids.instructor, courseId: ids.course, termId: ids.term, westernClassIds: [ids.westernClass] }),
        });
        const startsAt = DateTime.utc().plus({ minutes: 30, seconds: secondsAhead });
        const created: JointSession = {
          id: randomUUID(),
          pairingId: ids.pairing,
          instructorId: ids.instructor,
          startsAt: startsAt.toISO()!,
          endsAt: startsAt.plus({ minutes: 95 }).toISO()!,
          anchorTimeZone: 'Asia/Urumqi',
          westernClassIds: [ids.westernClass],
          status: 'scheduled',
          version: 1,
          meetingUrl: null,
        };
        await stores.jointSessions.save(created);
        await stores.outbox.add({ kind: 'session-changed', sessionId: created.id, version: created.version });
        return created;
      });
      await new ReminderPreferences(unitOfWork, clock).updatePerson(
        { kind: 'instructor', id: session.instructorId },
        { email, offsetsMinutes: [30], channels: ['email'] },
      );
      return session;
    } finally {
      await dataSource.destroy();
    }
  }

  async function deliveryRows(sessionId?: string): Promise<{ status: string; attempts: number }[]> {
    const dataSource = await openDatabase({ kind: 'sqlite', path: sqlitePath });
    try {
      const rows = sessionId
        ? dataSource.query('SELECT status, attempts FROM deliveries WHERE session_id = ?', [sessionId])
        : dataSource.query('SELECT status, attempts FROM deliveries');
      return (await rows) as { status: string; attempts: number }[];
    } finally {
      await dataSource.destroy();
    }
  }

  it('a worker killed (SIGKILL) while sending leads to a retry and exactly one email', async () => {
    await seedSession(6, 'killed@east.test');
    const hold = smtp.holdNext();
    const first = await startApp();
    // The message reached the SMTP server but is not accepted yet: the sender dies mid-send.
    await hold.held;
    first.kill('SIGKILL');
    await exited(first);
    setTimeout(hold.release, 200);
    expect(smtp.to('killed@east.test')).toHaveLength(0);

    const second = await startApp();
    await waitFor('the retried email', () => smtp.to('killed@east.test').length >= 1, 30_000);
    await new Promise((done) => setTimeout(done, 3_000));
    expect(smtp.to('killed@east.test')).toHaveLength(1);
    second.kill('SIGTERM');
    await exited(second);
    expect(second.exitCode === 0 || second.signalCode === 'SIGTERM').toBe(true);
    expect(await deliveryRows()).toEqual([{ status: 'sent', attempts: 2 }]);
  }, 60_000);

  it('a worker stopped (SIGTERM) while sending finishes that job before it exits: one email, marked sent, no retry', async () => {
    const session = await seedSession(6, 'stopped@east.test');
    const hold = smtp.holdNext();
    const app = await startApp();
    await hold.held;
    app.kill('SIGTERM');
    // It stops taking jobs but waits for the running one: still alive while the server holds the message.
    await new Promise((done) => setTimeout(done, 700));
    expect({ exitCode: app.exitCode, signalCode: app.signalCode }).toEqual({ exitCode: null, signalCode: null });
    hold.release();
    await exited(app);
    expect(app.exitCode === 0 || app.signalCode === 'SIGTERM').toBe(true);
    expect(smtp.to('stopped@east.test')).toHaveLength(1);
    expect(await deliveryRows(session.id)).toEqual([{ status: 'sent', attempts: 1 }]);
  }, 60_000);

  it('Redis stopped while sessions are published and restarted empty: every reminder still goes out once, none twice', async () => {
    const app = await startApp();
    await seedSession(10, 'before@east.test');
    // Planned into Redis, then Redis dies without persistence: that job is gone.
    await waitFor(
      'the first plan to reach Redis',
      () =>
        spawnSync('redis-cli', ['-p', String(redisPort), '--scan', '--pattern', 'bull:notifications:rem-*'])
          .stdout.toString()
          .trim() !== '',
      10_000,
    );
    redis.kill('SIGKILL');
    await exited(redis);
    // Published while Redis is down: the outbox keeps them.
    await seedSession(10, 'during1@east.test');
    await seedSession(10, 'during2@east.test');
    await new Promise((done) => setTimeout(done, 1_500));
    redis = await startRedis(redisPort);

    const addresses = ['before@east.test', 'during1@east.test', 'during2@east.test'];
    await waitFor('all three reminders', () => addresses.every((a) => smtp.to(a).length >= 1), 30_000);
    await new Promise((done) => setTimeout(done, 3_000));
    expect(addresses.map((a) => smtp.to(a).length)).toEqual([1, 1, 1]);
    app.kill('SIGTERM');
    await exited(app);
  }, 60_000);
});
