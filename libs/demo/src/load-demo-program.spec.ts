import { describe, expect, it } from '@jest/globals';
import { planTerm } from '#scheduling';
import { buildDemoProgram } from './program-data.js';

describe('the demo timetable', () => {
  // loadDemoProgram stores `anchorTimeZone` as the engine plans it.
  it("anchors every planned session to its own first class's zone, also in lessons that mix Xinjiang and Beijing time", () => {
    const program = buildDemoProgram();
    const zoneOf = new Map(program.westernClasses.map((c) => [c.id, program.institutions.find((i) => i.id === c.institutionId)!.timeZone]));
    const pairings = program.pairings.filter((p) => p.status === 'confirmed');
    const plan = planTerm({ program, pairings, seed: 1 });
    expect(plan.sessions.length).toBeGreaterThan(0);
    const wrong = plan.sessions.filter((s) => s.anchorTimeZone !== zoneOf.get(s.westernClassIds[0]!));
    expect(wrong).toEqual([]);
    const firstZone = new Map(pairings.map((p) => [p.id, zoneOf.get(p.westernClassIds[0]!)]));
    const mixed = plan.sessions.filter((s) => s.anchorTimeZone !== firstZone.get(s.pairingId));
    // Sessions that only some classes of a lesson join (a Dali University class without its Urumqi partner).
    expect(mixed.length).toBeGreaterThan(0);
  });
});
