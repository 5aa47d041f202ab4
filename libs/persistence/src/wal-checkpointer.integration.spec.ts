import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from './data-source.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

const onSqlite = process.env.DATABASE_URL ? describe.skip : describe;

onSqlite('WAL checkpoints in a thread of their own (SQLite)', () => {
  const path = join(tmpdir(), `checkpointer-${randomUUID()}.sqlite`);
  afterAll(() => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  });

  it('folds the WAL back into the database while the writer goes on, and leaves no WAL behind on close', async () => {
    const dataSource = await openDatabase({ kind: 'sqlite', path });
    const connection = (dataSource.driver as unknown as { databaseConnection: { pragma(sql: string): unknown[] } }).databaseConnection;
    expect(connection.pragma('wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 65536 }]);
    // ~2,000 pages: more than the old automatic threshold, well under the new one, so only the thread checkpoints them.
    await dataSource.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
    for (let batch = 0; batch < 20; batch++)
      await dataSource.query(
        'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO filler (body) SELECT hex(randomblob(200)) FROM n',
      );
    const written = statSync(path).size;
    const deadline = Date.now() + 5_000;
    while (statSync(path).size <= written && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // The rows reached the database file itself, not only the WAL.
    expect(statSync(path).size).toBeGreaterThan(written + 2_000_000);
    await dataSource.destroy();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = await openDatabase({ kind: 'sqlite', path });
    await expect(reopened.query('SELECT COUNT(*) AS n FROM filler')).resolves.toEqual([{ n: 20_000 }]);
    await reopened.destroy();
  });

  it('a checkpoint thread that cannot open its database says so once and stops: the process goes on', async () => {
    const failures: string[] = [];
    const checkpointer = startWalCheckpointer(join(tmpdir(), `missing-${randomUUID()}.sqlite`), (reason) => failures.push(reason), 20);
    const deadline = Date.now() + 5_000;
    while (failures.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failures).toEqual([expect.stringMatching(/SQLITE_CANTOPEN/)]);
    await expect(checkpointer.stop()).resolves.toBeUndefined();
  });
});
