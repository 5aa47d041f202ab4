import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { AccountsAndAudit1766000000000 } from './1766000000000-accounts-and-audit.js';
import { CalendarFeeds1767100000000 } from './1767100000000-calendar-feeds.js';
import { Notifications1767600000000 } from './1767600000000-notifications.js';
import { ScheduleRuns1767700000000 } from './1767700000000-schedule-runs.js';
import { TeachingLedger1768200000000 } from './1768200000000-teaching-ledger.js';
import { RebuildReportRollups1768300000000 } from './1768300000000-rebuild-report-rollups.js';
import { ReportRollupWatermark1768400000000 } from './1768400000000-report-rollup-watermark.js';
import { DeadDeliveriesIndex1768900000000 } from './1768900000000-dead-deliveries-index.js';
import { RollupLinesRevision1769000000000 } from './1769000000000-rollup-lines-revision.js';
import { SessionActivityIndex1769100000000 } from './1769100000000-session-activity-index.js';
import { LineIndexesByMonth1769200000000 } from './1769200000000-line-indexes-by-month.js';

/** Every migration, in order. Never edit one after it has landed: add a new one. */
export const migrations = [
  InitialSchema1764000000000,
  AccountsAndAudit1766000000000,
  CalendarFeeds1767100000000,
  Notifications1767600000000,
  ScheduleRuns1767700000000,
  TeachingLedger1768200000000,
  RebuildReportRollups1768300000000,
  ReportRollupWatermark1768400000000,
  DeadDeliveriesIndex1768900000000,
  RollupLinesRevision1769000000000,
  SessionActivityIndex1769100000000,
  LineIndexesByMonth1769200000000,
];
