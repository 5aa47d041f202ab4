import { describe, expect, it } from '@jest/globals';
import { planTerm, type TermPlan } from './plan-term.js';
import { verifyPlan } from './verify-plan.js';
import { SchedulingError, SchedulingErrorCode } from './errors.js';
import type { SchedulingProgram } from './program-index.js';
import type { Institution, Instructor, JointSession, Pairing, WesternClass } from './model.js';

const kashgar: Institution = {
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
  calendarExceptions: [{ localDate: '2026-10-05', kind: 'holiday', name: '国庆节 National Day' }],
};
const lanzhou: Institution = {
  ...kashgar,
  id: 'lzu',
  nameZh: '兰州大学',
  nameEn: 'Lanzhou University',
  province: 'Gansu',
  timeZone: 'Asia/Shanghai',
  secondaryTimeZone: null,
  classPeriods: [{ name: 'mon-7-8', weekday: 1, localStart: '16:25', localEnd: '18:00' }],
  calendarExceptions: [],
};
const zju: Institution = {
  ...lanzhou,
  id: 'zju',
  nameZh: '浙江大学',
  nameEn: 'Zhejiang University',
  region: 'east',
  province: 'Zhejiang',
  classPeriods: [],
};
const ucl: Institution = {
  ...zju,
  id: 'ucl',
  nameZh: '伦敦大学学院',
  nameEn: 'University College London',
  region: 'international',
  province: 'United Kingdom',
  timeZone: 'Europe/London',
};

const liWei: Instructor = {
  id: 'li-wei',
  name: 'Li Wei',
  institutionId: 'zju',
  role: 'instructor',
  disciplines: ['math'],
  languages: ['zh'],
  timeZone: 'Asia/Shanghai',
  availability: [{ weekday: 1, localStart: '11:00', localEnd: '14:00' }],
  unavailableLocalDates: [],
  maxSessionsPerDay: 2,
  maxSessionsPerWeek: 4,
  maxSessionsPerTerm: 72,
};
const emma: Instructor = {
  ...liWei,
  id: 'emma',
  name: 'Emma Hughes',
  institutionId: 'ucl',
  languages: ['en'],
  timeZone: 'Europe/London',
  availability: [{ weekday: 1, localStart: '08:00', localEnd: '13:00' }],
};

const klass = (id: string, institutionId: string, over: Partial<WesternClass> = {}): WesternClass => ({
  id,
  institutionId,
  name: id,
  courseId: 'calculus',
  discipline: 'math',
  studentsEnrolled: 50,
  sessionsPerWeek: 1,
  durationMinutes: 95,
  termId: `term-${institutionId}`,
  allowedPeriodNames: [],
  hostTeacherId: null,
  ...over,
});

function program(instructors: Instructor[], classes: WesternClass[], termEnd = '2026-10-18'): SchedulingProgram {
  return {
    institutions: [kashgar, lanzhou, zju, ucl],
    terms: [kashgar, lanzhou].map((i) => ({
      id: `term-${i.id}`,
      institutionId: i.id,
      name: 'autumn',
      startLocalDate: '2026-09-07',
      endLocalDate: termEnd,
    })),
    instructors,
    courses: [{ id: 'calculus', title: 'Calculus', platform: 'XuetangX', discipline: 'math', language: 'zh', institutionId: 'zju' }],
    westernClasses: classes,
  };
}

const pairing = (id: string, instructorId: string, westernClassIds: string[]): Pairing => ({
  id,
  instructorId,
  courseId: 'calculus',
  termId: 'term-ksu',
  westernClassIds,
  status: 'confirmed',
});
const published = (plan: TermPlan): JointSession[] =>
  plan.sessions.map((s) => ({ ...s, status: 'scheduled', version: 1, meetingUrl: null }));

