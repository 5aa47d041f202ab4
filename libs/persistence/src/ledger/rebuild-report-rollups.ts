import type { EntityManager } from 'typeorm';
import { LedgerSql, lineFromRow } from './ledger-sql.js';
import { rollupDeltas } from './rollup-grains.js';
import { applyRollupDeltas } from './typeorm-teaching-ledger.js';

const ACTIVITIES_PER_STEP = 100_000;

/** Every rollup cell computed again from the counted ledger lines, a range of activities at a time. */
export async function rebuildReportRollups(manager: EntityManager): Promise<void> {
  const sql = LedgerSql.for(manager);
  await sql.query('DELETE FROM report_rollups');
  const [bounds] = await sql.query('SELECT MAX(activity_seq) AS high FROM teaching_activity_lines');
  const high = Number(bounds?.high ?? 0);
  for (let after = 0; after < high; after += ACTIVITIES_PER_STEP) {
    const rows = await sql.query(
      `SELECT * FROM teaching_activity_lines WHERE counted = 1 AND activity_seq > ${sql.param(1)} AND activity_seq <= ${sql.param(2)}`,
      [after, after + ACTIVITIES_PER_STEP],
    );
    await applyRollupDeltas(sql, rollupDeltas(rows.map((row) => ({ line: lineFromRow(row), sign: 1 as const }))));
  }
}
