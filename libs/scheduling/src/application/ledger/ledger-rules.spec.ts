import { describe, expect, it } from '@jest/globals';
import { parseCsv, parseCsvChunks } from './csv.js';
import { monthKeyFunction, monthsOf, monthStartMillis, parsePeriod, periodLabel, termOfMonth } from './report-period.js';
import { creditLines, percentToBasisPoints, splitEvenly, teachingPeriodsFor } from './teaching-activity.js';

const campus = (studentsPresent: number) => ({
  westernClassId: null,
  westernInstitutionId: 'w',
  region: 'west' as const,
  province: 'Xinjiang',
  hostTeacherId: null,
  studentsEnrolled: studentsPresent,
  studentsPresent,
});

describe('teaching credit', () => {
  it.each([
    [40, 1],
    [45, 1],
    [90, 2],
    [95, 2],
    [120, 3],
    [145, 3],
    [10, 1],
  ])('%i minutes are %i 学时', (minutes, periods) => {
    expect(teachingPeriodsFor(minutes)).toBe(periods);
  });

  it('splits a co-taught lesson: each instructor their share, spread over the campuses, adding up to one activity', () => {
    const lines = creditLines({
      teachingPeriods: 2,
      instructors: [
        { instructorId: 'li', easternInstitutionId: 'e', shareBasisPoints: 6000 },
        { instructorId: 'wang', easternInstitutionId: 'e', shareBasisPoints: 4000 },
      ],
      campuses: [campus(40), campus(20), campus(9)],
    });
    expect(lines.map((l) => [l.instructor.instructorId, l.campus.studentsPresent, l.activityUnits, l.participationUnits])).toEqual([
      ['li', 40, 2000, 240000],
      ['wang', 40, 1334, 160000],
      ['li', 20, 2000, 120000],
      ['wang', 20, 1333, 80000],
      ['li', 9, 2000, 54000],
      ['wang', 9, 1333, 36000],
    ]);
    expect(lines.reduce((sum, l) => sum + l.activityUnits, 0)).toBe(10_000);
    expect(lines.reduce((sum, l) => sum + l.periodUnits, 0)).toBe(20_000);
    expect(lines.reduce((sum, l) => sum + l.participationUnits, 0)).toBe(69 * 10_000);
  });

  it('splits evenly to the unit and reads percent shares', () => {
    expect(splitEvenly(10_000, 3)).toEqual([3334, 3333, 3333]);
    expect([
      percentToBasisPoints('60'),
      percentToBasisPoints('33.33'),
      percentToBasisPoints('0'),
      percentToBasisPoints('101'),
      percentToBasisPoints('6O'),
    ]).toEqual([6000, 3333, null, null, null]);
  });
});

describe('report periods', () => {
  const beijing = monthKeyFunction('Asia/Shanghai');
  const utc = monthKeyFunction('UTC');
  const urumqi = monthKeyFunction('Asia/Urumqi');
  it.each([
    ['2025-03-31T15:59:00Z', 202503, 202503, 202503],
    ['2025-03-31T16:00:00Z', 202504, 202503, 202503],
    ['2025-03-31T17:59:00Z', 202504, 202503, 202503],
    ['2025-03-31T18:00:00Z', 202504, 202503, 202504],
    ['2025-03-31T23:30:00Z', 202504, 202503, 202504],
    ['2024-12-31T16:00:00Z', 202501, 202412, 202412],
  ])('%s is month %i in Beijing, %i in UTC, %i in Xinjiang time', (instant, inBeijing, inUtc, inUrumqi) => {
    const millis = Date.parse(instant);
    expect([beijing(millis), utc(millis), urumqi(millis)]).toEqual([inBeijing, inUtc, inUrumqi]);
  });

  it.each([
    [202408, 20241, '2024-2025-1'],
    [202501, 20241, '2024-2025-1'],
    [202502, 20242, '2024-2025-2'],
    [202507, 20242, '2024-2025-2'],
  ])('month %i is in term %i (%s)', (month, term, label) => {
    expect(termOfMonth(month)).toBe(term);
    expect(periodLabel('term', term)).toBe(label);
  });

  it('reads period labels and knows their months and their first instant on a wall clock', () => {
    expect([
      parsePeriod('2025-04'),
      parsePeriod('2024-2025-1'),
      parsePeriod('2024'),
      parsePeriod('2024-2026-1'),
      parsePeriod('2025-13'),
    ]).toEqual([{ level: 'month', key: 202504 }, { level: 'term', key: 20241 }, { level: 'year', key: 2024 }, null, null]);
    expect([monthsOf('term', 20241), monthsOf('term', 20242), monthsOf('year', 2024)]).toEqual([
      [202408, 202501],
      [202502, 202507],
      [202401, 202412],
    ]);
    expect(new Date(monthStartMillis(202504, 'Asia/Shanghai')).toISOString()).toBe('2025-03-31T16:00:00.000Z');
    expect(new Date(monthStartMillis(202504, 'Europe/London')).toISOString()).toBe('2025-03-31T23:00:00.000Z');
  });
});

describe('CSV', () => {
  const read = async (text: string) => {
    const records = [];
    for await (const record of parseCsv(text)) records.push(record);
    return records;
  };
  it('reads quoted fields, escaped quotes, line breaks inside quotes, CRLF and a BOM, with the line each record starts on', async () => {
    await expect(read('\uFEFFa,b\r\n1,"x, ""y"""\r\n\r\n2,"two\nlines"\n3,\n')).resolves.toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x, "y"'] },
      { line: 4, fields: ['2', 'two\nlines'] },
      { line: 6, fields: ['3', ''] },
    ]);
  });

  it('gives the records of one big string in bounded groups, in order', async () => {
    const text = Array.from({ length: 25_001 }, (_, index) => `r${index},${index}`).join('\n');
    const groups: number[] = [];
    const records = [];
    for await (const group of parseCsvChunks(text)) {
      groups.push(group.length);
      records.push(...group);
    }
    expect(groups).toEqual([10_000, 10_000, 5_000, 1]);
    expect(records).toEqual(await read(text));
    expect(records[25_000]).toEqual({ line: 25_001, fields: ['r25000', '25000'] });
  });

  it('streams chunks split anywhere, even inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('名称,数\n兰州大学,"2,0"\n');
    const chunks = [bytes.slice(0, 2), bytes.slice(2, 13), bytes.slice(13)];
    const records = [];
    for await (const record of parseCsv(chunks)) records.push(record);
    expect(records).toEqual([
      { line: 1, fields: ['名称', '数'] },
      { line: 2, fields: ['兰州大学', '2,0'] },
    ]);
  });
});
