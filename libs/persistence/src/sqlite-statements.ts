import type { EntityManager } from 'typeorm';

/**
 * The parts of a better-sqlite3 prepared statement the hot paths use. Parameters bind one by one or
 * from one array. `raw(true)` stays set on the cached statement: use it only on statements whose
 * every caller wants arrays.
 */
export interface SqliteStatement {
  run(...parameters: unknown[]): { changes: number };
  all(...parameters: unknown[]): unknown[];
  get(...parameters: unknown[]): unknown;
  raw(toggle: boolean): SqliteStatement;
}

export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  function(name: string, options: { deterministic: boolean; varargs?: boolean }, body: (...args: unknown[]) => unknown): void;
}

const prepared = new WeakMap<object, Map<string, SqliteStatement>>();

/**
 * The better-sqlite3 connection under `manager`, or null on PostgreSQL. Hot paths run their
 * statements on it directly, inside the transaction TypeORM opened on that same connection (the
 * unit of work is serialized on SQLite, so nothing else runs on it meanwhile): no query wrapper,
 * no parameters spread into a call, a statement prepared once.
 */
export function sqliteConnection(manager: EntityManager): SqliteConnection | null {
  if (manager.connection.options.type !== 'better-sqlite3') return null;
  return (manager.connection.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
}

/** `sql` prepared once per connection. */
export function sqliteStatement(connection: SqliteConnection, sql: string): SqliteStatement {
  let cache = prepared.get(connection);
  if (!cache) prepared.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  return statement;
}
