import { describe, expect, it } from '@jest/globals';
import { findCommonSlots } from './find-common-slots.js';
import type { SchedulingProgram } from './program-index.js';
import type { Institution, Instructor, WesternClass } from './model.js';

const base: Institution = {
  id: 'ksu',
  nameZh: '喀什大学',
  nameEn: 'Kashi University',
  region: 'west',
  province: 'Xinjiang',
  timeZone: 'Asia/Urumqi',
  secondaryTimeZone: 'Asia/Shanghai',
  classPeriods: [
    { name: 'mon-3-4', weekday: 1, localStart: '10:00', localEnd: '11:35' },
    { name: 'tue-3-4', weekday: 2, localStart: '10:00', localEnd: '11:35' },
  ],
  calendarExceptions: [],
};
const lanzhou: Institution = {
  ...base,
  id: 'lzu',
  nameZh: '兰州大学',
  nameEn: 'Lanzhou University',
  province: 'Gansu',
  timeZone: 'Asia/Shanghai',
  secondaryTimeZone: null,
  classPeriods: [{ name: 'mon-5-6', weekday: 1, localStart: '12:00', localEnd: '13:35' }],
};
const zju: Institution = { ...lanzhou, id: 'zju', region: 'east', classPeriods: [] };
const liWei: Instructor = {
  id: 'li-wei',
  name: 'Li Wei',
  institutionId: 'zju',
  role: 'instructor',
  disciplines: ['math'],
  languages: ['zh'],
  timeZone: 'Asia/Shanghai',
  availability: [
    { weekday: 1, localStart: '11:00', localEnd: '14:00' },
    { weekday: 2, localStart: '11:00', localEnd: '14:00' },
  ],
  unavailableLocalDates: [],
  maxSessionsPerDay: 2,
  maxSessionsPerWeek: 4,
  maxSessionsPerTerm: 72,
};
const klass = (id: string, institutionId: string, studentsEnrolled: number): WesternClass => ({
  id,
  institutionId,
  name: id,
  courseId: 'calculus',
  discipline: 'math',
  studentsEnrolled,
  sessionsPerWeek: 1,
  durationMinutes: 95,
  termId: `term-${institutionId}`,
  allowedPeriodNames: [],
  hostTeacherId: null,
});
const program: SchedulingProgram = {
  institutions: [base, lanzhou, zju],
  terms: ['ksu', 'lzu'].map((id) => ({
    id: `term-${id}`,
    institutionId: id,
    name: 'autumn',
    startLocalDate: '2026-09-07',
    endLocalDate: '2027-01-10',
  })),
  instructors: [liWei],
  courses: [],
  westernClasses: [klass('ks-1', 'ksu', 40), klass('lz-1', 'lzu', 90)],
};

describe('findCommonSlots', () => {
  it('ranks the times when both campuses can join live first', () => {
    const slots = findCommonSlots({
      program,
      instructorId: 'li-wei',
      westernClassIds: ['ks-1', 'lz-1'],
      from: '2026-09-07T00:00:00Z',
      weeks: 1,
    });
    expect(slots.map((s) => [s.description, s.westernClassIds, s.students])).toEqual([
      ['Mon 2026-09-07 12:00-13:35 Asia/Shanghai (10:00-11:35 Asia/Urumqi)', ['ks-1', 'lz-1'], 130],
      ['Tue 2026-09-08 12:00-13:35 Asia/Shanghai (10:00-11:35 Asia/Urumqi)', ['ks-1'], 40],
    ]);
    expect(slots[0]!.local.map((l) => `${l.timeZone} ${l.localTime} ${l.utcOffset}`)).toEqual([
      'Asia/Shanghai 12:00 +08:00',
      'Asia/Urumqi 10:00 +06:00',
    ]);
  });

  it('leaves out times already booked', () => {
    const booked = {
      id: 's1',
      pairingId: 'p',
      instructorId: 'li-wei',
      startsAt: '2026-09-07T04:00:00Z',
      endsAt: '2026-09-07T05:35:00Z',
      anchorTimeZone: 'Asia/Urumqi',
      westernClassIds: ['x'],
      status: 'scheduled' as const,
      version: 1,
      meetingUrl: null,
    };
    const slots = findCommonSlots({
      program,
      instructorId: 'li-wei',
      westernClassIds: ['ks-1', 'lz-1'],
      from: '2026-09-07T00:00:00Z',
      weeks: 1,
      existingSessions: [booked],
    });
    expect(slots.map((s) => s.startsAt)).toEqual(['2026-09-08T04:00:00.000Z']);
  });
});
