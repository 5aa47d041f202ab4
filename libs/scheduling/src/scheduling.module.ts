import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { CalendarFeeds } from './application/calendar-feeds.js';
import { Catalogs } from './application/catalogs.js';
import { JointSessions } from './application/joint-sessions.js';
import { Clock } from './application/ports/clock.js';
import { UnitOfWork } from './application/ports/stores.js';
import { Timetables } from './application/timetables.js';

/**
 * The use cases, wired to whatever adapters the app hands in (`imports` must provide the ports:
 * UnitOfWork, Clock). Only this file knows NestJS; the domain and use cases are plain classes.
 */
@Module({})
export class SchedulingModule {
  static forRoot(options: { imports: ModuleMetadata['imports'] }): DynamicModule {
    return {
      module: SchedulingModule,
      imports: options.imports,
      providers: [
        { provide: Catalogs, useFactory: (unitOfWork: UnitOfWork) => new Catalogs(unitOfWork), inject: [UnitOfWork] },
        { provide: JointSessions, useFactory: (unitOfWork: UnitOfWork) => new JointSessions(unitOfWork), inject: [UnitOfWork] },
        {
          provide: Timetables,
          useFactory: (unitOfWork: UnitOfWork, clock: Clock) => new Timetables(unitOfWork, clock),
          inject: [UnitOfWork, Clock],
        },
        {
          provide: CalendarFeeds,
          useFactory: (unitOfWork: UnitOfWork, clock: Clock) => new CalendarFeeds(unitOfWork, clock),
          inject: [UnitOfWork, Clock],
        },
      ],
      exports: [Catalogs, JointSessions, Timetables, CalendarFeeds],
    };
  }
}
