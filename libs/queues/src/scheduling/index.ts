export * from './scheduling-jobs.js';
export * from './bullmq-schedule-run-queue.js';
export * from './worker-thread-term-planner.js';
export * from './schedule-run.processor.js';
export * from './scheduling-worker.js';
export * from './scheduling-queue.module.js';
