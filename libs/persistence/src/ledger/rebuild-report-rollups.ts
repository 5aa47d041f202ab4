import type { EntityManager } from 'typeorm';
import { LedgerSql } from './ledger-sql.js';
import { rollUpLines } from './rollup-maintenance.js';

/** Every rollup cell computed again from the counted ledger lines, a range of activities at a time. */
export async function rebuildReportRollups(manager: EntityManager): Promise<void> {
  const sql = LedgerSql.for(manager);
  await sql.query('DELETE FROM report_rollups');
  const [bounds] = await sql.query('SELECT MAX(activity_seq) AS high FROM teaching_activity_lines');
  await rollUpLines(sql, 0, Number(bounds?.high ?? 0));
}
