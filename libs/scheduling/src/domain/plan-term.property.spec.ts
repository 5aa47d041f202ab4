import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planTerm } from './plan-term.js';
import { proposePairings } from './propose-pairings.js';
import { verifyPlan } from './verify-plan.js';
import { indexProgram } from './program-index.js';
import { generateProgram, PROGRAM_SCALE } from './synthetic-program.js';
import type { Pairing } from './model.js';

// Small programs across zones with and without DST, terms that cross the spring and autumn clock changes.
const programs = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  westernClasses: fc.integer({ min: 4, max: 40 }),
  instructors: fc.integer({ min: 3, max: 16 }),
  westernInstitutions: fc.integer({ min: 2, max: 8 }),
  disciplines: fc.integer({ min: 1, max: 3 }),
  xinjiangShare: fc.constantFrom(0, 0.3, 1),
  termStartLocalDate: fc.constantFrom('2026-09-07', '2027-02-22', '2026-03-02'),
  termWeeks: fc.integer({ min: 2, max: 18 }),
  internationalZones: fc.constantFrom(['Europe/London', 'Europe/Berlin'], ['America/New_York'], ['Australia/Sydney', 'Europe/London']),
  planSeed: fc.integer({ min: 1, max: 1000 }),
  minRestMinutes: fc.constantFrom(0, 15, 30),
});

describe('planTerm properties', () => {
  it('pairs every class or says why, never breaks a hard rule, and every session it leaves out has a reason (independent checker)', () => {
    fc.assert(
      fc.property(programs, (p) => {
        const program = generateProgram({ ...PROGRAM_SCALE, ...p, easternInstitutions: 3, internationalInstitutions: 2, courses: 6 });
        const index = indexProgram(program);
        const proposal = proposePairings(index, { minRestMinutes: p.minRestMinutes });
        // Every class is paired once or unpaired with a reason.
        const paired = proposal.pairings.flatMap((x) => x.westernClassIds);
        expect(new Set(paired).size).toBe(paired.length);
        expect([...paired, ...proposal.unpaired.map((u) => u.westernClassId)].sort()).toEqual(
          program.westernClasses
            .filter((c) => c.sessionsPerWeek > 0)
            .map((c) => c.id)
            .sort(),
        );
        expect(proposal.unpaired.every((u) => u.reason.length > 20)).toBe(true);
        const pairings: Pairing[] = proposal.pairings.map((x) => ({ ...x, status: 'confirmed' }));
        const plan = planTerm({ program: index, pairings, seed: p.planSeed, minRestMinutes: p.minRestMinutes });
        expect(verifyPlan({ program: index, pairings, plan, minRestMinutes: p.minRestMinutes })).toEqual([]);
        expect(plan.score.hardViolations).toBe(0);
        expect(plan.score.sessionsPlaced + plan.score.sessionsUnplaced).toBe(plan.score.sessionsRequired);
        expect(plan.unplaced.every((u) => u.reason.length > 20)).toBe(true);
      }),
      { numRuns: 25, seed: 20260907 },
    );
  });

  it('re-planning an unchanged input moves nothing', () => {
    fc.assert(
      fc.property(programs, (p) => {
        const program = generateProgram({ ...PROGRAM_SCALE, ...p, easternInstitutions: 3, internationalInstitutions: 2, courses: 6 });
        const index = indexProgram(program);
        const pairings: Pairing[] = proposePairings(index).pairings.map((x) => ({ ...x, status: 'confirmed' }));
        const plan = planTerm({ program: index, pairings, seed: p.planSeed, minRestMinutes: p.minRestMinutes });
        const again = planTerm({
          program: index,
          pairings,
          seed: p.planSeed + 1,
          minRestMinutes: p.minRestMinutes,
          existingSessions: plan.sessions.map((s) => ({ ...s, status: 'scheduled', version: 1, meetingUrl: null })),
        });
        expect(again.moved).toEqual([]);
        expect(again.sessions.filter((s) => s.origin === 'new')).toEqual([]);
        expect(again.keptSessionIds.length).toBe(plan.sessions.length);
      }),
      { numRuns: 15, seed: 20270222 },
    );
  });
});
