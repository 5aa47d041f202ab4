import { encodeCounted, mergeEncodedTexts } from './multiset.js';
import { L, LINE_WIDTH, type LineBlock } from './line-block.js';
import { CellChanges, combineSums, FinestCells, rollUpFinest, type CellDelta, type LedgerLine } from './rollup-grains.js';

/** The rollup table's key order: reads and writes in it walk the table's pages once. */
export const byCellKey = (a: CellDelta, b: CellDelta): number =>
  a.zone - b.zone ||
  a.grain - b.grain ||
  a.level - b.level ||
  a.period - b.period ||
  a.keys[0] - b.keys[0] ||
  a.keys[1] - b.keys[1] ||
  a.keys[2] - b.keys[2] ||
  a.keys[3] - b.keys[3];

/** The fields of a block's line the rollups read, in the order a packed line has them. */
const PACKED_FIELDS = [
  L.monthCn,
  L.monthUtc,
  L.region,
  L.province,
  L.westernInstitution,
  L.hostTeacher,
  L.easternInstitution,
  L.instructor,
  L.discipline,
  L.course,
  L.activityUnits,
  L.periodUnits,
  L.participationUnits,
];
/** Numbers per packed line (see packCountedLines). */
const LINE_FIELDS = PACKED_FIELDS.length;

/**
 * The counted lines of a block as one flat array, 13 numbers a line (null keys as -1): what a bulk
 * import hands the rollup thread, moved without copying.
 */
export function packCountedLines(block: LineBlock): Float64Array {
  const v = block.values;
  let counted = 0;
  for (let at = L.counted; at < block.count * LINE_WIDTH; at += LINE_WIDTH) if (v[at] === 1) counted++;
  const packed = new Float64Array(counted * LINE_FIELDS);
  let to = 0;
  for (let at = 0; at < block.count * LINE_WIDTH; at += LINE_WIDTH) {
    if (v[at + L.counted] !== 1) continue;
    for (const field of PACKED_FIELDS) packed[to++] = v[at + field]!;
  }
  return packed;
}

/** Lines in a packed array. */
export const packedLineCount = (packed: Float64Array): number => packed.length / LINE_FIELDS;

const optional = (value: number) => (value < 0 ? null : value);

/** A counted line whose every field is 0 or null, to be filled by `unpackLineInto`. */
const blankLine = (): LedgerLine => ({
  seq: 0,
  line: 0,
  counted: true,
  startsMinute: 0,
  monthCn: 0,
  monthUtc: 0,
  campusIndex: 0,
  instructorIndex: 0,
  region: 0,
  province: 0,
  westernInstitution: 0,
  westernClass: null,
  hostTeacher: null,
  easternInstitution: 0,
  instructor: 0,
  discipline: 0,
  course: null,
  studentsEnrolled: 0,
  studentsPresent: 0,
  shareBp: 0,
  activityUnits: 0,
  periodUnits: 0,
  participationUnits: 0,
});

/** The line of `packCountedLines` at `at` into `line` (one object filled again for each line; the fields the rollups do not read stay 0). */
function unpackLineInto(packed: Float64Array, at: number, line: LedgerLine): void {
  line.monthCn = packed[at]!;
  line.monthUtc = packed[at + 1]!;
  line.region = packed[at + 2]!;
  line.province = packed[at + 3]!;
  line.westernInstitution = packed[at + 4]!;
  line.hostTeacher = optional(packed[at + 5]!);
  line.easternInstitution = packed[at + 6]!;
  line.instructor = packed[at + 7]!;
  line.discipline = packed[at + 8]!;
  line.course = optional(packed[at + 9]!);
  line.activityUnits = packed[at + 10]!;
  line.periodUnits = packed[at + 11]!;
  line.participationUnits = packed[at + 12]!;
}

/** Numbers per encoded cell: zone, grain, level, period, k1-k4, the three unit sums, lines. */
export const CELL_NUMBERS = 12;

/**
 * Cell changes that only add, ready to write in key order: CELL_NUMBERS numbers and four encoded
 * multisets (ENTITY_KINDS order) per cell. Plain arrays, so they cross threads cheaply.
 */
export interface EncodedCells {
  numbers: Float64Array;
  texts: string[];
}

function encodeCells(pending: CellChanges): EncodedCells {
  const deltas = pending.deltas.sort(byCellKey);
  const numbers = new Float64Array(deltas.length * CELL_NUMBERS);
  const texts: string[] = new Array(deltas.length * 4);
  for (let index = 0; index < deltas.length; index++) {
    const delta = deltas[index]!;
    const change = combineSums(delta.parts);
    const at = index * CELL_NUMBERS;
    numbers[at] = delta.zone;
    numbers[at + 1] = delta.grain;
    numbers[at + 2] = delta.level;
    numbers[at + 3] = delta.period;
    numbers[at + 4] = delta.keys[0];
    numbers[at + 5] = delta.keys[1];
    numbers[at + 6] = delta.keys[2];
    numbers[at + 7] = delta.keys[3];
    numbers[at + 8] = change.activityUnits;
    numbers[at + 9] = change.periodUnits;
    numbers[at + 10] = change.participationUnits;
    numbers[at + 11] = change.lines;
    for (let kind = 0; kind < 4; kind++) texts[index * 4 + kind] = encodeCounted(change.entities[kind]!);
  }
  return { numbers, texts };
}