describe('planTerm', () => {
  const kashgarProgram = program([liWei], [klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4'] })]);
  const pairings = [pairing('p1', 'li-wei', ['ks-1'])];

  it('places the weekly session at Mon 10:00-11:35 Asia/Urumqi (12:00-13:35 Asia/Shanghai) and explains the holiday week', () => {
    const plan = planTerm({ program: kashgarProgram, pairings });
    expect(plan.sessions.map((s) => [s.startsAt, s.endsAt])).toEqual([
      ['2026-09-07T04:00:00.000Z', '2026-09-07T05:35:00.000Z'],
      ['2026-09-14T04:00:00.000Z', '2026-09-14T05:35:00.000Z'],
      ['2026-09-21T04:00:00.000Z', '2026-09-21T05:35:00.000Z'],
      ['2026-09-28T04:00:00.000Z', '2026-09-28T05:35:00.000Z'],
      ['2026-10-12T04:00:00.000Z', '2026-10-12T05:35:00.000Z'],
    ]);
    expect(plan.unplaced).toEqual([
      {
        pairingId: 'p1',
        instructorId: 'li-wei',
        westernClassId: 'ks-1',
        weekStartLocalDate: '2026-10-05',
        count: 1,
        code: 'NO_TEACHING_DAYS',
        reason:
          'week of 2026-10-05 (Asia/Urumqi): class ks-1 (Kashi University) has none of its periods (Mon 10:00-11:35 Asia/Urumqi) on a teaching day; closed: Mon 2026-10-05 国庆节 National Day',
      },
    ]);
    expect(plan.score).toEqual({
      sessionsRequired: 6,
      sessionsPlaced: 5,
      sessionsUnplaced: 1,
      hardViolations: 0,
      soft: { offUsualSlot: 0, inhumaneMinutes: 0, sameDayRepeats: 0, stackedInstructorSessions: 0 },
    });
    expect(verifyPlan({ program: kashgarProgram, pairings, plan })).toEqual([]);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('says plainly when the hours never meet', () => {
    const plan = planTerm({
      program: program(
        [{ ...liWei, availability: [1, 2, 3, 4, 5].map((d) => ({ weekday: d as 1, localStart: '08:00', localEnd: '12:00' })) }],
        [klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4'] })],
      ),
      pairings,
    });
    expect(plan.sessions).toEqual([]);
    expect(plan.unplaced[0]?.reason).toBe(
      'week of 2026-09-07 (Asia/Urumqi): no overlap long enough for a 95-minute session: instructor Li Wei free Mon-Fri 08:00-12:00 Asia/Shanghai (2 h ahead of Asia/Urumqi that week), class ks-1 (Kashi University) periods Mon 10:00-11:35 Asia/Urumqi',
    );
  });

  it('keeps a London partner at the class wall clock across the clock change', () => {
    const p = program([emma], [klass('lz-1', 'lzu')], '2026-11-08');
    const plan = planTerm({ program: p, pairings: [pairing('p2', 'emma', ['lz-1'])] });
    // 16:25 Asia/Shanghai every Monday: 09:25 BST before 25 October, 08:25 GMT after.
    expect(plan.sessions.map((s) => s.startsAt)).toEqual([
      '2026-09-07T08:25:00.000Z',
      '2026-09-14T08:25:00.000Z',
      '2026-09-21T08:25:00.000Z',
      '2026-09-28T08:25:00.000Z',
      '2026-10-05T08:25:00.000Z',
      '2026-10-12T08:25:00.000Z',
      '2026-10-19T08:25:00.000Z',
      '2026-10-26T08:25:00.000Z',
      '2026-11-02T08:25:00.000Z',
    ]);
    expect(plan.unplaced).toEqual([]);
  });

  it("anchors each session to its own first class's zone, not the pairing's first class's", () => {
    const p = program(
      [{ ...liWei, availability: [{ weekday: 1, localStart: '11:00', localEnd: '18:30' }] }],
      [klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4'] }), klass('lz-1', 'lzu')],
      '2026-09-13',
    );
    const plan = planTerm({ program: p, pairings: [pairing('p1', 'li-wei', ['ks-1', 'lz-1'])] });
    // Kashgar meets 10:00 Xinjiang time (12:00 Beijing), Lanzhou 16:25 Beijing: two sessions, one class each.
    expect(plan.sessions.map((s) => [s.startsAt, s.westernClassIds, s.anchorTimeZone])).toEqual([
      ['2026-09-07T04:00:00.000Z', ['ks-1'], 'Asia/Urumqi'],
      ['2026-09-07T08:25:00.000Z', ['lz-1'], 'Asia/Shanghai'],
    ]);
  });

  it('re-planning an unchanged input keeps everything and moves nothing', () => {
    const first = planTerm({ program: kashgarProgram, pairings });
    const again = planTerm({ program: kashgarProgram, pairings, existingSessions: published(first) });
    expect(again.moved).toEqual([]);
    expect(again.keptSessionIds).toEqual(first.sessions.map((s) => s.id));
    expect(again.sessions.map((s) => [s.id, s.startsAt, s.origin])).toEqual(first.sessions.map((s) => [s.id, s.startsAt, 'kept']));
  });

  it('moves only what a change breaks, and says why and where to', () => {
    const first = planTerm({ program: kashgarProgram, pairings });
    const changed = program(
      [
        {
          ...liWei,
          availability: [
            { weekday: 2, localStart: '11:00', localEnd: '14:00' },
            { weekday: 1, localStart: '11:00', localEnd: '14:00' },
          ],
          unavailableLocalDates: ['2026-09-14'],
        },
      ],
      [klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4', 'tue-3-4'] })],
    );
    const again = planTerm({ program: changed, pairings, existingSessions: published(first) });
    expect(again.moved).toHaveLength(1);
    expect(again.moved[0]).toMatchObject({ from: { startsAt: '2026-09-14T04:00:00.000Z' }, to: { startsAt: '2026-09-15T04:00:00.000Z' } });
    expect(again.moved[0]!.reason).toBe(
      'instructor Li Wei is unavailable on 2026-09-14 (Asia/Shanghai); the session is Mon 2026-09-14 12:00-13:35 Asia/Shanghai (10:00-11:35 Asia/Urumqi)',
    );
    expect(again.keptSessionIds).toHaveLength(4);
    // The holiday week now has a Tuesday period.
    expect(again.sessions.filter((s) => s.origin === 'new').map((s) => s.startsAt)).toEqual([
      '2026-09-15T04:00:00.000Z',
      '2026-10-06T04:00:00.000Z',
    ]);
  });

  it('never double-books a shared host teacher and says who is busy', () => {
    const p = program(
      [liWei, { ...liWei, id: 'wang', name: 'Wang Fang' }],
      [
        klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4'], hostTeacherId: 'host-a' }),
        klass('ks-2', 'ksu', { allowedPeriodNames: ['mon-3-4'], hostTeacherId: 'host-a' }),
      ],
    );
    const both = [pairing('p1', 'li-wei', ['ks-1']), pairing('p2', 'wang', ['ks-2'])];
    const plan = planTerm({ program: p, pairings: both });
    expect(plan.sessions).toHaveLength(5);
    expect(plan.unplaced.filter((u) => u.code === 'ALL_COMMON_TIMES_TAKEN')).toHaveLength(5);
    expect(plan.unplaced.find((u) => u.code === 'ALL_COMMON_TIMES_TAKEN')?.reason).toContain(
      'the host teacher hosts another session then (1x)',
    );
    expect(verifyPlan({ program: p, pairings: both, plan })).toEqual([]);
  });

  describe('with sessions outside the run (busySessions)', () => {
    const other = (id: string, over: Partial<JointSession>): JointSession => ({
      id,
      pairingId: 'p-other',
      instructorId: 'li-wei',
      westernClassIds: ['lz-1'],
      startsAt: '2026-09-14T04:00:00.000Z',
      endsAt: '2026-09-14T05:35:00.000Z',
      anchorTimeZone: 'Asia/Shanghai',
      status: 'scheduled',
      version: 1,
      meetingUrl: null,
      ...over,
    });
    const p = program(
      [
        { ...liWei, maxSessionsPerDay: 1 },
        { ...liWei, id: 'wang', name: 'Wang Fang' },
      ],
      [
        klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4'], hostTeacherId: 'host-a' }),
        klass('ks-2', 'ksu', { hostTeacherId: 'host-a' }),
        klass('lz-1', 'lzu'),
      ],
    );
    const busySessions = [
      // Li Wei teaches another lesson at the very time in week 2.
      other('b1', {}),
      // Week 3: Li Wei's one session of Monday is taken by another lesson at 08:00 Beijing.
      other('b2', { startsAt: '2026-09-21T00:00:00.000Z', endsAt: '2026-09-21T01:35:00.000Z' }),
      // Week 4: the class's host teacher hosts ks-2 with Wang Fang then.
      other('b3', {
        instructorId: 'wang',
        westernClassIds: ['ks-2'],
        startsAt: '2026-09-28T04:00:00.000Z',
        endsAt: '2026-09-28T05:35:00.000Z',
        anchorTimeZone: 'Asia/Urumqi',
      }),
      // Cancelled: holds nobody.
      other('b4', { startsAt: '2026-09-07T04:00:00.000Z', endsAt: '2026-09-07T05:35:00.000Z', status: 'cancelled' }),
    ];

    it('never overlaps them, counts them toward the caps and the host teacher, and says so', () => {
      const plan = planTerm({ program: p, pairings, busySessions });
      expect(plan.sessions.map((s) => s.startsAt)).toEqual(['2026-09-07T04:00:00.000Z', '2026-10-12T04:00:00.000Z']);
      expect(plan.unplaced.map((u) => [u.weekStartLocalDate, u.code, u.reason.replace(/; e\.g\. .*/, '')])).toEqual([
        [
          '2026-09-14',
          'ALL_COMMON_TIMES_TAKEN',
          'week of 2026-09-14 (Asia/Urumqi): all 1 time(s) when instructor Li Wei and class ks-1 (Kashi University) are both free are taken: instructor Li Wei teaches another session then (1x)',
        ],
        [
          '2026-09-21',
          'ALL_COMMON_TIMES_TAKEN',
          'week of 2026-09-21 (Asia/Urumqi): all 1 time(s) when instructor Li Wei and class ks-1 (Kashi University) are both free are taken: instructor Li Wei already has 1 session(s) that day (1x)',
        ],
        [
          '2026-09-28',
          'ALL_COMMON_TIMES_TAKEN',
          'week of 2026-09-28 (Asia/Urumqi): all 1 time(s) when instructor Li Wei and class ks-1 (Kashi University) are both free are taken: the host teacher hosts another session then (1x)',
        ],
        ['2026-10-05', 'NO_TEACHING_DAYS', expect.any(String)],
      ]);
      expect(plan.score).toMatchObject({ sessionsPlaced: 2, sessionsUnplaced: 4, hardViolations: 0 });
      expect(verifyPlan({ program: p, pairings, plan, busySessions })).toEqual([]);
    });

    it('the verifier refuses a plan that ignores them', () => {
      const blind = planTerm({ program: p, pairings });
      expect(
        verifyPlan({ program: p, pairings, plan: blind, busySessions })
          .map((v) => v.code)
          .sort(),
        // Week 2 overlaps and is a second session that day; week 3 is a second session that day.
      ).toEqual(['HOST_DOUBLE_BOOKED', 'INSTRUCTOR_DAY_CAP_EXCEEDED', 'INSTRUCTOR_DAY_CAP_EXCEEDED', 'INSTRUCTOR_DOUBLE_BOOKED']);
    });
  });

  describe('frozen sessions (frozenBefore, completed)', () => {
    // Li Wei now teaches on Tuesdays only; the class may meet Monday or Tuesday.
    const changed = program(
      [{ ...liWei, availability: [{ weekday: 2, localStart: '11:00', localEnd: '14:00' }] }],
      [klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4', 'tue-3-4'] })],
    );
    const first = published(planTerm({ program: kashgarProgram, pairings }));

    it('keeps what started before frozenBefore as it is, says what it breaks, and plans nothing before it', () => {
      // Week 3 (Mon 2026-09-21) was cancelled; the run starts Tue 2026-09-22 08:00 Beijing.
      const existing = first.map((s) => (s.startsAt.startsWith('2026-09-21') ? { ...s, status: 'cancelled' as const } : s));
      const frozenBefore = '2026-09-22T00:00:00.000Z';
      const plan = planTerm({ program: changed, pairings, existingSessions: existing, frozenBefore });
      expect(plan.frozenSessionIds).toEqual([first[0]!.id, first[1]!.id]);
      expect(plan.keptSessionIds).toEqual(plan.frozenSessionIds);
      expect(plan.frozenProblems.map((f) => [f.startsAt, f.reason])).toEqual([
        [
          '2026-09-07T04:00:00.000Z',
          'instructor Li Wei has no hours on Mon (Asia/Shanghai); the session is Mon 2026-09-07 12:00-13:35 Asia/Shanghai (10:00-11:35 Asia/Urumqi)',
        ],
        [
          '2026-09-14T04:00:00.000Z',
          'instructor Li Wei has no hours on Mon (Asia/Shanghai); the session is Mon 2026-09-14 12:00-13:35 Asia/Shanghai (10:00-11:35 Asia/Urumqi)',
        ],
      ]);
      // Week 3 still has its Tuesday after the start; later Monday sessions move to Tuesday (the holiday week too).
      expect(plan.sessions.map((s) => [s.startsAt, s.origin])).toEqual([
        ['2026-09-07T04:00:00.000Z', 'kept'],
        ['2026-09-14T04:00:00.000Z', 'kept'],
        ['2026-09-22T04:00:00.000Z', 'new'],
        ['2026-09-29T04:00:00.000Z', 'new'],
        ['2026-10-06T04:00:00.000Z', 'new'],
        ['2026-10-13T04:00:00.000Z', 'new'],
      ]);
      expect(plan.moved.map((m) => [m.from.startsAt, m.to?.startsAt])).toEqual([
        ['2026-09-28T04:00:00.000Z', '2026-09-29T04:00:00.000Z'],
        ['2026-10-12T04:00:00.000Z', '2026-10-13T04:00:00.000Z'],
      ]);
      expect(verifyPlan({ program: changed, pairings, plan, frozenBefore })).toEqual([]);
      expect(plan.score.hardViolations).toBe(0);
      // The verifier catches a plan that ignores the start: a fresh plan has sessions before it.
      const fresh = planTerm({ program: changed, pairings });
      expect(new Set(verifyPlan({ program: changed, pairings, plan: fresh, frozenBefore }).map((v) => v.code))).toEqual(
        new Set(['STARTS_BEFORE_FROZEN']),
      );

      // Started a day later, week 3's Tuesday has passed too: the week says so.
      const later = planTerm({ program: changed, pairings, existingSessions: existing, frozenBefore: '2026-09-23T00:00:00.000Z' });
      expect(later.unplaced.find((u) => u.weekStartLocalDate === '2026-09-21')).toMatchObject({
        code: 'ALREADY_PAST',
        reason:
          "week of 2026-09-21 (Asia/Urumqi): all 1 time(s) when instructor Li Wei and class ks-1 (Kashi University) could meet that week were before the plan's start (sessions started by then are kept as they are), the last Tue 2026-09-22 10:00-11:35 Asia/Urumqi (12:00-13:35 Asia/Shanghai)",
      });
    });

    it('counts a completed session toward its week and never moves it, frozenBefore or not', () => {
      const existing = first.map((s, i) => (i === 0 ? { ...s, status: 'completed' as const } : s));
      const plan = planTerm({ program: changed, pairings, existingSessions: existing });
      expect(plan.frozenSessionIds).toEqual([first[0]!.id]);
      expect(plan.sessions.filter((s) => s.startsAt < '2026-09-14').map((s) => [s.id, s.origin])).toEqual([[first[0]!.id, 'kept']]);
      expect(plan.moved.map((m) => m.sessionId)).toEqual(first.slice(1).map((s) => s.id));
      expect(plan.score).toMatchObject({ sessionsRequired: 6, sessionsPlaced: 6, hardViolations: 0 });
      expect(verifyPlan({ program: changed, pairings, plan })).toEqual([]);
    });

    it('keeps a frozen session whose instructor and class left the pairing, and says so', () => {
      const odd = { ...first[0]!, instructorId: 'someone-else', westernClassIds: ['ks-1', 'left-class'] };
      const plan = planTerm({ program: kashgarProgram, pairings, existingSessions: [odd], frozenBefore: '2026-09-10T00:00:00.000Z' });
      expect(plan.frozenSessionIds).toEqual([odd.id]);
      expect(plan.frozenProblems.map((f) => f.reason)).toEqual([
        "the pairing's instructor is now Li Wei; the session was Mon 2026-09-07 12:00-13:35 Asia/Shanghai (10:00-11:35 Asia/Urumqi)",
      ]);
      expect(plan.sessions.filter((s) => s.origin === 'new')).toHaveLength(4);
      expect(plan.score.hardViolations).toBe(0);
    });
  });

  it("applies every term of the instructor's institution per date: a class term across the eastern winter break keeps its later weeks", () => {
    // Zhejiang: autumn to Fri 2027-01-15, spring from Mon 2027-02-22; Li Wei's institution has a holiday on
    // Mon 2027-03-01 and, like Kashgar, a make-up Sunday 2027-03-14 running Monday's timetable; Kashgar
    // closes Mon 2027-03-08, so that week can only meet on the make-up Sunday.
    const makeup = { localDate: '2027-03-14', kind: 'makeup', runsWeekday: 1, name: '调休 make-up' } as const;
    const east: Institution = {
      ...zju,
      calendarExceptions: [{ localDate: '2027-03-01', kind: 'holiday', name: '校庆 founding day' }, makeup],
    };
    const west: Institution = {
      ...kashgar,
      calendarExceptions: [{ localDate: '2027-03-08', kind: 'holiday', name: '停课 closed' }, makeup],
    };
    const p: SchedulingProgram = {
      institutions: [west, east],
      terms: [
        { id: 'term-ksu', institutionId: 'ksu', name: 'winter', startLocalDate: '2026-12-28', endLocalDate: '2027-03-14' },
        { id: 'zju-autumn', institutionId: 'zju', name: 'autumn', startLocalDate: '2026-09-07', endLocalDate: '2027-01-15' },
        { id: 'zju-spring', institutionId: 'zju', name: 'spring', startLocalDate: '2027-02-22', endLocalDate: '2027-07-02' },
      ],
      instructors: [liWei],
      courses: program([], []).courses,
      westernClasses: [klass('ks-1', 'ksu', { allowedPeriodNames: ['mon-3-4'] })],
    };
    const plan = planTerm({ program: p, pairings });
    // Mon 10:00 Asia/Urumqi = 12:00 Asia/Shanghai = 04:00 UTC.
    expect(plan.sessions.map((s) => s.startsAt)).toEqual([
      '2026-12-28T04:00:00.000Z',
      '2027-01-04T04:00:00.000Z',
      '2027-01-11T04:00:00.000Z',
      '2027-02-22T04:00:00.000Z',
      '2027-03-14T04:00:00.000Z',
    ]);
    expect(plan.unplaced.map((u) => [u.weekStartLocalDate, u.code])).toEqual([
      ['2027-01-18', 'INSTRUCTOR_AWAY'],
      ['2027-01-25', 'INSTRUCTOR_AWAY'],
      ['2027-02-01', 'INSTRUCTOR_AWAY'],
      ['2027-02-08', 'INSTRUCTOR_AWAY'],
      ['2027-02-15', 'INSTRUCTOR_AWAY'],
      ['2027-03-01', 'INSTRUCTOR_AWAY'],
    ]);
    expect(plan.unplaced[0]!.reason).toContain("2027-01-18 outside the term of Li Wei's institution");
    expect(plan.unplaced[5]!.reason).toContain('2027-03-01 校庆 founding day');
    expect(verifyPlan({ program: p, pairings, plan })).toEqual([]);
  });

  it('is deterministic, reports progress and can be cancelled', () => {
    const percents: number[] = [];
    const a = planTerm({ program: kashgarProgram, pairings, seed: 3, onProgress: (p) => percents.push(p) });
    const b = planTerm({ program: kashgarProgram, pairings, seed: 3 });
    expect(b).toEqual(a);
    expect(percents[percents.length - 1]).toBe(100);
    let error: unknown;
    try {
      planTerm({ program: kashgarProgram, pairings, isCancelled: () => true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchedulingError);
    expect((error as SchedulingError).code).toBe(SchedulingErrorCode.SCHEDULING_CANCELLED);
  });
});
