import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildReportRollups } from '../ledger/rebuild-report-rollups.js';

/**
 * The rollups gained a grain (eastern institution x instructor, for reports by instructor): the
 * cells of every grain are computed again from the ledger lines, so an existing ledger has them.
 */
export class RebuildReportRollups1768300000000 implements MigrationInterface {
  name = 'RebuildReportRollups1768300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildReportRollups(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older code ignores the new grain's cells; nothing to undo.
    await Promise.resolve(queryRunner);
  }
}