/** Compares the keys (zone, grain, level, period, k1-k4) of cell `a` of `left` and cell `b` of `right`. */
function compareCellKeys(left: Float64Array, a: number, right: Float64Array, b: number): number {
  for (let field = 0; field < 8; field++) {
    const difference = left[a * CELL_NUMBERS + field]! - right[b * CELL_NUMBERS + field]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Chunks as one, in key order, each cell once: a cell in several chunks (a year or all-time cell
 * met again after an encoding) has its changes added up here, on the rollup thread, and not by the
 * write, which on PostgreSQL reads, merges and rewrites such a cell (~24 us each, measured).
 */
export function mergeChunks(chunks: readonly EncodedCells[]): EncodedCells {
  if (chunks.length === 1) return chunks[0]!;
  const total = chunks.reduce((sum, chunk) => sum + chunk.texts.length / 4, 0);
  const numbers = new Float64Array(total * CELL_NUMBERS);
  const texts: string[] = [];
  const next = chunks.map(() => 0);
  let last = -1;
  for (;;) {
    let from = -1;
    for (let chunk = 0; chunk < chunks.length; chunk++)
      if (
        next[chunk]! * 4 < chunks[chunk]!.texts.length &&
        (from < 0 || compareCellKeys(chunks[chunk]!.numbers, next[chunk]!, chunks[from]!.numbers, next[from]!) < 0)
      )
        from = chunk;
    if (from < 0) break;
    const { numbers: source, texts: sourceTexts } = chunks[from]!;
    const cell = next[from]!++;
    if (last >= 0 && compareCellKeys(numbers, last, source, cell) === 0) {
      for (let field = 8; field < CELL_NUMBERS; field++)
        numbers[last * CELL_NUMBERS + field] = numbers[last * CELL_NUMBERS + field]! + source[cell * CELL_NUMBERS + field]!;
      for (let kind = 0; kind < 4; kind++)
        texts[last * 4 + kind] = mergeEncodedTexts(texts[last * 4 + kind]!, sourceTexts[cell * 4 + kind]!);
      continue;
    }
    last++;
    numbers.set(source.subarray(cell * CELL_NUMBERS, (cell + 1) * CELL_NUMBERS), last * CELL_NUMBERS);
    for (let kind = 0; kind < 4; kind++) texts.push(sourceTexts[cell * 4 + kind]!);
  }
  return { numbers: numbers.slice(0, (last + 1) * CELL_NUMBERS), texts };
}

/**
 * Cells held in memory before they are encoded: bounds the memory of a long roll-up (~1 KB a held
 * cell). Lines in time order touch a month's or a term's cells in one or two reads, so between
 * encodings only the year and all-time cells come back.
 */
export const CELLS_PER_CHUNK = 1_000_000;

/**
 * Rolls up counted lines that are added (never removed): the cell changes of many calls are held
 * together and each cell's parts summed once, when it is encoded. Used by the catch-up in its
 * transaction, and by a bulk import on a worker thread while its batches are written.
 */
export class RollupAccumulator {
  private pending = new CellChanges();
  private ready: EncodedCells[] = [];

  constructor(private readonly cellsPerChunk = CELLS_PER_CHUNK) {}

  add(lines: readonly LedgerLine[]): void {
    const finest = new FinestCells();
    for (const line of lines) finest.add(line, 1);
    this.rollUp(finest);
  }

  /**
   * `add` for the lines of `packCountedLines`, read through one object filled again per line: a batch of
   * line objects lives as long as its roll-up, and the GC would copy it all (a bulk import's thread).
   */
  addPacked(packed: Float64Array): void {
    const finest = new FinestCells();
    const line = blankLine();
    for (let at = 0; at < packed.length; at += LINE_FIELDS) {
      unpackLineInto(packed, at, line);
      finest.add(line, 1);
    }
    this.rollUp(finest);
  }

  private rollUp(finest: FinestCells): void {
    rollUpFinest(finest, this.pending);
    if (this.pending.size >= this.cellsPerChunk) this.encodePending();
  }

  /** Chunks encoded since the last `take` (a cell may appear in several: the writer adds them up). */
  take(): EncodedCells[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /** Everything added since the last `seal`, encoded, each cell once (none: no chunk). */
  seal(): EncodedCells[] {
    this.encodePending();
    const chunks = this.take();
    return chunks.length > 1 ? [mergeChunks(chunks)] : chunks;
  }

  /** Forgets everything held. */
  reset(): void {
    this.pending = new CellChanges();
    this.ready = [];
  }

  private encodePending(): void {
    if (this.pending.size === 0) return;
    this.ready.push(encodeCells(this.pending));
    this.pending = new CellChanges();
  }
}
