import { describe, expect, it } from '@jest/globals';
import { assertSlot, checkSlot, type CheckSlotInput } from './check-slot.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import type { Institution, Instructor, JointSession, Term, WesternClass } from './model.js';

const zju: Institution = {
  id: 'zju',
  nameZh: '浙江大学',
  nameEn: 'Zhejiang University',
  region: 'east',
  province: 'Zhejiang',
  timeZone: 'Asia/Shanghai',
  secondaryTimeZone: null,
  classPeriods: [],
  calendarExceptions: [{ localDate: '2026-10-01', kind: 'holiday', name: '国庆节 National Day' }],
};

const kashgar: Institution = {
  id: 'ksu',
  nameZh: '喀什大学',
  nameEn: 'Kashi University',
  region: 'west',
  province: 'Xinjiang',
  timeZone: 'Asia/Urumqi',
  secondaryTimeZone: 'Asia/Shanghai',
  classPeriods: [
    { name: '第3-4节', weekday: 1, localStart: '10:00', localEnd: '11:35' },
    { name: '第5-6节', weekday: 1, localStart: '11:00', localEnd: '12:35' },
    { name: '第7-8节', weekday: 1, localStart: '15:30', localEnd: '17:05' },
    { name: '第3-4节', weekday: 3, localStart: '10:00', localEnd: '11:35' },
  ],
  calendarExceptions: [
    { localDate: '2026-09-27', kind: 'makeup', runsWeekday: 1, name: '国庆调休' },
    { localDate: '2026-10-05', kind: 'holiday', name: '国庆节 National Day' },
  ],
};

const term: Term = { id: 't1', institutionId: 'ksu', name: '2026 autumn', startLocalDate: '2026-09-07', endLocalDate: '2027-01-10' };

const liWei: Instructor = {
  id: 'li',
  name: 'Li Wei',
  institutionId: 'zju',
  role: 'instructor',
  disciplines: ['math'],
  languages: ['zh'],
  timeZone: 'Asia/Shanghai',
  availability: [1, 2, 3, 4, 5]
    .map((d) => ({ weekday: d as 1, localStart: '08:00', localEnd: '12:00' }))
    .concat([{ weekday: 1, localStart: '13:00', localEnd: '15:00' }]),
  unavailableLocalDates: ['2026-11-02'],
  maxSessionsPerDay: 2,
  maxSessionsPerWeek: 3,
  maxSessionsPerTerm: 40,
};

const klass: WesternClass = {
  id: 'c1',
  institutionId: 'ksu',
  name: 'Calculus 2026-1',
  courseId: 'calc',
  discipline: 'math',
  studentsEnrolled: 48,
  sessionsPerWeek: 1,
  durationMinutes: 95,
  termId: 't1',
  allowedPeriodNames: ['第3-4节', '第5-6节'],
  hostTeacherId: 'host-1',
};

const session = (id: string, startsAt: string, endsAt: string, westernClassIds = ['c1']): JointSession => ({
  id,
  pairingId: 'p1',
  instructorId: 'li',
  startsAt,
  endsAt,
  anchorTimeZone: 'Asia/Urumqi',
  westernClassIds,
  status: 'scheduled',
  version: 1,
  meetingUrl: null,
});

function input(startsAt: string, endsAt: string, extra: Partial<CheckSlotInput> = {}): CheckSlotInput {
  return {
    startsAt,
    endsAt,
    instructor: liWei,
    instructorInstitution: zju,
    instructorSessions: [],
    classes: [{ westernClass: klass, institution: kashgar, term, sessions: [] }],
    ...extra,
  };
}

const codes = (i: CheckSlotInput): SchedulingErrorCode[] => checkSlot(i).map((v) => v.code);

