import { periodOfMonth, type ReportDimension } from '#scheduling';
import { countPairs, sumFlat, unflatten, type Counted, type FlatCounted } from './multiset.js';

/**
 * Which rollups the ledger keeps. A grain is a set of dimensions; each of its cells holds the
 * credited sums and the multisets of entities present for one combination of those dimensions and
 * one period. A report is answered from the smallest grain that has every dimension it groups or
 * filters by, at the coarsest period level that fits, by adding cells and uniting their multisets.
 *
 * Levels: month, term, year, all time. Grains with few cells per month keep months (terms and
 * years of those are unions of months read at query time, plus stored years for speed); the four
 * fine grains (campus or instructor x another dimension) keep terms, years and all time only, and
 * their monthly questions are answered from the ledger lines through their indexes.
 * Zones: Beijing time (0) and UTC (1) for the coarse grains; the fine grains keep Beijing time
 * only (UTC questions on them read the ledger lines). All-time cells do not depend on the zone.
 */
export type Dim = 'Rg' | 'Pv' | 'W' | 'E' | 'D' | 'I';

export const DIM_OF: Record<ReportDimension, Dim> = {
  region: 'Rg',
  province: 'Pv',
  westernInstitution: 'W',
  easternInstitution: 'E',
  discipline: 'D',
  instructor: 'I',
};

export enum Level {
  Month = 1,
  Term = 2,
  Year = 3,
  All = 4,
}

export const ROLLUP_ZONES = ['Asia/Shanghai', 'UTC'] as const;

export function rollupZoneOf(timeZone: string): number | null {
  if (timeZone === 'Asia/Shanghai') return 0;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 1;
  return null;
}

export interface Grain {
  id: number;
  dims: readonly Dim[];
  levels: readonly Level[];
  /** Rollup zones it is kept for (all-time cells are zone 0 whatever the zone). */
  zones: readonly number[];
  /** Where its cells come from when the ledger moves: the lines, or a finer grain kept in the same zone. */
  source: 'lines' | number;
}

const COARSE = [Level.Month, Level.Year, Level.All];
const FINE = [Level.Term, Level.Year, Level.All];

/** Smallest first: the planner takes the first grain that fits. */
const BOTH = [0, 1];
const BEIJING = [0];

export const GRAINS: readonly Grain[] = [
  { id: 1, dims: [], levels: COARSE, zones: BOTH, source: 2 },
  { id: 2, dims: ['Rg'], levels: COARSE, zones: BOTH, source: 3 },
  { id: 3, dims: ['Rg', 'Pv'], levels: COARSE, zones: BOTH, source: 7 },
  { id: 4, dims: ['D'], levels: COARSE, zones: BOTH, source: 8 },
  { id: 5, dims: ['E'], levels: COARSE, zones: BOTH, source: 8 },
  { id: 14, dims: ['Rg', 'D'], levels: COARSE, zones: BOTH, source: 6 },
  { id: 15, dims: ['Rg', 'E'], levels: COARSE, zones: BOTH, source: 9 },
  { id: 6, dims: ['Rg', 'Pv', 'D'], levels: COARSE, zones: BOTH, source: 10 },
  { id: 7, dims: ['Rg', 'Pv', 'W'], levels: COARSE, zones: BOTH, source: 10 },
  { id: 8, dims: ['E', 'D'], levels: COARSE, zones: BOTH, source: 12 },
  { id: 9, dims: ['Rg', 'Pv', 'E'], levels: COARSE, zones: BOTH, source: 11 },
  { id: 10, dims: ['Rg', 'Pv', 'W', 'D'], levels: FINE, zones: BEIJING, source: 'lines' },
  { id: 11, dims: ['Rg', 'Pv', 'W', 'E'], levels: FINE, zones: BEIJING, source: 'lines' },
  // Instructors as the rows of a report (8,000 of them): one cell each, read without uniting multisets.
  { id: 16, dims: ['E', 'I'], levels: FINE, zones: BEIJING, source: 12 },
  { id: 12, dims: ['E', 'I', 'D'], levels: FINE, zones: BEIJING, source: 'lines' },
  { id: 13, dims: ['Rg', 'Pv', 'E', 'I'], levels: FINE, zones: BEIJING, source: 'lines' },
];

