import { TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One activity per joint session stays unique, but only activities recorded from a session enter
 * the index. Imported history has no session: every imported activity used to add a NULL entry, one
 * index write per row on the bulk path that indexes nothing anyone looks up.
 */
export class SessionActivityIndex1769100000000 implements MigrationInterface {
  name = 'SessionActivityIndex1769100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The table as it is now, not the query runner's cached copy: on SQLite dropping the constraint
    // rebuilds the table, and the cache can still hold the placeholder table of the initial schema.
    const table = (await queryRunner.getTable('teaching_activities'))!;
    await queryRunner.dropUniqueConstraint(table, 'uq_teaching_activities_session');
    await queryRunner.createIndex(
      'teaching_activities',
      new TableIndex({
        name: 'uq_teaching_activities_session',
        columnNames: ['joint_session_id'],
        isUnique: true,
        where: 'joint_session_id IS NOT NULL',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('teaching_activities', 'uq_teaching_activities_session');
    await queryRunner.createUniqueConstraint(
      (await queryRunner.getTable('teaching_activities'))!,
      new TableUnique({ name: 'uq_teaching_activities_session', columnNames: ['joint_session_id'] }),
    );
  }
}
