import type { DateTime } from 'luxon';
import {
  wallTime,
  type Course,
  type Institution,
  type Instructor,
  type JointSessionView,
  type Pairing,
  type Page,
  type Term,
  type WesternClass,
} from '#scheduling';
import { zonedSpans } from './local-times.js';

export const pageResponse = <T, R>(page: Page<T>, map: (item: T) => R) => ({
  items: page.items.map(map),
  total: page.total,
  page: page.page,
  pageSize: page.pageSize,
});

/** An institution with its clocks: the current local time in its zone and its second clock. */
export function institutionResponse(institution: Institution, now: DateTime) {
  const clocks = [institution.timeZone, institution.secondaryTimeZone]
    .filter((zone): zone is string => !!zone)
    .map((timeZone) => {
      const local = wallTime(now.toMillis(), timeZone);
      return { timeZone, utcOffset: local.utcOffset, localTime: local.localTime, localDate: local.localDate };
    });
  return { ...institution, clocks };
}

export const termResponse = (term: Term) => term;
export const instructorResponse = (instructor: Instructor) => instructor;
export const courseResponse = (course: Course) => course;
export const westernClassResponse = (westernClass: WesternClass) => westernClass;
export const pairingResponse = (pairing: Pairing) => pairing;

/** A session in UTC, and in each party's local time (both clocks for Xinjiang campuses). */
export function jointSessionResponse({ session, instructor, westernClasses }: JointSessionView, viewTimeZone?: string) {
  const { startsAt, endsAt } = session;
  return {
    id: session.id,
    pairingId: session.pairingId,
    status: session.status,
    version: session.version,
    meetingUrl: session.meetingUrl,
    anchorTimeZone: session.anchorTimeZone,
    startsAt,
    endsAt,
    durationMinutes: (Date.parse(endsAt) - Date.parse(startsAt)) / 60_000,
    instructor: {
      id: instructor.id,
      name: instructor.name,
      institution: instructor.institution && {
        id: instructor.institution.id,
        nameZh: instructor.institution.nameZh,
        nameEn: instructor.institution.nameEn,
      },
      local: zonedSpans(startsAt, endsAt, [instructor.timeZone]),
    },
    westernClasses: westernClasses.map((c) => ({
      id: c.id,
      name: c.name,
      studentsEnrolled: c.studentsEnrolled,
      institution: c.institution && { id: c.institution.id, nameZh: c.institution.nameZh, nameEn: c.institution.nameEn },
      local: zonedSpans(startsAt, endsAt, [c.institution?.timeZone, c.institution?.secondaryTimeZone]),
    })),
    ...(viewTimeZone ? { viewer: zonedSpans(startsAt, endsAt, [viewTimeZone])[0] } : {}),
  };
}
