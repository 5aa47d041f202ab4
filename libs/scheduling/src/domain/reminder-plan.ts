import { DateTime } from 'luxon';
import { addDays, dayNumberToLocalDate } from './local-date.js';
import { resolveLocalTime } from './local-time.js';
import { isLocalTime, localTimeToMinutes } from './time-zone.js';
import { localDateAt, localMinutesAt, offsetMinutesAt } from './zone-offset.js';
import { instantToIso } from './zoned-interval.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The program's default: a day before and half an hour before each class. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [1440, 30];

/**
 * Hours in the recipient's own wall clock when no reminder is sent, `localStart` included,
 * `localEnd` excluded; `22:00`-`07:00` wraps midnight. Equal ends mean no quiet hours.
 */
export interface QuietHours {
  localStart: string;
  localEnd: string;
}

export interface ReminderSettings {
  /** Minutes before the class start, each > 0. */
  offsetsMinutes: readonly number[];
  quietHours: QuietHours | null;
}

/** One layer of settings (program, institution, person); `undefined` inherits from the layer below. */
export interface ReminderSettingsLayer {
  offsetsMinutes?: readonly number[] | null;
  quietHours?: QuietHours | null;
}

export interface PlannedReminder {
  offsetMinutes: number;
  /** UTC ISO instant the reminder is sent. */
  dueAt: string;
  /** The nominal instant (start - offset) when quiet hours moved the reminder earlier, else null. */
  movedFrom: string | null;
}

/**
 * Settings for one person: the person's own choices over the institution's over the program default.
 * `null` offsets inherit; `null` quiet hours on a layer also inherit (a person turns quiet hours off
 * with equal ends, e.g. `00:00`-`00:00`).
 */
export function resolveReminderSettings(...layers: (ReminderSettingsLayer | null | undefined)[]): ReminderSettings {
  let offsetsMinutes: readonly number[] = DEFAULT_REMINDER_OFFSETS_MINUTES;
  let quietHours: QuietHours | null = null;
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.offsetsMinutes) offsetsMinutes = layer.offsetsMinutes;
    if (layer.quietHours) quietHours = layer.quietHours.localStart === layer.quietHours.localEnd ? null : layer.quietHours;
  }
  return { offsetsMinutes, quietHours };
}

