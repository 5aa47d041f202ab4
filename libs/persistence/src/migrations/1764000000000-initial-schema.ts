import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { fk, id, instant, int, json, primary, ref, text } from './table-helpers.js';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables: Table[] = [
      new Table({
        name: 'institutions',
        columns: [
          id(),
          text('name_zh', 200),
          text('name_en', 200),
          text('region', 20),
          text('province', 100),
          text('time_zone', 64),
          text('secondary_time_zone', 64, true),
          json('class_periods'),
          json('calendar_exceptions'),
          instant('created_at'),
          instant('updated_at'),
        ],
      }),
      new Table({
        name: 'terms',
        columns: [id(), ref('institution_id'), text('name', 100), text('start_local_date', 10), text('end_local_date', 10)],
        foreignKeys: [fk('fk_terms_institution', 'institution_id', 'institutions')],
        indices: [{ name: 'idx_terms_institution', columnNames: ['institution_id'] }],
      }),
      new Table({
        name: 'instructors',
        columns: [
          id(),
          ref('institution_id'),
          text('name', 200),
          text('role', 20),
          json('disciplines'),
          json('languages'),
          text('time_zone', 64),
          json('availability'),
          json('unavailable_local_dates'),
          int('max_sessions_per_day'),
          int('max_sessions_per_week'),
          int('max_sessions_per_term'),
          instant('created_at'),
          instant('updated_at'),
        ],
        foreignKeys: [fk('fk_instructors_institution', 'institution_id', 'institutions')],
        indices: [{ name: 'idx_instructors_institution', columnNames: ['institution_id'] }],
      }),
      new Table({
        name: 'courses',
        columns: [id(), ref('institution_id'), text('title', 300), text('platform', 100), text('discipline', 100), text('language', 20)],
        foreignKeys: [fk('fk_courses_institution', 'institution_id', 'institutions')],
        indices: [{ name: 'idx_courses_institution', columnNames: ['institution_id'] }],
      }),
      new Table({
        name: 'western_classes',
        columns: [
          id(),
          ref('institution_id'),
          ref('course_id'),
          ref('term_id'),
          ref('host_teacher_id', true),
          text('name', 200),
          text('discipline', 100),
          int('students_enrolled'),
          int('sessions_per_week'),
          int('duration_minutes'),
          json('allowed_period_names'),
        ],
        foreignKeys: [
          fk('fk_western_classes_institution', 'institution_id', 'institutions'),
          fk('fk_western_classes_course', 'course_id', 'courses'),
          fk('fk_western_classes_term', 'term_id', 'terms'),
          fk('fk_western_classes_host_teacher', 'host_teacher_id', 'instructors'),
        ],
        indices: [
          { name: 'idx_western_classes_institution', columnNames: ['institution_id'] },
          { name: 'idx_western_classes_course', columnNames: ['course_id'] },
        ],
      }),
      new Table({
        name: 'pairings',
        columns: [
          id(),
          ref('instructor_id'),
          ref('course_id'),
          ref('term_id'),
          text('status', 20),
          instant('created_at'),
          instant('updated_at'),
        ],
        foreignKeys: [
          fk('fk_pairings_instructor', 'instructor_id', 'instructors'),
          fk('fk_pairings_course', 'course_id', 'courses'),
          fk('fk_pairings_term', 'term_id', 'terms'),
        ],
        indices: [{ name: 'idx_pairings_instructor', columnNames: ['instructor_id'] }],
      }),
      new Table({
        name: 'pairing_classes',
        columns: [primary(ref('pairing_id'), 'pk_pairing_classes'), primary(ref('western_class_id'), 'pk_pairing_classes')],
        foreignKeys: [
          fk('fk_pairing_classes_pairing', 'pairing_id', 'pairings', 'CASCADE'),
          fk('fk_pairing_classes_class', 'western_class_id', 'western_classes'),
        ],
        indices: [{ name: 'idx_pairing_classes_class', columnNames: ['western_class_id'] }],
      }),
      new Table({
        name: 'joint_sessions',
        columns: [
          id(),
          ref('pairing_id'),
          ref('instructor_id'),
          instant('starts_at'),
          instant('ends_at'),
          text('anchor_time_zone', 64),
          text('status', 20),
          int('version'),
          text('meeting_url', 500, true),
          instant('created_at'),
          instant('updated_at'),
        ],
        foreignKeys: [fk('fk_joint_sessions_pairing', 'pairing_id', 'pairings')],
        indices: [
          { name: 'idx_joint_sessions_pairing', columnNames: ['pairing_id'] },
          { name: 'idx_joint_sessions_starts_at', columnNames: ['starts_at'] },
        ],
      }),
      new Table({
        name: 'joint_session_classes',
        columns: [
          primary(ref('joint_session_id'), 'pk_joint_session_classes'),
          primary(ref('western_class_id'), 'pk_joint_session_classes'),
        ],
        foreignKeys: [
          fk('fk_joint_session_classes_session', 'joint_session_id', 'joint_sessions', 'CASCADE'),
          fk('fk_joint_session_classes_class', 'western_class_id', 'western_classes'),
        ],
        indices: [{ name: 'idx_joint_session_classes_class', columnNames: ['western_class_id'] }],
      }),
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
      new Table({
        name: 'users',
        columns: [
          id(),
          text('email', 254),
          text('display_name', 200),
          text('role', 40),
          ref('institution_id', true),
          ref('instructor_id', true),
          text('locale', 10),
          text('password_hash', 300, true),
          instant('created_at'),
        ],
        uniques: [{ name: 'uq_users_email', columnNames: ['email'] }],
      }),
    ];
    for (const table of tables) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'users',
      'teaching_activities',
      'joint_session_classes',
      'joint_sessions',
      'pairing_classes',
      'pairings',
      'western_classes',
      'courses',
      'instructors',
      'terms',
      'institutions',
    ]) {
      await queryRunner.dropTable(name);
    }
  }
}
