import type { EntityManager } from 'typeorm';
import { monthKeyFunction, monthsBetween } from '#scheduling';
import type { CellDelta, CellSum, LedgerLine } from './rollup-grains.js';
import { LINE_WIDTH, NULLABLE_LINE_FIELDS, type LineBlock } from './line-block.js';
import { encodeCounted, mergeEncodedTexts } from './multiset.js';
import { CELL_NUMBERS, type EncodedCells } from './rollup-accumulator.js';
import { cellId, periodKey } from './rollup-grains.js';
import { sqliteConnection, sqliteStatement, type SqliteConnection, type SqliteStatement } from '../sqlite-statements.js';
import { idListCondition, idListParameter } from '../id-list.js';

/** A teaching_activities row as the ledger writes it. */
export interface ActivityRow {
  id: string;
  seq: number;
  jointSessionId: string | null;
  externalId: string | null;
  instructorId: string;
  status: string;
  startsAt: string;
  durationMinutes: number;
  teachingPeriods: number;
  discipline: string;
  courseId: string | null;
  termId: string | null;
  studentsPresent: number;
  attendanceConfirmedAt: string | null;
  notHeldReason: string | null;
  makeUpSessionId: string | null;
  recordedAt: string;
}

/** A report_rollups row; the multisets stay encoded. */
export interface StoredCell {
  zone: number;
  grain: number;
  level: number;
  period: number;
  keys: [number, number, number, number];
  activityUnits: number;
  periodUnits: number;
  participationUnits: number;
  lines: number;
  instructors: string;
  westernTeachers: string;
  courses: string;
  westernUniversities: string;
}

const ACTIVITY_COLUMNS = [
  'id',
  'seq',
  'joint_session_id',
  'external_id',
  'instructor_id',
  'status',
  'starts_at',
  'duration_minutes',
  'teaching_periods',
  'discipline',
  'course_id',
  'term_id',
  'students_present',
  'attendance_confirmed_at',
  'not_held_reason',
  'make_up_session_id',
  'recorded_at',
];
const ACTIVITY_TYPES = [
  'varchar',
  'bigint',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'int',
  'int',
  'varchar',
  'varchar',
  'varchar',
  'int',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
];
const activityValues = (r: ActivityRow): unknown[] => [
  r.id,
  r.seq,
  r.jointSessionId,
  r.externalId,
  r.instructorId,
  r.status,
  r.startsAt,
  r.durationMinutes,
  r.teachingPeriods,
  r.discipline,
  r.courseId,
  r.termId,
  r.studentsPresent,
  r.attendanceConfirmedAt,
  r.notHeldReason,
  r.makeUpSessionId,
  r.recordedAt,
];

const LINE_COLUMNS = [
  'activity_seq',
  'line',
  'counted',
  'starts_minute',
  'month_cn',
  'month_utc',
  'campus_index',
  'instructor_index',
  'region_key',
  'province_key',
  'western_institution_key',
  'western_class_key',
  'host_teacher_key',
  'eastern_institution_key',
  'instructor_key',
  'discipline_key',
  'course_key',
  'students_enrolled',
  'students_present',
  'share_bp',
  'activity_units',
  'period_units',
  'participation_units',
];
const LINE_TYPES = ['bigint', 'smallint', 'smallint', ...Array<string>(LINE_COLUMNS.length - 3).fill('int')];
const orNull = (value: number): number | null => (value < 0 ? null : value);
/** The line numbers of a block (0..count-1): rows for the generic COPY and unnest writers. */
const blockRows = (block: LineBlock): number[] => Array.from({ length: block.count }, (_, index) => index);
/** A block line's values in LINE_COLUMNS order (the PostgreSQL writers take rows as value arrays). */
const lineBlockValues =
  ({ values }: LineBlock) =>
  (index: number): unknown[] => {
    const at = index * LINE_WIDTH;
    const row: unknown[] = Array.from(values.subarray(at, at + LINE_WIDTH));
    for (const field of NULLABLE_LINE_FIELDS) row[field] = orNull(values[at + field]!);
    return row;
  };