/** True when the instant falls inside the quiet hours of `timeZone`'s wall clock. */
export function isQuiet(ms: number, timeZone: string, quiet: QuietHours | null): boolean {
  if (!quiet || quiet.localStart === quiet.localEnd) return false;
  const start = localTimeToMinutes(quiet.localStart);
  const end = localTimeToMinutes(quiet.localEnd);
  const minutes = localMinutesAt(ms, timeZone);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * Moves an instant inside quiet hours to the last minute before they began (22:00-07:00 in
 * Asia/Urumqi: 06:40 becomes 21:59 the evening before); an instant outside is returned as is.
 * A quiet start that does not exist that day (spring-forward gap) counts from the end of the gap.
 */
export function leaveQuietHours(ms: number, timeZone: string, quiet: QuietHours | null): number {
  if (!quiet || !isQuiet(ms, timeZone, quiet)) return ms;
  const start = localTimeToMinutes(quiet.localStart);
  const localDate = localDateAt(ms, timeZone);
  const sameDay = localMinutesAt(ms, timeZone) >= start;
  const startDate = sameDay ? localDate : addDays(localDate, -1);
  const resolved = resolveLocalTime(startDate, quiet.localStart, timeZone);
  const quietStart =
    resolved.kind === 'ok' ? resolved.instant : DateTime.fromISO(`${startDate}T${quiet.localStart}`, { zone: timeZone }).toMillis();
  return Math.min(quietStart, ms) - MINUTE_MS;
}

/**
 * When each reminder of one class goes to one person. Rules, in order:
 * - each offset gives start - offset, moved earlier out of the person's quiet hours (never later,
 *   so never after the class);
 * - reminders already due at `now` are dropped while a later one is still to come; when none is to
 *   come and the class has not started, one reminder (the smallest offset) is sent at `now`;
 * - two reminders landing on the same instant are sent once (the smaller offset).
 */
export function planReminders(input: { startsAt: string; now: string; timeZone: string; settings: ReminderSettings }): PlannedReminder[] {
  const startMs = Date.parse(input.startsAt);
  const nowMs = Date.parse(input.now);
  if (startMs <= nowMs) return [];
  const offsets = [...new Set(input.settings.offsetsMinutes.filter((o) => Number.isInteger(o) && o > 0))].sort((a, b) => a - b);
  const candidates = offsets.map((offsetMinutes) => {
    const nominal = startMs - offsetMinutes * MINUTE_MS;
    const due = leaveQuietHours(nominal, input.timeZone, input.settings.quietHours);
    return { offsetMinutes, due, nominal };
  });
  const future = candidates.filter((c) => c.due > nowMs);
  const chosen = future.length > 0 ? future : candidates.slice(0, 1).map((c) => ({ ...c, due: nowMs }));
  const byInstant = new Map<number, (typeof chosen)[number]>();
  for (const c of chosen) if (!byInstant.has(c.due)) byInstant.set(c.due, c);
  return [...byInstant.values()]
    .sort((a, b) => a.due - b.due)
    .map((c) => ({
      offsetMinutes: c.offsetMinutes,
      dueAt: instantToIso(c.due),
      movedFrom: c.due !== c.nominal && c.due !== nowMs ? instantToIso(c.nominal) : null,
    }));
}

/** A class of a weekly series, as far as time-change notices care. */
export interface SeriesSession {
  id: string;
  startsAt: string;
  endsAt: string;
  /** The zone whose wall clock the series is planned in: its weekday and time stay put. */
  anchorTimeZone: string;
}

/** A class whose local time for one participant differs from the same weekly slot's previous class. */
export interface LocalTimeChange {
  sessionId: string;
  previousSessionId: string;
  timeZone: string;
  /** The participant's local date and time of the changed class. */
  localDate: string;
  localTime: string;
  previousLocalTime: string;
  /** Weekday shift in the participant's clock, e.g. -1 when the class moves to the day before. */
  weekdayShift: number;
  /** UTC ISO instant to send the notice: when the previous class of the slot ends. */
  noticeDueAt: string;
}

/**
 * Where a weekly series' local time changes for a participant in `timeZone` (DST abroad, a tzdata
 * change): sessions are grouped by their weekly slot in the anchor zone (weekday and wall time), and
 * each class is compared with the slot's previous class. A change is reported once, at the first
 * changed class; later classes at the new time compare equal to their predecessor.
 */
export function findLocalTimeChanges(sessions: readonly SeriesSession[], timeZone: string): LocalTimeChange[] {
  const slots = new Map<string, SeriesSession[]>();
  for (const session of [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const anchor = wallClock(Date.parse(session.startsAt), session.anchorTimeZone);
    const key = `${session.anchorTimeZone}|${isoWeekday(anchor.day)}|${anchor.minutes}`;
    const list = slots.get(key) ?? [];
    list.push(session);
    slots.set(key, list);
  }
  const changes: LocalTimeChange[] = [];
  for (const list of slots.values()) {
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const current = list[i]!;
      const before = wallClock(Date.parse(previous.startsAt), timeZone);
      const after = wallClock(Date.parse(current.startsAt), timeZone);
      const anchorDays =
        wallClock(Date.parse(current.startsAt), current.anchorTimeZone).day -
        wallClock(Date.parse(previous.startsAt), previous.anchorTimeZone).day;
      const localDays = after.day - before.day;
      if (before.minutes === after.minutes && localDays === anchorDays) continue;
      changes.push({
        sessionId: current.id,
        previousSessionId: previous.id,
        timeZone,
        localDate: dayNumberToLocalDate(after.day),
        localTime: hhmm(after.minutes),
        previousLocalTime: hhmm(before.minutes),
        weekdayShift: localDays - anchorDays,
        noticeDueAt: previous.endsAt,
      });
    }
  }
  return changes.sort((a, b) => a.noticeDueAt.localeCompare(b.noticeDueAt) || a.sessionId.localeCompare(b.sessionId));
}

/** The local day number (days since 1970-01-01) and minute of the day on `timeZone`'s wall clock; seconds are dropped. */
function wallClock(ms: number, timeZone: string): { day: number; minutes: number } {
  const local = ms + offsetMinutesAt(ms, timeZone) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, minutes: Math.floor((local - day * DAY_MS) / MINUTE_MS) };
}

/** ISO weekday (1 = Monday) of a day number; day 0, 1970-01-01, was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Checks a person's or institution's settings; returns the problems in plain words (empty = fine). */
export function validateReminderSettings(layer: ReminderSettingsLayer): string[] {
  const problems: string[] = [];
  if (layer.offsetsMinutes) {
    if (layer.offsetsMinutes.length === 0 || layer.offsetsMinutes.length > 5) problems.push('offsetsMinutes: give 1 to 5 offsets');
    for (const o of layer.offsetsMinutes)
      if (!Number.isInteger(o) || o < 1 || o > 14 * 1440)
        problems.push(`offsetsMinutes: ${o} is not a whole number of minutes from 1 to 20160 (14 days)`);
  }
  if (layer.quietHours) {
    for (const key of ['localStart', 'localEnd'] as const)
      if (!isLocalTime(layer.quietHours[key])) problems.push(`quietHours.${key}: "${layer.quietHours[key]}" is not HH:mm`);
  }
  return problems;
}
