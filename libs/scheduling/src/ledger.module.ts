import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { ConfirmTeachingActivity } from './application/ledger/confirm-teaching-activity.js';
import { ImportTeachingActivities } from './application/ledger/import-teaching-activities.js';
import { ListTeachingActivities } from './application/ledger/list-teaching-activities.js';
import { MarkSessionNotHeld } from './application/ledger/mark-session-not-held.js';
import { RecordTeachingActivity } from './application/ledger/record-teaching-activity.js';
import { ReportTeachingActivities } from './application/ledger/report-teaching-activities.js';
import { Clock } from './application/ports/clock.js';
import { LedgerUnitOfWork, TeachingReports } from './application/ports/ledger.js';

/**
 * The ledger and report use cases; `imports` must provide LedgerUnitOfWork, TeachingReports and
 * Clock (LedgerPersistenceModule with PersistenceModule). The session-end worker injects
 * RecordTeachingActivity from here.
 */
@Module({})
export class LedgerModule {
  static forRoot(options: { imports: ModuleMetadata['imports'] }): DynamicModule {
    const useCases = [
      RecordTeachingActivity,
      ConfirmTeachingActivity,
      MarkSessionNotHeld,
      ImportTeachingActivities,
      ListTeachingActivities,
      ReportTeachingActivities,
    ];
    return {
      module: LedgerModule,
      imports: options.imports,
      providers: [
        {
          provide: RecordTeachingActivity,
          useFactory: (uow: LedgerUnitOfWork, clock: Clock) => new RecordTeachingActivity(uow, clock),
          inject: [LedgerUnitOfWork, Clock],
        },
        {
          provide: ConfirmTeachingActivity,
          useFactory: (uow: LedgerUnitOfWork, clock: Clock) => new ConfirmTeachingActivity(uow, clock),
          inject: [LedgerUnitOfWork, Clock],
        },
        {
          provide: MarkSessionNotHeld,
          useFactory: (uow: LedgerUnitOfWork, clock: Clock) => new MarkSessionNotHeld(uow, clock),
          inject: [LedgerUnitOfWork, Clock],
        },
        {
          provide: ImportTeachingActivities,
          useFactory: (uow: LedgerUnitOfWork, clock: Clock) => new ImportTeachingActivities(uow, clock),
          inject: [LedgerUnitOfWork, Clock],
        },
        {
          provide: ListTeachingActivities,
          useFactory: (uow: LedgerUnitOfWork) => new ListTeachingActivities(uow),
          inject: [LedgerUnitOfWork],
        },
        {
          provide: ReportTeachingActivities,
          useFactory: (reports: TeachingReports) => new ReportTeachingActivities(reports),
          inject: [TeachingReports],
        },
      ],
      exports: useCases,
    };
  }
}
