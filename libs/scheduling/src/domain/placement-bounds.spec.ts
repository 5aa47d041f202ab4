import { describe, expect, it } from '@jest/globals';
import { planTerm } from './plan-term.js';
import { unplacedBreakdown } from './placement-bounds.js';
import type { SchedulingProgram } from './program-index.js';
import type { Institution, Instructor, Pairing, WesternClass } from './model.js';
import type { PlannedSession } from './plan-term.js';

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
  calendarExceptions: [],
};
const zju: Institution = { ...kashgar, id: 'zju', region: 'east', timeZone: 'Asia/Shanghai', secondaryTimeZone: null, classPeriods: [] };
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
const klass = (id: string, over: Partial<WesternClass>): WesternClass => ({
  id,
  institutionId: 'ksu',
  name: id,
  courseId: 'calculus',
  discipline: 'math',
  studentsEnrolled: 50,
  sessionsPerWeek: 1,
  durationMinutes: 95,
  termId: 'term-ksu',
  allowedPeriodNames: ['mon-3-4'],
  hostTeacherId: null,
  ...over,
});
const program = (instructors: Instructor[], westernClasses: WesternClass[]): SchedulingProgram => ({
  institutions: [kashgar, zju],
  terms: [{ id: 'term-ksu', institutionId: 'ksu', name: 'autumn', startLocalDate: '2026-09-07', endLocalDate: '2026-09-20' }],
  instructors,
  courses: [{ id: 'calculus', title: 'Calculus', platform: 'XuetangX', discipline: 'math', language: 'zh', institutionId: 'zju' }],
  westernClasses,
});
const pairing = (id: string, instructorId: string, westernClassIds: string[]): Pairing => ({
  id,
  instructorId,
  courseId: 'calculus',
  termId: 'term-ksu',
  westernClassIds,
  status: 'confirmed',
});

