import { DateTime } from 'luxon';
import { wallTime } from '../domain/format-local.js';
import type { Course, JointSession, Weekday } from '../domain/model.js';
import { institutionInReach, instructorInReach, sessionScope, westernClassInReach, withinScope } from './access.js';
import type { Actor } from './actor.js';
import { ApplicationError } from './errors.js';
import type { Clock } from './ports/clock.js';
import type { JointSessionFilter, Stores, UnitOfWork } from './ports/stores.js';
import { buildSessionViews, type JointSessionView } from './session-views.js';

/** Whose timetable: an eastern instructor, a western campus's host teacher, one western class, or an institution. */
export type TimetableSubjectKind = 'instructor' | 'host-teacher' | 'western-class' | 'institution';

export interface TimetableSubject {
  kind: TimetableSubjectKind;
  id: string;
}

/**
 * Which sessions: those starting on local dates `fromLocalDate`..`toLocalDate` (both included) in the
 * viewer's zone, an ISO week (`2027-W13`, Monday to Sunday in the viewer's zone), or a whole term
 * (its first to last local date in its institution's zone, so no session at the term's edge is lost
 * to a zone difference). Dates default to the current ISO week; one date alone means that date and
 * the six after (or before).
 */
export type TimetableRange =
  { kind: 'dates'; fromLocalDate?: string; toLocalDate?: string } | { kind: 'week'; isoWeek: string } | { kind: 'term'; termId: string };

export interface TimetableQuery {
  subject: TimetableSubject;
  range: TimetableRange;
  /** The zone days and times are shown in; defaults to the subject's own zone. */
  timeZone?: string;
}

export type CourseRef = Pick<Course, 'id' | 'title' | 'platform'>;

/** A session with its course: what a timetable row or a calendar event shows. */
export interface TimetableEntry {
  view: JointSessionView;
  course: CourseRef | null;
}

export interface TimetableDay {
  /** The viewer's local date the sessions start on. */
  localDate: string;
  weekday: Weekday;
  entries: TimetableEntry[];
}

export interface SubjectRef {
  kind: TimetableSubjectKind;
  id: string;
  name: string;
  /** The subject's own zone (the viewer's default) and, for a Xinjiang campus, its second clock. */
  timeZone: string;
  secondaryTimeZone: string | null;
}

export interface Timetable {
  subject: SubjectRef;
  /** The zone `days` are cut in. */
  timeZone: string;
  /** UTC instants: the timetable holds the sessions starting in [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
  /** Only days with at least one session, in order; cancelled sessions are kept, with their status. */
  days: TimetableDay[];
}

/** The longest range one request may ask for: a long term and some slack. */
export const MAX_TIMETABLE_DAYS = 400;
const PAGE = 1_000;

/**
 * Groups sessions by the viewer's local date of their start, in start order. A session that starts
 * before midnight and ends after it stays on the day it starts; one that starts after midnight for
 * the viewer lands on the next day even if it is an evening for the partner, e.g. Monday 17:30
 * Europe/London (BST) = Tuesday 00:30 Asia/Shanghai is on Tuesday for a Beijing viewer.
 */
export function groupByLocalDay<T>(
  items: readonly T[],
  startsAt: (item: T) => string,
  timeZone: string,
): { localDate: string; weekday: Weekday; items: T[] }[] {
  const days = new Map<string, { localDate: string; weekday: Weekday; items: T[] }>();
  const sorted = [...items].sort((a, b) => Date.parse(startsAt(a)) - Date.parse(startsAt(b)));
  for (const item of sorted) {
    const local = wallTime(Date.parse(startsAt(item)), timeZone);
    const day = days.get(local.localDate) ?? { localDate: local.localDate, weekday: local.weekday, items: [] };
    day.items.push(item);
    days.set(local.localDate, day);
  }
  return [...days.values()].sort((a, b) => a.localDate.localeCompare(b.localDate));
}

/**
 * Resolves a subject to its name, zones and the session filter that selects its sessions. A subject
 * outside the actor's reach answers NOT_FOUND exactly as an unknown id does, as the catalog routes
 * do (a calendar feed, whose token is the credential, resolves as the system).
 */
export async function resolveSubject(
  stores: Stores,
  subject: TimetableSubject,
  actor: Actor,
): Promise<{ ref: SubjectRef; filter: JointSessionFilter }> {
  const make = (name: string, timeZone: string, secondaryTimeZone: string | null, filter: JointSessionFilter) => ({
    ref: { ...subject, name, timeZone, secondaryTimeZone },
    filter,
  });
  switch (subject.kind) {
    case 'instructor':
    case 'host-teacher': {
      const teacher = await stores.instructors.findById(subject.id);
      if (!teacher || !instructorInReach(actor, teacher))
        throw ApplicationError.notFound(subject.kind === 'instructor' ? 'instructor' : 'host teacher', subject.id);
      // A host teacher's sessions are those of the classes they host; an instructor's, those they give.
      const filter: JointSessionFilter = subject.kind === 'instructor' ? { instructorId: teacher.id } : { involvesTeacherId: teacher.id };
      return make(teacher.name, teacher.timeZone, null, filter);
    }
    case 'western-class': {
      const westernClass = await stores.westernClasses.findById(subject.id);
      if (!westernClass || !westernClassInReach(actor, westernClass)) throw ApplicationError.notFound('western class', subject.id);
      const institution = await stores.institutions.findById(westernClass.institutionId);
      if (!institution) throw ApplicationError.notFound('institution', westernClass.institutionId);
      return make(westernClass.name, institution.timeZone, institution.secondaryTimeZone, { westernClassId: westernClass.id });
    }
    case 'institution': {
      const institution = await stores.institutions.findById(subject.id);
      if (!institution || !institutionInReach(actor, institution)) throw ApplicationError.notFound('institution', subject.id);
      return make(institution.nameEn, institution.timeZone, institution.secondaryTimeZone, { involvesInstitutionId: institution.id });
    }
  }
}