const byId = new Map(GRAINS.map((grain) => [grain.id, grain]));
export const grainById = (id: number): Grain => byId.get(id)!;

/** Parents before children. */
const DERIVATION_ORDER = [10, 11, 12, 13, 7, 6, 9, 14, 15, 3, 2, 1, 8, 4, 5, 16].map(grainById);

/** One credit line as the ledger stores it: every dimension a compact key (see ledger_keys). */
export interface LedgerLine {
  seq: number;
  line: number;
  counted: boolean;
  startsMinute: number;
  monthCn: number;
  monthUtc: number;
  campusIndex: number;
  instructorIndex: number;
  region: number;
  province: number;
  westernInstitution: number;
  westernClass: number | null;
  hostTeacher: number | null;
  easternInstitution: number;
  instructor: number;
  discipline: number;
  course: number | null;
  studentsEnrolled: number;
  studentsPresent: number;
  shareBp: number;
  activityUnits: number;
  periodUnits: number;
  participationUnits: number;
}

/** The dimension keys of a line, or of a cell of lines (FinestCell) under the same names. */
type DimKeys = Pick<LedgerLine, 'region' | 'province' | 'westernInstitution' | 'easternInstitution' | 'discipline' | 'instructor'>;

// Each dimension's key by a plain property read: `line[field]` with the field in a variable is a
// keyed lookup V8 cannot specialise, and the fine grains read four keys of every cell.
const DIM_GETTER: Record<Dim, (keys: DimKeys) => number> = {
  Rg: (line) => line.region,
  Pv: (line) => line.province,
  W: (line) => line.westernInstitution,
  E: (line) => line.easternInstitution,
  D: (line) => line.discipline,
  I: (line) => line.instructor,
};

export const dimValue = (line: LedgerLine, dim: Dim): number => DIM_GETTER[dim](line);

/** Entity kinds whose distinct counts a cell keeps, in this order. */
export const ENTITY_KINDS = ['instructors', 'westernTeachers', 'courses', 'westernUniversities'] as const;

/** The change a batch makes to one cell: credited sums and counted entity keys per kind (ENTITY_KINDS order). */
export interface CellSum {
  activityUnits: number;
  periodUnits: number;
  participationUnits: number;
  lines: number;
  entities: Counted[];
}

/**
 * A change as a batch's cells hold it until they are applied or sealed: CellSum with its counted
 * sets in one flat array (see FlatCounted), as a bulk import holds millions of them.
 */
export interface CellPart {
  activityUnits: number;
  periodUnits: number;
  participationUnits: number;
  lines: number;
  entities: FlatCounted;
}

/**
 * The lines of a batch that share both months and every dimension key: the line-sourced grains are
 * regrouped from these, so each line is read once (a pairing teaches about weekly: ~2 lines a cell).
 * Instructor and western university are keys of the cell, so their counts are its net line count;
 * host teachers and courses may differ between its lines, kept as flat [key, net count] pairs.
 */
interface FinestCell extends DimKeys {
  monthCn: number;
  monthUtc: number;
  activityUnits: number;
  periodUnits: number;
  participationUnits: number;
  lines: number;
  hostTeachers: number[];
  courses: number[];
}

/** Adds `count` to `key` in flat [key, count] pairs (a finest cell holds one or a few distinct keys). */
function addToPairs(pairs: number[], key: number, count: number): void {
  for (let index = 0; index < pairs.length; index += 2)
    if (pairs[index] === key) {
      pairs[index + 1] = pairs[index + 1]! + count;
      return;
    }
  pairs.push(key, count);
}

