/**
 * bench:jobs — reminders at scale on real Redis and SQLite (a fresh temp file, a queue prefix of its own).
 * 1. Plans a term: ~17,000 sessions (each with an instructor and two host teachers, two offsets) go
 *    through the outbox, the relay and the planning jobs into >= 100,000 delayed reminder jobs.
 * 2. Drives 10,000 reminders falling due within one minute through the real worker (re-read, claim
 *    the delivery key, compose, send, mark sent) with a no-op channel; then the same 10,000 due at
 *    once for throughput.
 * 3. Bare BullMQ on the same Redis: a no-op worker with the same concurrency, plain delayed jobs due at
 *    the same moments, and 10,000 due at once.
 * WORKER_CONCURRENCY (the service's default, 400) sets both workers' concurrency; BENCH_SESSIONS, BENCH_BURST and
 * BENCH_WINDOW_MS scale the run. Prints one JSON line last.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Settings } from 'luxon';
import { loadConfig } from '#config';
import { LedgerPersistenceModule, PersistenceModule } from '#persistence';
import { ledgerActivityRecorder, QueueName, Queues, WorkerModule } from '#queues';
import {
  NotificationSender,
  ReminderScheduler,
  UnitOfWork,
  type ChannelAddress,
  type OutgoingMessage,
  type ScheduledDelivery,
} from '#scheduling';

process.env.TZ = 'UTC';
Settings.throwOnInvalid = true;

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 17_000);
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 60_000);
const LEAD_MS = 5_000;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench${randomUUID().replace(/-/g, '').slice(0, 8)}`;

/** Counts every send per delivery key; the time it ran is the lateness measure. */
class NoopSender extends NotificationSender {
  readonly sends = new Map<string, number>();
  readonly sentAt = new Map<string, number>();
  async send(_channel: 'email' | 'webhook', message: OutgoingMessage, _address: ChannelAddress): Promise<void> {
    this.sends.set(message.deliveryKey, (this.sends.get(message.deliveryKey) ?? 0) + 1);
    if (!this.sentAt.has(message.deliveryKey)) this.sentAt.set(message.deliveryKey, Date.now());
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
/** True once `done` holds every key; it remembers how far it got, so a poll looks only at what is new. */
function allIn(keys: readonly string[], done: { has(key: string): boolean }): () => boolean {
  let next = 0;
  return () => {
    while (next < keys.length && done.has(keys[next]!)) next++;
    return next === keys.length;
  };
}
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(20);
  }
}

/** This process's CPU time (user + system) since `before`, per burst job: steadier than a rate on a busy machine. */
const cpuPerJob = (before: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / BURST);
};