/** Every session matching `filter` (null: none) that starts in [startsAt, endsAt), with its parties and course, read page by page. */
export async function loadEntries(
  stores: Stores,
  filter: JointSessionFilter | null,
  startsAt: string,
  endsAt: string,
): Promise<TimetableEntry[]> {
  if (filter === null) return [];
  const sessions: JointSession[] = [];
  for (let page = 1; ; page++) {
    const result = await stores.jointSessions.list({ ...filter, from: startsAt, to: endsAt }, { page, pageSize: PAGE });
    sessions.push(...result.items);
    if (result.items.length < PAGE) break;
  }
  // The list holds overlapping sessions; a timetable shows those that start in the range.
  const starting = sessions.filter((s) => s.startsAt >= startsAt && s.startsAt < endsAt);
  return withCourses(stores, await buildSessionViews(stores, starting));
}

/** Adds each session's course (through its pairing), with one query per table. */
export async function withCourses(stores: Stores, views: readonly JointSessionView[]): Promise<TimetableEntry[]> {
  const pairings = new Map((await stores.pairings.findByIds([...new Set(views.map((v) => v.session.pairingId))])).map((p) => [p.id, p]));
  const courses = new Map(
    (await stores.courses.findByIds([...new Set([...pairings.values()].map((p) => p.courseId))])).map((c) => [c.id, c]),
  );
  return views.map((view) => {
    const course = courses.get(pairings.get(view.session.pairingId)?.courseId ?? '');
    return { view, course: course ? { id: course.id, title: course.title, platform: course.platform } : null };
  });
}

function startOfLocalDate(localDate: string, timeZone: string, field: string): DateTime {
  try {
    // startOf('day') is the first instant of the date even where midnight itself is skipped by DST.
    return DateTime.fromISO(localDate, { zone: timeZone }).startOf('day');
  } catch {
    throw ApplicationError.invalidInput(field, 'must be a calendar date YYYY-MM-DD, e.g. 2027-03-22');
  }
}

/** The UTC instants a range covers, as seen from `timeZone`. */
async function resolveRange(
  stores: Stores,
  range: TimetableRange,
  timeZone: string,
  now: DateTime,
): Promise<{ start: DateTime; end: DateTime }> {
  switch (range.kind) {
    case 'week': {
      if (!/^\d{4}-W\d{2}$/.test(range.isoWeek)) throw ApplicationError.invalidInput('week', 'must be an ISO week such as 2027-W13');
      let start: DateTime;
      try {
        start = DateTime.fromISO(range.isoWeek, { zone: timeZone }).startOf('day');
      } catch {
        throw ApplicationError.invalidInput('week', `${range.isoWeek} is not a week of that year`);
      }
      return { start, end: start.plus({ weeks: 1 }) };
    }
    case 'term': {
      const term = await stores.terms.findById(range.termId);
      if (!term) throw ApplicationError.invalidReference('termId', 'term', range.termId);
      const institution = await stores.institutions.findById(term.institutionId);
      const zone = institution?.timeZone ?? timeZone;
      return {
        start: startOfLocalDate(term.startLocalDate, zone, 'termId'),
        end: startOfLocalDate(term.endLocalDate, zone, 'termId').plus({ days: 1 }),
      };
    }
    case 'dates': {
      const { fromLocalDate, toLocalDate } = range;
      const from = fromLocalDate
        ? startOfLocalDate(fromLocalDate, timeZone, 'from')
        : toLocalDate
          ? startOfLocalDate(toLocalDate, timeZone, 'to').minus({ days: 6 })
          : now.setZone(timeZone).startOf('week');
      const to = toLocalDate ? startOfLocalDate(toLocalDate, timeZone, 'to') : from.plus({ days: 6 });
      if (to < from) throw ApplicationError.invalidInput('to', 'must not be before from');
      return { start: from, end: to.plus({ days: 1 }).startOf('day') };
    }
  }
}

/** Timetables: a subject's joint sessions in a range, grouped by the viewer's local day. */
export class Timetables {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  build(query: TimetableQuery, actor: Actor): Promise<Timetable> {
    return this.unitOfWork.run(async (stores) => {
      const { ref, filter } = await resolveSubject(stores, query.subject, actor);
      const timeZone = query.timeZone ?? ref.timeZone;
      const { start, end } = await resolveRange(stores, query.range, timeZone, this.clock.now());
      if (end.diff(start, 'days').days > MAX_TIMETABLE_DAYS)
        throw ApplicationError.invalidInput('to', `a timetable covers at most ${MAX_TIMETABLE_DAYS} days; ask for a shorter range`);
      const startsAt = start.toUTC().toISO()!;
      const endsAt = end.toUTC().toISO()!;
      // Within a subject in reach, the actor still sees only the sessions they reach.
      const entries = await loadEntries(stores, withinScope(filter, sessionScope(actor)), startsAt, endsAt);
      const days = groupByLocalDay(entries, (e) => e.view.session.startsAt, timeZone).map((d) => ({
        localDate: d.localDate,
        weekday: d.weekday,
        entries: d.items,
      }));
      return { subject: ref, timeZone, startsAt, endsAt, days };
    });
  }
}