/** Collects finest cells for one cell of a grain; `finish` sums their entity counts once. */
class CellBuilder {
  activityUnits = 0;
  periodUnits = 0;
  participationUnits = 0;
  lines = 0;
  /** Per entity kind (ENTITY_KINDS order): flat [key, count] pairs. */
  readonly pairs: number[][] = [[], [], [], []];

  addCell(cell: FinestCell): void {
    this.activityUnits += cell.activityUnits;
    this.periodUnits += cell.periodUnits;
    this.participationUnits += cell.participationUnits;
    this.lines += cell.lines;
    this.pairs[0]!.push(cell.instructor, cell.lines);
    for (const pair of cell.hostTeachers) this.pairs[1]!.push(pair);
    for (const pair of cell.courses) this.pairs[2]!.push(pair);
    this.pairs[3]!.push(cell.westernInstitution, cell.lines);
  }

  finish(): CellPart {
    return {
      activityUnits: this.activityUnits,
      periodUnits: this.periodUnits,
      participationUnits: this.participationUnits,
      lines: this.lines,
      entities: countPairs(this.pairs),
    };
  }
}

/** Several parts as one (the same object back when there is one). */
function sumParts(parts: readonly CellPart[]): CellPart {
  if (parts.length === 1) return parts[0]!;
  const sum: CellPart = { activityUnits: 0, periodUnits: 0, participationUnits: 0, lines: 0, entities: [] };
  for (const part of parts) {
    sum.activityUnits += part.activityUnits;
    sum.periodUnits += part.periodUnits;
    sum.participationUnits += part.participationUnits;
    sum.lines += part.lines;
  }
  sum.entities = sumFlat(
    parts.map((part) => part.entities),
    ENTITY_KINDS.length,
  );
  return sum;
}

/** A cell's parts as one change. */
export function combineSums(parts: readonly CellPart[]): CellSum {
  const sum = sumParts(parts);
  return {
    activityUnits: sum.activityUnits,
    periodUnits: sum.periodUnits,
    participationUnits: sum.participationUnits,
    lines: sum.lines,
    entities: unflatten(sum.entities, ENTITY_KINDS.length),
  };
}

/** One number for a cell's zone, grain, level and period (a period is below 10^7: yyyymm, a term, a year or 0). */
export const periodKey = (zone: number, grain: number, level: number, period: number): number =>
  ((zone * 64 + grain) * 8 + level) * 1e7 + period;

export const cellId = (zone: number, grain: number, level: number, period: number, keys: readonly number[]): string =>
  `${zone}|${grain}|${level}|${period}|${keys[0]}|${keys[1]}|${keys[2]}|${keys[3]}`;

/**
 * A change to one stored cell: the sum of its parts (month cells of the batch, kept apart so that
 * no multiset is copied until it is merged with the stored one). `keys` are the grain's dimension
 * keys, padded with 0 to four.
 */
export class CellDelta {
  constructor(
    readonly zone: number,
    readonly grain: number,
    readonly level: Level,
    readonly period: number,
    readonly keys: [number, number, number, number],
    readonly parts: CellPart[],
  ) {}

  /** The cell's identity as text, built when asked: a bulk import holds millions of deltas and never asks. */
  get id(): string {
    return cellId(this.zone, this.grain, this.level, this.period, this.keys);
  }
}

/** Cell changes gathered by cell: parts given for the same cell, in one call or many, meet in one delta. */
export class CellChanges {
  readonly deltas: CellDelta[] = [];
  // Per zone, grain, level and period: the deltas by their packed keys.
  private readonly index = new Map<number, Map<number | string, CellDelta>>();

  get size(): number {
    return this.deltas.length;
  }

