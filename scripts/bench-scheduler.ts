/**
 * Scheduler benchmark at the scale of the real program: 725 western universities, 6,000 western
 * classes, 2,500 instructors, an 18-week autumn term with Chinese holidays and make-up days, Xinjiang
 * campuses on Asia/Urumqi time, partners in Europe/London and Europe/Berlin. Runs pairing and
 * timetabling, checks the plan with the independent verifier, splits the missing sessions into
 * provably unplaceable (a class-week has too few legal times even with everything else removed) and
 * blocked, and the blocked ones into contended (their instructor-week is at an upper bound), held (at
 * every start, something in the way has no other free time in its week) and placeable but unplaced,
 * measures the pairing gap on a sample against the exact MILP (HiGHS), and prints one JSON line last.
 *
 * Run: npx tsc -p tsconfig.build.json && TZ=UTC node dist/scripts/bench-scheduler.js [seed]
 */
import * as highsModule from 'highs';
import { Settings } from 'luxon';
import {
  classTimes,
  generateProgram,
  indexProgram,
  pairingMilpLp,
  planTerm,
  PROGRAM_SCALE,
  proposePairings,
  unplacedBreakdown,
  verifyPlan,
  type Pairing,
  type SchedulingProgram,
} from '#scheduling';

type HighsLoader = () => Promise<{ solve(lp: string, options?: object): { Status: string; ObjectiveValue: number } }>;
const highsLoader = ((highsModule as { default?: unknown }).default ?? highsModule) as HighsLoader;

function seconds(fromNs: bigint): number {
  return Number(process.hrtime.bigint() - fromNs) / 1e9;
}

/** One discipline's classes at the first institutions and its instructors: small enough for the exact MILP. */
function sampleOf(program: SchedulingProgram, classLimit: number): SchedulingProgram {
  const discipline = program.westernClasses[0]!.discipline;
  const westernClasses = program.westernClasses.filter((c) => c.discipline === discipline).slice(0, classLimit);
  const instructors = program.instructors.filter((i) => i.disciplines.includes(discipline)).slice(0, Math.ceil(classLimit / 3));
  return { ...program, westernClasses, instructors };
}

