import type { LedgerSql, StoredCell } from './ledger-sql.js';
import { mergeEncoded } from './multiset.js';
import { byCellKey, RollupAccumulator } from './rollup-accumulator.js';
import { combineSums, type CellDelta, type CellSum } from './rollup-grains.js';

const onlyAdds = (change: CellSum): boolean =>
  change.lines > 0 && change.entities.every((counted) => counted.counts.every((count) => count > 0));

/** Adds the deltas to the stored cells: sums add up, multisets merge, cells left empty are deleted. */
export async function applyRollupDeltas(sql: LedgerSql, unordered: readonly CellDelta[]): Promise<void> {
  if (unordered.length === 0) return;
  // In the rollup table's key order: reads and writes then walk its pages once.
  const deltas = [...unordered].sort(byCellKey);
  // Changes that only add (new lessons: the import and every recorded session) go in place where
  // the dialect can; the others (a lesson removed or changed) read, merge and write their cells.
  const changes = deltas.map((delta) => {
    const change = combineSums(delta.parts);
    return { delta, change, additive: onlyAdds(change) };
  });
  const inPlace = await sql.addToCells(changes.filter((entry) => entry.additive));
  const rest = inPlace ? changes.filter((entry) => !entry.additive) : changes;
  if (rest.length === 0) return;
  const existing = await sql.readCells(rest.map((entry) => entry.delta));
  const upserts: StoredCell[] = [];
  const deletes: StoredCell[] = [];
  for (const { delta, change } of rest) {
    const before = existing.get(delta.id);
    let activityUnits = before?.activityUnits ?? 0;
    let periodUnits = before?.periodUnits ?? 0;
    let participationUnits = before?.participationUnits ?? 0;
    let lines = before?.lines ?? 0;
    activityUnits += change.activityUnits;
    periodUnits += change.periodUnits;
    participationUnits += change.participationUnits;
    lines += change.lines;
    if (lines <= 0) {
      if (before) deletes.push(before);
      continue;
    }
    const merged = (encoded: string | undefined, kind: number) => mergeEncoded(encoded ?? '', change.entities[kind]!);
    upserts.push({
      zone: delta.zone,
      grain: delta.grain,
      level: delta.level,
      period: delta.period,
      keys: delta.keys,
      activityUnits,
      periodUnits,
      participationUnits,
      lines,
      instructors: merged(before?.instructors, 0),
      westernTeachers: merged(before?.westernTeachers, 1),
      courses: merged(before?.courses, 2),
      westernUniversities: merged(before?.westernUniversities, 3),
    });
  }
  await sql.writeCells(upserts, deletes);
}

/** Activities whose lines one statement reads while rolling up (~1.3 lines each). */
const ACTIVITIES_PER_READ = 100_000;

/**
 * Adds the counted lines of the activities with `seq` in (after, upTo] to the rollups, a range of
 * activities at a time. The cell changes of the reads are held in memory and written together, so a
 * term, year or all-time cell that many reads touch is written once per chunk, not once per read.
 */
export async function rollUpLines(sql: LedgerSql, after: number, upTo: number): Promise<void> {
  const accumulator = new RollupAccumulator();
  for (let from = after; from < upTo; from += ACTIVITIES_PER_READ) {
    accumulator.add(await sql.countedLines(from, Math.min(from + ACTIVITIES_PER_READ, upTo)));
    for (const cells of accumulator.take()) await sql.addEncodedCells(cells);
  }
  for (const cells of accumulator.seal()) await sql.addEncodedCells(cells);
}
