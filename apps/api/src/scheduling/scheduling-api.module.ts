import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '#config';
import { ScheduleRunPersistenceModule } from '#persistence';
import { SchedulingQueueModule, SchedulingWorkerModule } from '#queues';
import { SchedulingRunsModule } from '#scheduling';
import { SchedulingController } from './scheduling.controller.js';

/**
 * Pairing proposals, timetabling runs and common slots over HTTP. With PROCESS_ROLE=all (SQLite)
 * the `scheduling` queue's worker runs in this process too; the engine itself runs on a thread.
 */
@Module({})
export class SchedulingApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const runs = SchedulingRunsModule.forRoot({ imports: [ScheduleRunPersistenceModule, SchedulingQueueModule.forRoot(config)] });
    return {
      module: SchedulingApiModule,
      imports: [runs, ...(config.processRole === 'all' ? [SchedulingWorkerModule.forRoot(config, { imports: [runs] })] : [])],
      controllers: [SchedulingController],
    };
  }
}