async function main(): Promise<void> {
  // As in every process of the service: luxon throws on invalid input.
  Settings.throwOnInvalid = true;
  const seed = Number(process.argv[2] ?? process.env['BENCH_SEED'] ?? PROGRAM_SCALE.seed);
  const spec = { ...PROGRAM_SCALE, seed };
  const started = process.hrtime.bigint();
  const program = generateProgram(spec);
  const index = indexProgram(program);
  const generated = seconds(started);
  const westernInstitutions = program.institutions.filter((i) => i.region === 'west');
  console.log(
    `program: ${westernInstitutions.length} western institutions (${westernInstitutions.filter((i) => i.timeZone === 'Asia/Urumqi').length} on Asia/Urumqi), ` +
      `${program.westernClasses.length} classes, ${program.instructors.length} instructors (${program.instructors.filter((i) => i.timeZone.startsWith('Europe/')).length} in Europe), ${spec.termWeeks}-week term from ${spec.termStartLocalDate}; generated in ${generated.toFixed(2)} s`,
  );

  const solveStart = process.hrtime.bigint();
  const solveCpu = process.cpuUsage();
  const proposal = proposePairings(index);
  const pairingSeconds = seconds(solveStart);
  const pairings: Pairing[] = proposal.pairings.map((p) => ({
    id: p.id,
    instructorId: p.instructorId,
    courseId: p.courseId,
    termId: p.termId,
    westernClassIds: p.westernClassIds,
    status: 'confirmed',
  }));
  const multi = proposal.pairings.filter((p) => p.westernClassIds.length > 1);
  console.log(
    `pairing: ${pairings.length} lessons for ${pairings.reduce((s, p) => s + p.westernClassIds.length, 0)} classes (${multi.length} serve several campuses, up to ${Math.max(1, ...multi.map((p) => p.westernClassIds.length))}), ` +
      `${proposal.unpaired.length} classes unpaired, in ${pairingSeconds.toFixed(2)} s`,
  );

  const planStart = process.hrtime.bigint();
  const plan = planTerm({ program: index, pairings, seed });
  const planSeconds = seconds(planStart);
  const solveSeconds = seconds(solveStart);
  const solveCpuUsed = process.cpuUsage(solveCpu);
  console.log(`timetabling: ${plan.sessions.length} sessions, score ${JSON.stringify(plan.score)}, in ${planSeconds.toFixed(2)} s`);

  const verifyStart = process.hrtime.bigint();
  const violations = verifyPlan({ program: index, pairings, plan });
  const verifySeconds = seconds(verifyStart);
  const hardViolations = violations.filter((v) => v.code !== 'UNEXPLAINED_MISSING_SESSION' && v.code !== 'EMPTY_REASON').length;
  const unexplainedInPlan = violations.filter((v) => v.code === 'UNEXPLAINED_MISSING_SESSION' || v.code === 'EMPTY_REASON').length;

  let sessionsRequired = 0;
  for (const c of program.westernClasses) sessionsRequired += c.sessionsPerWeek * classTimes(index, c).weekStarts.length;
  const unpairedSessions = proposal.unpaired.reduce(
    (s, u) =>
      s + index.classes.get(u.westernClassId)!.sessionsPerWeek * classTimes(index, index.classes.get(u.westernClassId)!).weekStarts.length,
    0,
  );
  const unpairedWithoutReason = proposal.unpaired.filter((u) => u.reason.trim().length === 0).length;
  // Independent accounting: every required class-session is placed, or explained by the plan or the pairing.
  const accountedFor = plan.score.sessionsPlaced + plan.unplaced.reduce((s, u) => s + u.count, 0) + unpairedSessions;
  const unaccounted = Math.max(0, sessionsRequired - accountedFor);
  const byCode: Record<string, number> = {};
  for (const u of plan.unplaced) byCode[u.code] = (byCode[u.code] ?? 0) + u.count;
  console.log(`verifier: ${violations.length} violation(s) in ${verifySeconds.toFixed(2)} s`);
  for (const v of violations.slice(0, 5)) console.log(`  ${v.code}: ${v.message}`);
  console.log(
    `accounting: required ${sessionsRequired} = placed + explained ${accountedFor}${unaccounted > 0 ? ` (${unaccounted} unaccounted!)` : ''}`,
  );
  console.log(
    `required ${sessionsRequired} class-sessions; placed ${plan.score.sessionsPlaced}; unplaced in pairings ${plan.score.sessionsUnplaced} ${JSON.stringify(byCode)}; of unpaired classes ${unpairedSessions}`,
  );
  // Which missing sessions no arrangement could place (a bound on the class-week alone), which are blocked.
  const boundsStart = process.hrtime.bigint();
  const breakdown = unplacedBreakdown({ program: index, pairings, plan });
  const contended = breakdown.contended ?? 0;
  const blockedByCode: Record<string, number> = {};
  for (const b of breakdown.blockedEntries) blockedByCode[b.entry.code] = (blockedByCode[b.entry.code] ?? 0) + b.count;
  const proofs = breakdown.proofs ?? { held: 0, movable: 0, free: 0 };
  console.log(
    `unplaced in pairings ${plan.score.sessionsUnplaced} = provably unplaceable ${breakdown.unplaceable} + blocked ${breakdown.blocked} ${JSON.stringify(blockedByCode)}; ` +
      `of the blocked, ${contended} contended (their instructor-weeks are at an upper bound), ${proofs.held} held (at every start something in the way has no other free time in its week), ` +
      `${proofs.movable} where the sessions in the way could move, ${proofs.free} with a free start` +
      `${breakdown.unboundedWeeks > 0 ? ` (${breakdown.unboundedWeeks} instructor-weeks too large to bound)` : ''} (${seconds(boundsStart).toFixed(2)} s)`,
  );
  const example = breakdown.provenEntries.find((e) => e.proof === 'held')?.entry ?? breakdown.blockedEntries[0]?.entry ?? plan.unplaced[0];
  if (example) console.log(`  e.g. ${example.reason}`);

  const gapStart = process.hrtime.bigint();
  const highs = await highsLoader();
  const sample = sampleOf(program, 120);
  const sampleProposal = proposePairings(indexProgram(sample), { withProblem: true });
  const solution = highs.solve(pairingMilpLp(sampleProposal.problem!), { time_limit: 120 });
  const optimum = solution.ObjectiveValue;
  const gap = (value: number): number | null =>
    solution.Status === 'Optimal' && optimum > 0 ? Math.round(((optimum - value) / optimum) * 100 * 1000) / 1000 : null;
  // The MILP is the capacity model the flow optimises; the typical-week check after it is not in the MILP.
  const pairingGapPct = gap(sampleProposal.modelObjective);
  console.log(
    `pairing gap on a sample of ${sample.westernClasses.length} classes and ${sample.instructors.filter((i) => i.role === 'instructor').length} instructors: ` +
      `optimised ${sampleProposal.modelObjective}, MILP ${solution.Status} ${optimum} -> ${pairingGapPct}%; after the typical-week check ${sampleProposal.objective} -> ${gap(sampleProposal.objective)}% (${seconds(gapStart).toFixed(2)} s)`,
  );
  const cpu = process.cpuUsage();
  console.log(
    `time: pairing + timetabling ${solveSeconds.toFixed(2)} s wall, ${((solveCpuUsed.user + solveCpuUsed.system) / 1e6).toFixed(2)} s cpu; whole run ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s cpu`,
  );

  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    JSON.stringify({
      bench: 'scheduler',
      classes: program.westernClasses.length,
      sessionsRequired,
      sessionsPlaced: plan.score.sessionsPlaced,
      unplaceable: breakdown.unplaceable,
      blocked: breakdown.blocked,
      blockedContended: contended,
      blockedHeld: proofs.held,
      placeableUnplaced: proofs.movable + proofs.free,
      unpaired: unpairedSessions,
      hardViolations,
      unplacedWithoutReason: unexplainedInPlan + unpairedWithoutReason + unaccounted,
      seconds: Math.round(solveSeconds * 100) / 100,
      peakRssMb,
      pairingGapPct,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
