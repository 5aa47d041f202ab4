import { Module } from '@nestjs/common';
import { LedgerPersistenceModule } from '#persistence';
import { LedgerModule } from '#scheduling';
import { ReportsController } from './reports.controller.js';
import { TeachingActivitiesController } from './teaching-activities.controller.js';

@Module({
  imports: [LedgerModule.forRoot({ imports: [LedgerPersistenceModule] })],
  controllers: [ReportsController, TeachingActivitiesController],
})
export class ReportsModule {}
