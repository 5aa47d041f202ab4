import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '#config';
import { entities } from './entities/index.js';
import { migrations } from './migrations/index.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

/** SQLite's DataSource: while a database file is open, its WAL checkpoints may run on a thread of their own. */
class SqliteDataSource extends DataSource {
  private checkpointer: WalCheckpointer | null = null;

  /**
   * WAL checkpoints move to a thread of their own (see startWalCheckpointer); the connection's own
   * automatic checkpoint stays as the fallback, at 65,536 pages (256 MB of WAL) instead of 1,000, and
   * back at 1,000 should the thread fail. So high because a bulk import commits ~140 MB a batch: at a
   * lower mark the writer copied each batch into the file itself, in its COMMIT, and the thread idled.
   * The thread stops before the connection closes.
   */
  checkpointInBackground(path: string): void {
    const connection = (this.driver as unknown as { databaseConnection: { pragma(sql: string): unknown } }).databaseConnection;
    connection.pragma('wal_autocheckpoint = 65536');
    this.checkpointer = startWalCheckpointer(path, (reason) => {
      new Logger('database').warn(`WAL checkpoint thread stopped (${reason}); the connection checkpoints itself again`);
      if (this.isInitialized) connection.pragma('wal_autocheckpoint = 1000');
    });
  }

  /** The thread's last checkpoint runs before the connection closes. */
  override async destroy(): Promise<void> {
    await this.checkpointer?.stop();
    this.checkpointer = null;
    return super.destroy();
  }
}

/** Builds (does not open) the DataSource for SQLite or PostgreSQL. Never `synchronize`: migrations only. */
export function createDataSource(database: DatabaseConfig): DataSource {
  if (database.kind === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: database.url,
      entities,
      migrations,
      synchronize: false,
      migrationsTransactionMode: 'each',
      extra: { max: 20 },
    });
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return new SqliteDataSource({
    type: 'better-sqlite3',
    database: database.path,
    entities,
    migrations,
    synchronize: false,
    migrationsTransactionMode: 'each',
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      // 16 KB pages for a new database (an existing one keeps its size): a bulk import of 1M rows
      // spent 28-29 s in its batches against 30-31 s with the default 4 KB (dense 1M bench, A/B).
      db.pragma('page_size = 16384');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      // 256 MB of page cache (the default is 2 MB): the ledger's indexes take tens of millions of
      // rows, and a bulk import touches pages all over them.
      db.pragma('cache_size = -262144');
      db.pragma('temp_store = MEMORY');
    },
  });
}

/** Opens the DataSource and applies pending migrations. */
export async function openDatabase(database: DatabaseConfig): Promise<DataSource> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  if (dataSource instanceof SqliteDataSource && database.kind === 'sqlite' && database.path !== ':memory:')
    dataSource.checkpointInBackground(database.path);
  return dataSource;
}