describe('unplacedBreakdown', () => {
  it('a class that needs two sessions a week with one legal time a week: one a week is unplaceable', () => {
    const p = program([liWei], [klass('ks-1', { sessionsPerWeek: 2 })]);
    const pairings = [pairing('p1', 'li-wei', ['ks-1'])];
    const plan = planTerm({ program: p, pairings });
    expect(plan.score).toMatchObject({ sessionsPlaced: 2, sessionsUnplaced: 2 });
    expect(unplacedBreakdown({ program: p, pairings, plan })).toMatchObject({ unplaceable: 2, blocked: 0, contended: 0 });
  });

  it("two lessons of one instructor on the class's only weekly time: blocked, and contended (the week is at its bound)", () => {
    const p = program([liWei], [klass('ks-1', {}), klass('ks-2', {})]);
    const pairings = [pairing('p1', 'li-wei', ['ks-1']), pairing('p2', 'li-wei', ['ks-2'])];
    const plan = planTerm({ program: p, pairings });
    expect(plan.score).toMatchObject({ sessionsPlaced: 2, sessionsUnplaced: 2 });
    expect(unplacedBreakdown({ program: p, pairings, plan })).toMatchObject({ unplaceable: 0, blocked: 2, contended: 2 });
  });

  it('two instructors whose classes share a host teacher at the only time: blocked, not at the instructor-week bound (hosts are not in it), held', () => {
    const p = program(
      [liWei, { ...liWei, id: 'wang', name: 'Wang Fang' }],
      [klass('ks-1', { hostTeacherId: 'host-a' }), klass('ks-2', { hostTeacherId: 'host-a' })],
    );
    const pairings = [pairing('p1', 'li-wei', ['ks-1']), pairing('p2', 'wang', ['ks-2'])];
    const plan = planTerm({ program: p, pairings });
    expect(plan.score).toMatchObject({ sessionsPlaced: 2, sessionsUnplaced: 2 });
    // The host teacher's other session has no other time either: held, so each could only take the other's place.
    expect(unplacedBreakdown({ program: p, pairings, plan })).toMatchObject({
      unplaceable: 0,
      blocked: 2,
      contended: 0,
      proofs: { held: 2, movable: 0, free: 0 },
    });
    expect(plan.unplaced[0]!.reason).toContain('has no other free time in its own week, so this one could only take the place of another');
    expect(unplacedBreakdown({ program: p, pairings, plan: { unplaced: plan.unplaced } })).toMatchObject({ contended: null, proofs: null });
  });

  describe('what a plan shows at every start of a blocked class-week', () => {
    const wang: Instructor = { ...liWei, id: 'wang', name: 'Wang Fang' };
    const p = program(
      [liWei, wang],
      [klass('ks-1', { hostTeacherId: 'host-a' }), klass('ks-2', { hostTeacherId: 'host-a', allowedPeriodNames: ['mon-3-4', 'tue-3-4'] })],
    );
    const pairings = [pairing('p1', 'li-wei', ['ks-1']), pairing('p2', 'wang', ['ks-2'])];
    const missing = {
      pairingId: 'p1',
      instructorId: 'li-wei',
      westernClassId: 'ks-1',
      weekStartLocalDate: '2026-09-07',
      count: 1,
      code: 'ALL_COMMON_TIMES_TAKEN' as const,
      reason: 'hand-made',
    };
    // Mon 10:00-11:35 Asia/Urumqi, Wang's class ks-2 (same host teacher), which could meet on Tuesday instead.
    const inTheWay: PlannedSession = {
      id: 's2',
      pairingId: 'p2',
      instructorId: 'wang',
      westernClassIds: ['ks-2'],
      startsAt: '2026-09-07T04:00:00.000Z',
      endsAt: '2026-09-07T05:35:00.000Z',
      anchorTimeZone: 'Asia/Urumqi',
      origin: 'new',
    };

    it('free: nothing in the way at some start (the plan missed it)', () => {
      expect(unplacedBreakdown({ program: p, pairings, plan: { unplaced: [missing], sessions: [] } }).proofs).toEqual({
        held: 0,
        movable: 0,
        free: 1,
      });
    });

    it('movable: the session in the way could move to Tuesday; held once it is published (kept sessions stay)', () => {
      expect(unplacedBreakdown({ program: p, pairings, plan: { unplaced: [missing], sessions: [inTheWay] } }).proofs).toEqual({
        held: 0,
        movable: 1,
        free: 0,
      });
      const kept = { ...inTheWay, origin: 'kept' as const };
      expect(unplacedBreakdown({ program: p, pairings, plan: { unplaced: [missing], sessions: [kept] } }).proofs).toEqual({
        held: 1,
        movable: 0,
        free: 0,
      });
    });
  });

  it('the planner takes a start that is neither a period nor a window start when only that one is free', () => {
    // A 45-minute lesson in the 10:00-11:35 Asia/Urumqi period; the host teacher hosts another class 10:00-10:30.
    const p = program(
      [liWei, { ...liWei, id: 'wang', name: 'Wang Fang' }],
      [klass('ks-1', { hostTeacherId: 'host-a', durationMinutes: 45 }), klass('ks-9', { hostTeacherId: 'host-a' })],
    );
    const busy = ['2026-09-07', '2026-09-14'].map((localDate, n) => ({
      id: `busy-${n}`,
      pairingId: 'p-other',
      instructorId: 'wang',
      westernClassIds: ['ks-9'],
      startsAt: `${localDate}T04:00:00.000Z`,
      endsAt: `${localDate}T04:30:00.000Z`,
      anchorTimeZone: 'Asia/Urumqi',
      status: 'scheduled' as const,
      version: 1,
      meetingUrl: null,
    }));
    const pairings = [pairing('p1', 'li-wei', ['ks-1'])];
    const plan = planTerm({ program: p, pairings, busySessions: busy });
    expect(plan.sessions.map((s) => [s.startsAt, s.endsAt])).toEqual([
      ['2026-09-07T04:30:00.000Z', '2026-09-07T05:15:00.000Z'],
      ['2026-09-14T04:30:00.000Z', '2026-09-14T05:15:00.000Z'],
    ]);
    expect(plan.unplaced).toEqual([]);
    expect(plan.score.hardViolations).toBe(0);
  });

  it('counts the rest time and the day cap, and any start time, not only period starts', () => {
    // Monday 10:00-14:00 Urumqi in one long period, Li Wei free all of it: two 95-minute sessions fit
    // with 15 minutes between them (10:00-11:35, 11:50-13:25), three do not; the day cap is 2.
    const long: Institution = { ...kashgar, classPeriods: [{ name: 'mon-long', weekday: 1, localStart: '10:00', localEnd: '14:00' }] };
    const free = { ...liWei, availability: [{ weekday: 1 as const, localStart: '08:00', localEnd: '20:00' }], maxSessionsPerDay: 3 };
    const p = { ...program([free], [klass('ks-1', { sessionsPerWeek: 3, allowedPeriodNames: ['mon-long'] })]), institutions: [long, zju] };
    const pairings = [pairing('p1', 'li-wei', ['ks-1'])];
    const unplaced = [0, 1].map((w) => ({
      pairingId: 'p1',
      instructorId: 'li-wei',
      westernClassId: 'ks-1',
      weekStartLocalDate: w === 0 ? '2026-09-07' : '2026-09-14',
      count: 3,
      code: 'ALL_COMMON_TIMES_TAKEN' as const,
      reason: 'as if nothing had been placed',
    }));
    expect(unplacedBreakdown({ program: p, pairings, plan: { unplaced } })).toMatchObject({ unplaceable: 2, blocked: 4 });
    expect(unplacedBreakdown({ program: p, pairings, plan: { unplaced }, minRestMinutes: 60 })).toMatchObject({
      unplaceable: 4,
      blocked: 2,
    });
  });
});
