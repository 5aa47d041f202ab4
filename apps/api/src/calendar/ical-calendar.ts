import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_offset, tzlib_get_timezones } from 'timezones-ical-library';
import { describeIntervalInZones, intervalFromIso, type CalendarEvent } from '#scheduling';

/** Calendar apps poll subscriptions; this asks for an hourly refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 3600;
const UID_DOMAIN = 'east-west-scheduler';

const knownZones = new Set(tzlib_get_timezones() as string[]);
// The library rebuilds a block on every call (~2 ms); a process sees a handful of zones.
const blocks = new Map<string, string | null>();

/**
 * The VTIMEZONE block of an IANA zone (current tzdata rules), or null when the library does not know
 * it. An alias (`Asia/Calcutta`) gets its canonical zone's rules under the name the events use.
 */
export function vtimezone(timeZone: string): string | null {
  if (!blocks.has(timeZone)) blocks.set(timeZone, buildVtimezone(timeZone));
  return blocks.get(timeZone)!;
}

function buildVtimezone(timeZone: string): string | null {
  if (!knownZones.has(timeZone)) return null;
  const block = tzlib_get_ical_block(timeZone);
  if (!Array.isArray(block) || !block[0]) return null;
  return block[0].replace(/^TZID:.*$/m, `TZID:${timeZone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${timeZone}`);
}

// The library parses its block on every offset query (~0.3 ms); feeds are polled again and again.
const offsets = new Map<string, string>();
const MAX_OFFSETS = 100_000;

/** The UTC offset (`+0100`) the zone's VTIMEZONE declares at a wall time. */
function declaredOffset(timeZone: string, localDate: string, localTime: string): string {
  const key = `${timeZone}|${localDate}|${localTime}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= MAX_OFFSETS) offsets.clear();
    offset = tzlib_get_offset(timeZone, localDate, localTime);
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * The zone an event's times are written in: its anchor zone (DTSTART;TZID=...), unless a calendar app
 * could read that local time wrongly, then UTC (DTSTART:...Z), which no app can misread:
 * - the zone has no VTIMEZONE block;
 * - the start or end wall time is ambiguous there (e.g. 01:30 on 2027-10-31 in Europe/London happens
 *   twice; RFC 5545 says "the first", but apps differ);
 * - the VTIMEZONE's rules give another offset than the runtime's tz database at that wall time.
 */
export function eventTimeZone(startsAt: string, endsAt: string, anchorTimeZone: string): string {
  if (!vtimezone(anchorTimeZone)) return 'UTC';
  for (const instant of [startsAt, endsAt]) {
    const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(anchorTimeZone);
    if (local.getPossibleOffsets().length !== 1) return 'UTC';
    if (declaredOffset(anchorTimeZone, local.toFormat('yyyy-MM-dd'), local.toFormat('HH:mm')) !== local.toFormat('ZZZ')) return 'UTC';
  }
  return anchorTimeZone;
}

/** What the event says in words: the course, each party with its local time, the link. */
function describe({ view, course }: CalendarEvent): string {
  const { session, instructor, westernClasses } = view;
  const interval = intervalFromIso(session.startsAt, session.endsAt);
  const where = (institution: { nameEn: string } | null) => (institution ? `, ${institution.nameEn}` : '');
  const lines = [
    ...(session.status === 'cancelled' ? ['CANCELLED'] : []),
    ...(course ? [`Course: ${course.title} (${course.platform})`] : []),
    `Instructor: ${instructor.name}${where(instructor.institution)}: ${describeIntervalInZones(interval, [instructor.timeZone])}`,
    ...westernClasses.map((c) => {
      const zones = [c.institution?.timeZone ?? session.anchorTimeZone, c.institution?.secondaryTimeZone].filter((z): z is string => !!z);
      return `Class: ${c.name}${where(c.institution)}: ${describeIntervalInZones(interval, zones)}`;
    }),
    `Meeting link: ${session.meetingUrl ?? 'not set yet'}`,
  ];
  return lines.join('\n');
}

function summary({ view, course }: CalendarEvent): string {
  const classes = view.westernClasses.map((c) => c.name).join(', ');
  const text = `${course?.title ?? 'Joint class'}: ${view.instructor.name} with ${classes}`;
  return view.session.status === 'cancelled' ? `Cancelled: ${text}` : text;
}

/**
 * An RFC 5545 calendar of joint sessions: one VEVENT per session with a stable UID, SEQUENCE from the
 * session's version (0 when first published), times in the anchor zone with a VTIMEZONE for every zone
 * used, cancelled sessions kept as STATUS:CANCELLED, and DTSTAMP/LAST-MODIFIED from the last save, so
 * an unchanged calendar renders byte for byte the same.
 */
export function renderCalendar(options: { name: string; timeZone: string; events: readonly CalendarEvent[] }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'east-west-scheduler', product: 'joint-sessions', language: 'EN' },
    ttl: REFRESH_SECONDS,
    timezone: { name: null, generator: (zone) => (zone === 'UTC' ? null : vtimezone(zone)) },
  });
  calendar.x('X-WR-TIMEZONE', options.timeZone);
  for (const event of options.events) {
    const { session } = event.view;
    const zone = eventTimeZone(session.startsAt, session.endsAt, session.anchorTimeZone);
    const changedAt = DateTime.fromISO(event.changedAt, { zone: 'utc' });
    calendar.createEvent({
      id: `${session.id}@${UID_DOMAIN}`,
      sequence: session.version - 1,
      start: DateTime.fromISO(session.startsAt, { zone: 'utc' }).setZone(zone),
      end: DateTime.fromISO(session.endsAt, { zone: 'utc' }).setZone(zone),
      timezone: zone === 'UTC' ? null : zone,
      stamp: changedAt,
      lastModified: changedAt,
      summary: summary(event),
      description: describe(event),
      location: session.meetingUrl,
      url: session.meetingUrl,
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
