import { Module } from '@nestjs/common';
import { LedgerUnitOfWork, TeachingReports, UnitOfWork } from '#scheduling';
import { TypeormLedgerUnitOfWork } from './typeorm-teaching-ledger.js';
import { TypeormTeachingReports } from './typeorm-teaching-reports.js';

/** Provides the LedgerUnitOfWork and TeachingReports ports; needs PersistenceModule (global) loaded. */
@Module({
  providers: [
    {
      provide: TypeormLedgerUnitOfWork,
      useFactory: (unitOfWork: UnitOfWork) => new TypeormLedgerUnitOfWork(unitOfWork),
      inject: [UnitOfWork],
    },
    { provide: LedgerUnitOfWork, useExisting: TypeormLedgerUnitOfWork },
    {
      provide: TeachingReports,
      useFactory: (ledger: TypeormLedgerUnitOfWork) => new TypeormTeachingReports(ledger),
      inject: [TypeormLedgerUnitOfWork],
    },
  ],
  exports: [LedgerUnitOfWork, TeachingReports],
})
export class LedgerPersistenceModule {}
