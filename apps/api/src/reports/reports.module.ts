import { Module } from '@nestjs/common';
import { LedgerPersistenceModule } from '#persistence';
import { LedgerModule } from '#scheduling';
import { ReportsController } from './reports.controller.js';

@Module({
  imports: [LedgerModule.forRoot({ imports: [LedgerPersistenceModule] })],
  controllers: [ReportsController],
})
export class ReportsModule {}
