import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { primary } from './table-helpers.js';

/**
 * How far the report rollups go (issue 6, bulk-load speed): every counted line of the activities
 * with `seq` up to `rolled_up_seq` is in report_rollups, none above it. A bulk import appends
 * activities batch by batch and rolls them up once at the end; until then reports read the lines.
 * The rollups of an existing ledger are current (every write moved them), so it starts at the top.
 */
export class ReportRollupWatermark1768400000000 implements MigrationInterface {
  name = 'ReportRollupWatermark1768400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_rollup_watermarks',
        columns: [primary({ name: 'id', type: 'smallint' }, 'pk_report_rollup_watermarks'), { name: 'rolled_up_seq', type: 'bigint' }],
      }),
    );
    await queryRunner.query(
      'INSERT INTO report_rollup_watermarks (id, rolled_up_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM teaching_activities',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_rollup_watermarks');
  }
}