  add(zone: number, grain: number, level: Level, period: number, keys: readonly number[], widths: readonly number[], sum: CellPart): void {
    const where = periodKey(zone, grain, level, period);
    let cells = this.index.get(where);
    if (!cells) this.index.set(where, (cells = new Map()));
    const packed = packKeys(0, keys, widths);
    const delta = cells.get(packed);
    if (delta) {
      delta.parts.push(sum);
      return;
    }
    const padded: [number, number, number, number] = [keys[0] ?? 0, keys[1] ?? 0, keys[2] ?? 0, keys[3] ?? 0];
    const created = new CellDelta(zone, grain, level, period, padded, [sum]);
    cells.set(packed, created);
    this.deltas.push(created);
  }
}

/** Bits each key may use in a cell's numeric id (more than the program will ever need). */
const KEY_BITS: Record<Dim, number> = { Rg: 3, Pv: 8, W: 13, E: 13, D: 10, I: 15 };
const monthIndex = (month: number): number => (Math.floor(month / 100) - 2000) * 12 + (month % 100);
const previousMonth = (month: number): number => (month % 100 === 1 ? month - 89 : month - 1);

/** A fine grain's cell of lines that share both months (Beijing and UTC). */
interface DualCell {
  monthCn: number;
  monthUtc: number;
  keys: number[];
  sum: CellPart;
}

interface MonthCell {
  month: number;
  keys: number[];
  sum: CellPart;
}

/**
 * A number for `keys` following `start` when every key fits its bits (always, at the program's
 * size), text otherwise: cell identities are built millions of times a batch, and numbers cost no garbage.
 */
function packKeys(start: number | string, keys: readonly number[], widths: readonly number[]): number | string {
  let id = start;
  for (let position = 0; position < keys.length; position++) {
    const value = keys[position]!;
    if (typeof id === 'number' && value < widths[position]!) id = id * widths[position]! + value;
    else id = `${id}|${value}`;
  }
  return id;
}

const packedId = (month: number, keys: readonly number[], widths: readonly number[]): number | string =>
  packKeys(month > 200000 ? monthIndex(month) : `${month}`, keys, widths);

/** Cells of a grain by (month, keys), from the lines or by regrouping finer cells. */
function group<T>(
  items: Iterable<T>,
  widths: readonly number[],
  month: (item: T) => number,
  keys: (item: T) => number[],
  sum: (item: T) => CellPart,
): MonthCell[] {
  const grouped = new Map<number | string, { month: number; keys: number[]; parts: CellPart[] }>();
  for (const item of items) {
    const itemKeys = keys(item);
    const itemMonth = month(item);
    const id = packedId(itemMonth, itemKeys, widths);
    const existing = grouped.get(id);
    if (existing) existing.parts.push(sum(item));
    else grouped.set(id, { month: itemMonth, keys: itemKeys, parts: [sum(item)] });
  }
  const cells: MonthCell[] = [];
  for (const cell of grouped.values()) cells.push({ month: cell.month, keys: cell.keys, sum: sumParts(cell.parts) });
  return cells;
}

const LINE_GRAINS = GRAINS.filter((grain) => grain.source === 'lines');
const WIDTH: Record<Dim, number> = {
  Rg: 2 ** KEY_BITS.Rg,
  Pv: 2 ** KEY_BITS.Pv,
  W: 2 ** KEY_BITS.W,
  E: 2 ** KEY_BITS.E,
  D: 2 ** KEY_BITS.D,
  I: 2 ** KEY_BITS.I,
};
/** How many (months, region, province, western university) of a batch FinestCells numbers: 15 bits, with 38 of keys. */
const OUTER_LIMIT = 2 ** 15;
const INNER_WIDTH = WIDTH.E * WIDTH.I * WIDTH.D;

/** A batch's lines as finest cells (both months and every dimension key the same), a line at a time. */
export class FinestCells {
  readonly list: FinestCell[] = [];
  private readonly cells = new Map<number | string, FinestCell>();
  // Six keys and two months do not fit one exact number (2^53): (months, region, province, western
  // university) are numbered in order of appearance, and that number with (eastern university,
  // instructor, discipline) is the cell's identity. Text when a key passes its bits (never at the
  // program's size) or the UTC month is neither the Beijing month nor the one before.
  private readonly outerIds = new Map<number, number>();

