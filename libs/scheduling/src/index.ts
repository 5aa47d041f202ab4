export * from './domain/index.js';
export * from './application/index.js';
export * from './application/notifications/index.js';
export * from './application/ports/notifications.js';
export * from './application/ports/notification-jobs.js';
export * from './scheduling.module.js';
export * from './scheduling-runs.module.js';
export * from './ledger.module.js';