/** A line from its LINE_COLUMNS values in order (a raw row: no object per row from the driver). */
function lineFromValues(values: unknown[]): LedgerLine {
  const n = (index: number) => Number(values[index]);
  const nullable = (index: number) => (values[index] === null || values[index] === undefined ? null : Number(values[index]));
  return {
    seq: n(0),
    line: n(1),
    counted: n(2) === 1,
    startsMinute: n(3),
    monthCn: n(4),
    monthUtc: n(5),
    campusIndex: n(6),
    instructorIndex: n(7),
    region: n(8),
    province: n(9),
    westernInstitution: n(10),
    westernClass: nullable(11),
    hostTeacher: nullable(12),
    easternInstitution: n(13),
    instructor: n(14),
    discipline: n(15),
    course: nullable(16),
    studentsEnrolled: n(17),
    studentsPresent: n(18),
    shareBp: n(19),
    activityUnits: n(20),
    periodUnits: n(21),
    participationUnits: n(22),
  };
}

export function lineFromRow(row: Record<string, unknown>): LedgerLine {
  return lineFromValues(LINE_COLUMNS.map((column) => row[column]));
}

const CELL_KEY_COLUMNS = ['zone', 'grain', 'level', 'period', 'k1', 'k2', 'k3', 'k4'];
const CELL_COLUMNS = [
  ...CELL_KEY_COLUMNS,
  'activity_units',
  'period_units',
  'participation_units',
  'lines',
  'instructors',
  'western_teachers',
  'courses',
  'western_universities',
];
/** A cell's columns but its zone, grain and level: for a query that names those (see cellFromRow). */
export const PLACED_CELL_COLUMNS = CELL_COLUMNS.slice(3);
const CELL_TYPES = [
  'smallint',
  'smallint',
  'smallint',
  'int',
  'int',
  'int',
  'int',
  'int',
  'bigint',
  'bigint',
  'bigint',
  'int',
  'text',
  'text',
  'text',
  'text',
];
/** What names a rollup cell: a CellDelta or a StoredCell. */
type CellKey = { zone: number; grain: number; level: number; period: number; keys: readonly number[] };

const periodOf = (c: Pick<CellKey, 'zone' | 'grain' | 'level' | 'period'>): number => periodKey(c.zone, c.grain, c.level, c.period);
const cellKeyValues = (c: CellKey): unknown[] => [c.zone, c.grain, c.level, c.period, c.keys[0], c.keys[1], c.keys[2], c.keys[3]];
const cellValues = (c: StoredCell): unknown[] => [
  ...cellKeyValues(c),
  c.activityUnits,
  c.periodUnits,
  c.participationUnits,
  c.lines,
  c.instructors,
  c.westernTeachers,
  c.courses,
  c.westernUniversities,
];

/** A report_rollups row as a cell; `place` stands in for the zone, grain and level a query left out (it named them). */
export function cellFromRow(row: Record<string, unknown>, place?: { zone: number; grain: number; level: number }): StoredCell {
  return {
    zone: place ? place.zone : Number(row.zone),
    grain: place ? place.grain : Number(row.grain),
    level: place ? place.level : Number(row.level),
    period: Number(row.period),
    keys: [Number(row.k1), Number(row.k2), Number(row.k3), Number(row.k4)],
    activityUnits: Number(row.activity_units),
    periodUnits: Number(row.period_units),
    participationUnits: Number(row.participation_units),
    lines: Number(row.lines),
    instructors: String(row.instructors ?? ''),
    westernTeachers: String(row.western_teachers ?? ''),
    courses: String(row.courses ?? ''),
    westernUniversities: String(row.western_universities ?? ''),
  };
}

/** The Beijing month (yyyymm) of an instant: a line's `month_cn`. */
export const beijingMonth = monthKeyFunction('Asia/Shanghai');

/**
 * The ledger's SQL, in the two dialects it runs on. SQLite goes through better-sqlite3's own
 * prepared statements on the connection TypeORM's transaction is open on (the unit of work is
 * serialized, so nothing else runs on it meanwhile): one row per call, no parsing per batch.
 * PostgreSQL gets whole columns as arrays in one `unnest(...)` statement per chunk.
 */
export abstract class LedgerSql {
  constructor(protected readonly manager: EntityManager) {}

  static for(manager: EntityManager): LedgerSql {
    return manager.connection.options.type === 'postgres' ? new PostgresLedgerSql(manager) : new SqliteLedgerSql(manager);
  }

  abstract readonly dialect: 'sqlite' | 'postgres';
  /** `$1` on PostgreSQL, `?` on SQLite. */
  abstract param(index: number): string;

  query(sql: string, parameters: unknown[] = []): Promise<Record<string, unknown>[]> {
    return this.manager.query(sql, parameters);
  }

