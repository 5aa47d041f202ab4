import { periodOfMonth, type ReportDimension } from '#scheduling';
import { addTo, mergeInto, type Multiset } from './multiset.js';

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
 * Zones: Beijing time (0) and UTC (1); all-time cells do not depend on the zone (stored as 0).
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
  /** Where its cells come from when the ledger moves: the lines themselves, or a finer grain. */
  source: 'lines' | number;
}

const COARSE = [Level.Month, Level.Year, Level.All];
const FINE = [Level.Term, Level.Year, Level.All];

/** Smallest first: the planner takes the first grain that fits. */
export const GRAINS: readonly Grain[] = [
  { id: 1, dims: [], levels: COARSE, source: 2 },
  { id: 2, dims: ['Rg'], levels: COARSE, source: 3 },
  { id: 3, dims: ['Rg', 'Pv'], levels: COARSE, source: 7 },
  { id: 4, dims: ['D'], levels: COARSE, source: 8 },
  { id: 5, dims: ['E'], levels: COARSE, source: 8 },
  { id: 6, dims: ['Rg', 'Pv', 'D'], levels: COARSE, source: 10 },
  { id: 7, dims: ['Rg', 'Pv', 'W'], levels: COARSE, source: 10 },
  { id: 8, dims: ['E', 'D'], levels: COARSE, source: 12 },
  { id: 9, dims: ['Rg', 'Pv', 'E'], levels: COARSE, source: 11 },
  { id: 10, dims: ['Rg', 'Pv', 'W', 'D'], levels: FINE, source: 'lines' },
  { id: 11, dims: ['Rg', 'Pv', 'W', 'E'], levels: FINE, source: 'lines' },
  { id: 12, dims: ['E', 'I', 'D'], levels: FINE, source: 'lines' },
  { id: 13, dims: ['Rg', 'Pv', 'E', 'I'], levels: FINE, source: 'lines' },
];

const byId = new Map(GRAINS.map((grain) => [grain.id, grain]));
export const grainById = (id: number): Grain => byId.get(id)!;

/** Parents before children. */
const DERIVATION_ORDER = [10, 11, 12, 13, 7, 6, 9, 3, 2, 1, 8, 4, 5].map(grainById);

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

const DIM_FIELD: Record<Dim, 'region' | 'province' | 'westernInstitution' | 'easternInstitution' | 'discipline' | 'instructor'> = {
  Rg: 'region',
  Pv: 'province',
  W: 'westernInstitution',
  E: 'easternInstitution',
  D: 'discipline',
  I: 'instructor',
};

export const dimValue = (line: LedgerLine, dim: Dim): number => line[DIM_FIELD[dim]];

/** The measures of a cell (or of a change to one). */
export class CellSum {
  activityUnits = 0;
  periodUnits = 0;
  participationUnits = 0;
  lines = 0;
  readonly instructors: Multiset = new Map();
  readonly westernTeachers: Multiset = new Map();
  readonly courses: Multiset = new Map();
  readonly westernUniversities: Multiset = new Map();

  addLine(line: LedgerLine, sign: 1 | -1): void {
    this.activityUnits += sign * line.activityUnits;
    this.periodUnits += sign * line.periodUnits;
    this.participationUnits += sign * line.participationUnits;
    this.lines += sign;
    addTo(this.instructors, line.instructor, sign);
    if (line.hostTeacher !== null) addTo(this.westernTeachers, line.hostTeacher, sign);
    if (line.course !== null) addTo(this.courses, line.course, sign);
    addTo(this.westernUniversities, line.westernInstitution, sign);
  }

  addCell(other: CellSum): void {
    this.activityUnits += other.activityUnits;
    this.periodUnits += other.periodUnits;
    this.participationUnits += other.participationUnits;
    this.lines += other.lines;
    mergeInto(this.instructors, other.instructors);
    mergeInto(this.westernTeachers, other.westernTeachers);
    mergeInto(this.courses, other.courses);
    mergeInto(this.westernUniversities, other.westernUniversities);
  }
}

/** A change to one stored cell. `keys` are the grain's dimension keys, padded with 0 to four. */
export interface CellDelta {
  zone: number;
  grain: number;
  level: Level;
  period: number;
  keys: [number, number, number, number];
  sum: CellSum;
}

export const cellId = (zone: number, grain: number, level: number, period: number, keys: readonly number[]): string =>
  `${zone}|${grain}|${level}|${period}|${keys[0]}|${keys[1]}|${keys[2]}|${keys[3]}`;

interface MonthCell {
  month: number;
  keys: number[];
  sum: CellSum;
}

/**
 * The rollup cells that move when lines are added (sign 1) or removed (sign -1), summed per cell.
 * Lines are aggregated once per zone into the fine grains by month; every coarser grain and level
 * is then derived from those cells, never from the lines again, so the cost per line stays small.
 */
export function rollupDeltas(changes: readonly { line: LedgerLine; sign: 1 | -1 }[]): CellDelta[] {
  const deltas = new Map<string, CellDelta>();
  const add = (zone: number, grain: Grain, level: Level, period: number, keys: number[], sum: CellSum) => {
    const padded: [number, number, number, number] = [keys[0] ?? 0, keys[1] ?? 0, keys[2] ?? 0, keys[3] ?? 0];
    const id = cellId(zone, grain.id, level, period, padded);
    let delta = deltas.get(id);
    if (!delta) {
      delta = { zone, grain: grain.id, level, period, keys: padded, sum: new CellSum() };
      deltas.set(id, delta);
    }
    delta.sum.addCell(sum);
  };
  for (const zone of [0, 1]) {
    const monthCells = new Map<number, Map<string, MonthCell>>();
    for (const grain of DERIVATION_ORDER) {
      const cells = new Map<string, MonthCell>();
      if (grain.source === 'lines') {
        for (const { line, sign } of changes) {
          const month = zone === 0 ? line.monthCn : line.monthUtc;
          const keys = grain.dims.map((dim) => dimValue(line, dim));
          const id = `${month}|${keys.join('|')}`;
          let cell = cells.get(id);
          if (!cell) cells.set(id, (cell = { month, keys, sum: new CellSum() }));
          cell.sum.addLine(line, sign);
        }
      } else {
        const parent = grainById(grain.source);
        const positions = grain.dims.map((dim) => parent.dims.indexOf(dim));
        for (const child of monthCells.get(parent.id)!.values()) {
          const keys = positions.map((position) => child.keys[position]!);
          const id = `${child.month}|${keys.join('|')}`;
          let cell = cells.get(id);
          if (!cell) cells.set(id, (cell = { month: child.month, keys, sum: new CellSum() }));
          cell.sum.addCell(child.sum);
        }
      }
      monthCells.set(grain.id, cells);
      for (const cell of cells.values())
        for (const level of grain.levels) {
          if (level === Level.All && zone !== 0) continue;
          const period = level === Level.Month ? cell.month : level === Level.Term ? periodOfMonth('term', cell.month) : level === Level.Year ? periodOfMonth('year', cell.month) : 0;
          add(zone, grain, level, period, cell.keys, cell.sum);
        }
    }
  }
  return [...deltas.values()];
}
