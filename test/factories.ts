import type { Course, Institution, Instructor, Pairing, Term, WesternClass } from '#scheduling';

type New<T> = Omit<T, 'id'>;

const weekdays = [1, 2, 3, 4, 5] as const;

/** Hangzhou, Beijing time: the usual eastern partner. */
export const zhejiang = (overrides: Partial<New<Institution>> = {}): New<Institution> => ({
  nameZh: '浙江大学',
  nameEn: 'Zhejiang University',
  region: 'east',
  province: 'Zhejiang',
  timeZone: 'Asia/Shanghai',
  secondaryTimeZone: null,
  classPeriods: weekdays.flatMap((weekday) => [
    { name: '第1-2节', weekday, localStart: '08:00', localEnd: '09:35' },
    { name: '第3-4节', weekday, localStart: '10:00', localEnd: '11:35' },
  ]),
  calendarExceptions: [],
  ...overrides,
});

/** Kashgar keeps Xinjiang time (UTC+6) and shows Beijing time beside it. */
export const kashgar = (overrides: Partial<New<Institution>> = {}): New<Institution> => ({
  nameZh: '喀什大学',
  nameEn: 'Kashgar University',
  region: 'west',
  province: 'Xinjiang',
  timeZone: 'Asia/Urumqi',
  secondaryTimeZone: 'Asia/Shanghai',
  classPeriods: weekdays.flatMap((weekday) => [
    { name: '第1-2节', weekday, localStart: '08:30', localEnd: '10:05' },
    { name: '第3-4节', weekday, localStart: '10:00', localEnd: '11:35' },
    { name: '第5-6节', weekday, localStart: '15:30', localEnd: '17:05' },
  ]),
  calendarExceptions: [{ localDate: '2026-10-01', kind: 'holiday', name: '国庆节' }],
  ...overrides,
});

/** A partner abroad whose clock moves with DST. */
export const london = (overrides: Partial<New<Institution>> = {}): New<Institution> => ({
  nameZh: '伦敦大学学院',
  nameEn: 'University College London',
  region: 'international',
  province: 'United Kingdom',
  timeZone: 'Europe/London',
  secondaryTimeZone: null,
  classPeriods: weekdays.map((weekday) => ({ name: 'Evening', weekday, localStart: '17:00', localEnd: '20:00' })),
  calendarExceptions: [],
  ...overrides,
});

export const term = (institutionId: string, overrides: Partial<New<Term>> = {}): New<Term> => ({
  institutionId,
  name: 'Autumn 2026',
  startLocalDate: '2026-09-07',
  endLocalDate: '2027-01-15',
  ...overrides,
});

export const instructor = (institutionId: string, overrides: Partial<New<Instructor>> = {}): New<Instructor> => ({
  institutionId,
  name: 'Li Wei',
  role: 'instructor',
  disciplines: ['computer-science'],
  languages: ['zh', 'en'],
  timeZone: 'Asia/Shanghai',
  availability: weekdays.map((weekday) => ({ weekday, localStart: '08:00', localEnd: '14:00' })),
  unavailableLocalDates: [],
  maxSessionsPerDay: 2,
  maxSessionsPerWeek: 6,
  maxSessionsPerTerm: 80,
  ...overrides,
});

export const course = (institutionId: string, overrides: Partial<New<Course>> = {}): New<Course> => ({
  institutionId,
  title: '数据结构 Data Structures',
  platform: 'icourse163',
  discipline: 'computer-science',
  language: 'zh',
  ...overrides,
});

export const westernClass = (
  refs: { institutionId: string; courseId: string; termId: string; hostTeacherId?: string | null },
  overrides: Partial<New<WesternClass>> = {},
): New<WesternClass> => ({
  name: '计算机2025级1班',
  discipline: 'computer-science',
  studentsEnrolled: 45,
  sessionsPerWeek: 1,
  durationMinutes: 95,
  allowedPeriodNames: ['第3-4节'],
  hostTeacherId: null,
  ...refs,
  ...overrides,
});

export const pairing = (
  refs: { instructorId: string; courseId: string; termId: string; westernClassIds: string[] },
  overrides: Partial<New<Pairing>> = {},
): New<Pairing> => ({ status: 'confirmed', ...refs, ...overrides });