  /** Reads the line's fields only: it may be an object the caller fills again for the next line. */
  add(line: LedgerLine, sign: 1 | -1): void {
    let id: number | string;
    if (
      line.monthCn > 200000 &&
      (line.monthUtc === line.monthCn || line.monthUtc === previousMonth(line.monthCn)) &&
      line.region < WIDTH.Rg &&
      line.province < WIDTH.Pv &&
      line.westernInstitution < WIDTH.W &&
      line.easternInstitution < WIDTH.E &&
      line.instructor < WIDTH.I &&
      line.discipline < WIDTH.D
    ) {
      const months = monthIndex(line.monthCn) * 2 + (line.monthCn === line.monthUtc ? 0 : 1);
      const outer = ((months * WIDTH.Rg + line.region) * WIDTH.Pv + line.province) * WIDTH.W + line.westernInstitution;
      const inner = (line.easternInstitution * WIDTH.I + line.instructor) * WIDTH.D + line.discipline;
      let outerId = this.outerIds.get(outer);
      if (outerId === undefined) this.outerIds.set(outer, (outerId = this.outerIds.size));
      id = outerId < OUTER_LIMIT ? outerId * INNER_WIDTH + inner : `${outer}|${inner}`;
    } else
      id = `${line.monthCn}|${line.monthUtc}|${line.region}|${line.province}|${line.westernInstitution}|${line.easternInstitution}|${line.instructor}|${line.discipline}`;
    let cell = this.cells.get(id);
    if (!cell) {
      cell = {
        monthCn: line.monthCn,
        monthUtc: line.monthUtc,
        region: line.region,
        province: line.province,
        westernInstitution: line.westernInstitution,
        easternInstitution: line.easternInstitution,
        instructor: line.instructor,
        discipline: line.discipline,
        activityUnits: 0,
        periodUnits: 0,
        participationUnits: 0,
        lines: 0,
        hostTeachers: [],
        courses: [],
      };
      this.cells.set(id, cell);
      this.list.push(cell);
    }
    cell.activityUnits += sign * line.activityUnits;
    cell.periodUnits += sign * line.periodUnits;
    cell.participationUnits += sign * line.participationUnits;
    cell.lines += sign;
    if (line.hostTeacher !== null) addToPairs(cell.hostTeachers, line.hostTeacher, sign);
    if (line.course !== null) addToPairs(cell.courses, line.course, sign);
  }
}

/**
 * The rollup cells that move when lines are added (sign 1) or removed (sign -1). The lines are
 * read once, into finest cells; each fine grain's cells are regrouped from those, keyed by both
 * months (Beijing and UTC differ only for lessons near midnight UTC at a month's end), and entity
 * keys are counted there, once. Every other grain, zone and level is derived from those counted
 * cells, never from the lines again.
 */
export function rollupDeltas(changes: readonly { line: LedgerLine; sign: 1 | -1 }[]): CellDelta[] {
  const finest = new FinestCells();
  for (const { line, sign } of changes) finest.add(line, sign);
  const into = new CellChanges();
  rollUpFinest(finest, into);
  return into.deltas;
}

