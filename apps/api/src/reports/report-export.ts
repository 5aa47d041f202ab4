import ExcelJS from 'exceljs';
import { csvField, sortedByLabel, type ReportGrouping, type TeachingReport } from '#scheduling';

type Lang = 'zh' | 'en';

const GROUP_HEADERS: Record<ReportGrouping, Record<Lang, string>> = {
  region: { zh: '区域', en: 'Region' },
  province: { zh: '省份', en: 'Province' },
  westernInstitution: { zh: '西部高校', en: 'Western university' },
  easternInstitution: { zh: '东部高校', en: 'Eastern university' },
  discipline: { zh: '学科', en: 'Discipline' },
  instructor: { zh: '授课教师', en: 'Instructor' },
  month: { zh: '月份', en: 'Month' },
  term: { zh: '学期', en: 'Term' },
  year: { zh: '年度', en: 'Year' },
};

const MEASURES = [
  ['activities', { zh: '联合教学活动数', en: 'Joint teaching activities' }],
  ['teachingPeriods', { zh: '学时', en: 'Teaching hours (45-min periods)' }],
  ['participations', { zh: '学生参与人次', en: 'Student participations' }],
  ['instructors', { zh: '东部教师人数', en: 'Eastern instructors' }],
  ['westernTeachers', { zh: '西部教师人数', en: 'Western teachers' }],
  ['courses', { zh: '课程数', en: 'Courses' }],
  ['westernUniversities', { zh: '西部高校数', en: 'Western universities' }],
] as const;

const TOTAL = { zh: '合计', en: 'Total' };

/** The report as a table: one row per group, then the total (distinct counts over the whole selection). */
function table(report: TeachingReport, lang: Lang): (string | number)[][] {
  const header = [...report.groupBy.map((g) => GROUP_HEADERS[g][lang]), ...MEASURES.map(([, label]) => label[lang])];
  const rows = (lang === 'en' ? report.rows : sortedByLabel(report.rows, report.groupBy, lang)).map((row) => [
    ...report.groupBy.map((g) => {
      const value = row.group[g];
      return value ? (lang === 'zh' ? value.labelZh : value.label) : '';
    }),
    ...MEASURES.map(([key]) => row.measures[key]),
  ]);
  const total = [...report.groupBy.map((_, i) => (i === 0 ? TOTAL[lang] : '')), ...MEASURES.map(([key]) => report.total[key])];
  return [header, ...rows, total];
}

/** RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs read the Chinese headers right. */
export function reportCsv(report: TeachingReport, lang: Lang): string {
  return `\uFEFF${table(report, lang)
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}

export async function reportXlsx(report: TeachingReport, lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(lang === 'zh' ? '联合教学统计' : 'Joint teaching');
  const rows = table(report, lang);
  rows.forEach((row) => sheet.addRow(row));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(rows.length).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
