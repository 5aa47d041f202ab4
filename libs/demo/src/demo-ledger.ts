import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  catchUpRollupsInSteps,
  Clock,
  ConfirmTeachingActivity,
  ImportTeachingActivities,
  LedgerUnitOfWork,
  MarkSessionNotHeld,
  RecordTeachingActivity,
  SYSTEM_ACTOR,
  TeachingLedger,
  type AppendOptions,
  type JointSession,
  type Page,
  type PageRequest,
  type Stores,
  type TeachingActivity,
  type TeachingActivityFilter,
  type WesternClass,
} from '#scheduling';
import { buildDemoPastTerms, type DemoProgram } from './program-data.js';

/** What the demo's ledger holds once loaded. */
export interface DemoTeachingCounts {
  /** 2025-2026 activities imported as history (campus figures, as an old spreadsheet has them). */
  historicActivities: number;
  /** This term's sessions that ended before now, recorded as their session-end job records them. */
  recordedSessions: number;
  attendanceConfirmed: number;
  notHeld: number;
  /** Ended within the last `CONFIRMATION_DAYS`: recorded, the enrolment standing in until a teacher confirms. */
  awaitingConfirmation: number;
}

/** Teachers confirm a session within a week; the last week's sessions are still waiting for it. */
export const CONFIRMATION_DAYS = 7;
/** About one session in fifty does not take place (a network outage, a sports day, an illness). */
const NOT_HELD_SHARE = 0.02;
/** A weekly slot of this term's timetable taken at least this often is a regular lesson, repeated in the history. */
const REGULAR_WEEKS = 8;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const NOT_HELD_REASONS = [
  '西部校区网络中断，直播未能进行',
  '学校运动会，当日停课',
  '主讲教师因病请假，另行补课',
  '暴雪天气，学校临时停课',
] as const;

