import type {
  CalendarException,
  ClassPeriod,
  Course,
  Institution,
  Instructor,
  Term,
  Weekday,
  WesternClass,
  WeeklyWindow,
} from './model.js';
import type { SchedulingProgram } from './program-index.js';
import { addDays } from './local-date.js';

/** Sizes and mix of a generated program. */
export interface SyntheticProgramSpec {
  seed: number;
  easternInstitutions: number;
  westernInstitutions: number;
  internationalInstitutions: number;
  instructors: number;
  courses: number;
  westernClasses: number;
  /** Share of western institutions in Xinjiang that keep Asia/Urumqi time. */
  xinjiangShare: number;
  disciplines: number;
  /** First Monday of the term and its number of weeks. */
  termStartLocalDate: string;
  termWeeks: number;
  /** Zones used for international partners (default Europe/London and Europe/Berlin). */
  internationalZones?: readonly string[];
}

/** Roughly the real program: 725 western universities, 6,000 classes, 2,500 instructors, an 18-week autumn term. */
export const PROGRAM_SCALE: Readonly<SyntheticProgramSpec> = {
  seed: 2026,
  easternInstitutions: 120,
  westernInstitutions: 725,
  internationalInstitutions: 12,
  instructors: 2500,
  courses: 1500,
  westernClasses: 6000,
  xinjiangShare: 0.08,
  disciplines: 30,
  termStartLocalDate: '2026-09-07',
  termWeeks: 18,
};

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Synthetic holidays shaped like China's autumn 2026 (Mid-Autumn, National Day with make-up days, New Year).
const CHINA_AUTUMN_2026: CalendarException[] = [
  { localDate: '2026-09-25', kind: 'holiday', name: '中秋节 Mid-Autumn Festival' },
  { localDate: '2026-09-27', kind: 'makeup', runsWeekday: 1, name: '国庆调休 make-up day (runs Monday)' },
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map(
    (localDate): CalendarException => ({ localDate, kind: 'holiday', name: '国庆节 National Day' }),
  ),
  { localDate: '2026-10-10', kind: 'makeup', runsWeekday: 3, name: '国庆调休 make-up day (runs Wednesday)' },
  { localDate: '2027-01-01', kind: 'holiday', name: '元旦 New Year' },
];

const EUROPE_AUTUMN_2026: CalendarException[] = [
  { localDate: '2026-12-24', kind: 'holiday', name: 'Christmas Eve' },
  { localDate: '2026-12-25', kind: 'holiday', name: 'Christmas Day' },
  { localDate: '2026-12-28', kind: 'holiday', name: 'Christmas break' },
  { localDate: '2026-12-29', kind: 'holiday', name: 'Christmas break' },
  { localDate: '2026-12-30', kind: 'holiday', name: 'Christmas break' },
  { localDate: '2026-12-31', kind: 'holiday', name: 'Christmas break' },
  { localDate: '2027-01-01', kind: 'holiday', name: 'New Year' },
];

const PROVINCES = [
  'Gansu',
  'Qinghai',
  'Ningxia',
  'Guizhou',
  'Yunnan',
  'Sichuan',
  'Shaanxi',
  'Guangxi',
  'Inner Mongolia',
  'Tibet',
  'Chongqing',
];
const EAST = ['Zhejiang', 'Jiangsu', 'Shanghai', 'Beijing', 'Guangdong', 'Shandong', 'Fujian', 'Tianjin'];

