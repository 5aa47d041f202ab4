import type { LedgerLine } from './rollup-grains.js';

/**
 * Ledger lines as one flat array, `LINE_WIDTH` numbers a line in the table's column order (see
 * LINE_COLUMNS), null keys as -1, `counted` as 1 or 0. A bulk append writes a batch's lines this way:
 * no object per line (a batch has hundreds of thousands) for the inserts and the rollup thread.
 */
export interface LineBlock {
  values: Float64Array;
  count: number;
}

/**
 * Where each field sits in a line of a block: the table's column order (LINE_COLUMNS). A literal, so
 * the hot loops read constants.
 */
export const L = {
  seq: 0,
  line: 1,
  counted: 2,
  startsMinute: 3,
  monthCn: 4,
  monthUtc: 5,
  campusIndex: 6,
  instructorIndex: 7,
  region: 8,
  province: 9,
  westernInstitution: 10,
  westernClass: 11,
  hostTeacher: 12,
  easternInstitution: 13,
  instructor: 14,
  discipline: 15,
  course: 16,
  studentsEnrolled: 17,
  studentsPresent: 18,
  shareBp: 19,
  activityUnits: 20,
  periodUnits: 21,
  participationUnits: 22,
} as const satisfies Record<keyof LedgerLine, number>;

/** The fields in order (a field's position is its offset in a line). */
const FIELDS = Object.keys(L) as (keyof typeof L)[];

export const LINE_WIDTH = FIELDS.length;

/** The fields that may be null (-1 in a block). */
export const NULLABLE_LINE_FIELDS: ReadonlySet<number> = new Set([L.westernClass, L.hostTeacher, L.course]);

/** The block's lines as objects: for the few lines of a recorded session, never a bulk batch. */
export function linesOfBlock(block: LineBlock): LedgerLine[] {
  const lines: LedgerLine[] = [];
  for (let at = 0; at < block.count * LINE_WIDTH; at += LINE_WIDTH) {
    const line: Record<string, number | boolean | null> = {};
    FIELDS.forEach((field, index) => {
      const value = block.values[at + index]!;
      line[field] = index === L.counted ? value === 1 : NULLABLE_LINE_FIELDS.has(index) && value < 0 ? null : value;
    });
    lines.push(line as unknown as LedgerLine);
  }
  return lines;
}

/** Lines as a block: for tests that make lines by hand. */
export function blockOfLines(lines: readonly LedgerLine[]): LineBlock {
  const values = new Float64Array(lines.length * LINE_WIDTH);
  lines.forEach((line, lineIndex) =>
    FIELDS.forEach((field, index) => {
      const value = line[field];
      values[lineIndex * LINE_WIDTH + index] = typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? -1);
    }),
  );
  return { values, count: lines.length };
}
