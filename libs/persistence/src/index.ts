export * from './data-source.js';
export * from './entities/index.js';
export { migrations } from './migrations/index.js';
export { openTestDatabase } from './testing/test-database.js';
export { TypeormUnitOfWork } from './typeorm-unit-of-work.js';
export { SerialQueue } from './serial-queue.js';
export { PersistenceModule } from './persistence.module.js';
export { ScheduleRunPersistenceModule } from './schedule-run-persistence.module.js';
export { createChangeCounter } from './change-counter.js';