function bellSchedule(shiftMinutes: number): ClassPeriod[] {
  const base: [string, number, number][] = [
    ['第1-2节', 8 * 60, 95],
    ['第3-4节', 10 * 60, 95],
    ['第5-6节', 14 * 60 + 30, 95],
    ['第7-8节', 16 * 60 + 25, 95],
    ['第9-10节', 19 * 60, 95],
  ];
  const periods: ClassPeriod[] = [];
  for (let weekday = 1; weekday <= 5; weekday++) {
    for (const [name, start, length] of base) {
      const s = start + shiftMinutes;
      periods.push({
        name: `${'一二三四五'[weekday - 1]}${name}`,
        weekday: weekday as Weekday,
        localStart: hhmm(s),
        localEnd: hhmm(s + length),
      });
    }
  }
  return periods;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A seeded synthetic program for benchmarks and property tests: western classes across provinces
 * (Xinjiang campuses on Asia/Urumqi time), eastern instructors on Asia/Shanghai, a few partners in
 * Europe, the same term dates with Chinese holidays and make-up days. Same spec, same program.
 */
export function generateProgram(spec: SyntheticProgramSpec): SchedulingProgram {
  const random = seededRandom(spec.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const termEnd = addDays(spec.termStartLocalDate, spec.termWeeks * 7 - 1);
  const internationalZones = spec.internationalZones ?? ['Europe/London', 'Europe/Berlin'];
  const disciplines = Array.from({ length: spec.disciplines }, (_, i) => `discipline-${String(i + 1).padStart(2, '0')}`);
  const institutions: Institution[] = [];
  const terms: Term[] = [];
  const addInstitution = (institution: Institution, termName: string, start: string, end: string): void => {
    institutions.push(institution);
    terms.push({ id: `term-${institution.id}`, institutionId: institution.id, name: termName, startLocalDate: start, endLocalDate: end });
  };
  for (let i = 0; i < spec.easternInstitutions; i++) {
    addInstitution(
      {
        id: `east-${i}`,
        nameZh: `东部大学${i}`,
        nameEn: `Eastern University ${i}`,
        region: 'east',
        province: pick(EAST),
        timeZone: 'Asia/Shanghai',
        secondaryTimeZone: null,
        classPeriods: bellSchedule(0),
        calendarExceptions: CHINA_AUTUMN_2026,
      },
      '2026-2027 autumn',
      spec.termStartLocalDate,
      addDays(termEnd, 7),
    );
  }
  for (let i = 0; i < spec.internationalInstitutions; i++) {
    const timeZone = internationalZones[i % internationalZones.length]!;
    addInstitution(
      {
        id: `intl-${i}`,
        nameZh: `国际伙伴${i}`,
        nameEn: `Partner University ${i}`,
        region: 'international',
        province: timeZone.split('/')[1] ?? timeZone,
        timeZone,
        secondaryTimeZone: null,
        classPeriods: [],
        calendarExceptions: EUROPE_AUTUMN_2026,
      },
      'Autumn 2026',
      addDays(spec.termStartLocalDate, -14),
      addDays(termEnd, 21),
    );
  }
  const western: Institution[] = [];
  for (let i = 0; i < spec.westernInstitutions; i++) {
    const xinjiang = random() < spec.xinjiangShare;
    const institution: Institution = {
      id: `west-${i}`,
      nameZh: `西部大学${i}`,
      nameEn: `Western University ${i}`,
      region: 'west',
      province: xinjiang ? 'Xinjiang' : pick(PROVINCES),
      timeZone: xinjiang ? 'Asia/Urumqi' : 'Asia/Shanghai',
      secondaryTimeZone: xinjiang ? 'Asia/Shanghai' : null,
      classPeriods: bellSchedule(pick([0, 0, 0, 10, 30])),
      calendarExceptions: CHINA_AUTUMN_2026,
    };
    western.push(institution);
    addInstitution(institution, '2026-2027 第一学期', spec.termStartLocalDate, termEnd);
  }
  const courses: Course[] = [];
  for (let i = 0; i < spec.courses; i++) {
    const english = random() < 0.1;
    courses.push({
      id: `course-${i}`,
      title: `MOOC ${i}`,
      platform: pick(['XuetangX', 'icourse163', 'Zhihuishu']),
      discipline: pick(disciplines),
      language: english ? 'en' : 'zh',
      institutionId:
        english && spec.internationalInstitutions > 0 && random() < 0.5
          ? `intl-${int(0, spec.internationalInstitutions - 1)}`
          : `east-${int(0, Math.max(0, spec.easternInstitutions - 1))}`,
    });
  }
  const instructors: Instructor[] = [];
  for (let i = 0; i < spec.instructors; i++) {
    const international = spec.internationalInstitutions > 0 && random() < 0.04;
    const institutionId = international
      ? `intl-${int(0, spec.internationalInstitutions - 1)}`
      : `east-${int(0, Math.max(0, spec.easternInstitutions - 1))}`;
    const timeZone = institutions.find((x) => x.id === institutionId)?.timeZone ?? 'Asia/Shanghai';
    const availability: WeeklyWindow[] = [];
    for (let weekday = 1; weekday <= 5; weekday++) {
      if (random() < 0.25) continue;
      if (international) {
        availability.push({
          weekday: weekday as Weekday,
          localStart: pick(['07:30', '08:00', '09:00']),
          localEnd: pick(['12:00', '13:00']),
        });
        continue;
      }
      if (random() < 0.7)
        availability.push({
          weekday: weekday as Weekday,
          localStart: pick(['08:00', '09:00', '09:30']),
          localEnd: pick(['12:00', '12:30']),
        });
      if (random() < 0.6)
        availability.push({
          weekday: weekday as Weekday,
          localStart: pick(['13:30', '14:00', '15:00']),
          localEnd: pick(['17:30', '18:30']),
        });
      if (random() < 0.1) availability.push({ weekday: weekday as Weekday, localStart: '19:00', localEnd: '21:00' });
    }
    const perWeek = int(3, 8);
    const unavailable: string[] = [];
    if (random() < 0.3) {
      const first = addDays(spec.termStartLocalDate, int(0, spec.termWeeks * 7 - 3));
      unavailable.push(first, addDays(first, 1));
    }
    instructors.push({
      id: `instructor-${i}`,
      name: `Instructor ${i}`,
      institutionId,
      role: 'instructor',
      disciplines: random() < 0.3 ? [pick(disciplines), pick(disciplines)] : [pick(disciplines)],
      languages: international ? ['en'] : random() < 0.2 ? ['zh', 'en'] : ['zh'],
      timeZone,
      availability,
      unavailableLocalDates: unavailable,
      maxSessionsPerDay: int(2, 3),
      maxSessionsPerWeek: perWeek,
      maxSessionsPerTerm: perWeek * spec.termWeeks,
    });
  }
  const westernClasses: WesternClass[] = [];
  for (let i = 0; i < spec.westernClasses; i++) {
    const institution = western[i % western.length]!;
    const course = pick(courses);
    const periods = institution.classPeriods;
    const allowed = new Set<string>();
    const want = int(4, 9);
    while (allowed.size < want) allowed.add(pick(periods).name);
    westernClasses.push({
      id: `class-${i}`,
      institutionId: institution.id,
      name: `${course.title} class ${i}`,
      courseId: course.id,
      discipline: course.discipline,
      studentsEnrolled: int(25, 120),
      sessionsPerWeek: random() < 0.75 ? 1 : 2,
      durationMinutes: random() < 0.8 ? 95 : 45,
      termId: `term-${institution.id}`,
      allowedPeriodNames: [...allowed].sort(),
      hostTeacherId: `host-${institution.id}-${int(0, 3)}`,
    });
  }
  return { institutions, terms, instructors, courses, westernClasses };
}
