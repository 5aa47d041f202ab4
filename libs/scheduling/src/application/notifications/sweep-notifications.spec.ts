import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import type { JointSession } from '../../domain/model.js';
import type { TeachingActivity } from '../ledger/teaching-activity.js';
import { Clock } from '../ports/clock.js';
import { LedgerUnitOfWork, type TeachingActivityFilter, type TeachingLedger } from '../ports/ledger.js';
import { ReminderScheduler, sessionEndKey, type ScheduledDelivery, type ScheduledSessionEnd } from '../ports/notification-jobs.js';
import { UnitOfWork, type JointSessionFilter, type Page, type PageRequest, type Stores } from '../ports/stores.js';
import { SweepNotifications } from './sweep-notifications.js';

const NOW = '2026-11-22T08:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();

/** A 95-minute session ending `endedAgoMs` before now. */
function session(id: string, endedAgoMs: number, status: JointSession['status'] = 'scheduled'): JointSession {
  return {
    id,
    pairingId: 'pairing',
    instructorId: 'instructor',
    startsAt: at(-endedAgoMs - 95 * 60_000),
    endsAt: at(-endedAgoMs),
    anchorTimeZone: 'Asia/Urumqi',
    westernClassIds: ['class'],
    status,
    version: 2,
    meetingUrl: null,
  };
}

function page<T>(items: T[], request: PageRequest): Page<T> {
  const start = (request.page - 1) * request.pageSize;
  return { items: items.slice(start, start + request.pageSize), total: items.length, page: request.page, pageSize: request.pageSize };
}

class FixedClock extends Clock {
  constructor(public at = NOW) {
    super();
  }

  now(): DateTime {
    return DateTime.fromISO(this.at, { zone: 'utc' });
  }
}

/** The joint sessions (filtered as the store does) and no finished deliveries; the look-ahead finds none of these past sessions. */
class SessionsUnitOfWork extends UnitOfWork {
  constructor(readonly sessions: JointSession[]) {
    super();
  }

  run<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    const list = (filter: JointSessionFilter, request: PageRequest) =>
      Promise.resolve(
        page(
          this.sessions.filter(
            (s) =>
              (!filter.status || s.status === filter.status) &&
              (!filter.from || s.endsAt > filter.from) &&
              (!filter.to || s.startsAt < filter.to),
          ),
          request,
        ),
      );
    const stores = { jointSessions: { list }, deliveries: { finishedKeys: () => Promise.resolve(new Set<string>()) } };
    return work(stores as unknown as Stores);
  }
}

/** A ledger holding an activity for each recorded session. */
class RecordedLedger extends LedgerUnitOfWork {
  constructor(
    private readonly recorded: JointSession[],
    private readonly sessions: SessionsUnitOfWork,
  ) {
    super();
  }

  run<T>(work: (stores: Stores, ledger: TeachingLedger) => Promise<T>): Promise<T> {
    const list = (filter: TeachingActivityFilter, request: PageRequest) =>
      Promise.resolve(
        page(
          this.recorded
            .filter((s) => (!filter.from || s.startsAt >= filter.from) && (!filter.to || s.startsAt < filter.to))
            .map((s) => ({ id: `activity-${s.id}`, jointSessionId: s.id, startsAt: s.startsAt }) as TeachingActivity),
          request,
        ),
      );
    return this.sessions.run((stores) => work(stores, { list } as unknown as TeachingLedger));
  }
}

class RecordingScheduler extends ReminderScheduler {
  readonly scheduledEnds: { end: ScheduledSessionEnd; now: string }[] = [];

  constructor(private readonly queuedEnds: readonly string[] = []) {
    super();
  }

  scheduleDeliveries(_deliveries: readonly ScheduledDelivery[], _now: string): Promise<void> {
    return Promise.resolve();
  }

  scheduleSessionEnd(end: ScheduledSessionEnd, now: string): Promise<void> {
    this.scheduledEnds.push({ end, now });
    return Promise.resolve();
  }

  existingDeliveries(): Promise<Set<string>> {
    return Promise.resolve(new Set());
  }