/** A seeded draw in [0, 1) for a readable key: the same key always draws the same number, in any order. */
export function demoDraw(key: string): number {
  return parseInt(createHash('sha1').update(`demo:draw:${key}`).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
}

/** A time-ordered UUID (version 7, like the ledger's own) whose other bits come from `key`: reloading gives the same ids. */
export function demoActivityId(key: string, millis: number): string {
  const hex = createHash('sha1').update(`demo:activity:${key}`).digest('hex');
  const time = Math.floor(millis).toString(16).padStart(12, '0');
  const variant = ((parseInt(hex.charAt(3), 16) & 0x3) | 0x8).toString(16);
  return [time.slice(0, 8), time.slice(8, 12), `7${hex.slice(0, 3)}`, `${variant}${hex.slice(4, 7)}`, hex.slice(7, 19)].join('-');
}

/**
 * Students present at one class's session: the class's usual rate (78-95 %), a swing of up to 6 %
 * either way, and one session in twenty 15 % lower (exams, a snowstorm); always below the enrolment.
 */
export function demoStudentsPresent(westernClass: Pick<WesternClass, 'id' | 'studentsEnrolled'>, sessionKey: string): number {
  const usual = 0.78 + 0.17 * demoDraw(`rate:${westernClass.id}`);
  const swing = (demoDraw(`swing:${sessionKey}:${westernClass.id}`) - 0.5) * 0.12;
  const badDay = demoDraw(`bad-day:${sessionKey}:${westernClass.id}`) < 0.05 ? 0.15 : 0;
  const present = Math.round(westernClass.studentsEnrolled * (usual + swing - badDay));
  return Math.max(0, Math.min(westernClass.studentsEnrolled - 1, present));
}

/** The loader's clock: each use case runs at the moment it would have happened (a session's end, its confirmation). */
class SteppedClock extends Clock {
  private millis = 0;

  at(millis: number): this {
    this.millis = millis;
    return this;
  }

  now(): DateTime {
    return DateTime.fromMillis(this.millis, { zone: 'utc' });
  }

  override nowMillis(): number {
    return this.millis;
  }
}

/**
 * The ledger for a bulk load, as an import uses it: appends leave the report rollups behind (the
 * port's `later`), so recording and then confirming a session moves no rollup twice; the load
 * catches them up once at its end. Reports read the lines meanwhile, as exact.
 */
class BulkLoadLedger extends TeachingLedger {
  constructor(private readonly inner: TeachingLedger) {
    super();
  }

  append(activities: readonly TeachingActivity[], options: AppendOptions = {}): Promise<TeachingActivity[]> {
    return this.inner.append(activities, { ...options, rollups: 'later' });
  }

  catchUpRollups(maxActivities?: number): Promise<boolean> {
    return this.inner.catchUpRollups(maxActivities);
  }

  findById(id: string): Promise<TeachingActivity | null> {
    return this.inner.findById(id);
  }

  findByJointSession(jointSessionId: string): Promise<TeachingActivity | null> {
    return this.inner.findByJointSession(jointSessionId);
  }

  replace(activity: TeachingActivity): Promise<void> {
    return this.inner.replace(activity);
  }

  list(filter: TeachingActivityFilter, page: PageRequest): Promise<Page<TeachingActivity>> {
    return this.inner.list(filter, page);
  }
}

/** The use cases' units of work, run inside the demo load's one transaction (one after another, never side by side). */
class WithinLoad extends LedgerUnitOfWork {
  private readonly ledger: TeachingLedger;

  constructor(
    private readonly stores: Stores,
    ledger: TeachingLedger,
  ) {
    super();
    this.ledger = new BulkLoadLedger(ledger);
  }

  run<T>(work: (stores: Stores, ledger: TeachingLedger) => Promise<T>): Promise<T> {
    return work(this.stores, this.ledger);
  }
}

/**
 * Fills the ledger as a year of the program would have: the 2025-2026 history through the historic
 * import, then each of this term's sessions that ended before `now` recorded at its end, confirmed
 * with the students present a few hours to three days later or marked not held; the last week's
 * still wait for their teachers. Deterministic: every figure is a seeded draw. Runs the ledger's own
 * use cases on the load's transaction.
 */
export async function recordDemoTeaching(
  stores: Stores,
  ledger: TeachingLedger,
  input: { program: DemoProgram; sessions: readonly JointSession[]; now: string },
): Promise<DemoTeachingCounts> {
  const nowMs = Date.parse(input.now);
  const unit = new WithinLoad(stores, ledger);
  const clock = new SteppedClock().at(nowMs);
  let historicLine = 0;
  const history = await new ImportTeachingActivities(unit, clock, {}, (startsAtMillis) =>
    demoActivityId(`history:${++historicLine}`, startsAtMillis),
  ).execute({ csv: demoHistoryCsv(input.program, input.sessions, nowMs), actor: SYSTEM_ACTOR });
  if (history.rejected > 0) throw new Error(`demo history: ${JSON.stringify(history.problems.slice(0, 3))}`);

  const counts: DemoTeachingCounts = {
    historicActivities: history.imported,
    recordedSessions: 0,
    attendanceConfirmed: 0,
    notHeld: 0,
    awaitingConfirmation: 0,
  };
  const classes = new Map(input.program.westernClasses.map((c) => [c.id, c]));
  const confirm = new ConfirmTeachingActivity(unit, clock);
  const markNotHeld = new MarkSessionNotHeld(unit, clock);
  const ended = input.sessions.filter((s) => Date.parse(s.endsAt) <= nowMs).sort((a, b) => a.endsAt.localeCompare(b.endsAt));
  for (const session of ended) {
    const endMs = Date.parse(session.endsAt);
    // The session-end job runs a minute after the end.
    clock.at(Math.min(nowMs, endMs + 60_000));
    const record = new RecordTeachingActivity(unit, clock, () => demoActivityId(`session:${session.id}`, clock.nowMillis()));
    const result = await record.execute({ jointSessionId: session.id });
    if (result.outcome === 'skipped') continue;
    counts.recordedSessions++;
    if (endMs > nowMs - CONFIRMATION_DAYS * DAY_MS) {
      counts.awaitingConfirmation++;
      continue;
    }
    clock.at(endMs + (2 + Math.floor(demoDraw(`confirmed-after:${session.id}`) * 70)) * HOUR_MS);
    if (demoDraw(`not-held:${session.id}`) < NOT_HELD_SHARE) {
      const reason = NOT_HELD_REASONS[Math.floor(demoDraw(`reason:${session.id}`) * NOT_HELD_REASONS.length)]!;
      await markNotHeld.execute({ activityId: result.activity.id, actor: SYSTEM_ACTOR, reason });
      counts.notHeld++;
      continue;
    }
    const attendance = result.activity.campuses.map((campus) => ({
      westernClassId: campus.westernClassId!,
      studentsPresent: demoStudentsPresent(classes.get(campus.westernClassId!)!, session.id),
    }));
    await confirm.execute({ activityId: result.activity.id, actor: SYSTEM_ACTOR, attendance });
    counts.attendanceConfirmed++;
  }
  await catchUpRollupsInSteps(unit);
  return counts;
}

interface WeeklySlot {
  key: string;
  pairingId: string;
  anchorTimeZone: string;
  weekday: number;
  localTime: string;
  durationMinutes: number;
  westernClassIds: readonly string[];
}

/** Wall-clock readings, remembered: a timetable repeats a few start times (luxon asks Intl for each zone offset). */
class WallClock {
  private readonly readings = new Map<string, { localDate: string; localTime: string; weekday: number }>();
  private readonly instants = new Map<string, number>();

  at(millis: number, timeZone: string): { localDate: string; localTime: string; weekday: number } {
    const key = `${millis}|${timeZone}`;
    let reading = this.readings.get(key);
    if (!reading) {
      const local = DateTime.fromMillis(millis, { zone: timeZone });
      reading = { localDate: local.toISODate()!, localTime: local.toFormat('HH:mm'), weekday: local.weekday };
      this.readings.set(key, reading);
    }
    return reading;
  }

  /** The instant of a wall-clock time; the demo's lessons are in zones and hours without DST gaps or repeats. */
  instant(localDate: string, localTime: string, timeZone: string): number {
    const key = `${localDate}T${localTime}|${timeZone}`;
    let millis = this.instants.get(key);
    if (millis === undefined) {
      millis = DateTime.fromISO(`${localDate}T${localTime}`, { zone: timeZone }).toMillis();
      this.instants.set(key, millis);
    }
    return millis;
  }
}

/** This term's regular weekly lessons: a pairing's classes at one weekday and local time, taken most weeks. */
function weeklySlots(sessions: readonly JointSession[], clock: WallClock): WeeklySlot[] {
  const slots = new Map<string, WeeklySlot & { weeks: number }>();
  for (const session of sessions) {
    const startsMs = Date.parse(session.startsAt);
    const { weekday, localTime } = clock.at(startsMs, session.anchorTimeZone);
    const durationMinutes = Math.round((Date.parse(session.endsAt) - startsMs) / 60_000);
    const key = [session.pairingId, session.westernClassIds.join('+'), weekday, localTime, durationMinutes].join('|');
    const slot = slots.get(key);
    if (slot) slot.weeks++;
    else
      slots.set(key, {
        key,
        pairingId: session.pairingId,
        anchorTimeZone: session.anchorTimeZone,
        weekday,
        localTime,
        durationMinutes,
        westernClassIds: session.westernClassIds,
        weeks: 1,
      });
  }
  return [...slots.values()].filter((slot) => slot.weeks >= REGULAR_WEEKS).sort((a, b) => a.key.localeCompare(b.key));
}

/** The term a pairing began in: about half ran in 2025 already, a third joined in spring 2026, the rest this term. */
function firstTermOf(pairingId: string): number {
  const draw = demoDraw(`since:${pairingId}`);
  return draw < 0.45 ? 0 : draw < 0.75 ? 1 : 2;
}

/**
 * The history as the import reads it: this term's regular lessons, for the pairings running then,
 * on each teaching day of 2025-2026 at each campus (its own term dates and holidays), ended before
 * `nowMs`. Lines name campuses with their students present, not classes: a class and its term are
 * this year's records, the old spreadsheet knew only the campus.
 */
export function demoHistoryCsv(program: DemoProgram, sessions: readonly JointSession[], nowMs: number): string {
  const clock = new WallClock();
  const pastTerms = buildDemoPastTerms();
  const termKeys = ['2025-autumn', '2026-spring'] as const;
  const classes = new Map(program.westernClasses.map((c) => [c.id, c]));
  const zones = new Map(program.institutions.map((i) => [i.id, i.timeZone]));
  const pairings = new Map(program.pairings.map((p) => [p.id, p]));
  const slots = weeklySlots(sessions, clock);
  const lines = ['externalId,startsAt,durationMinutes,instructors,campuses,courseId,discipline,status'];
  for (const [termIndex, termKey] of termKeys.entries()) {
    const terms = new Map(pastTerms.filter((t) => t.key === termKey).map((t) => [t.institutionId, t]));
    const first = Date.parse([...terms.values()].map((t) => t.startLocalDate).sort()[0]!);
    const last = [...terms.values()].map((t) => t.endLocalDate).sort()[terms.size - 1]!;
    // ISO weekday (1 = Monday) of the first date, read as a plain calendar date.
    const firstWeekday = ((new Date(first).getUTCDay() + 6) % 7) + 1;
    for (const slot of slots) {
      const pairing = pairings.get(slot.pairingId)!;
      if (firstTermOf(pairing.id) > termIndex) continue;
      const slotId = createHash('sha1').update(slot.key).digest('hex').slice(0, 8);
      // Weekly on the anchor's calendar (dates, not 168 hours), so the lesson keeps its wall-clock time.
      for (let day = first + ((slot.weekday - firstWeekday + 7) % 7) * DAY_MS; ; day += 7 * DAY_MS) {
        const localDate = new Date(day).toISOString().slice(0, 10);
        if (localDate > last) break;
        const startsMs = clock.instant(localDate, slot.localTime, slot.anchorTimeZone);
        if (startsMs + slot.durationMinutes * 60_000 > nowMs) continue;
        const taking = slot.westernClassIds
          .map((id) => classes.get(id)!)
          .filter((westernClass) => {
            const term = terms.get(westernClass.institutionId)!;
            const campusDate = clock.at(startsMs, zones.get(westernClass.institutionId)!).localDate;
            return campusDate >= term.startLocalDate && campusDate <= term.endLocalDate && !term.holidayLocalDates.includes(campusDate);
          });
        if (taking.length === 0) continue;
        const externalId = `demo-${termKey}-${localDate}-${slotId}`;
        const present = new Map<string, number>();
        for (const westernClass of taking)
          present.set(
            westernClass.institutionId,
            (present.get(westernClass.institutionId) ?? 0) + demoStudentsPresent(westernClass, externalId),
          );
        const campuses = [...present].map(([institutionId, students]) => `${institutionId}:${students}`).join('|');
        const status = demoDraw(`not-held:${externalId}`) < NOT_HELD_SHARE ? 'not_held' : 'counted';
        lines.push(
          [
            externalId,
            new Date(startsMs).toISOString(),
            slot.durationMinutes,
            pairing.instructorId,
            campuses,
            pairing.courseId,
            taking[0]!.discipline,
            status,
          ].join(','),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
