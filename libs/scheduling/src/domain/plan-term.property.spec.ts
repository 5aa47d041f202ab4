import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planTerm } from './plan-term.js';
import { proposePairings } from './propose-pairings.js';
import { verifyPlan } from './verify-plan.js';
import { unplacedBreakdown } from './placement-bounds.js';
import { indexProgram } from './program-index.js';
import { generateProgram, PROGRAM_SCALE } from './synthetic-program.js';
import type { JointSession, Pairing } from './model.js';
import { addDays } from './local-date.js';
import { weekStartInstant } from './program-index.js';
import { instantToIso } from './zoned-interval.js';

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
        // Every blocked class-week is at its instructor-week bound or held: nothing placeable is left out.
        const breakdown = unplacedBreakdown({ program: index, pairings, plan, minRestMinutes: p.minRestMinutes });
        expect(breakdown.proofs).toEqual({ held: breakdown.proofs!.held, movable: 0, free: 0 });
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

  it('plans around busy sessions (never overlapping one) and never moves, cancels or plans before a frozen start', () => {
    const published = (sessions: readonly { id: string }[]): JointSession[] =>
      sessions.map((x) => ({ ...(x as JointSession), status: 'scheduled', version: 1, meetingUrl: null }));
    fc.assert(
      fc.property(programs, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 167 }), (p, weekTenths, hour) => {
        const program = generateProgram({ ...PROGRAM_SCALE, ...p, easternInstitutions: 3, internationalInstitutions: 2, courses: 6 });
        const index = indexProgram(program);
        const pairings: Pairing[] = proposePairings(index).pairings.map((x) => ({ ...x, status: 'confirmed' }));
        // Every other pairing is outside the run: its published sessions are busy.
        const outside = pairings.filter((_, i) => i % 2 === 1);
        const inside = pairings.filter((_, i) => i % 2 === 0);
        const options = { seed: p.planSeed, minRestMinutes: p.minRestMinutes };
        const busySessions = published(planTerm({ program: index, pairings: outside, ...options }).sessions);
        const first = planTerm({ program: index, pairings: inside, busySessions, ...options });
        expect(verifyPlan({ program: index, pairings: inside, plan: first, busySessions, minRestMinutes: p.minRestMinutes })).toEqual([]);
        const hostOf = (id: string) => index.classes.get(id)?.hostTeacherId ?? null;
        const parties = (x: { instructorId: string; westernClassIds: readonly string[] }) => [
          `i|${x.instructorId}`,
          ...x.westernClassIds.map((id) => `c|${id}`),
          ...x.westernClassIds.flatMap((id) => (hostOf(id) ? [`h|${hostOf(id)}`] : [])),
        ];
        for (const s of first.sessions)
          for (const b of busySessions)
            if (s.startsAt < b.endsAt && b.startsAt < s.endsAt) expect(parties(s).filter((k) => parties(b).includes(k))).toEqual([]);

        // Mid-term, the instructors lose their first window: a re-run moves what it must, after the start only.
        const frozenBefore = instantToIso(
          weekStartInstant(addDays(p.termStartLocalDate, Math.floor((weekTenths * p.termWeeks) / 20) * 7), 'Asia/Shanghai') +
            hour * 3_600_000,
        );
        const changed = indexProgram({
          ...program,
          instructors: program.instructors.map((x) => ({ ...x, availability: x.availability.slice(1) })),
        });
        const existing = published(first.sessions);
        const again = planTerm({ program: changed, pairings: inside, existingSessions: existing, busySessions, frozenBefore, ...options });
        const started = existing.filter((s) => s.startsAt < frozenBefore);
        expect(again.frozenSessionIds.sort()).toEqual(started.map((s) => s.id).sort());
        const kept = new Map(again.sessions.map((s) => [s.id, s]));
        for (const s of started)
          expect(kept.get(s.id)).toMatchObject({
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            westernClassIds: s.westernClassIds,
            origin: 'kept',
          });
        expect(again.moved.filter((m) => m.from.startsAt < frozenBefore)).toEqual([]);
        expect(again.sessions.filter((s) => s.origin === 'new' && s.startsAt < frozenBefore)).toEqual([]);
        expect(
          verifyPlan({ program: changed, pairings: inside, plan: again, busySessions, frozenBefore, minRestMinutes: p.minRestMinutes }),
        ).toEqual([]);
        expect(again.score.hardViolations).toBe(0);
        expect(again.score.sessionsPlaced + again.score.sessionsUnplaced).toBe(again.score.sessionsRequired);
      }),
      { numRuns: 20, seed: 20261021 },
    );
  });
});
