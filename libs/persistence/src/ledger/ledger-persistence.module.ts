import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { catchUpRollupsInSteps, LedgerUnitOfWork, TeachingReports, UnitOfWork } from '#scheduling';
import { TypeormLedgerUnitOfWork } from './typeorm-teaching-ledger.js';
import { TypeormTeachingReports } from './typeorm-teaching-reports.js';

/** At start, rollups an import left behind (stopped before its last step) are caught up. */
@Injectable()
export class RollupCatchUpAtStart implements OnApplicationBootstrap {
  constructor(private readonly ledger: TypeormLedgerUnitOfWork) {}

  async onApplicationBootstrap(): Promise<void> {
    await catchUpRollupsInSteps(this.ledger);
  }
}

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
    {
      provide: RollupCatchUpAtStart,
      useFactory: (ledger: TypeormLedgerUnitOfWork) => new RollupCatchUpAtStart(ledger),
      inject: [TypeormLedgerUnitOfWork],
    },
  ],
  exports: [LedgerUnitOfWork, TeachingReports],
})
export class LedgerPersistenceModule {}