  /** A condition on the ids given as its one parameter (see idListCondition). */
  idList(ids: readonly string[]): { condition: string; parameter: unknown } {
    const postgres = this.dialect === 'postgres';
    return { condition: idListCondition(postgres, this.param(1)), parameter: idListParameter(postgres, ids) };
  }

  /**
   * `month_cn IN (...)`: the Beijing months of the lines that start from `fromMillis` (inclusive)
   * to `toMillis` (exclusive), either open, within the ledger's first and last month. A query that
   * finds lines by instructor or western university adds it: their indexes lead with the month (see
   * LineIndexesByMonth), so the query seeks each month instead of scanning the index.
   */
  async linesMonthsCondition(fromMillis: number | null, toMillis: number | null): Promise<string> {
    // Two subqueries: SQLite reads MIN and MAX from an index's ends only one per query (together: a 10M-line scan, 0.8 s).
    const [bounds] = await this.query(
      'SELECT (SELECT MIN(month_cn) FROM teaching_activity_lines) AS first, (SELECT MAX(month_cn) FROM teaching_activity_lines) AS last',
    );
    if (bounds?.first === null || bounds?.first === undefined) return '1 = 0';
    const first = Math.max(Number(bounds.first), fromMillis === null ? 0 : beijingMonth(fromMillis));
    const last = Math.min(Number(bounds.last), toMillis === null ? Infinity : beijingMonth(toMillis - 1));
    // Whole numbers the ledger computed, written into the statement: a planner sees each month.
    return first > last ? '1 = 0' : `month_cn IN (${monthsBetween(first, last).join(', ')})`;
  }

  /** Serializes ledger writers until the transaction ends. */
  abstract lock(): Promise<void>;

  async maxSeq(): Promise<number> {
    const [row] = await this.query('SELECT MAX(seq) AS seq FROM teaching_activities');
    return Number(row?.seq ?? 0);
  }

  /** Inserts the rows whose unique keys are new; returns the ids inserted. */
  abstract insertActivities(rows: readonly ActivityRow[]): Promise<Set<string>>;
  abstract insertLines(block: LineBlock): Promise<void>;
  /** The stored cells among `cells` (deltas, or cells about to be written), by cellId. */
  abstract readCells(cells: readonly CellKey[]): Promise<Map<string, StoredCell>>;
  abstract writeCells(upserts: readonly StoredCell[], deletes: readonly StoredCell[]): Promise<void>;
  /**
   * Adds changes that only add (every count positive) to their cells in place, creating the cells
   * that do not exist yet; returns false when the dialect has no such path (the caller then reads,
   * merges and writes the cells).
   */
  addToCells(_changes: readonly { delta: CellDelta; change: CellSum }[]): Promise<boolean> {
    return Promise.resolve(false);
  }
  /** Adds encoded cell changes that only add (a roll-up of new lines) to their cells, creating the new ones. */
  abstract addEncodedCells(cells: EncodedCells): Promise<void>;

  async updateActivity(row: ActivityRow): Promise<void> {
    const columns = ACTIVITY_COLUMNS.slice(2);
    const assignments = columns.map((column, index) => `${column} = ${this.param(index + 1)}`).join(', ');
    await this.query(`UPDATE teaching_activities SET ${assignments} WHERE id = ${this.param(columns.length + 1)}`, [
      ...activityValues(row).slice(2),
      row.id,
    ]);
  }

  async deleteLines(seq: number): Promise<void> {
    await this.query(`DELETE FROM teaching_activity_lines WHERE activity_seq = ${this.param(1)}`, [seq]);
  }

  /** The highest activity `seq` whose counted lines are all in the rollups (see report_rollup_watermarks). */
  async rolledUpTo(): Promise<number> {
    const [row] = await this.query('SELECT rolled_up_seq FROM report_rollup_watermarks WHERE id = 1');
    return Number(row?.rolled_up_seq ?? 0);
  }

  /** The watermark and the count of rewrites of lines above it (see report_rollup_watermarks). */
  async rollupState(): Promise<{ rolledUpTo: number; linesRevision: number }> {
    const [row] = await this.query('SELECT rolled_up_seq, lines_revision FROM report_rollup_watermarks WHERE id = 1');
    return { rolledUpTo: Number(row?.rolled_up_seq ?? 0), linesRevision: Number(row?.lines_revision ?? 0) };
  }

