import type { ApiClient } from '../../api/client.js';

export interface Measures {
  activities: number;
  teachingPeriods: number;
  participations: number;
  instructors: number;
  westernTeachers: number;
  courses: number;
  westernUniversities: number;
}

export interface GroupValue {
  value: string | number;
  label: string;
  labelZh: string;
}

export interface TeachingReport {
  groupBy: string[];
  rows: { group: Record<string, GroupValue>; measures: Measures }[];
  total: Measures;
  timeZone: string;
}

export interface ReportFilters {
  /** `2026-09` */
  periodFrom?: string;
  periodTo?: string;
  region?: string;
  province?: string;
  discipline?: string;
}

const PATH = '/reports/teaching-activities';

const query = (groupBy: string[], filters: ReportFilters) => ({ groupBy: groupBy.join(','), timeZone: 'Asia/Shanghai', ...filters });

/** The teaching report grouped by one dimension or period level (`province`, `month`, `discipline`), or the total alone. */
export const loadReport = (api: ApiClient, groupBy: string[], filters: ReportFilters) =>
  api.get<TeachingReport>(PATH, query(groupBy, filters));

/** The same report as a file the API makes (CSV or XLSX), to save. */
export const exportReport = (api: ApiClient, format: 'csv' | 'xlsx', lang: 'zh' | 'en', groupBy: string[], filters: ReportFilters) =>
  api.get<Blob>(
    `${PATH}/export`,
    { ...query(groupBy, filters), format, lang },
    { as: 'blob', accept: format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  );
