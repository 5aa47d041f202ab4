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

export const LINE_WIDTH = 23;

/** Where each field sits in a line of a block. */
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
} as const;

/** The fields that may be null (-1 in a block). */
export const NULLABLE_LINE_FIELDS: ReadonlySet<number> = new Set([L.westernClass, L.hostTeacher, L.course]);

const orNull = (value: number): number | null => (value < 0 ? null : value);

/** The block's lines as objects: for the few lines of a recorded session, never a bulk batch. */
export function linesOfBlock(block: LineBlock): LedgerLine[] {
  const v = block.values;
  const lines: LedgerLine[] = [];
  for (let at = 0; at < block.count * LINE_WIDTH; at += LINE_WIDTH)
    lines.push({
      seq: v[at + L.seq]!,
      line: v[at + L.line]!,
      counted: v[at + L.counted] === 1,
      startsMinute: v[at + L.startsMinute]!,
      monthCn: v[at + L.monthCn]!,
      monthUtc: v[at + L.monthUtc]!,
      campusIndex: v[at + L.campusIndex]!,
      instructorIndex: v[at + L.instructorIndex]!,
      region: v[at + L.region]!,
      province: v[at + L.province]!,
      westernInstitution: v[at + L.westernInstitution]!,
      westernClass: orNull(v[at + L.westernClass]!),
      hostTeacher: orNull(v[at + L.hostTeacher]!),
      easternInstitution: v[at + L.easternInstitution]!,
      instructor: v[at + L.instructor]!,
      discipline: v[at + L.discipline]!,
      course: orNull(v[at + L.course]!),
      studentsEnrolled: v[at + L.studentsEnrolled]!,
      studentsPresent: v[at + L.studentsPresent]!,
      shareBp: v[at + L.shareBp]!,
      activityUnits: v[at + L.activityUnits]!,
      periodUnits: v[at + L.periodUnits]!,
      participationUnits: v[at + L.participationUnits]!,
    });
  return lines;
}

/** Lines as a block: for tests that make lines by hand. */
export function blockOfLines(lines: readonly LedgerLine[]): LineBlock {
  const values = new Float64Array(lines.length * LINE_WIDTH);
  lines.forEach((line, index) => {
    const at = index * LINE_WIDTH;
    values[at + L.seq] = line.seq;
    values[at + L.line] = line.line;
    values[at + L.counted] = line.counted ? 1 : 0;
    values[at + L.startsMinute] = line.startsMinute;
    values[at + L.monthCn] = line.monthCn;
    values[at + L.monthUtc] = line.monthUtc;
    values[at + L.campusIndex] = line.campusIndex;
    values[at + L.instructorIndex] = line.instructorIndex;
    values[at + L.region] = line.region;
    values[at + L.province] = line.province;
    values[at + L.westernInstitution] = line.westernInstitution;
    values[at + L.westernClass] = line.westernClass ?? -1;
    values[at + L.hostTeacher] = line.hostTeacher ?? -1;
    values[at + L.easternInstitution] = line.easternInstitution;
    values[at + L.instructor] = line.instructor;
    values[at + L.discipline] = line.discipline;
    values[at + L.course] = line.course ?? -1;
    values[at + L.studentsEnrolled] = line.studentsEnrolled;
    values[at + L.studentsPresent] = line.studentsPresent;
    values[at + L.shareBp] = line.shareBp;
    values[at + L.activityUnits] = line.activityUnits;
    values[at + L.periodUnits] = line.periodUnits;
    values[at + L.participationUnits] = line.participationUnits;
  });
  return { values, count: lines.length };
}
