import { describe, expect, it } from '@jest/globals';
import { DateTime, IANAZone } from 'luxon';
import type { ClassPeriod, Institution, Instructor, Term, WesternClass } from '#scheduling';
import { buildDemoPastTerms, buildDemoProgram, demoId } from './program-data.js';

const program = buildDemoProgram();
const { institutions, terms, instructors, courses, westernClasses, pairings, users } = program;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

const institutionById = byId(institutions);
const termById = byId(terms);
const instructorById = byId(instructors);
const courseById = byId(courses);
const classById = byId(westernClasses);

function get<T>(map: Map<string, T>, id: string | null): T {
  const row = id === null ? undefined : map.get(id);
  if (row === undefined) throw new Error(`dangling reference ${String(id)}`);
  return row;
}

function isLocalDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).toISODate() === value;
}

function minutes(localTime: string): number {
  const [hours = 0, mins = 0] = localTime.split(':').map(Number);
  return hours * 60 + mins;
}

function institutionNamed(nameEn: string): Institution {
  const institution = institutions.find((candidate) => candidate.nameEn === nameEn);
  if (!institution) throw new Error(`no institution ${nameEn}`);
  return institution;
}

/**
 * Whether `period`, held every week of `term` in the institution's zone, falls inside one of the
 * instructor's windows in the instructor's zone each time (so DST changes abroad are covered).
 */
function fitsEveryWeek(period: ClassPeriod, institution: Institution, term: Term, instructor: Instructor): boolean {
  const zone = institution.timeZone;
  const termEnd = DateTime.fromISO(term.endLocalDate, { zone });
  let day = DateTime.fromISO(term.startLocalDate, { zone });
  day = day.plus({ days: (period.weekday - day.weekday + 7) % 7 });
  for (; day <= termEnd; day = day.plus({ weeks: 1 })) {
    const date = day.toISODate() ?? '';
    const start = DateTime.fromISO(`${date}T${period.localStart}`, { zone }).setZone(instructor.timeZone);
    const end = DateTime.fromISO(`${date}T${period.localEnd}`, { zone }).setZone(instructor.timeZone);
    const covered =
      start.hasSame(end, 'day') &&
      instructor.availability.some(
        (window) =>
          window.weekday === start.weekday && window.localStart <= start.toFormat('HH:mm') && end.toFormat('HH:mm') <= window.localEnd,
      );
    if (!covered) return false;
  }
  return true;
}

function feasiblePeriods(westernClass: WesternClass, instructor: Instructor): ClassPeriod[] {
  const institution = get(institutionById, westernClass.institutionId);
  const term = get(termById, westernClass.termId);
  return institution.classPeriods.filter(
    (period) => westernClass.allowedPeriodNames.includes(period.name) && fitsEveryWeek(period, institution, term, instructor),
  );
}

describe('demoId', () => {
  it('is a version-5-style UUID derived only from the key', () => {
    expect(demoId('institution:ksu')).toMatch(UUID);
    expect(demoId('institution:ksu')).toBe(demoId('institution:ksu'));
    expect(demoId('institution:ksu')).not.toBe(demoId('institution:xju'));
  });
});

