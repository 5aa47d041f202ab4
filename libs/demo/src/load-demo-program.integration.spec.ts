import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDatabase, TypeormLedgerUnitOfWork, TypeormTeachingReports, TypeormUnitOfWork } from '#persistence';
import { SystemClock, type JointSession, type TeachingActivity } from '#scheduling';
import { CONFIRMATION_DAYS } from './demo-ledger.js';
import { loadDemoProgram, type DemoLoadResult } from './load-demo-program.js';
import { buildDemoProgram } from './program-data.js';

const NOW = '2026-11-22T08:00:00.000Z';
const DAY_MS = 86_400_000;

interface Loaded {
  dataSource: DataSource;
  ledger: TypeormLedgerUnitOfWork;
  result: DemoLoadResult;
  activities: TeachingActivity[];
  sessions: JointSession[];
}

async function load(): Promise<Loaded> {
  const dataSource = await openTestDatabase();
  const unitOfWork = new TypeormUnitOfWork(dataSource, new SystemClock());
  const ledger = new TypeormLedgerUnitOfWork(unitOfWork);
  const result = await loadDemoProgram(unitOfWork, buildDemoProgram(), [], NOW, ledger);
  const activities: TeachingActivity[] = [];
  for (let page = 1; ; page++) {
    const found = await ledger.run((_stores, l) => l.list({}, { page, pageSize: 1000 }));
    activities.push(...found.items);
    if (page * found.pageSize >= found.total) break;
  }
  const sessions = (await unitOfWork.run((stores) => stores.jointSessions.list({}, { page: 1, pageSize: 5000 }))).items;
  return { dataSource, ledger, result, activities, sessions };
}

async function dispose(loaded: Loaded | undefined): Promise<void> {
  if (!loaded) return;
  await loaded.dataSource.destroy();
  const { type, database } = loaded.dataSource.options;
  if (type === 'better-sqlite3') for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
}

describe('the demo program with its ledger (SQLite), loaded at 2026-11-22T08:00Z', () => {
  let first: Loaded;
  beforeAll(async () => {
    first = await load();
  }, 60_000);
  afterAll(async () => {
    await dispose(first);
  });

  it('records every session that ended before now, once, and none after', () => {
    const ended = first.sessions.filter((s) => s.endsAt <= NOW).map((s) => s.id);
    const recorded = first.activities.filter((a) => a.jointSessionId !== null).map((a) => a.jointSessionId);
    expect(ended.length).toBeGreaterThan(500);
    expect(new Set(recorded)).toEqual(new Set(ended));
    expect(recorded).toHaveLength(ended.length);
    const counts = first.result.counts;
    expect(counts.recordedSessions).toBe(ended.length);
    expect(counts.attendanceConfirmed! + counts.notHeld! + counts.awaitingConfirmation!).toBe(ended.length);
  });

  it('confirms attendance below each class’s enrolment a few hours to three days after the end; the last week waits', () => {
    const endOf = new Map(first.sessions.map((s) => [s.id, Date.parse(s.endsAt)]));
    const confirmed = first.activities.filter((a) => a.jointSessionId !== null && a.attendanceConfirmedAt !== null);
    const waiting = first.activities.filter((a) => a.jointSessionId !== null && a.status === 'counted' && a.attendanceConfirmedAt === null);
    expect(confirmed).toHaveLength(first.result.counts.attendanceConfirmed!);
    for (const activity of confirmed) {
      const end = endOf.get(activity.jointSessionId!)!;
      const confirmedAt = Date.parse(activity.attendanceConfirmedAt!);
      expect(confirmedAt - end).toBeGreaterThanOrEqual(2 * 3_600_000);
      expect(confirmedAt - end).toBeLessThanOrEqual(3 * DAY_MS);
      for (const campus of activity.campuses) expect(campus.studentsPresent).toBeLessThan(campus.studentsEnrolled);
    }
    expect(waiting.length).toBe(first.result.counts.awaitingConfirmation);
    for (const activity of waiting) {
      expect(endOf.get(activity.jointSessionId!)!).toBeGreaterThan(Date.parse(NOW) - CONFIRMATION_DAYS * DAY_MS);
      for (const campus of activity.campuses) expect(campus.studentsPresent).toBe(campus.studentsEnrolled);
    }
  });

  it('marks a few sessions not held, with a reason', () => {
    const notHeld = first.activities.filter((a) => a.jointSessionId !== null && a.status === 'not_held');
    expect(notHeld).toHaveLength(first.result.counts.notHeld!);
    expect(notHeld.length).toBeGreaterThan(0);
    expect(notHeld.length).toBeLessThan(first.result.counts.recordedSessions! * 0.05);
    for (const activity of notHeld) expect(activity.notHeldReason).toBeTruthy();
  });

  it('holds the imported 2025-2026 history, so growth by month starts in September 2025', async () => {
    const historic = first.activities.filter((a) => a.externalId !== null);
    expect(historic).toHaveLength(first.result.counts.historicActivities!);
    expect(historic.length).toBeGreaterThan(300);
    const reports = new TypeormTeachingReports(first.ledger);
    const growth = await reports.cumulativeByMonth({ filters: {}, months: null, timeZone: 'Asia/Shanghai' });
    expect(growth[0]?.month).toBe(202509);
    expect(growth.at(-1)?.month).toBe(202611);
    const byProvince = await reports.run({ groupBy: ['province'], filters: {}, months: null, timeZone: 'Asia/Shanghai' });
    expect(byProvince.source).toBe('rollup');
    expect(byProvince.total.activities).toBe(first.activities.filter((a) => a.status === 'counted').length);
    expect(byProvince.rows.find((row) => row.group.province === 'Xinjiang')?.measures.participations).toBeGreaterThan(0);
  });

  it('loads only into an empty database', async () => {
    const unitOfWork = new TypeormUnitOfWork(first.dataSource, new SystemClock());
    await expect(loadDemoProgram(unitOfWork, buildDemoProgram(), [], NOW, first.ledger)).resolves.toEqual({ loaded: false, counts: {} });
  });

  it('is the same ledger, ids and all, when loaded again into another database', async () => {
    const second = await load();
    try {
      expect(second.result).toEqual(first.result);
      expect(second.activities).toEqual(first.activities);
    } finally {
      await dispose(second);
    }
  }, 60_000);
});