async function main(): Promise<void> {
  const sqlitePath = join(tmpdir(), `bench-jobs-${randomUUID()}.sqlite`);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SQLITE_PATH: sqlitePath,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    SWEEP_INTERVAL_MS: '86400000',
    OUTBOX_POLL_MS: '20',
    ...(process.env.WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY } : {}),
  });
  const sender = new NoopSender();

  @Module({
    imports: [
      PersistenceModule.forRoot(config.database),
      WorkerModule.forRoot(config, {
        imports: [LedgerPersistenceModule],
        recorder: ledgerActivityRecorder,
        sender: { provide: NotificationSender, useValue: sender },
      }),
    ],
  })
  class BenchModule {}

  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  await app.init();
  const uow = app.get(UnitOfWork);
  const queues = app.get(Queues);
  const notifications = queues.get(QueueName.Notifications);
  const redis = new Redis(redisUrl);

  // 1. A term: institutions, teachers and classes, then the sessions with their outbox events.
  const now = Date.now();
  const day = 86_400_000;
  const pairings = Math.ceil(SESSIONS / 17);
  const sessionIds: string[] = [];
  const seedStarted = Date.now();
  await uow.run(async (stores) => {
    const east = randomUUID();
    const west = randomUUID();
    await stores.institutions.save({
      id: east,
      nameZh: '浙江大学',
      nameEn: 'Zhejiang University',
      region: 'east',
      province: 'Zhejiang',
      timeZone: 'Asia/Shanghai',
      secondaryTimeZone: null,
      classPeriods: [],
      calendarExceptions: [],
    });
    await stores.institutions.save({
      id: west,
      nameZh: '喀什大学',
      nameEn: 'Kashgar University',
      region: 'west',
      province: 'Xinjiang',
      timeZone: 'Asia/Urumqi',
      secondaryTimeZone: 'Asia/Shanghai',
      classPeriods: [],
      calendarExceptions: [],
    });
    const termId = randomUUID();
    await stores.terms.save({
      id: termId,
      institutionId: west,
      name: 'Bench term',
      startLocalDate: '2026-01-01',
      endLocalDate: '2030-12-31',
    });
    const courseId = randomUUID();
    await stores.courses.save({
      id: courseId,
      institutionId: east,
      title: '数据结构',
      platform: 'icourse163',
      discipline: 'cs',
      language: 'zh',
    });
    for (let p = 0; p < pairings; p++) {
      const teacher = (institutionId: string, role: 'instructor' | 'host', timeZone: string) => ({
        id: randomUUID(),
        institutionId,
        name: `${role} ${p}`,
        role,
        disciplines: ['cs'],
        languages: ['zh'],
        timeZone,
        availability: [],
        unavailableLocalDates: [],
        maxSessionsPerDay: 9,
        maxSessionsPerWeek: 40,
        maxSessionsPerTerm: 400,
      });
      const instructor = teacher(east, 'instructor', 'Asia/Shanghai');
      const hosts = [teacher(west, 'host', 'Asia/Urumqi'), teacher(west, 'host', 'Asia/Urumqi')];
      for (const t of [instructor, ...hosts]) await stores.instructors.save(t);
      for (const t of [instructor, ...hosts])
        await stores.reminderSettings.savePerson({
          recipient: { kind: 'instructor', id: t.id },
          offsetsMinutes: null,
          quietHours: null,
          channels: ['email'],
          locale: null,
          email: `${t.id}@bench.test`,
          webhookUrl: null,
          webhookFlavor: 'generic',
          webhookSecret: null,
          coordinatorReminders: false,
          timeZone: null,
          updatedAt: new Date().toISOString(),
        });
      const classIds = hosts.map(() => randomUUID());
      for (const [i, host] of hosts.entries())
        await stores.westernClasses.save({
          id: classIds[i]!,
          institutionId: west,
          name: `班级 ${p}-${i}`,
          courseId,
          discipline: 'cs',
          studentsEnrolled: 40,
          sessionsPerWeek: 1,
          durationMinutes: 95,
          termId,
          allowedPeriodNames: [],
          hostTeacherId: host.id,
        });
      const pairingId = randomUUID();
      await stores.pairings.save({
        id: pairingId,
        instructorId: instructor.id,
        courseId,
        termId,
        westernClassIds: classIds,
        status: 'confirmed',
      });
      for (let w = 0; w < 17 && sessionIds.length < SESSIONS; w++) {
        const startsAt = new Date(now + 2 * day + w * 7 * day + (p % 50) * 600_000).toISOString();
        const id = randomUUID();
        await stores.jointSessions.save({
          id,
          pairingId,
          instructorId: instructor.id,
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 95 * 60_000).toISOString(),
          anchorTimeZone: 'Asia/Urumqi',
          westernClassIds: classIds,
          status: 'scheduled',
          version: 1,
          meetingUrl: 'https://meet.example/x',
        });
        await stores.outbox.add({ kind: 'session-changed', sessionId: id, version: 1 });
        sessionIds.push(id);
      }
    }
  });
  const seedMs = Date.now() - seedStarted;

  // The relay and the planning jobs turn the outbox into delayed reminders.
  const planStarted = Date.now();
  const expectedPlanned = sessionIds.length * 3 * 2;
  await until(async () => (await notifications.getDelayedCount()) >= expectedPlanned, 15 * 60_000);
  const planMs = Date.now() - planStarted;
  const planned = await notifications.getDelayedCount();

  // 2. Burst through the real worker: real sessions and recipients, offsets made unique per job.
  const sample = await uow.run((stores) => stores.jointSessions.findByIds(sessionIds.slice(0, Math.ceil(BURST / 3))));
  const recipients = await uow.run(async (stores) => {
    const byPairing = new Map<string, string[]>();
    for (const s of sample) {
      const classes = await stores.westernClasses.findByIds(s.westernClassIds);
      byPairing.set(s.id, [s.instructorId, ...classes.map((c) => c.hostTeacherId!)]);
    }
    return byPairing;
  });
  const burst = (start: number, spreadMs: number, tag: number): ScheduledDelivery[] => {
    const out: ScheduledDelivery[] = [];
    for (let i = 0; out.length < BURST; i++) {
      const session = sample[i % sample.length]!;
      const people = recipients.get(session.id)!;
      const recipientId = people[Math.floor(i / sample.length) % people.length]!;
      const offsetMinutes = 100_000 * tag + i;
      out.push({
        deliveryKey: `rem-${session.id}-i${recipientId}-${offsetMinutes}-v1`,
        kind: 'reminder',
        sessionId: session.id,
        sessionVersion: 1,
        recipientKind: 'instructor',
        recipientId,
        offsetMinutes,
        changedSessionId: null,
        dueAt: new Date(start + (spreadMs * out.length) / BURST).toISOString(),
      });
    }
    return out;
  };
  const scheduler = app.get(ReminderScheduler);
  const runBurst = async (spreadMs: number, tag: number) => {
    const deliveries = burst(Date.now() + LEAD_MS, spreadMs, tag);
    const enqueueStarted = Date.now();
    await scheduler.scheduleDeliveries(deliveries, new Date().toISOString());
    const enqueueMs = Date.now() - enqueueStarted;
    const cpuBefore = process.cpuUsage();
    await until(
      allIn(
        deliveries.map((d) => d.deliveryKey),
        sender.sentAt,
      ),
      LEAD_MS + spreadMs + 120_000,
    );
    const late = deliveries
      .filter((d) => sender.sentAt.has(d.deliveryKey))
      .map((d) => sender.sentAt.get(d.deliveryKey)! - Date.parse(d.dueAt));
    const last = Math.max(...deliveries.map((d) => sender.sentAt.get(d.deliveryKey) ?? 0));
    return { deliveries, late, enqueueMs, drainMs: last - Date.parse(deliveries[0]!.dueAt), cpuUsPerJob: cpuPerJob(cpuBefore) };
  };
  const spread = await runBurst(WINDOW_MS, 1);
  const atOnce = await runBurst(0, 2);
  await sleep(2_000);
  const all = [...spread.deliveries, ...atOnce.deliveries];
  const duplicates = [...sender.sends.values()].filter((n) => n > 1).length;
  const sentRows = await uow.run((stores) => stores.deliveries.finishedKeys(all.map((d) => d.deliveryKey)));
  const lost = all.filter((d) => !sender.sends.has(d.deliveryKey) || !sentRows.has(d.deliveryKey)).length;

  // 3. Bare BullMQ on the same Redis: plain delayed jobs, a no-op worker, the same concurrency.
  const rawConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const rawQueue = new Queue('raw', { connection: rawConnection, prefix, defaultJobOptions: { removeOnComplete: { age: 3600 } } });
  const rawDone = new Map<string, number>();
  const rawWorker = new Worker('raw', async (job) => void rawDone.set(job.id!, Date.now()), {
    connection: rawConnection,
    prefix,
    concurrency: config.jobs.concurrency,
  });
  const rawBurst = async (spreadMs: number, tag: number) => {
    const start = Date.now() + LEAD_MS;
    const jobs = Array.from({ length: BURST }, (_, i) => ({ id: `raw-${tag}-${i}`, due: start + (spreadMs * i) / BURST }));
    for (let i = 0; i < jobs.length; i += 1000)
      await rawQueue.addBulk(
        jobs
          .slice(i, i + 1000)
          .map((j) => ({ name: 'noop', data: { i: j.id }, opts: { jobId: j.id, delay: Math.max(0, j.due - Date.now()) } })),
      );
    const cpuBefore = process.cpuUsage();
    await until(
      allIn(
        jobs.map((j) => j.id),
        rawDone,
      ),
      LEAD_MS + spreadMs + 120_000,
    );
    return {
      late: jobs.map((j) => rawDone.get(j.id)! - j.due),
      drainMs: Math.max(...jobs.map((j) => rawDone.get(j.id)!)) - jobs[0]!.due,
      cpuUsPerJob: cpuPerJob(cpuBefore),
    };
  };
  const rawSpread = await rawBurst(WINDOW_MS, 1);
  const rawAtOnce = await rawBurst(0, 2);
  await rawWorker.close();
  await rawQueue.close();
  rawConnection.disconnect();

  const result = {
    bench: 'jobs',
    jobs: planned,
    sessions: sessionIds.length,
    seedMs,
    planMs,
    enqueuePerSec: Math.round(planned / (planMs / 1000)),
    burstEnqueuePerSec: Math.round(BURST / (spread.enqueueMs / 1000)),
    processPerSec: Math.round(BURST / (atOnce.drainMs / 1000)),
    rawBullmqPerSec: Math.round(BURST / (rawAtOnce.drainMs / 1000)),
    cpuUsPerJob: atOnce.cpuUsPerJob,
    rawCpuUsPerJob: rawAtOnce.cpuUsPerJob,
    lateP50Ms: percentile(spread.late, 50),
    lateP99Ms: percentile(spread.late, 99),
    rawLateP50Ms: percentile(rawSpread.late, 50),
    rawLateP99Ms: percentile(rawSpread.late, 99),
    concurrency: config.jobs.concurrency,
    duplicates,
    lost,
  };
  await app.close();
  // The bench's own queues and database go away with it.
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  rmSync(sqlitePath, { force: true });
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
