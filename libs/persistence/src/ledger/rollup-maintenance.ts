import type { LedgerSql, StoredCell } from './ledger-sql.js';
import { mergeEncoded } from './multiset.js';
import { combineSums, rollupDeltas, type CellDelta, type CellSum } from './rollup-grains.js';

const byCellKey = (a: CellDelta, b: CellDelta): number =>
  a.zone - b.zone ||
  a.grain - b.grain ||
  a.level - b.level ||
  a.period - b.period ||
  a.keys[0] - b.keys[0] ||
  a.keys[1] - b.keys[1] ||
  a.keys[2] - b.keys[2] ||
  a.keys[3] - b.keys[3];

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
 * Cells held in memory before they are written: bounds the memory of a long catch-up (~1 KB a
 * cell). An import in time order touches a month's or a term's cells in one or two reads, so
 * between writes only the year and all-time cells are written again.
 */
const CELLS_PER_WRITE = 1_000_000;

/**
 * Adds the counted lines of the activities with `seq` in (after, upTo] to the rollups, a range of
 * activities at a time. The cell changes of the reads are held in memory and written together, so a
 * term, year or all-time cell that many reads touch is written once per write, not once per read.
 */
export async function rollUpLines(sql: LedgerSql, after: number, upTo: number): Promise<void> {
  let pending = new Map<string, CellDelta>();
  for (let from = after; from < upTo; from += ACTIVITIES_PER_READ) {
    const lines = await sql.countedLines(from, Math.min(from + ACTIVITIES_PER_READ, upTo));
    for (const delta of rollupDeltas(lines.map((line) => ({ line, sign: 1 as const })))) {
      const held = pending.get(delta.id);
      // Parts are summed once, when the cell is written: one pass over all of them.
      if (held) for (const part of delta.parts) held.parts.push(part);
      else pending.set(delta.id, delta);
    }
    if (pending.size >= CELLS_PER_WRITE) {
      await applyRollupDeltas(sql, [...pending.values()]);
      pending = new Map();
    }
  }
  await applyRollupDeltas(sql, [...pending.values()]);
}
