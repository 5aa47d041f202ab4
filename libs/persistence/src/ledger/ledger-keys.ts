import type { LedgerSql } from './ledger-sql.js';

/** What a ledger key stands for. Keys are dense per kind (1, 2, 3...), so entity multisets stay small. */
export enum KeyKind {
  Region = 1,
  Province = 2,
  Institution = 3,
  Discipline = 4,
  /** Eastern instructors and western host teachers (both are instructors records). */
  Teacher = 5,
  Course = 6,
  WesternClass = 7,
}

// Up to 3 parameters a row: 6,000 a statement, well within SQLite's and PostgreSQL's limits.
const CHUNK = 2000;

/**
 * The ledger's dictionary (ledger_keys): value <-> dense integer key, per kind. Remembers pairs
 * that were committed; a unit of work's new pairs join the memory only after it commits, so a
 * rolled-back key is never reused from memory.
 */
export class KeyDictionary {
  private readonly keys = new Map<KeyKind, Map<string, number>>();
  private readonly values = new Map<KeyKind, Map<number, string>>();

  remember(kind: KeyKind, value: string, key: number): void {
    if (!this.keys.has(kind)) {
      this.keys.set(kind, new Map());
      this.values.set(kind, new Map());
    }
    this.keys.get(kind)!.set(value, key);
    this.values.get(kind)!.set(key, value);
  }

  keyOf(kind: KeyKind, value: string): number | undefined {
    return this.keys.get(kind)?.get(value);
  }

  valueOf(kind: KeyKind, key: number): string | undefined {
    return this.values.get(kind)?.get(key);
  }

  /** Copies every pair into `target`. */
  copyInto(target: KeyDictionary): void {
    for (const [kind, pairs] of this.keys) for (const [value, key] of pairs) target.remember(kind, value, key);
  }

  /** Lookups and new keys inside one unit of work. */
  session(sql: LedgerSql): KeySession {
    return new KeySession(this, sql);
  }
}

export class KeySession {
  private readonly local = new KeyDictionary();

  constructor(
    private readonly shared: KeyDictionary,
    private readonly sql: LedgerSql,
  ) {}

  private known(kind: KeyKind, value: string): number | undefined {
    return this.shared.keyOf(kind, value) ?? this.local.keyOf(kind, value);
  }

  /** Keys of existing values; values never seen are left out (a filter on them matches nothing). */
  async lookup(kind: KeyKind, values: Iterable<string>): Promise<Map<string, number>> {
    const wanted = [...new Set(values)];
    const missing = wanted.filter((value) => this.known(kind, value) === undefined);
    for (let start = 0; start < missing.length; start += CHUNK) {
      const chunk = missing.slice(start, start + CHUNK);
      const placeholders = chunk.map((_, index) => this.sql.param(index + 2)).join(', ');
      const rows = await this.sql.query(
        `SELECT value, ${'"key"'} AS k FROM ledger_keys WHERE kind = ${this.sql.param(1)} AND value IN (${placeholders})`,
        [kind, ...chunk],
      );
      for (const row of rows) this.local.remember(kind, String(row.value), Number(row.k));
    }
    const found = new Map<string, number>();
    for (const value of wanted) {
      const key = this.known(kind, value);
      if (key !== undefined) found.set(value, key);
    }
    return found;
  }

  /** Keys of these values, creating the missing ones. Call with the ledger lock held. */
  async resolve(kind: KeyKind, values: Iterable<string>): Promise<Map<string, number>> {
    const wanted = [...new Set(values)];
    const found = await this.lookup(kind, wanted);
    const missing = wanted.filter((value) => !found.has(value));
    if (missing.length === 0) return found;
    const [row] = await this.sql.query(`SELECT MAX(${'"key"'}) AS k FROM ledger_keys WHERE kind = ${this.sql.param(1)}`, [kind]);
    let next = Number(row?.k ?? 0);
    for (let start = 0; start < missing.length; start += CHUNK) {
      const chunk = missing.slice(start, start + CHUNK).map((value) => [value, ++next] as const);
      const placeholders = chunk
        .map((_, index) => `(${this.sql.param(index * 3 + 1)}, ${this.sql.param(index * 3 + 2)}, ${this.sql.param(index * 3 + 3)})`)
        .join(', ');
      await this.sql.query(
        `INSERT INTO ledger_keys (kind, ${'"key"'}, value) VALUES ${placeholders}`,
        chunk.flatMap(([value, key]) => [kind, key, value]),
      );
      for (const [value, key] of chunk) {
        this.local.remember(kind, value, key);
        found.set(value, key);
      }
    }
    return found;
  }

  /** Values of keys the ledger holds. */
  async valuesOf(kind: KeyKind, keys: Iterable<number>): Promise<Map<number, string>> {
    const wanted = [...new Set(keys)];
    const missing = wanted.filter((key) => this.shared.valueOf(kind, key) === undefined && this.local.valueOf(kind, key) === undefined);
    for (let start = 0; start < missing.length; start += CHUNK) {
      const chunk = missing.slice(start, start + CHUNK);
      const placeholders = chunk.map((_, index) => this.sql.param(index + 2)).join(', ');
      const rows = await this.sql.query(
        `SELECT value, ${'"key"'} AS k FROM ledger_keys WHERE kind = ${this.sql.param(1)} AND ${'"key"'} IN (${placeholders})`,
        [kind, ...chunk],
      );
      for (const row of rows) this.local.remember(kind, String(row.value), Number(row.k));
    }
    const found = new Map<number, string>();
    for (const key of wanted) {
      const value = this.shared.valueOf(kind, key) ?? this.local.valueOf(kind, key);
      if (value !== undefined) found.set(key, value);
    }
    return found;
  }

  /** After commit: what this unit of work read or created is now known to everyone. */
  commit(): void {
    this.local.copyInto(this.shared);
  }
}
