import type { PairingProblem } from './propose-pairings.js';

/**
 * The pairing problem as an exact MILP in CPLEX LP text, for an external solver (HiGHS in the tests
 * and the benchmark): binary x_e per candidate edge (lesson -> instructor), at most one lesson per
 * class, weekly cap through unit variables y_ik in [0,1] whose costs grow with k (convex, so the LP
 * takes the cheapest first), and integer z_ed sessions of edge e on weekday d within each
 * weekday's capacity. The optimum is comparable with `PairingProposal.objective`.
 */
export function pairingMilpLp(problem: PairingProblem): string {
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  const byClass = new Map<string, string[]>();
  const byInstructor = new Map<string, string[]>();
  const byDay = new Map<string, string[]>();
  const generals: string[] = [];
  problem.edges.forEach((edge, e) => {
    const lesson = problem.lessons[edge.lesson]!;
    const x = `x${e}`;
    objective.push(`${edge.value >= 0 ? '+' : '-'} ${Math.abs(edge.value)} ${x}`);
    binaries.push(x);
    for (const c of lesson.westernClassIds) byClass.set(c, [...(byClass.get(c) ?? []), x]);
    byInstructor.set(edge.instructorId, [...(byInstructor.get(edge.instructorId) ?? []), `+ ${lesson.sessionsPerWeek} ${x}`]);
    const zs = edge.days.map((d) => {
      const z = `z${e}_${d}`;
      generals.push(z);
      bounds.push(` 0 <= ${z} <= ${lesson.sessionsPerWeek}`);
      const key = `${edge.instructorId}|${d}`;
      byDay.set(key, [...(byDay.get(key) ?? []), z]);
      return `+ ${z}`;
    });
    rows.push(` split${e}: ${zs.join(' ')} - ${lesson.sessionsPerWeek} ${x} = 0`);
  });
  [...byDay.keys()].sort().forEach((key, k) => {
    const [id, day] = key.split('|') as [string, string];
    const cap = problem.dayCaps[id]?.[Number(day)] ?? 0;
    rows.push(
      ` day${k}: ${byDay
        .get(key)!
        .map((z) => `+ ${z}`)
        .join(' ')} <= ${cap}`,
    );
  });
  const instructorIds = [...byInstructor.keys()].sort();
  instructorIds.forEach((id, i) => {
    const costs = problem.unitCosts[id] ?? [];
    const units = costs.map((cost, k) => {
      const y = `y${i}_${k}`;
      if (cost !== 0) objective.push(`- ${cost} ${y}`);
      bounds.push(` 0 <= ${y} <= 1`);
      return `- ${y}`;
    });
    rows.push(` cap${i}: ${byInstructor.get(id)!.join(' ')} ${units.join(' ')} <= 0`);
  });
  [...byClass.keys()].sort().forEach((c, i) =>
    rows.push(
      ` one${i}: ${byClass
        .get(c)!
        .map((x) => `+ ${x}`)
        .join(' ')} <= 1`,
    ),
  );
  return [
    'Maximize',
    ` obj: ${objective.length > 0 ? objective.join(' ') : '0 x0'}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    'General',
    ` ${[...binaries, ...generals].join(' ')}`,
    'End',
    '',
  ].join('\n');
}