  existingSessionEnds(ends: readonly ScheduledSessionEnd[]): Promise<Set<string>> {
    return Promise.resolve(new Set(ends.map(sessionEndKey).filter((key) => this.queuedEnds.includes(key))));
  }
}

describe('SweepNotifications: sessions whose end passed with no job to record them', () => {
  it('schedules the end job of a session that ended an hour ago, as of now (so it runs at once)', async () => {
    const sessions = new SessionsUnitOfWork([session('ended-an-hour-ago', HOUR)]);
    const scheduler = new RecordingScheduler();
    const result = await new SweepNotifications(sessions, scheduler, new FixedClock(), {
      ledger: new RecordedLedger([], sessions),
    }).execute();
    expect(scheduler.scheduledEnds).toEqual([{ end: { sessionId: 'ended-an-hour-ago', sessionVersion: 2, endsAt: at(-HOUR) }, now: NOW }]);
    expect(result).toMatchObject({ recreatedSessionEnds: 1, lateSessionEnds: 1 });
  });

  it('leaves out recorded, cancelled and completed sessions, ends already queued, and ends before the 60-day look-back', async () => {
    const recorded = session('recorded', 2 * HOUR);
    const sessions = new SessionsUnitOfWork([
      recorded,
      session('cancelled', 3 * HOUR, 'cancelled'),
      session('completed', 4 * HOUR, 'completed'),
      session('queued', 5 * HOUR),
      session('59-days-ago', 59 * DAY),
      session('61-days-ago', 61 * DAY),
    ]);
    const scheduler = new RecordingScheduler([sessionEndKey({ sessionId: 'queued', sessionVersion: 2 })]);
    const sweep = new SweepNotifications(sessions, scheduler, new FixedClock(), { ledger: new RecordedLedger([recorded], sessions) });
    const result = await sweep.execute();
    expect(scheduler.scheduledEnds.map((s) => s.end.sessionId)).toEqual(['59-days-ago']);
    expect(result.lateSessionEnds).toBe(1);
  });

  it('reads the ledger page by page when many sessions ended', async () => {
    const ended = Array.from({ length: 1_200 }, (_, i) => session(`s${i}`, (i + 1) * 60_000));
    const sessions = new SessionsUnitOfWork(ended);
    const scheduler = new RecordingScheduler();
    const ledger = new RecordedLedger(
      ended.filter((_, i) => i % 3 !== 0),
      sessions,
    );
    await new SweepNotifications(sessions, scheduler, new FixedClock(), { ledger }).execute();
    expect(scheduler.scheduledEnds.map((s) => s.end.sessionId).sort()).toEqual(
      ended
        .filter((_, i) => i % 3 === 0)
        .map((s) => s.id)
        .sort(),
    );
  });

  it('looks back 60 days at its first sweep, then only to its previous sweep less a day', async () => {
    const sessions = new SessionsUnitOfWork([]);
    const scheduler = new RecordingScheduler();
    const clock = new FixedClock();
    const sweep = new SweepNotifications(sessions, scheduler, clock, { ledger: new RecordedLedger([], sessions) });
    await sweep.execute();
    // Five minutes later, a session that ended 59 days ago (the first sweep's to find) is not read
    // again; one whose job Redis lost in the last day is found.
    clock.at = at(5 * 60_000);
    sessions.sessions.push(session('59-days-ago', 59 * DAY), session('lost-job', 20 * HOUR));
    await sweep.execute();
    expect(scheduler.scheduledEnds.map((s) => s.end.sessionId)).toEqual(['lost-job']);
  });

  it('looks ahead only without a ledger to say which sessions are recorded', async () => {
    const sessions = new SessionsUnitOfWork([session('ended-an-hour-ago', HOUR)]);
    const scheduler = new RecordingScheduler();
    const result = await new SweepNotifications(sessions, scheduler, new FixedClock()).execute();
    expect(scheduler.scheduledEnds).toEqual([]);
    expect(result.lateSessionEnds).toBe(0);
  });
});
