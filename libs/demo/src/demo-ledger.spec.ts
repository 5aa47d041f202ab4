import { describe, expect, it } from '@jest/globals';
import { planTerm, type JointSession } from '#scheduling';
import { demoActivityId, demoHistoryCsv, demoStudentsPresent } from './demo-ledger.js';
import { buildDemoPastTerms, buildDemoProgram, demoId } from './program-data.js';

const program = buildDemoProgram();
const sessions: JointSession[] = planTerm({
  program,
  pairings: program.pairings.filter((p) => p.status === 'confirmed'),
  seed: 1,
}).sessions.map((planned) => ({ ...planned, id: demoId(`session:${planned.id}`), status: 'scheduled', version: 1, meetingUrl: null }));
const NOW = Date.parse('2026-11-22T08:00:00Z');

interface HistoryLine {
  externalId: string;
  startsAt: string;
  durationMinutes: number;
  campuses: { institutionId: string; present: number }[];
  status: string;
}

function parse(csv: string): HistoryLine[] {
  const [header, ...lines] = csv.trim().split('\n');
  expect(header).toBe('externalId,startsAt,durationMinutes,instructors,campuses,courseId,discipline,status');
  return lines.map((line) => {
    const [externalId, startsAt, durationMinutes, , campuses, , , status] = line.split(',');
    return {
      externalId: externalId!,
      startsAt: startsAt!,
      durationMinutes: Number(durationMinutes),
      campuses: campuses!.split('|').map((entry) => ({ institutionId: entry.split(':')[0]!, present: Number(entry.split(':')[1]) })),
      status: status!,
    };
  });
}

describe('demo attendance', () => {
  it('is below each class’s enrolment, plausible, and the same on every call', () => {
    for (const westernClass of program.westernClasses)
      for (const session of ['a', 'b', 'c', 'd', 'e']) {
        const present = demoStudentsPresent(westernClass, session);
        expect(present).toBeLessThan(westernClass.studentsEnrolled);
        expect(present).toBeGreaterThanOrEqual(Math.floor(westernClass.studentsEnrolled * 0.55));
        expect(demoStudentsPresent(westernClass, session)).toBe(present);
      }
  });

  it('varies from session to session', () => {
    const westernClass = program.westernClasses[0]!;
    const counts = new Set(Array.from({ length: 20 }, (_, i) => demoStudentsPresent(westernClass, `session-${i}`)));
    expect(counts.size).toBeGreaterThan(3);
  });
});

describe('demo activity ids', () => {
  it('are time-ordered UUIDs (version 7), the same for the same key', () => {
    const id = demoActivityId('session:x', Date.parse('2026-09-07T03:36:00Z'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoActivityId('session:x', Date.parse('2026-09-07T03:36:00Z'))).toBe(id);
    expect(demoActivityId('session:y', Date.parse('2026-09-07T03:36:00Z'))).not.toBe(id);
    expect(
      demoActivityId('session:a', Date.parse('2026-09-08T03:36:00Z')) > demoActivityId('session:z', Date.parse('2026-09-07T03:36:00Z')),
    ).toBe(true);
  });
});

describe('demo history (2025-2026, for the import)', () => {
  const lines = parse(demoHistoryCsv(program, sessions, NOW));
  const pastTerms = buildDemoPastTerms();
  const zoneOf = new Map(program.institutions.map((i) => [i.id, i.timeZone]));
  const campusDate = (instant: string, institutionId: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zoneOf.get(institutionId)!, dateStyle: 'short' }).format(new Date(instant));

  it('is the same on every call', () => {
    expect(demoHistoryCsv(program, sessions, NOW)).toBe(demoHistoryCsv(program, sessions, NOW));
  });

  it('grows from term to term: fewer pairings in 2025 than in spring 2026, both fewer than this term', () => {
    const autumn = lines.filter((l) => l.externalId.startsWith('demo-2025-autumn-')).length;
    const spring = lines.filter((l) => l.externalId.startsWith('demo-2026-spring-')).length;
    const thisTerm = sessions.filter((s) => s.startsAt < '2027-01-16').length;
    expect(autumn).toBeGreaterThan(100);
    expect(spring).toBeGreaterThan(autumn);
    expect(thisTerm).toBeGreaterThan(spring);
  });

  it('falls on teaching days of each campus’s own 2025-2026 terms, never on its holidays', () => {
    for (const line of lines)
      for (const campus of line.campuses) {
        const localDate = campusDate(line.startsAt, campus.institutionId);
        const term = pastTerms.find(
          (t) => t.institutionId === campus.institutionId && t.startLocalDate <= localDate && localDate <= t.endLocalDate,
        );
        expect({ line: line.externalId, localDate, inTerm: term !== undefined }).toEqual({
          line: line.externalId,
          localDate,
          inTerm: true,
        });
        expect(term!.holidayLocalDates).not.toContain(localDate);
      }
    // National Day 2025 in China.
    expect(lines.filter((l) => l.startsAt.startsWith('2025-10-01'))).toEqual([]);
  });

  it('has students present below each campus’s enrolment and a few lessons not held', () => {
    const enrolled = new Map<string, number>();
    for (const c of program.westernClasses) enrolled.set(c.institutionId, (enrolled.get(c.institutionId) ?? 0) + c.studentsEnrolled);
    for (const line of lines) for (const campus of line.campuses) expect(campus.present).toBeLessThan(enrolled.get(campus.institutionId)!);
    const notHeld = lines.filter((l) => l.status === 'not_held').length;
    expect(notHeld).toBeGreaterThan(0);
    expect(notHeld).toBeLessThan(lines.length * 0.05);
  });

  it('has nothing that ends after now', () => {
    const early = parse(demoHistoryCsv(program, sessions, Date.parse('2026-01-01T00:00:00Z')));
    expect(early.length).toBeGreaterThan(0);
    for (const line of early)
      expect(Date.parse(line.startsAt) + line.durationMinutes * 60_000).toBeLessThanOrEqual(Date.parse('2026-01-01T00:00:00Z'));
    expect(parse(demoHistoryCsv(program, sessions, Date.parse('2025-01-01T00:00:00Z')))).toEqual([]);
  });
});