  /** Lines above the watermark were rewritten: rollups computed from their old values are stale. */
  async bumpLinesRevision(): Promise<void> {
    await this.query('UPDATE report_rollup_watermarks SET lines_revision = lines_revision + 1 WHERE id = 1');
  }

  async setRolledUpTo(seq: number): Promise<void> {
    await this.query(`UPDATE report_rollup_watermarks SET rolled_up_seq = ${this.param(1)} WHERE id = 1`, [seq]);
  }

  /** Whether the rollups hold every activity of the ledger. */
  async rollupsCurrent(): Promise<boolean> {
    const [row] = await this.query(
      'SELECT (SELECT rolled_up_seq FROM report_rollup_watermarks WHERE id = 1) AS rolled, (SELECT MAX(seq) FROM teaching_activities) AS top',
    );
    return Number(row?.rolled ?? 0) >= Number(row?.top ?? 0);
  }

  /** The counted lines of the activities with `seq` in (after, upTo]. */
  async countedLines(after: number, upTo: number): Promise<LedgerLine[]> {
    const rows = await this.query(
      `SELECT ${LINE_COLUMNS.join(', ')} FROM teaching_activity_lines WHERE activity_seq > ${this.param(1)} AND activity_seq <= ${this.param(2)} AND counted = 1`,
      [after, upTo],
    );
    return rows.map(lineFromRow);
  }

  async linesOf(seqs: readonly number[]): Promise<LedgerLine[]> {
    if (seqs.length === 0) return [];
    const placeholders = seqs.map((_, index) => this.param(index + 1)).join(', ');
    const rows = await this.query(
      `SELECT * FROM teaching_activity_lines WHERE activity_seq IN (${placeholders}) ORDER BY activity_seq, line`,
      [...seqs],
    );
    return rows.map(lineFromRow);
  }
}

/** Connections that know merge_encoded(stored, added): two encoded multisets as one. */
const withMergeFunction = new WeakSet<object>();

function mergeTwoEncoded(stored: unknown, added: unknown): string {
  return mergeEncodedTexts(typeof stored === 'string' ? stored : '', typeof added === 'string' ? added : '');
}

class SqliteLedgerSql extends LedgerSql {
  readonly dialect = 'sqlite' as const;
  private readonly database: SqliteConnection;

  constructor(manager: EntityManager) {
    super(manager);
    this.database = sqliteConnection(manager)!;
  }

  param(): string {
    return '?';
  }

  private statement(sql: string): SqliteStatement {
    return sqliteStatement(this.database, sql);
  }

  async lock(): Promise<void> {}

  /** One statement per cell: a new cell is a plain insert; an existing one adds the sums and merges the multisets in place. */
  private addStatement(): SqliteStatement {
    if (!withMergeFunction.has(this.database)) {
      this.database.function('merge_encoded', { deterministic: true }, mergeTwoEncoded);
      withMergeFunction.add(this.database);
    }
    return this.statement(
      `INSERT INTO report_rollups (${CELL_COLUMNS.join(', ')}) VALUES (${CELL_COLUMNS.map(() => '?').join(', ')})
        ON CONFLICT (${CELL_KEY_COLUMNS.join(', ')}) DO UPDATE SET activity_units = activity_units + excluded.activity_units,
        period_units = period_units + excluded.period_units, participation_units = participation_units + excluded.participation_units,
        lines = lines + excluded.lines, instructors = merge_encoded(instructors, excluded.instructors),
        western_teachers = merge_encoded(western_teachers, excluded.western_teachers), courses = merge_encoded(courses, excluded.courses),
        western_universities = merge_encoded(western_universities, excluded.western_universities)`,
    );
  }

  override async addToCells(changes: readonly { delta: CellDelta; change: CellSum }[]): Promise<boolean> {
    const upsert = this.addStatement();
    for (const { delta, change } of changes) {
      const [instructors, westernTeachers, courses, westernUniversities] = change.entities.map(encodeCounted);
      upsert.run(
        delta.zone,
        delta.grain,
        delta.level,
        delta.period,
        delta.keys[0],
        delta.keys[1],
        delta.keys[2],
        delta.keys[3],
        change.activityUnits,
        change.periodUnits,
        change.participationUnits,
        change.lines,
        instructors,
        westernTeachers,
        courses,
        westernUniversities,
      );
    }
    return true;
  }