describe('checkSlot', () => {
  it('refuses Mon 10:00-11:35 Asia/Urumqi: it is 12:00-13:35 Asia/Shanghai and Li Wei is free 08:00-12:00 and 13:00-15:00', () => {
    expect(codes(input('2026-09-28T04:00:00Z', '2026-09-28T05:35:00Z'))).toEqual([SchedulingErrorCode.OUTSIDE_INSTRUCTOR_AVAILABILITY]);
  });

  it('accepts Mon 11:00-12:35 Asia/Urumqi = 13:00-14:35 Asia/Shanghai', () => {
    expect(checkSlot(input('2026-09-28T05:00:00Z', '2026-09-28T06:35:00Z'))).toEqual([]);
    expect(() => assertSlot(input('2026-09-28T05:00:00Z', '2026-09-28T06:35:00Z'))).not.toThrow();
  });

  it('explains the availability miss in both parties local time', () => {
    const [violation] = checkSlot(input('2026-09-29T05:00:00Z', '2026-09-29T06:35:00Z'));
    expect(violation?.code).toBe(SchedulingErrorCode.OUTSIDE_INSTRUCTOR_AVAILABILITY);
    expect(violation?.message).toBe(
      'instructor Li Wei is free Tue 08:00-12:00 Asia/Shanghai; the session is Tue 2026-09-29 13:00-14:35 Asia/Shanghai (11:00-12:35 Asia/Urumqi)',
    );
    expect(codes(input('2026-09-29T05:00:00Z', '2026-09-29T06:35:00Z'))).toContain(SchedulingErrorCode.OUTSIDE_CLASS_PERIODS);
  });

  it('refuses a period the class may not use, naming the allowed ones', () => {
    const found = checkSlot(input('2026-09-28T09:30:00Z', '2026-09-28T11:05:00Z')).find(
      (v) => v.code === SchedulingErrorCode.OUTSIDE_CLASS_PERIODS,
    );
    expect(found?.message).toBe(
      'class Calculus 2026-1 (Kashi University) may meet 10:00-11:35 (第3-4节), 11:00-12:35 (第5-6节) on Mon Asia/Urumqi; the session is Mon 2026-09-28 15:30-17:05 Asia/Urumqi (17:30-19:05 Asia/Shanghai)',
    );
  });

  it('runs Monday periods on the make-up Sunday 2026-09-27 and nothing on the holiday 2026-10-05', () => {
    expect(codes(input('2026-09-27T05:00:00Z', '2026-09-27T06:35:00Z'))).toEqual([SchedulingErrorCode.OUTSIDE_INSTRUCTOR_AVAILABILITY]);
    expect(codes(input('2026-10-05T05:00:00Z', '2026-10-05T06:35:00Z'))).toEqual([SchedulingErrorCode.HOLIDAY]);
  });

  it('the instructor institution holiday binds the instructor', () => {
    const violations = checkSlot(input('2026-10-01T02:00:00Z', '2026-10-01T03:35:00Z'));
    expect(violations.map((v) => v.code)).toContain(SchedulingErrorCode.HOLIDAY);
    expect(violations[0]?.message).toContain("is a holiday for instructor Li Wei's institution: 国庆节 National Day (Asia/Shanghai)");
  });

  it('refuses dates outside the term and the instructor own unavailable dates', () => {
    expect(codes(input('2026-09-07T05:00:00Z', '2026-09-07T06:35:00Z'))).toEqual([]);
    expect(codes(input('2026-08-31T05:00:00Z', '2026-08-31T06:35:00Z'))).toEqual([SchedulingErrorCode.OUTSIDE_TERM]);
    expect(codes(input('2026-11-02T05:00:00Z', '2026-11-02T06:35:00Z'))).toEqual([SchedulingErrorCode.INSTRUCTOR_UNAVAILABLE_DATE]);
  });

  it("applies each of the instructor institution's terms per date: the winter break between two terms is outside them", () => {
    // The class's term runs on through the eastern winter break into the eastern spring term.
    const longTerm: Term = { ...term, endLocalDate: '2027-03-14' };
    const instructorTerms: Term[] = [
      { id: 'zju-autumn', institutionId: 'zju', name: 'autumn', startLocalDate: '2026-09-07', endLocalDate: '2027-01-15' },
      { id: 'zju-spring', institutionId: 'zju', name: 'spring', startLocalDate: '2027-02-22', endLocalDate: '2027-07-02' },
    ];
    const at = (startsAt: string, endsAt: string) =>
      checkSlot(
        input(startsAt, endsAt, {
          instructorTerms,
          classes: [{ westernClass: klass, institution: kashgar, term: longTerm, sessions: [] }],
        }),
      );
    // Mon 13:00-14:35 Asia/Shanghai = 11:00-12:35 Asia/Urumqi.
    expect(at('2027-01-11T05:00:00Z', '2027-01-11T06:35:00Z')).toEqual([]);
    expect(at('2027-03-01T05:00:00Z', '2027-03-01T06:35:00Z')).toEqual([]);
    const inBreak = at('2027-01-25T05:00:00Z', '2027-01-25T06:35:00Z');
    expect(inBreak.map((v) => v.code)).toEqual([SchedulingErrorCode.OUTSIDE_TERM]);
    expect(inBreak[0]?.message).toContain("2027-01-25 (Mon) is outside the term of instructor Li Wei's institution (Asia/Shanghai)");
  });

  it('refuses double bookings, short rests and caps', () => {
    const slot = ['2026-09-28T05:00:00Z', '2026-09-28T06:35:00Z'] as const;
    expect(codes(input(...slot, { instructorSessions: [session('s1', '2026-09-28T06:00:00Z', '2026-09-28T07:00:00Z', ['c9'])] }))).toEqual([
      SchedulingErrorCode.INSTRUCTOR_DOUBLE_BOOKED,
    ]);
    expect(codes(input(...slot, { instructorSessions: [session('s1', '2026-09-28T06:40:00Z', '2026-09-28T07:00:00Z', ['c9'])] }))).toEqual([
      SchedulingErrorCode.INSTRUCTOR_REST_TOO_SHORT,
    ]);
    expect(codes(input(...slot, { instructorSessions: [session('s1', '2026-09-28T06:50:00Z', '2026-09-28T07:00:00Z', ['c9'])] }))).toEqual(
      [],
    );
    const sameDay = [
      session('a', '2026-09-28T00:00:00Z', '2026-09-28T01:00:00Z', ['x']),
      session('b', '2026-09-28T02:00:00Z', '2026-09-28T03:00:00Z', ['x']),
    ];
    expect(codes(input(...slot, { instructorSessions: sameDay }))).toEqual([SchedulingErrorCode.INSTRUCTOR_DAY_CAP_EXCEEDED]);
    const sameWeek = [
      ...sameDay.slice(0, 1),
      session('c', '2026-09-29T02:00:00Z', '2026-09-29T03:00:00Z', ['x']),
      session('d', '2026-09-30T02:00:00Z', '2026-09-30T03:00:00Z', ['x']),
    ];
    expect(codes(input(...slot, { instructorSessions: sameWeek }))).toEqual([SchedulingErrorCode.INSTRUCTOR_WEEK_CAP_EXCEEDED]);
    const moved = { ...sameWeek[0]!, id: 'me' };
    expect(codes(input(...slot, { instructorSessions: [moved, ...sameWeek.slice(1)], ignoreSessionId: 'me' }))).toEqual([]);
    const classBusy = [
      { westernClass: klass, institution: kashgar, term, sessions: [session('s2', '2026-09-28T05:30:00Z', '2026-09-28T06:00:00Z')] },
    ];
    expect(codes(input(...slot, { classes: classBusy }))).toEqual([SchedulingErrorCode.CLASS_DOUBLE_BOOKED]);
    expect(
      codes(input(...slot, { hostTeacherSessions: { 'host-1': [session('s3', '2026-09-28T06:00:00Z', '2026-09-28T06:30:00Z', ['c7'])] } })),
    ).toEqual([SchedulingErrorCode.HOST_DOUBLE_BOOKED]);
    // The message names the host teacher, not their id.
    const hostBusy = checkSlot(
      input(...slot, {
        hostTeacherSessions: { 'host-1': [session('s3', '2026-09-28T06:00:00Z', '2026-09-28T06:30:00Z', ['c7'])] },
        hostTeacherNames: { 'host-1': 'Aygul Tursun' },
      }),
    );
    expect(hostBusy[0]!.message).toMatch(/^host teacher Aygul Tursun of class /);
    expect(
      codes(
        input(...slot, {
          hostTeacherSessions: {
            'host-1': [{ ...session('s3', '2026-09-28T06:00:00Z', '2026-09-28T06:30:00Z', ['c7']), status: 'cancelled' }],
          },
        }),
      ),
    ).toEqual([]);
  });

  it('assertSlot throws SLOT_REJECTED carrying the violations', () => {
    let error: unknown;
    try {
      assertSlot(input('2026-10-05T05:00:00Z', '2026-10-05T06:35:00Z'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchedulingError);
    expect((error as SchedulingError).code).toBe(SchedulingErrorCode.SLOT_REJECTED);
    expect((error as SchedulingError).details?.['violations']).toHaveLength(1);
  });
});
