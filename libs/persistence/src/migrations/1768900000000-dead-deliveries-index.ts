import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The deliveries' status index becomes a partial index of the dead letters alone, the only rows a
 * query finds by status (the coordinators' dead-letter list, newest first). Every delivery used to
 * enter it when claimed and move in it when sent: two index writes per message on the hot path.
 */
export class DeadDeliveriesIndex1768900000000 implements MigrationInterface {
  name = 'DeadDeliveriesIndex1768900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('deliveries', 'idx_deliveries_status');
    await queryRunner.createIndex(
      'deliveries',
      new TableIndex({ name: 'idx_deliveries_dead', columnNames: ['updated_at'], where: "status = 'dead'" }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('deliveries', 'idx_deliveries_dead');
    await queryRunner.createIndex('deliveries', new TableIndex({ name: 'idx_deliveries_status', columnNames: ['status', 'updated_at'] }));
  }
}
