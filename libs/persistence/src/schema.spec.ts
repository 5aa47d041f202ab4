import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDatabase } from './testing/test-database.js';

describe(`schema on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openTestDatabase();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('entities and migrations agree: the schema builder has nothing to change', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('migrations can be reverted and re-applied', async () => {
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toHaveLength(0);
  });

  it('the joint-session index migration keeps the ledger rows (on SQLite it rebuilds the table)', async () => {
    // Back to before that migration (the ones after it first), a row in, and forward again.
    const at = dataSource.migrations.findIndex((migration) => migration.name === 'SessionActivityIndex1769100000000');
    for (let undo = at; undo < dataSource.migrations.length; undo++) await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO teaching_activities (id, seq, external_id, instructor_id, status, starts_at, duration_minutes, teaching_periods, discipline, students_present, recorded_at)
       VALUES ('a1', 1, 'h1', 'i1', 'counted', '2024-03-31T23:30:00.000Z', 95, 2, 'mathematics', 30, '2024-04-01T00:00:00.000Z')`,
    );
    await dataSource.runMigrations({ transaction: 'each' });
    const rows = (await dataSource.query('SELECT id, seq, external_id, starts_at, discipline FROM teaching_activities')) as object[];
    await dataSource.query('DELETE FROM teaching_activities');
    expect(rows.map((row) => ({ ...row, seq: Number((row as { seq: unknown }).seq) }))).toEqual([
      { id: 'a1', seq: 1, external_id: 'h1', starts_at: '2024-03-31T23:30:00.000Z', discipline: 'mathematics' },
    ]);
  });
});
