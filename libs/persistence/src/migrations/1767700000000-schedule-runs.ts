import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, instant, int, ref, text } from './table-helpers.js';

/** Timetabling runs of the engine, with their draft plans. */
export class ScheduleRuns1767700000000 implements MigrationInterface {
  name = 'ScheduleRuns1767700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'schedule_runs',
        columns: [
          id(),
          { name: 'scope', type: 'text' },
          int('seed'),
          text('status', 20),
          int('progress_percent'),
          { name: 'cancel_requested', type: 'boolean' },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'plan', type: 'text', isNullable: true },
          text('fingerprint', 64, true),
          { name: 'published', type: 'text', isNullable: true },
          ref('requested_by', true),
          instant('created_at'),
          instant('started_at', true),
          instant('finished_at', true),
          instant('published_at', true),
        ],
        indices: [{ name: 'idx_schedule_runs_status', columnNames: ['status'] }],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('schedule_runs');
  }
}
