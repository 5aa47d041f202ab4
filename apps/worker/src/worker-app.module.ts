import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '#config';
import { LedgerPersistenceModule, PersistenceModule, ScheduleRunPersistenceModule } from '#persistence';
import { ledgerActivityRecorder, SchedulingQueueModule, SchedulingWorkerModule, WorkerModule } from '#queues';
import { SchedulingRunsModule } from '#scheduling';

/** The standalone worker process (PostgreSQL): no HTTP, just the queues (timetabling runs too), the outbox relay and the sweep. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, customProps: () => ({ service: 'worker' }) } }),
        PersistenceModule.forRoot(config.database),
        WorkerModule.forRoot(config, { imports: [LedgerPersistenceModule], recorder: ledgerActivityRecorder }),
        SchedulingWorkerModule.forRoot(config, {
          imports: [SchedulingRunsModule.forRoot({ imports: [ScheduleRunPersistenceModule, SchedulingQueueModule.forRoot(config)] })],
        }),
      ],
    };
  }
}
