import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, instant, ref, text } from './table-helpers.js';

/** Calendar feed tokens (hashed) for teachers, institutions and western classes. */
export class CalendarFeeds1767100000000 implements MigrationInterface {
  name = 'CalendarFeeds1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'calendar_feeds',
        columns: [
          id(),
          text('owner_kind', 20),
          ref('owner_id'),
          text('token_hash', 64),
          instant('created_at'),
          instant('revoked_at', true),
        ],
        uniques: [{ name: 'uq_calendar_feeds_token_hash', columnNames: ['token_hash'] }],
        indices: [{ name: 'idx_calendar_feeds_owner', columnNames: ['owner_kind', 'owner_id'] }],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_feeds');
  }
}
