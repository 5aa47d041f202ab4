import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A counter of the ledger lines rewritten above the rollup watermark (a session confirmed or marked
 * not held while an import's rollups are still behind). An import that rolls up its own batches in
 * memory writes them only if the counter has not moved since it read the lines: otherwise the
 * stepped catch-up reads the current lines back instead.
 */
export class RollupLinesRevision1769000000000 implements MigrationInterface {
  name = 'RollupLinesRevision1769000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'report_rollup_watermarks',
      new TableColumn({ name: 'lines_revision', type: 'bigint', isNullable: false, default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('report_rollup_watermarks', 'lines_revision');
  }
}
