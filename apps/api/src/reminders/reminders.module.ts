import { Module } from '@nestjs/common';
import { Clock, DeadLetters, Inbox, ReminderPreferences, UnitOfWork } from '#scheduling';
import { RemindersController } from './reminders.controller.js';

/** Reminder preferences, the in-app inbox and the dead letters (UnitOfWork and Clock come from the global persistence module). */
@Module({
  controllers: [RemindersController],
  providers: [
    {
      provide: ReminderPreferences,
      useFactory: (uow: UnitOfWork, clock: Clock) => new ReminderPreferences(uow, clock),
      inject: [UnitOfWork, Clock],
    },
    { provide: Inbox, useFactory: (uow: UnitOfWork) => new Inbox(uow), inject: [UnitOfWork] },
    { provide: DeadLetters, useFactory: (uow: UnitOfWork, clock: Clock) => new DeadLetters(uow, clock), inject: [UnitOfWork, Clock] },
  ],
  exports: [ReminderPreferences],
})
export class RemindersModule {}
