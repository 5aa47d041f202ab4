import { Module } from '@nestjs/common';
import { ScheduleRunUnitOfWork, UnitOfWork, type ScheduleRunStore, type Stores } from '#scheduling';
import { TypeormScheduleRunStore } from './repositories/schedule-run-store.js';
import { createStores } from './repositories/stores.js';
import { TypeormUnitOfWork } from './typeorm-unit-of-work.js';

/** Runs go through the same UnitOfWork (the same SQLite serialisation) as every other write. */
export class TypeormScheduleRunUnitOfWork extends ScheduleRunUnitOfWork {
  constructor(private readonly unitOfWork: TypeormUnitOfWork) {
    super();
  }

  run<T>(work: (stores: Stores, runs: ScheduleRunStore) => Promise<T>): Promise<T> {
    return this.unitOfWork.runWithManager((manager, now) => work(createStores(manager, now), new TypeormScheduleRunStore(manager)));
  }
}

/** Provides the ScheduleRunUnitOfWork port; needs PersistenceModule (global) loaded. */
@Module({
  providers: [
    {
      provide: ScheduleRunUnitOfWork,
      useFactory: (unitOfWork: UnitOfWork) => {
        if (!(unitOfWork instanceof TypeormUnitOfWork))
          throw new Error('ScheduleRunPersistenceModule needs the TypeORM UnitOfWork from PersistenceModule');
        return new TypeormScheduleRunUnitOfWork(unitOfWork);
      },
      inject: [UnitOfWork],
    },
  ],
  exports: [ScheduleRunUnitOfWork],
})
export class ScheduleRunPersistenceModule {}
