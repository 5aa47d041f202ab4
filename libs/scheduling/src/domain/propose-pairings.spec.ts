import { describe, expect, it } from '@jest/globals';
import * as highsModule from 'highs';
import { proposePairings, pairingCandidates } from './propose-pairings.js';
import { pairingMilpLp } from './pairing-milp.js';
import { generateProgram, PROGRAM_SCALE } from './synthetic-program.js';
import type { SchedulingProgram } from './program-index.js';
import type { Institution, Instructor, WesternClass } from './model.js';

// highs ships CommonJS types and an ES module build: take the loader from either shape.
type HighsLoader = () => Promise<{ solve(lp: string, options?: object): { Status: string; ObjectiveValue: number } }>;
const highsLoader = ((highsModule as { default?: unknown }).default ?? highsModule) as HighsLoader;

const term = { startLocalDate: '2026-09-07', endLocalDate: '2027-01-10' };
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
    { name: 'tue-7-8', weekday: 2, localStart: '15:30', localEnd: '17:05' },
  ],
  calendarExceptions: [],
};
const hotan: Institution = { ...kashgar, id: 'hotan', nameZh: '和田师专', nameEn: 'Hotan Teachers College' };
const zju: Institution = {
  ...kashgar,
  id: 'zju',
  nameZh: '浙江大学',
  nameEn: 'Zhejiang University',
  region: 'east',
  province: 'Zhejiang',
  timeZone: 'Asia/Shanghai',
  secondaryTimeZone: null,
  classPeriods: [],
};

const instructor = (id: string, over: Partial<Instructor> = {}): Instructor => ({
  id,
  name: id,
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
  ...over,
});

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
  allowedPeriodNames: ['mon-3-4'],
  hostTeacherId: null,
  ...over,
});

function program(instructors: Instructor[], classes: WesternClass[]): SchedulingProgram {
  return {
    institutions: [kashgar, hotan, zju],
    terms: [kashgar, hotan].map((i) => ({ id: `term-${i.id}`, institutionId: i.id, name: 'autumn', ...term })),
    instructors,
    courses: [{ id: 'calculus', title: 'Calculus', platform: 'XuetangX', discipline: 'math', language: 'zh', institutionId: 'zju' }],
    westernClasses: classes,
  };
}

describe('proposePairings', () => {
  it('pairs by discipline, language and overlap, and shows why', () => {
    const p = program(
      [
        instructor('li-wei'),
        instructor('english-only', { languages: ['en'] }),
        instructor('physics', { disciplines: ['physics'] }),
        instructor('evenings', { availability: [{ weekday: 1, localStart: '19:00', localEnd: '21:00' }] }),
      ],
      [klass('ks-1', 'ksu')],
    );
    const proposal = proposePairings(p);
    expect(proposal.pairings.map((x) => [x.instructorId, x.westernClassIds])).toEqual([['li-wei', ['ks-1']]]);
    const score = proposal.pairings[0]!.score;
    // Mon 10:00-11:35 Asia/Urumqi is 12:00-13:35 Asia/Shanghai, inside Li Wei's 11:00-14:00.
    expect(score).toMatchObject({ fit: 1, continuity: 0, overlapMinutesPerWeek: 95, usableSlotsPerWeek: 1 });
    expect(score.total).toBeGreaterThan(10);
    expect(proposal.unpaired).toEqual([]);
  });

  it('explains a class nobody can teach', () => {
    const proposal = proposePairings(
      program([instructor('evenings', { availability: [{ weekday: 1, localStart: '19:00', localEnd: '21:00' }] })], [klass('ks-1', 'ksu')]),
    );
    expect(proposal.pairings).toEqual([]);
    expect(proposal.unpaired[0]?.reason).toContain(
      'no overlap long enough for a 95-minute session, 1 a week: class periods Mon 10:00-11:35 Asia/Urumqi',
    );
    expect(proposal.unpaired[0]?.reason).toContain('evenings free Mon 19:00-21:00 Asia/Shanghai');
  });

  it('lets one live lesson serve two campuses of the same course whose periods overlap', () => {
    const proposal = proposePairings(
      program(
        [instructor('li-wei', { maxSessionsPerWeek: 1, maxSessionsPerTerm: 18 })],
        [klass('ks-1', 'ksu'), klass('ht-1', 'hotan', { studentsEnrolled: 80 })],
      ),
    );
    expect(proposal.pairings.map((x) => x.westernClassIds)).toEqual([['ht-1', 'ks-1']]);
    expect(proposal.pairings[0]!.studentsEnrolled).toBe(130);
    expect(proposal.instructorLoad['li-wei']).toBe(1);
  });

  it('keeps pins, honours forbids and rewards continuity', () => {
    const p = program([instructor('a'), instructor('b')], [klass('ks-1', 'ksu'), klass('ks-2', 'ksu', { courseId: 'other' })]);
    p.courses.push({ id: 'other', title: 'Other', platform: 'x', discipline: 'math', language: 'zh', institutionId: 'zju' });
    const pinned = proposePairings(p, {
      pins: [{ westernClassId: 'ks-1', instructorId: 'b' }],
      forbids: [{ westernClassId: 'ks-2', instructorId: 'b' }],
    });
    expect(pinned.pairings.map((x) => [x.westernClassIds[0], x.instructorId, x.pinned])).toEqual([
      ['ks-1', 'b', true],
      ['ks-2', 'a', false],
    ]);
    const continued = proposePairings(p, { previousPairings: [{ westernClassId: 'ks-2', instructorId: 'b' }] });
    expect(continued.pairings.find((x) => x.westernClassIds.includes('ks-2'))).toMatchObject({
      instructorId: 'b',
      score: { continuity: 1 },
    });
  });

  it('lists ranked candidates for one class with their breakdown', () => {
    const candidates = pairingCandidates(
      program([instructor('a'), instructor('b', { institutionId: 'elsewhere' })], [klass('ks-1', 'ksu')]),
      'ks-1',
    );
    expect(candidates.map((c) => [c.instructorId, c.score.fit])).toEqual([
      ['a', 1],
      ['b', 0.6],
    ]);
  });

  it('optimises within 2% of the exact MILP optimum (HiGHS) on small programs with tight capacity', async () => {
    const highs = await highsLoader();
    const gaps: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const small = generateProgram({
        ...PROGRAM_SCALE,
        seed,
        easternInstitutions: 4,
        westernInstitutions: 10,
        internationalInstitutions: 1,
        instructors: 12,
        courses: 8,
        westernClasses: 40,
        disciplines: 3,
      });
      for (const i of small.instructors) {
        i.maxSessionsPerWeek = 2;
        i.maxSessionsPerTerm = 36;
      }
      const proposal = proposePairings(small, { withProblem: true, maxCandidatesPerLesson: 1000 });
      const solution = highs.solve(pairingMilpLp(proposal.problem!), {});
      expect(solution.Status).toBe('Optimal');
      const optimum = solution.ObjectiveValue;
      // Same model as the MILP: weekly caps and weekday capacities. The typical-week check that
      // follows (exact times, host teachers) can only lower the objective further.
      expect(proposal.modelObjective).toBeLessThanOrEqual(optimum + 1e-6);
      expect(proposal.objective).toBeLessThanOrEqual(optimum + 1e-6);
      gaps.push(((optimum - proposal.modelObjective) / optimum) * 100);
    }
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2);
  });
});
