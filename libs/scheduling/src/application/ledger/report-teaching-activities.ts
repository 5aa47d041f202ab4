import { isValidTimeZone } from '../../domain/time-zone.js';
import type { Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import {
  REPORT_DIMENSIONS,
  type ReportDimension,
  type ReportGrouping,
  type ReportMeasures,
  type ReportQuery,
  type TeachingReports,
} from '../ports/ledger.js';
import {
  DEFAULT_REPORT_TIME_ZONE,
  monthsBetween,
  monthsOf,
  parsePeriod,
  PERIOD_LEVELS,
  periodLabel,
  type PeriodLevel,
} from './report-period.js';
import { DISCIPLINE_NAMES, PROVINCE_NAMES, REGION_NAMES, type PlaceName } from './report-labels.js';

export interface TeachingReportRequest {
  actor: Actor;
  /** One or two of the dimensions and period levels (`month`, `term`, `year`); empty for the total. */
  groupBy: ReportGrouping[];
  filters?: Partial<Record<ReportDimension, string>>;
  /** `2024-04`, `2024-2025-1` or `2024`; `to` (same kind) makes a range, inclusive. */
  periodFrom?: string;
  periodTo?: string;
  /** Whose wall clock decides periods; Beijing time by default. */
  timeZone?: string;
}

/** A grouping's value in a row: the key, and its name for people (institution and instructor names, period labels). */
export interface ReportGroupValue {
  value: string | number;
  label: string;
  labelZh: string;
}

export interface TeachingReport {
  groupBy: ReportGrouping[];
  filters: Partial<Record<ReportDimension, string>>;
  period: { from: string; to: string } | null;
  timeZone: string;
  source: 'rollup' | 'ledger';
  rows: { group: Partial<Record<ReportGrouping, ReportGroupValue>>; measures: ReportMeasures }[];
  total: ReportMeasures;
}

export interface GrowthPoint {
  month: string;
  measures: ReportMeasures;
  /** Everything from the first month of the series up to this one; distinct counts over that span. */
  cumulative: ReportMeasures;
}

export const ZERO_MEASURES: ReportMeasures = Object.freeze({
  activities: 0,
  teachingPeriods: 0,
  participations: 0,
  instructors: 0,
  westernTeachers: 0,
  courses: 0,
  westernUniversities: 0,
});

const isPeriodLevel = (grouping: string): grouping is PeriodLevel => (PERIOD_LEVELS as readonly string[]).includes(grouping);

/**
 * The ministry's questions: activities, 学时, participations and distinct people, courses and
 * universities, grouped by one or two dimensions, filtered, over a period on a chosen wall clock.
 */
export class ReportTeachingActivities {
  constructor(private readonly reports: TeachingReports) {}

  async execute(request: TeachingReportRequest): Promise<TeachingReport> {
    const query = this.toQuery(request);
    const result = await this.reports.run(query);
    const labels = await this.labels(result.rows.map((row) => row.group));
    return {
      groupBy: [...query.groupBy],
      filters: query.filters,
      period: request.periodFrom ? { from: request.periodFrom, to: request.periodTo ?? request.periodFrom } : null,
      timeZone: query.timeZone,
      source: result.source,
      rows: sortedByLabel(
        result.rows.map((row) => ({
          group: Object.fromEntries(
            Object.entries(row.group).map(([grouping, value]) => [grouping, labels(grouping as ReportGrouping, value!)]),
          ) as TeachingReport['rows'][number]['group'],
          measures: row.measures,
        })),
        query.groupBy,
        'en',
      ),
      total: result.total,
    };
  }

  /** Month by month with running totals: how the program grew. Months without activity show zeros. */
  async growth(request: Omit<TeachingReportRequest, 'groupBy'>): Promise<GrowthPoint[]> {
    const query = this.toQuery({ ...request, groupBy: ['month'] });
    const [monthly, cumulative] = await Promise.all([this.reports.run(query), this.reports.cumulativeByMonth(query)]);
    const byMonth = new Map(monthly.rows.map((row) => [Number(row.group.month), row.measures]));
    const runningByMonth = new Map(cumulative.map((point) => [point.month, point.measures]));
    const present = [...byMonth.keys()].sort((a, b) => a - b);
    const from = query.months?.from ?? present[0];
    const to = query.months?.to ?? present[present.length - 1];
    if (from === undefined || to === undefined) return [];
    let running: ReportMeasures = ZERO_MEASURES;
    return monthsBetween(from, to).map((month) => {
      running = runningByMonth.get(month) ?? running;
      return { month: periodLabel('month', month), measures: byMonth.get(month) ?? ZERO_MEASURES, cumulative: running };
    });
  }

  private toQuery(request: TeachingReportRequest): ReportQuery {
    if (!['system', 'admin', 'program_coordinator', 'analyst'].includes(request.actor.role))
      throw ApplicationError.forbidden('Reports are for program staff (analysts and program coordinators).');
    const groupBy = request.groupBy;
    if (groupBy.length > 2) throw ApplicationError.invalidInput('groupBy', 'group by at most two dimensions');
    if (new Set(groupBy).size !== groupBy.length) throw ApplicationError.invalidInput('groupBy', 'names a dimension twice');
    if (groupBy.filter(isPeriodLevel).length > 1)
      throw ApplicationError.invalidInput('groupBy', 'group by at most one of month, term and year');
    for (const grouping of groupBy)
      if (!isPeriodLevel(grouping) && !REPORT_DIMENSIONS.includes(grouping))
        throw ApplicationError.invalidInput(
          'groupBy',
          `"${grouping}" is not one of ${[...REPORT_DIMENSIONS, ...PERIOD_LEVELS].join(', ')}`,
        );
    const timeZone = request.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
    if (!isValidTimeZone(timeZone))
      throw ApplicationError.invalidInput('timeZone', 'must be an IANA time zone such as Asia/Shanghai or UTC');
    const filters = Object.fromEntries(
      Object.entries(request.filters ?? {}).filter(([, value]) => value !== undefined && value !== ''),
    ) as ReportQuery['filters'];
    return { groupBy, filters, months: monthRange(request.periodFrom, request.periodTo), timeZone };
  }

  private async labels(groups: Partial<Record<ReportGrouping, string | number>>[]) {
    const institutionIds = new Set<string>();
    const instructorIds = new Set<string>();
    for (const group of groups) {
      if (group.westernInstitution !== undefined) institutionIds.add(String(group.westernInstitution));
      if (group.easternInstitution !== undefined) institutionIds.add(String(group.easternInstitution));
      if (group.instructor !== undefined) instructorIds.add(String(group.instructor));
    }
    const names =
      institutionIds.size + instructorIds.size > 0
        ? await this.reports.names({ institutions: [...institutionIds], instructors: [...instructorIds] })
        : new Map<string, { en: string; zh: string }>();
    return (grouping: ReportGrouping, value: string | number): ReportGroupValue => {
      if (isPeriodLevel(grouping)) {
        const label = periodLabel(grouping, Number(value));
        return { value: label, label, labelZh: label };
      }
      const fixed = FIXED_NAMES[grouping as keyof typeof FIXED_NAMES] as ReadonlyMap<string, PlaceName> | undefined;
      const name = fixed ? fixed.get(String(value)) : names.get(String(value));
      return { value, label: name?.en ?? String(value), labelZh: name?.zh ?? String(value) };
    };
  }
}

const FIXED_NAMES = { region: REGION_NAMES, province: PROVINCE_NAMES, discipline: DISCIPLINE_NAMES };

/**
 * Rows in the order a reader looks for them: periods in time order, everything else by its name in
 * `lang` (Chinese names by pinyin), the first grouping first.
 */
export function sortedByLabel<Row extends { group: Partial<Record<ReportGrouping, ReportGroupValue>> }>(
  rows: Row[],
  groupBy: readonly ReportGrouping[],
  lang: 'en' | 'zh',
): Row[] {
  const collator = new Intl.Collator(lang === 'zh' ? 'zh-Hans-CN' : 'en', { numeric: true });
  const text = (value: ReportGroupValue | undefined, grouping: ReportGrouping): string =>
    value === undefined ? '' : isPeriodLevel(grouping) ? String(value.value) : lang === 'zh' ? value.labelZh : value.label;
  return [...rows].sort((a, b) => {
    for (const grouping of groupBy) {
      const order = collator.compare(text(a.group[grouping], grouping), text(b.group[grouping], grouping));
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** `2024-04`..`2024-06`, `2024-2025-1`, `2024` -> the months they cover; null for all time. */
function monthRange(periodFrom: string | undefined, periodTo: string | undefined): ReportQuery['months'] {
  if (!periodFrom) {
    if (periodTo) throw ApplicationError.invalidInput('periodFrom', 'give periodFrom with periodTo');
    return null;
  }
  const from = parsePeriod(periodFrom);
  if (!from) throw ApplicationError.invalidInput('periodFrom', 'must be a month (2024-04), a term (2024-2025-1) or a year (2024)');
  const to = periodTo ? parsePeriod(periodTo) : from;
  if (!to) throw ApplicationError.invalidInput('periodTo', 'must be a month (2024-04), a term (2024-2025-1) or a year (2024)');
  if (to.level !== from.level) throw ApplicationError.invalidInput('periodTo', `must be a ${from.level} like periodFrom`);
  if (to.key < from.key) throw ApplicationError.invalidInput('periodTo', 'must not be before periodFrom');
  return { from: monthsOf(from.level, from.key)[0], to: monthsOf(to.level, to.key)[1] };
}