describe('buildDemoProgram', () => {
  it('is deterministic', () => {
    expect(buildDemoProgram()).toEqual(buildDemoProgram());
  });

  it('returns fresh objects on every call', () => {
    const first = buildDemoProgram();
    const second = buildDemoProgram();
    expect(first.institutions[0]).not.toBe(second.institutions[0]);
    expect(first.institutions[0]?.classPeriods).not.toBe(second.institutions[0]?.classPeriods);
  });

  it('has counts in the ranges of a realistic program', () => {
    const region = (name: Institution['region']): number => institutions.filter((row) => row.region === name).length;
    const role = (name: Instructor['role']): number => instructors.filter((row) => row.role === name).length;
    const counts = {
      east: region('east'),
      west: region('west'),
      international: region('international'),
      instructors: role('instructor'),
      hosts: role('host'),
      courses: courses.length,
      westernClasses: westernClasses.length,
      pairings: pairings.length,
      terms: terms.length,
    };
    expect(counts.east).toBeGreaterThanOrEqual(10);
    expect(counts.east).toBeLessThanOrEqual(14);
    expect(counts.west).toBeGreaterThanOrEqual(18);
    expect(counts.west).toBeLessThanOrEqual(22);
    expect(counts.international).toBeGreaterThanOrEqual(2);
    expect(counts.international).toBeLessThanOrEqual(3);
    expect(counts.instructors).toBeGreaterThanOrEqual(35);
    expect(counts.instructors).toBeLessThanOrEqual(45);
    expect(counts.hosts).toBe(counts.west + counts.international);
    expect(counts.courses).toBeGreaterThanOrEqual(20);
    expect(counts.courses).toBeLessThanOrEqual(30);
    expect(counts.westernClasses).toBeGreaterThanOrEqual(50);
    expect(counts.westernClasses).toBeLessThanOrEqual(70);
    expect(counts.pairings).toBeGreaterThanOrEqual(15);
    expect(counts.pairings).toBeLessThanOrEqual(25);
    expect(counts.terms).toBe(2 * institutions.length);
  });

  it('gives every row a unique UUID', () => {
    const ids = [institutions, terms, instructors, courses, westernClasses, pairings, users].flat().map((row) => row.id);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('institutions', () => {
  it('use valid IANA zones, eastern ones Beijing time', () => {
    for (const institution of institutions) {
      expect(IANAZone.isValidZone(institution.timeZone)).toBe(true);
      if (institution.secondaryTimeZone !== null) expect(IANAZone.isValidZone(institution.secondaryTimeZone)).toBe(true);
      if (institution.region === 'east') expect(institution.timeZone).toBe('Asia/Shanghai');
    }
  });

  it('include both Xinjiang clock conventions and a Europe/London partner', () => {
    expect(institutions.some((row) => row.timeZone === 'Asia/Shanghai' && row.secondaryTimeZone === 'Asia/Urumqi')).toBe(true);
    expect(institutions.some((row) => row.timeZone === 'Asia/Urumqi' && row.secondaryTimeZone === 'Asia/Shanghai')).toBe(true);
    expect(institutions.some((row) => row.region === 'international' && row.timeZone === 'Europe/London')).toBe(true);
  });

  it('have well-formed, non-overlapping weekday class periods', () => {
    for (const institution of institutions) {
      expect(institution.classPeriods.length).toBeGreaterThan(0);
      for (const period of institution.classPeriods) {
        expect(period.localStart).toMatch(HH_MM);
        expect(period.localEnd).toMatch(HH_MM);
        expect(period.localStart < period.localEnd).toBe(true);
        expect(period.weekday).toBeGreaterThanOrEqual(1);
        expect(period.weekday).toBeLessThanOrEqual(5);
      }
      for (let weekday = 1; weekday <= 5; weekday += 1) {
        const day = institution.classPeriods
          .filter((period) => period.weekday === weekday)
          .sort((a, b) => a.localStart.localeCompare(b.localStart));
        expect(new Set(day.map((period) => period.name)).size).toBe(day.length);
        day.slice(1).forEach((period, index) => expect(day[index]!.localEnd <= period.localStart).toBe(true));
      }
    }
  });

  it('have holidays in the year their name says and make-up days at weekends', () => {
    for (const institution of institutions) {
      const dates = institution.calendarExceptions.map((exception) => exception.localDate);
      expect(new Set(dates).size).toBe(dates.length);
      for (const exception of institution.calendarExceptions) {
        expect(isLocalDate(exception.localDate)).toBe(true);
        expect(exception.name).toContain(exception.localDate.slice(0, 4));
        if (exception.kind === 'makeup') {
          expect([6, 7]).toContain(DateTime.fromISO(exception.localDate).weekday);
          expect(exception.runsWeekday).toBeGreaterThanOrEqual(1);
          expect(exception.runsWeekday).toBeLessThanOrEqual(5);
        }
      }
    }
  });

  it('give Chinese campuses the 2026 National Day and Mid-Autumn arrangement', () => {
    const zju = institutionNamed('Zhejiang University');
    const kinds = Object.fromEntries(zju.calendarExceptions.map((row) => [row.localDate, [row.kind, row.runsWeekday ?? null]]));
    expect(kinds).toMatchObject({
      '2026-09-20': ['makeup', 1],
      '2026-09-25': ['holiday', null],
      '2026-09-27': ['holiday', null],
      '2026-10-01': ['holiday', null],
      '2026-10-07': ['holiday', null],
      '2026-10-10': ['makeup', 3],
      '2027-01-01': ['holiday', null],
      '2027-04-05': ['holiday', null],
      '2027-05-05': ['holiday', null],
      '2027-06-09': ['holiday', null],
    });
  });

  it('are hosted by exactly one host teacher per western or international campus', () => {
    for (const institution of institutions) {
      const hosts = instructors.filter((row) => row.role === 'host' && row.institutionId === institution.id);
      expect(hosts).toHaveLength(institution.region === 'east' ? 0 : 1);
    }
  });
});

describe('terms', () => {
  it('belong to an institution and run forwards, two per institution', () => {
    for (const term of terms) {
      get(institutionById, term.institutionId);
      expect(isLocalDate(term.startLocalDate)).toBe(true);
      expect(isLocalDate(term.endLocalDate)).toBe(true);
      expect(term.startLocalDate < term.endLocalDate).toBe(true);
    }
    for (const institution of institutions) expect(terms.filter((term) => term.institutionId === institution.id)).toHaveLength(2);
  });
});

describe('the previous academic year (2025-2026, history only)', () => {
  it('gives every institution an autumn and a spring term that end before its first current term starts', () => {
    const pastTerms = buildDemoPastTerms();
    for (const institution of institutions) {
      const own = pastTerms.filter((term) => term.institutionId === institution.id);
      expect(own.map((term) => term.key)).toEqual(['2025-autumn', '2026-spring']);
      const firstCurrent = terms
        .filter((term) => term.institutionId === institution.id)
        .map((term) => term.startLocalDate)
        .sort()[0]!;
      for (const term of own) {
        expect(isLocalDate(term.startLocalDate) && isLocalDate(term.endLocalDate)).toBe(true);
        expect(term.startLocalDate < term.endLocalDate).toBe(true);
        expect(term.endLocalDate < firstCurrent).toBe(true);
      }
      expect(own[0]!.endLocalDate < own[1]!.startLocalDate).toBe(true);
    }
  });

  it('lists holidays only on weekdays inside the term', () => {
    for (const term of buildDemoPastTerms())
      for (const localDate of term.holidayLocalDates) {
        expect(isLocalDate(localDate)).toBe(true);
        expect(localDate >= term.startLocalDate && localDate <= term.endLocalDate).toBe(true);
        expect(DateTime.fromISO(localDate, { zone: 'UTC' }).weekday).toBeLessThanOrEqual(5);
      }
  });
});

describe('instructors', () => {
  it('live in their institution, in its zone, with well-formed windows', () => {
    for (const instructor of instructors) {
      const institution = get(institutionById, instructor.institutionId);
      expect(instructor.timeZone).toBe(institution.timeZone);
      expect(IANAZone.isValidZone(instructor.timeZone)).toBe(true);
      expect(institution.region === 'east').toBe(instructor.role === 'instructor');
      expect(instructor.availability.length).toBeGreaterThan(0);
      for (const window of instructor.availability) {
        expect(window.localStart).toMatch(HH_MM);
        expect(window.localEnd).toMatch(HH_MM);
        expect(window.localStart < window.localEnd).toBe(true);
        expect(window.weekday).toBeGreaterThanOrEqual(1);
        expect(window.weekday).toBeLessThanOrEqual(7);
      }
      for (const localDate of instructor.unavailableLocalDates) expect(isLocalDate(localDate)).toBe(true);
    }
  });

  it('have load caps in the program range', () => {
    for (const instructor of instructors.filter((row) => row.role === 'instructor')) {
      expect(instructor.maxSessionsPerDay).toBeGreaterThanOrEqual(2);
      expect(instructor.maxSessionsPerDay).toBeLessThanOrEqual(3);
      expect(instructor.maxSessionsPerWeek).toBeGreaterThanOrEqual(4);
      expect(instructor.maxSessionsPerWeek).toBeLessThanOrEqual(8);
      expect(instructor.maxSessionsPerTerm).toBeGreaterThanOrEqual(60);
      expect(instructor.maxSessionsPerTerm).toBeLessThanOrEqual(120);
    }
  });
});

describe('courses', () => {
  it('are owned by eastern universities', () => {
    for (const course of courses) expect(get(institutionById, course.institutionId).region).toBe('east');
  });
});

describe('western classes', () => {
  it('reference their institution, course, autumn term and host teacher', () => {
    for (const westernClass of westernClasses) {
      const institution = get(institutionById, westernClass.institutionId);
      expect(institution.region).not.toBe('east');
      expect(get(courseById, westernClass.courseId).discipline).toBe(westernClass.discipline);
      expect(get(termById, westernClass.termId).institutionId).toBe(institution.id);
      const host = get(instructorById, westernClass.hostTeacherId);
      expect(host.role).toBe('host');
      expect(host.institutionId).toBe(institution.id);
    }
  });

  it('allow only periods of their institution that fit a session', () => {
    for (const westernClass of westernClasses) {
      const periods = get(institutionById, westernClass.institutionId).classPeriods;
      expect(westernClass.allowedPeriodNames.length).toBeGreaterThan(0);
      for (const name of westernClass.allowedPeriodNames) {
        const named = periods.filter((period) => period.name === name);
        expect(named.length).toBeGreaterThan(0);
        for (const period of named)
          expect(minutes(period.localEnd) - minutes(period.localStart)).toBeGreaterThanOrEqual(westernClass.durationMinutes);
      }
    }
  });

  it('have realistic sizes and rhythms', () => {
    for (const westernClass of westernClasses) {
      expect(westernClass.studentsEnrolled).toBeGreaterThanOrEqual(30);
      expect(westernClass.studentsEnrolled).toBeLessThanOrEqual(180);
      expect([1, 2]).toContain(westernClass.sessionsPerWeek);
      expect([90, 95]).toContain(westernClass.durationMinutes);
    }
  });
});

describe('pairings', () => {
  it('pair an eastern instructor of the right discipline and language with 1-3 classes of the course', () => {
    for (const pairing of pairings) {
      const instructor = get(instructorById, pairing.instructorId);
      const course = get(courseById, pairing.courseId);
      expect(instructor.role).toBe('instructor');
      expect(instructor.disciplines).toContain(course.discipline);
      expect(instructor.languages).toContain(course.language);
      expect(pairing.westernClassIds.length).toBeGreaterThanOrEqual(1);
      expect(pairing.westernClassIds.length).toBeLessThanOrEqual(3);
      const classes = pairing.westernClassIds.map((id) => get(classById, id));
      for (const westernClass of classes) expect(westernClass.courseId).toBe(course.id);
      expect(classes.map((westernClass) => westernClass.termId)).toContain(pairing.termId);
    }
  });

  it('are mostly confirmed, some proposed, and never share a class', () => {
    const confirmed = pairings.filter((pairing) => pairing.status === 'confirmed').length;
    expect(confirmed).toBeGreaterThan(pairings.length / 2);
    expect(pairings.some((pairing) => pairing.status === 'proposed')).toBe(true);
    const classIds = pairings.flatMap((pairing) => pairing.westernClassIds);
    expect(new Set(classIds).size).toBe(classIds.length);
  });

  it('leave every paired class a period inside its instructor availability all term long', () => {
    const infeasible = pairings.flatMap((pairing) => {
      const instructor = get(instructorById, pairing.instructorId);
      return pairing.westernClassIds
        .map((id) => get(classById, id))
        .filter((westernClass) => feasiblePeriods(westernClass, instructor).length === 0)
        .map((westernClass) => `${instructor.name} / ${westernClass.name}`);
    });
    expect(infeasible).toEqual([]);
  });

  it('contain the Kashgar case: 第3-4节 10:00-11:35 Xinjiang time inside a Hangzhou window 11:00-14:00', () => {
    const kashgar = institutionNamed('Kashgar University');
    expect(kashgar.timeZone).toBe('Asia/Urumqi');
    expect(kashgar.classPeriods).toContainEqual({ name: '第3-4节', weekday: 2, localStart: '10:00', localEnd: '11:35' });
    const weng = get(instructorById, demoId('instructor:zju:weng'));
    expect(get(institutionById, weng.institutionId).nameEn).toBe('Zhejiang University');
    expect(weng.availability).toContainEqual({ weekday: 2, localStart: '11:00', localEnd: '14:00' });
    const onlyThirdPeriod = get(classById, demoId('western-class:ksu:cs-2025-1'));
    expect(feasiblePeriods(onlyThirdPeriod, weng).map((period) => [period.name, period.weekday])).toEqual([
      ['第3-4节', 2],
      ['第3-4节', 4],
    ]);
    const utc = DateTime.fromISO('2026-09-08T10:00', { zone: 'Asia/Urumqi' }).toUTC().toISO();
    expect(utc).toBe('2026-09-08T04:00:00.000Z');
  });
});

describe('users', () => {
  it('cover every role once, with the documented logins', () => {
    expect(users.map((user) => user.role).sort()).toEqual(
      ['admin', 'analyst', 'institution_coordinator', 'program_coordinator', 'teacher', 'teacher'].sort(),
    );
    const emails = users.map((user) => user.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toEqual(expect.arrayContaining(['admin@demo.local', 'coordinator@demo.local', 'analyst@demo.local']));
  });

  it('link teachers and coordinators to existing rows', () => {
    const kashgar = institutionNamed('Kashgar University');
    const coordinator = users.find((user) => user.role === 'institution_coordinator');
    expect(coordinator?.institutionId).toBe(kashgar.id);
    const teachers = users
      .filter((user) => user.role === 'teacher')
      .map((user) => {
        const instructor = get(instructorById, user.instructorId);
        expect(instructor.institutionId).toBe(user.institutionId);
        return [instructor.role, get(institutionById, instructor.institutionId).nameEn];
      });
    expect(teachers).toEqual(
      expect.arrayContaining([
        ['instructor', 'Zhejiang University'],
        ['host', 'Kashgar University'],
      ]),
    );
    for (const user of users) if (user.institutionId !== null) get(institutionById, user.institutionId);
  });
});
