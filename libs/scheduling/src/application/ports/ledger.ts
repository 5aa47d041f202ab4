import type { TeachingActivity, TeachingActivityStatus } from '../ledger/teaching-activity.js';
import type { PeriodLevel } from '../ledger/report-period.js';
import type { Page, PageRequest, Stores } from './stores.js';

export interface TeachingActivityFilter {
  status?: TeachingActivityStatus;
  /** Any of the activity's instructors. */
  instructorId?: string;
  /** Any of the activity's campuses. */
  westernInstitutionId?: string;
  jointSessionId?: string;
  externalId?: string;
  /** UTC ISO instants: activities starting at or after `from` and before `to`. */
  from?: string;
  to?: string;
}

export interface AppendOptions {
  /**
   * `now` (the default): the report rollups move in the same transaction. `later`: a bulk import
   * leaves them behind and calls `catchUpRollups` at the end; reports stay exact meanwhile
   * (they read the ledger lines while the rollups are behind).
   */
  rollups?: 'now' | 'later';
  /** With `later`: the import's tracker (LedgerUnitOfWork.trackRollups), told of the batch once it is committed. */
  tracker?: RollupTracker;
}

/**
 * Follows a bulk import's batches and rolls up their lines on the side (an adapter may use another
 * thread) while later batches are written, so the import need not read its lines back at the end.
 * It writes only what still holds: were the ledger moved by another writer between its batches (an
 * append that caught the rollups up, a line rewritten above the watermark), it drops what it held
 * and `catchUpRollups` reads the lines instead. Stopped before it wrote, it leaves the rollups
 * behind as before: the next import, append or start catches them up.
 */
export abstract class RollupTracker {
  /** Writes the rollups of the steps computed so far, each in its own transaction; nothing when none is ready. */
  abstract writeReady(): Promise<void>;
  /** Writes the rest (waiting for it to be computed). */
  abstract finish(): Promise<void>;
  /** Stops without writing more (an import that failed). Idempotent. */
  abstract close(): Promise<void>;
}

/**
 * The teaching-activity ledger, bound to one unit of work. Every write moves the report rollups in
 * the same transaction (or, for a bulk import, at its end), so reports never disagree with the ledger.
 */
export abstract class TeachingLedger {
  /**
   * Appends activities and returns the ones appended. An activity whose `jointSessionId` or
   * `externalId` is already in the ledger is skipped: both keys are unique in the database, which
   * is the last guard when two workers record the same session at once. Meant for big batches.
   */
  abstract append(activities: readonly TeachingActivity[], options?: AppendOptions): Promise<TeachingActivity[]>;
  /**
   * Brings the report rollups up to date with the activities appended so far, at most
   * `maxActivities` of them in this transaction (the rest in the next call, so a long catch-up lets
   * other work in between); resolves true once they are current. Idempotent.
   */
  abstract catchUpRollups(maxActivities?: number): Promise<boolean>;
  abstract findById(id: string): Promise<TeachingActivity | null>;
  abstract findByJointSession(jointSessionId: string): Promise<TeachingActivity | null>;
  /** Rewrites a recorded activity (attendance, shares, status), moving its credit in the rollups. */
  abstract replace(activity: TeachingActivity): Promise<void>;
  /** Newest first. */
  abstract list(filter: TeachingActivityFilter, page: PageRequest): Promise<Page<TeachingActivity>>;
}

/**
 * One transaction over the catalog stores and the ledger. Ledger writes are serialized (SQLite
 * serializes every unit; PostgreSQL takes a transaction-scoped lock before the first ledger write).
 */
export abstract class LedgerUnitOfWork {
  abstract run<T>(work: (stores: Stores, ledger: TeachingLedger) => Promise<T>): Promise<T>;
  /**
   * A tracker for one bulk import that writes rollups every `step` activities, or null where the
   * adapter has none (the import then catches up from the lines alone).
   */
  trackRollups(_options: { step: number }): RollupTracker | null {
    return null;
  }
}

/** What a report can be grouped and filtered by, besides the period. */
export type ReportDimension = 'region' | 'province' | 'westernInstitution' | 'easternInstitution' | 'discipline' | 'instructor';
export const REPORT_DIMENSIONS: readonly ReportDimension[] = [
  'region',
  'province',
  'westernInstitution',
  'easternInstitution',
  'discipline',
  'instructor',
];
export type ReportGrouping = ReportDimension | PeriodLevel;

export interface ReportQuery {
  /** One or two groupings (at most one of them a period level); empty for the total alone. */
  groupBy: readonly ReportGrouping[];
  /** Equality filters; institution and instructor filters are ids, the others names. */
  filters: Partial<Record<ReportDimension, string>>;
  /** Months `yyyymm`, inclusive, on the wall clock of `timeZone`; null for all time. */
  months: { from: number; to: number } | null;
  /** IANA zone whose wall clock decides periods. */
  timeZone: string;
}

/**
 * Additive measures are credited (see `creditLines`): any grouping adds up to the total. Distinct
 * counts are distinct within each row and across the whole selection for the total: never summed.
 */
export interface ReportMeasures {
  activities: number;
  /** 学时. */
  teachingPeriods: number;
  /** Student participations (person-times). */
  participations: number;
  /** Distinct eastern instructors. */
  instructors: number;
  /** Distinct western host teachers. */
  westernTeachers: number;
  courses: number;
  westernUniversities: number;
}

export interface ReportRow {
  /** The row's value of each grouping: a period key (yyyymm, yyyy*10+n, yyyy) or a dimension value. */
  group: Partial<Record<ReportGrouping, string | number>>;
  measures: ReportMeasures;
}

export interface ReportResult {
  rows: ReportRow[];
  total: ReportMeasures;
  /** `rollup`: answered from the rollups; `ledger`: from the ledger lines (slower, as exact). */
  source: 'rollup' | 'ledger';
}

/** Read side of the ledger for program staff. */
export abstract class TeachingReports {
  abstract run(query: ReportQuery): Promise<ReportResult>;
  /**
   * Growth: for each month of the query, the measures of everything from its first month up to
   * and including that month (distinct counts distinct over that whole span).
   */
  abstract cumulativeByMonth(query: Omit<ReportQuery, 'groupBy'>): Promise<{ month: number; measures: ReportMeasures }[]>;
  /** English and Chinese names of institutions and instructors by id, for labelling report rows. */
  abstract names(ids: {
    institutions: readonly string[];
    instructors: readonly string[];
  }): Promise<Map<string, { en: string; zh: string }>>;
}