  async addEncodedCells({ numbers, texts }: EncodedCells): Promise<void> {
    const upsert = this.addStatement();
    for (let index = 0, at = 0; at < numbers.length; index += 4, at += CELL_NUMBERS)
      upsert.run(
        numbers[at],
        numbers[at + 1],
        numbers[at + 2],
        numbers[at + 3],
        numbers[at + 4],
        numbers[at + 5],
        numbers[at + 6],
        numbers[at + 7],
        numbers[at + 8],
        numbers[at + 9],
        numbers[at + 10],
        numbers[at + 11],
        texts[index],
        texts[index + 1],
        texts[index + 2],
        texts[index + 3],
      );
  }

  override async countedLines(after: number, upTo: number): Promise<LedgerLine[]> {
    const select = this.statement(
      `SELECT ${LINE_COLUMNS.join(', ')} FROM teaching_activity_lines WHERE activity_seq > ? AND activity_seq <= ? AND counted = 1`,
    );
    return (select.raw(true).all(after, upTo) as unknown[][]).map(lineFromValues);
  }

  async insertActivities(rows: readonly ActivityRow[]): Promise<Set<string>> {
    const insert = this.statement(
      `INSERT INTO teaching_activities (${ACTIVITY_COLUMNS.join(', ')}) VALUES (${ACTIVITY_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
    );
    const inserted = new Set<string>();
    for (const row of rows) if (insert.run(...activityValues(row)).changes === 1) inserted.add(row.id);
    return inserted;
  }

  async insertLines({ values: v, count }: LineBlock): Promise<void> {
    const insert = this.statement(
      `INSERT INTO teaching_activity_lines (${LINE_COLUMNS.join(', ')}) VALUES (${LINE_COLUMNS.map(() => '?').join(', ')})`,
    );
    // Field by field in LINE_COLUMNS order: no array per line.
    for (let at = 0; at < count * LINE_WIDTH; at += LINE_WIDTH)
      insert.run(
        v[at],
        v[at + 1],
        v[at + 2],
        v[at + 3],
        v[at + 4],
        v[at + 5],
        v[at + 6],
        v[at + 7],
        v[at + 8],
        v[at + 9],
        v[at + 10],
        orNull(v[at + 11]!),
        orNull(v[at + 12]!),
        v[at + 13],
        v[at + 14],
        v[at + 15],
        orNull(v[at + 16]!),
        v[at + 17],
        v[at + 18],
        v[at + 19],
        v[at + 20],
        v[at + 21],
        v[at + 22],
      );
  }

  async readCells(cells: readonly CellKey[]): Promise<Map<string, StoredCell>> {
    const select = this.statement(`SELECT * FROM report_rollups WHERE ${CELL_KEY_COLUMNS.map((column) => `${column} = ?`).join(' AND ')}`);
    const found = new Map<string, StoredCell>();
    // One lookup per cell (the deltas come in key order, so neighbours share pages). A range scan of
    // a whole period would read every all-time cell of a grain on every batch: slower as history grows.
    for (const cell of cells) {
      const row = select.get(...cellKeyValues(cell)) as Record<string, unknown> | undefined;
      if (row) found.set(cellId(cell.zone, cell.grain, cell.level, cell.period, cell.keys), cellFromRow(row));
    }
    return found;
  }

  async writeCells(upserts: readonly StoredCell[], deletes: readonly StoredCell[]): Promise<void> {
    const replace = this.statement(
      `INSERT OR REPLACE INTO report_rollups (${CELL_COLUMNS.join(', ')}) VALUES (${CELL_COLUMNS.map(() => '?').join(', ')})`,
    );
    const remove = this.statement(`DELETE FROM report_rollups WHERE ${CELL_KEY_COLUMNS.map((column) => `${column} = ?`).join(' AND ')}`);
    for (const cell of upserts) replace.run(...cellValues(cell));
    for (const cell of deletes) remove.run(...cellKeyValues(cell));
  }
}

const CHUNK = 5000;
const UNIQUE_VIOLATION = '23505';
/** Rows from which a PostgreSQL insert goes through COPY (a bulk import's batch) rather than unnest. */
const COPY_FROM_ROWS = 500;

type PgConnection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  stream: { writableNeedDrain?: boolean; once(event: 'drain', listener: () => void): void };
};
type PgClient = { query(submittable: object): unknown };

/** A value in COPY's text format: `\N` for null, backslash, tab and line breaks escaped. */
const COPY_SPECIAL = /[\\\t\n\r]/;
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  // Most values (ids, instants, numbers) have nothing to escape: a test is cheaper than a replace.
  if (!COPY_SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

/**
 * Streams rows as COPY data in ~1 MB messages, waiting whenever the socket asks to; stops early once
 * `failed()` (the server refused a row: what is still sent is ignored).
 */
async function sendCopyData(
  connection: PgConnection,
  count: number,
  lineText: (index: number) => string,
  failed: () => boolean,
): Promise<void> {
  let text = '';
  for (let index = 0; index < count; index++) {
    if (failed()) break;
    text += lineText(index) + '\n';
    if (text.length < 1 << 20) continue;
    connection.sendCopyFromChunk(Buffer.from(text, 'utf8'));
    text = '';
    if (connection.stream.writableNeedDrain) await new Promise<void>((resolve) => connection.stream.once('drain', resolve));
  }
  if (text) connection.sendCopyFromChunk(Buffer.from(text, 'utf8'));
  connection.endCopyFrom();
}

/** A row's values as one line of COPY text (without its line end). */
function copyLine(fields: readonly unknown[]): string {
  let line = copyText(fields[0]);
  for (let index = 1; index < fields.length; index++) line += '\t' + copyText(fields[index]);
  return line;
}

/** A block's line as COPY text: numbers as they are, -1 in a nullable field as `\N`. */
const lineBlockText =
  ({ values }: LineBlock) =>
  (index: number): string => {
    const at = index * LINE_WIDTH;
    let line = String(values[at]);
    for (let field = 1; field < LINE_WIDTH; field++) {
      const value = values[at + field]!;
      line += value < 0 && NULLABLE_LINE_FIELDS.has(field) ? '\t\\N' : '\t' + value;
    }
    return line;
  };

const NUMERIC = new Set(['smallint', 'int', 'bigint']);

/**
 * Column-wise arrays of `rows`, for `unnest($1::type[], ...)`. Number columns go as array literals
 * (`{1,2,NULL}`) built in one join: the driver would otherwise escape and quote every element, a
 * cost that showed in a rollup write of millions of cells.
 */
function columnsOf<T>(rows: readonly T[], values: (row: T) => unknown[], types: readonly string[]): unknown[] {
  const columns: unknown[][] = Array.from({ length: types.length }, () => new Array(rows.length));
  rows.forEach((row, rowIndex) => values(row).forEach((value, columnIndex) => (columns[columnIndex]![rowIndex] = value)));
  return columns.map((column, index) =>
    NUMERIC.has(types[index]!) ? `{${column.map((value) => (value === null || value === undefined ? 'NULL' : value)).join(',')}}` : column,
  );
}

const unnest = (types: readonly string[]) => `unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(', ')})`;

class PostgresLedgerSql extends LedgerSql {
  readonly dialect = 'postgres' as const;

  param(index: number): string {
    return `$${index}`;
  }

  async lock(): Promise<void> {
    // The ledger's writers queue behind each other until commit. The lock is keyed by schema too, so
    // ledgers in other schemas of the same database (a bench, a parallel test run) never wait on this one.
    await this.query('SELECT pg_advisory_xact_lock(77450201, hashtext(current_schema()))');
  }

  async insertActivities(rows: readonly ActivityRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    if (rows.length >= COPY_FROM_ROWS) {
      // COPY has no ON CONFLICT. An import's batch is new as a rule: it is copied as it is, and only
      // when a unique key is taken (a file imported again, in part or whole) is the batch copied again
      // without the rows whose keys are taken, in the table or earlier in the batch. Exact, as no other
      // ledger writer runs until this one commits (lock()).
      await this.query('SAVEPOINT bulk_append');
      try {
        await this.copyFrom('teaching_activities', ACTIVITY_COLUMNS, rows.length, (index) => copyLine(activityValues(rows[index]!)));
        await this.query('RELEASE SAVEPOINT bulk_append');
        return new Set(rows.map((row) => row.id));
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        await this.query('ROLLBACK TO SAVEPOINT bulk_append');
      }
      const taken = await this.query(
        `SELECT r.id FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS r(id, external_id, joint_session_id)
         WHERE EXISTS (SELECT 1 FROM teaching_activities a WHERE a.id = r.id)
            OR EXISTS (SELECT 1 FROM teaching_activities a WHERE a.external_id = r.external_id)
            OR EXISTS (SELECT 1 FROM teaching_activities a WHERE a.joint_session_id = r.joint_session_id)`,
        [rows.map((row) => row.id), rows.map((row) => row.externalId), rows.map((row) => row.jointSessionId)],
      );
      const skip = new Set(taken.map((row) => String(row.id)));
      const externalIds = new Set<string>();
      const sessionIds = new Set<string>();
      const fresh = rows.filter((row) => {
        const repeated =
          skip.has(row.id) ||
          inserted.has(row.id) ||
          (row.externalId !== null && externalIds.has(row.externalId)) ||
          (row.jointSessionId !== null && sessionIds.has(row.jointSessionId));
        if (repeated) return false;
        inserted.add(row.id);
        if (row.externalId !== null) externalIds.add(row.externalId);
        if (row.jointSessionId !== null) sessionIds.add(row.jointSessionId);
        return true;
      });
      await this.copyFrom('teaching_activities', ACTIVITY_COLUMNS, fresh.length, (index) => copyLine(activityValues(fresh[index]!)));
      return inserted;
    }
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const result = await this.query(
        `INSERT INTO teaching_activities (${ACTIVITY_COLUMNS.join(', ')}) SELECT * FROM ${unnest(ACTIVITY_TYPES)} ON CONFLICT DO NOTHING RETURNING id`,
        columnsOf(chunk, activityValues, ACTIVITY_TYPES),
      );
      for (const row of result) inserted.add(String(row.id));
    }
    return inserted;
  }

  async insertLines(block: LineBlock): Promise<void> {
    if (block.count >= COPY_FROM_ROWS) return this.copyFrom('teaching_activity_lines', LINE_COLUMNS, block.count, lineBlockText(block));
    for (let start = 0; start < block.count; start += CHUNK)
      await this.query(
        `INSERT INTO teaching_activity_lines (${LINE_COLUMNS.join(', ')}) SELECT * FROM ${unnest(LINE_TYPES)}`,
        columnsOf(blockRows(block).slice(start, start + CHUNK), lineBlockValues(block), LINE_TYPES),
      );
  }

  /** `COPY table (columns) FROM STDIN` on the transaction's connection, rows as COPY text. */
  private async copyFrom(table: string, columns: readonly string[], count: number, lineText: (index: number) => string): Promise<void> {
    const queryRunner = this.manager.queryRunner as unknown as { databaseConnection: PgClient } | undefined;
    const client = queryRunner?.databaseConnection;
    if (!client) throw new Error('COPY needs the connection of an open transaction');
    await new Promise<void>((resolve, reject) => {
      let failure: Error | null = null;
      client.query({
        submit: (connection: PgConnection) => connection.query(`COPY ${table} (${columns.join(', ')}) FROM STDIN`),
        handleCopyInResponse: (connection: PgConnection) => void sendCopyData(connection, count, lineText, () => failure !== null),
        handleCommandComplete: () => {},
        handleError: (error: Error) => {
          failure = error;
          reject(error);
        },
        handleReadyForQuery: () => {
          if (!failure) resolve();
        },
      });
    });
  }

  async readCells(cells: readonly CellKey[]): Promise<Map<string, StoredCell>> {
    const found = new Map<string, StoredCell>();
    for (let start = 0; start < cells.length; start += CHUNK) {
      const rows = await this.query(
        `SELECT r.* FROM report_rollups r JOIN ${unnest(CELL_TYPES.slice(0, 8))} AS d(${CELL_KEY_COLUMNS.join(', ')}) USING (${CELL_KEY_COLUMNS.join(', ')})`,
        columnsOf(cells.slice(start, start + CHUNK), cellKeyValues, CELL_TYPES.slice(0, 8)),
      );
      for (const row of rows) {
        const cell = cellFromRow(row);
        found.set(cellId(cell.zone, cell.grain, cell.level, cell.period, cell.keys), cell);
      }
    }
    return found;
  }

  async addEncodedCells({ numbers, texts }: EncodedCells): Promise<void> {
    const cells: StoredCell[] = [];
    for (let index = 0, at = 0; at < numbers.length; index += 4, at += CELL_NUMBERS)
      cells.push({
        zone: numbers[at]!,
        grain: numbers[at + 1]!,
        level: numbers[at + 2]!,
        period: numbers[at + 3]!,
        keys: [numbers[at + 4]!, numbers[at + 5]!, numbers[at + 6]!, numbers[at + 7]!],
        activityUnits: numbers[at + 8]!,
        periodUnits: numbers[at + 9]!,
        participationUnits: numbers[at + 10]!,
        lines: numbers[at + 11]!,
        instructors: texts[index]!,
        westernTeachers: texts[index + 1]!,
        courses: texts[index + 2]!,
        westernUniversities: texts[index + 3]!,
      });
    // Read, merge and write, a chunk at a time (the ledger lock keeps other writers out meanwhile).
    // Cells not stored yet (most of an import's: its months, terms and years) are copied in at the end,
    // in bulk; the ones stored (all-time cells, a year or term the last write began) are merged and updated.
    // Only cells of periods that hold any stored cell are looked up one by one: the rest are new.
    const stored = await this.storedPeriods(cells);
    const fresh: StoredCell[] = [];
    const maybeStored: StoredCell[] = [];
    for (const cell of cells) (stored.has(periodOf(cell)) ? maybeStored : fresh).push(cell);
    for (let start = 0; start < maybeStored.length; start += CHUNK) {
      const chunk = maybeStored.slice(start, start + CHUNK);
      const existing = await this.readCells(chunk);
      const merged: StoredCell[] = [];
      for (const cell of chunk) {
        const before = existing.get(cellId(cell.zone, cell.grain, cell.level, cell.period, cell.keys));
        if (!before) {
          fresh.push(cell);
          continue;
        }
        merged.push({
          ...cell,
          activityUnits: before.activityUnits + cell.activityUnits,
          periodUnits: before.periodUnits + cell.periodUnits,
          participationUnits: before.participationUnits + cell.participationUnits,
          lines: before.lines + cell.lines,
          instructors: mergeTwoEncoded(before.instructors, cell.instructors),
          westernTeachers: mergeTwoEncoded(before.westernTeachers, cell.westernTeachers),
          courses: mergeTwoEncoded(before.courses, cell.courses),
          westernUniversities: mergeTwoEncoded(before.westernUniversities, cell.westernUniversities),
        });
      }
      await this.writeCells(merged, []);
    }
    if (fresh.length >= COPY_FROM_ROWS)
      await this.copyFrom('report_rollups', CELL_COLUMNS, fresh.length, (index) => copyLine(cellValues(fresh[index]!)));
    else await this.writeCells(fresh, []);
  }

  /** Which of the (zone, grain, level, period) of `cells` hold any stored cell, as periodKey numbers. */
  private async storedPeriods(cells: readonly CellKey[]): Promise<Set<number>> {
    const periods = new Map<number, CellKey>();
    for (const cell of cells) periods.set(periodOf(cell), cell);
    const found = new Set<number>();
    const list = [...periods.values()];
    for (let start = 0; start < list.length; start += CHUNK) {
      const rows = await this.query(
        `SELECT p.zone, p.grain, p.level, p.period FROM ${unnest(CELL_TYPES.slice(0, 4))} AS p(zone, grain, level, period)
         WHERE EXISTS (SELECT 1 FROM report_rollups r WHERE r.zone = p.zone AND r.grain = p.grain AND r.level = p.level AND r.period = p.period)`,
        columnsOf(list.slice(start, start + CHUNK), (cell) => [cell.zone, cell.grain, cell.level, cell.period], CELL_TYPES.slice(0, 4)),
      );
      for (const row of rows) found.add(periodKey(Number(row.zone), Number(row.grain), Number(row.level), Number(row.period)));
    }
    return found;
  }

  async writeCells(upserts: readonly StoredCell[], deletes: readonly StoredCell[]): Promise<void> {
    const updates = CELL_COLUMNS.slice(8)
      .map((column) => `${column} = EXCLUDED.${column}`)
      .join(', ');
    for (let start = 0; start < upserts.length; start += CHUNK)
      await this.query(
        `INSERT INTO report_rollups (${CELL_COLUMNS.join(', ')}) SELECT * FROM ${unnest(CELL_TYPES)} ON CONFLICT (${CELL_KEY_COLUMNS.join(', ')}) DO UPDATE SET ${updates}`,
        columnsOf(upserts.slice(start, start + CHUNK), cellValues, CELL_TYPES),
      );
    for (let start = 0; start < deletes.length; start += CHUNK)
      await this.query(
        `DELETE FROM report_rollups r USING ${unnest(CELL_TYPES.slice(0, 8))} AS d(${CELL_KEY_COLUMNS.join(', ')}) WHERE ${CELL_KEY_COLUMNS.map((column) => `r.${column} = d.${column}`).join(' AND ')}`,
        columnsOf(deletes.slice(start, start + CHUNK), cellKeyValues, CELL_TYPES.slice(0, 8)),
      );
  }
}
