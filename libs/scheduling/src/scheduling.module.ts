import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { Catalogs } from './application/catalogs.js';
import { JointSessions } from './application/joint-sessions.js';
import { UnitOfWork } from './application/ports/stores.js';

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
      ],
      exports: [Catalogs, JointSessions],
    };
  }
}
