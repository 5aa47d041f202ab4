import { describe, expect, it } from '@jest/globals';
import type { ReportMeasures, TeachingReport } from '#scheduling';
import { reportCsv } from './report-export.js';

const measures = (activities: number): ReportMeasures => ({
  activities,
  teachingPeriods: activities * 2,
  participations: activities * 30,
  instructors: 1,
  westernTeachers: 1,
  courses: 1,
  westernUniversities: 1,
});

const byInstructor = (names: string[]): TeachingReport => ({
  groupBy: ['instructor'],
  filters: {},
  period: null,
  timeZone: 'Asia/Shanghai',
  source: 'rollup',
  rows: names.map((name, index) => ({
    group: { instructor: { value: `id-${index}`, label: name, labelZh: name } },
    measures: measures(index + 1),
  })),
  total: measures(names.length),
});

describe('reportCsv', () => {
  it('lists a Chinese export by pinyin, an English one by the English names', () => {
    const place = (value: string, label: string, labelZh: string) => ({ value, label, labelZh });
    const report: TeachingReport = {
      ...byInstructor([]),
      groupBy: ['province'],
      rows: [
        { group: { province: place('Hong Kong', 'Hong Kong', '香港') }, measures: measures(1) },
        { group: { province: place('Tibet', 'Tibet', '西藏') }, measures: measures(2) },
      ],
    };
    const firstColumn = (csv: string) =>
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1, 3)
        .map((line) => line.split(',')[0]);
    // Xīzàng before Xiānggǎng; Hong Kong before Tibet.
    expect(firstColumn(reportCsv(report, 'zh'))).toEqual(['西藏', '香港']);
    expect(firstColumn(reportCsv(report, 'en'))).toEqual(['Hong Kong', 'Tibet']);
  });

  it('keeps a name a spreadsheet would run as a formula as text, and quotes what must be quoted', () => {
    const lines = reportCsv(byInstructor(['=1+2, "Smith"', '@SUM(A1:A9)', '-2+3', 'Li Wei', '王芳']), 'en')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.slice(1, 6)).toEqual([
      `"'=1+2, ""Smith""",1,2,30,1,1,1,1`,
      `'@SUM(A1:A9),2,4,60,1,1,1,1`,
      `'-2+3,3,6,90,1,1,1,1`,
      'Li Wei,4,8,120,1,1,1,1',
      '王芳,5,10,150,1,1,1,1',
    ]);
    expect(lines[6]).toBe('Total,5,10,150,1,1,1,1');
  });
});
