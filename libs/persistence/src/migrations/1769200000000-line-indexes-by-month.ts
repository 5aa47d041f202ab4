import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const BY_KEY = [
  { name: 'idx_teaching_activity_lines_instructor', columnNames: ['instructor_key', 'starts_minute'] },
  { name: 'idx_teaching_activity_lines_western', columnNames: ['western_institution_key', 'starts_minute'] },
];
const BY_MONTH = [
  { name: 'idx_teaching_activity_lines_month_instructor', columnNames: ['month_cn', 'instructor_key', 'starts_minute'] },
  { name: 'idx_teaching_activity_lines_month_western', columnNames: ['month_cn', 'western_institution_key', 'starts_minute'] },
];

/**
 * The lines' instructor and western-university indexes lead with the Beijing month. Keyed by
 * instructor first, every line of an import went somewhere random in two indexes much bigger than
 * the page cache, and a batch got slower as the ledger grew (10M rows on SQLite: 8 s a batch of
 * 250,000 at the start, 10 s at the end). Keyed by month first, lines in time order land at the
 * indexes' end. A query by instructor or western university names the months it may touch and
 * seeks each (see monthsCondition).
 */
export class LineIndexesByMonth1769200000000 implements MigrationInterface {
  name = 'LineIndexesByMonth1769200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of BY_KEY) await queryRunner.dropIndex('teaching_activity_lines', index.name);
    for (const index of BY_MONTH) await queryRunner.createIndex('teaching_activity_lines', new TableIndex(index));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of BY_MONTH) await queryRunner.dropIndex('teaching_activity_lines', index.name);
    for (const index of BY_KEY) await queryRunner.createIndex('teaching_activity_lines', new TableIndex(index));
  }
}
