import type { DataSource } from 'typeorm';

/**
 * A number that changes whenever any row changes, or null when this process cannot know (PostgreSQL,
 * where other processes write too). On SQLite it is `total_changes()` of the one shared connection:
 * every INSERT, UPDATE or DELETE by anyone in this process moves it. Synchronous and ~microseconds.
 */
export function createChangeCounter(dataSource: DataSource): () => number | null {
  if (dataSource.options.type !== 'better-sqlite3') return () => null;
  const connection = (dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): { pluck(): { get(): unknown } } } })
    .databaseConnection;
  const statement = connection.prepare('SELECT total_changes()').pluck();
  return () => Number(statement.get());
}
