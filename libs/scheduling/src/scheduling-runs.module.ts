import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { Clock } from './application/ports/clock.js';
import { ScheduleRunQueue, ScheduleRunUnitOfWork, TermPlanner } from './application/ports/schedule-runs.js';
import { CancelScheduleRun } from './application/scheduling-runs/cancel-schedule-run.use-case.js';
import { FindCommonSlots } from './application/scheduling-runs/find-common-slots.use-case.js';
import { GetScheduleRun } from './application/scheduling-runs/get-schedule-run.use-case.js';
import { ProposePairings } from './application/scheduling-runs/propose-pairings.use-case.js';
import { PublishScheduleRun } from './application/scheduling-runs/publish-schedule-run.use-case.js';
import { RunSchedule } from './application/scheduling-runs/run-schedule.use-case.js';
import { ResumeScheduleRuns, StartScheduleRun } from './application/scheduling-runs/start-schedule-run.use-case.js';

/**
 * The timetabling use cases (pairing proposals, runs, publishing, common slots). `imports` must
 * provide ScheduleRunUnitOfWork, ScheduleRunQueue, TermPlanner and Clock.
 */
@Module({})
export class SchedulingRunsModule {
  static forRoot(options: { imports: ModuleMetadata['imports'] }): DynamicModule {
    const useCases = [
      ProposePairings,
      StartScheduleRun,
      ResumeScheduleRuns,
      RunSchedule,
      CancelScheduleRun,
      GetScheduleRun,
      PublishScheduleRun,
      FindCommonSlots,
    ];
    return {
      module: SchedulingRunsModule,
      imports: options.imports,
      providers: [
        { provide: ProposePairings, useFactory: (uow: ScheduleRunUnitOfWork) => new ProposePairings(uow), inject: [ScheduleRunUnitOfWork] },
        {
          provide: StartScheduleRun,
          useFactory: (uow: ScheduleRunUnitOfWork, queue: ScheduleRunQueue, clock: Clock) => new StartScheduleRun(uow, queue, clock),
          inject: [ScheduleRunUnitOfWork, ScheduleRunQueue, Clock],
        },
        {
          provide: ResumeScheduleRuns,
          useFactory: (uow: ScheduleRunUnitOfWork, queue: ScheduleRunQueue) => new ResumeScheduleRuns(uow, queue),
          inject: [ScheduleRunUnitOfWork, ScheduleRunQueue],
        },
        {
          provide: RunSchedule,
          useFactory: (uow: ScheduleRunUnitOfWork, planner: TermPlanner, clock: Clock) => new RunSchedule(uow, planner, clock),
          inject: [ScheduleRunUnitOfWork, TermPlanner, Clock],
        },
        {
          provide: CancelScheduleRun,
          useFactory: (uow: ScheduleRunUnitOfWork, clock: Clock) => new CancelScheduleRun(uow, clock),
          inject: [ScheduleRunUnitOfWork, Clock],
        },
        { provide: GetScheduleRun, useFactory: (uow: ScheduleRunUnitOfWork) => new GetScheduleRun(uow), inject: [ScheduleRunUnitOfWork] },
        {
          provide: PublishScheduleRun,
          useFactory: (uow: ScheduleRunUnitOfWork, clock: Clock) => new PublishScheduleRun(uow, clock),
          inject: [ScheduleRunUnitOfWork, Clock],
        },
        {
          provide: FindCommonSlots,
          useFactory: (uow: ScheduleRunUnitOfWork, clock: Clock) => new FindCommonSlots(uow, clock),
          inject: [ScheduleRunUnitOfWork, Clock],
        },
      ],
      exports: useCases,
    };
  }
}