/** The cell changes of the lines in `finest`, into `into` (whose deltas for the same cells gain parts). */
export function rollUpFinest({ list: finest }: FinestCells, into: CellChanges): void {
  // Fine grains from the finest cells, keyed by both months.
  const dual = new Map<number, DualCell[]>();
  for (const grain of LINE_GRAINS) {
    const fields = grain.dims.map((dim) => DIM_GETTER[dim]);
    const widths = grain.dims.map((dim) => WIDTH[dim]);
    const builders = new Map<number | string, { monthCn: number; monthUtc: number; keys: number[]; builder: CellBuilder }>();
    for (let index = 0; index < finest.length; index++) {
      const cell = finest[index]!;
      // A number for the cell when every key fits its bits (always, at the program's size); text otherwise.
      let id: number | string =
        cell.monthCn > 200000 ? monthIndex(cell.monthCn) * 2 + (cell.monthCn === cell.monthUtc ? 0 : 1) : `${cell.monthCn}`;
      for (let position = 0; position < fields.length; position++) {
        const value = fields[position]!(cell);
        if (typeof id === 'number' && value < widths[position]!) id = id * widths[position]! + value;
        else id = `${id}|${value}`;
      }
      if (typeof id === 'number' && cell.monthUtc !== cell.monthCn && cell.monthUtc !== previousMonth(cell.monthCn))
        id = `${id}|${cell.monthUtc}`;
      let entry = builders.get(id);
      if (!entry)
        builders.set(
          id,
          (entry = {
            monthCn: cell.monthCn,
            monthUtc: cell.monthUtc,
            keys: fields.map((field) => field(cell)),
            builder: new CellBuilder(),
          }),
        );
      entry.builder.addCell(cell);
    }
    dual.set(
      grain.id,
      [...builders.values()].map((entry) => ({
        monthCn: entry.monthCn,
        monthUtc: entry.monthUtc,
        keys: entry.keys,
        sum: entry.builder.finish(),
      })),
    );
  }
  // Every grain's month cells, derived from fine cells placed in a month by `monthOf`.
  const derive = (fine: (cell: DualCell) => boolean, monthOf: (cell: DualCell) => number): Map<number, MonthCell[]> => {
    const monthCells = new Map<number, MonthCell[]>();
    for (const grain of DERIVATION_ORDER) {
      const widths = grain.dims.map((dim) => WIDTH[dim]);
      if (grain.source === 'lines') {
        const cells = dual.get(grain.id)!.filter(fine);
        monthCells.set(
          grain.id,
          group(
            cells,
            widths,
            monthOf,
            (cell) => cell.keys,
            (cell) => cell.sum,
          ),
        );
        continue;
      }
      const parent = grainById(grain.source);
      const positions = grain.dims.map((dim) => parent.dims.indexOf(dim));
      monthCells.set(
        grain.id,
        group(
          monthCells.get(parent.id)!,
          widths,
          (cell) => cell.month,
          (cell) => positions.map((position) => cell.keys[position]!),
          (cell) => cell.sum,
        ),
      );
    }
    return monthCells;
  };
  // Most lines fall in the same month on both clocks: their cells are derived once and serve both
  // zones; the few near midnight UTC at a month's end are derived per zone and added as further parts.
  const same = derive(
    (cell) => cell.monthCn === cell.monthUtc,
    (cell) => cell.monthCn,
  );
  const shifted = [
    derive(
      (cell) => cell.monthCn !== cell.monthUtc,
      (cell) => cell.monthCn,
    ),
    derive(
      (cell) => cell.monthCn !== cell.monthUtc,
      (cell) => cell.monthUtc,
    ),
  ];
  for (const zone of [0, 1])
    for (const grain of DERIVATION_ORDER) {
      if (!grain.zones.includes(zone)) continue;
      const widths = grain.dims.map((dim) => WIDTH[dim]);
      for (const cells of [same.get(grain.id)!, shifted[zone]!.get(grain.id)!])
        for (const cell of cells)
          for (const level of grain.levels) {
            if (level === Level.All && zone !== 0) continue;
            const period =
              level === Level.Month
                ? cell.month
                : level === Level.Term
                  ? periodOfMonth('term', cell.month)
                  : level === Level.Year
                    ? periodOfMonth('year', cell.month)
                    : 0;
            into.add(zone, grain.id, level, period, cell.keys, widths, cell.sum);
          }
    }
}
