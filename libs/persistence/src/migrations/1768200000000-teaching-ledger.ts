import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { id, instant, int, primary, ref, text } from './table-helpers.js';

const big = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const small = (name: string): TableColumnOptions => ({ name, type: 'smallint' });
const nullableInt = (name: string): TableColumnOptions => ({ ...int(name), isNullable: true });
const longText = (name: string): TableColumnOptions => ({ name, type: 'text' });

/**
 * The teaching-activity ledger (issue 5) and its report rollups (issue 6). Replaces the placeholder
 * `teaching_activities` table of the initial schema, which nothing wrote to.
 */
export class TeachingLedger1768200000000 implements MigrationInterface {
  name = 'TeachingLedger1768200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('teaching_activities');
    const tables: Table[] = [
      new Table({
        name: 'teaching_activities',
        columns: [
          id(),
          big('seq'),
          ref('joint_session_id', true),
          text('external_id', 100, true),
          ref('instructor_id'),
          text('status', 20),
          instant('starts_at'),
          int('duration_minutes'),
          int('teaching_periods'),
          text('discipline', 100),
          ref('course_id', true),
          ref('term_id', true),
          int('students_present'),
          instant('attendance_confirmed_at', true),
          text('not_held_reason', 500, true),
          ref('make_up_session_id', true),
          instant('recorded_at'),
        ],
        uniques: [
          { name: 'uq_teaching_activities_seq', columnNames: ['seq'] },
          { name: 'uq_teaching_activities_session', columnNames: ['joint_session_id'] },
          { name: 'uq_teaching_activities_external', columnNames: ['external_id'] },
        ],
        indices: [{ name: 'idx_teaching_activities_starts_at', columnNames: ['starts_at'] }],
      }),
      new Table({
        name: 'teaching_activity_lines',
        withoutRowid: true,
        columns: [
          primary(big('activity_seq'), 'pk_teaching_activity_lines'),
          primary(small('line'), 'pk_teaching_activity_lines'),
          small('counted'),
          int('starts_minute'),
          int('month_cn'),
          int('month_utc'),
          small('campus_index'),
          small('instructor_index'),
          int('region_key'),
          int('province_key'),
          int('western_institution_key'),
          nullableInt('western_class_key'),
          nullableInt('host_teacher_key'),
          int('eastern_institution_key'),
          int('instructor_key'),
          int('discipline_key'),
          nullableInt('course_key'),
          int('students_enrolled'),
          int('students_present'),
          int('share_bp'),
          int('activity_units'),
          int('period_units'),
          int('participation_units'),
        ],
        indices: [
          { name: 'idx_teaching_activity_lines_starts', columnNames: ['starts_minute'] },
          { name: 'idx_teaching_activity_lines_instructor', columnNames: ['instructor_key', 'starts_minute'] },
          { name: 'idx_teaching_activity_lines_western', columnNames: ['western_institution_key', 'starts_minute'] },
        ],
      }),
      new Table({
        name: 'ledger_keys',
        columns: [primary(small('kind'), 'pk_ledger_keys'), primary(int('key'), 'pk_ledger_keys'), text('value', 200)],
        uniques: [{ name: 'uq_ledger_keys_value', columnNames: ['kind', 'value'] }],
      }),
      new Table({
        name: 'report_rollups',
        withoutRowid: true,
        columns: [
          ...['zone', 'grain', 'level'].map((name) => primary(small(name), 'pk_report_rollups')),
          ...['period', 'k1', 'k2', 'k3', 'k4'].map((name) => primary(int(name), 'pk_report_rollups')),
          big('activity_units'),
          big('period_units'),
          big('participation_units'),
          int('lines'),
          longText('instructors'),
          longText('western_teachers'),
          longText('courses'),
          longText('western_universities'),
        ],
      }),
    ];
    for (const table of tables) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['report_rollups', 'ledger_keys', 'teaching_activity_lines', 'teaching_activities'])
      await queryRunner.dropTable(name);
    await queryRunner.createTable(
      new Table({
        name: 'teaching_activities',
        columns: [
          id(),
          ref('joint_session_id', true),
          ref('instructor_id'),
          instant('starts_at'),
          int('duration_minutes'),
          instant('recorded_at'),
        ],
        uniques: [{ name: 'uq_teaching_activities_session', columnNames: ['joint_session_id'] }],
        indices: [{ name: 'idx_teaching_activities_starts_at', columnNames: ['starts_at'] }],
      }),
      false,
      true,
      true,
    );
  }
}
