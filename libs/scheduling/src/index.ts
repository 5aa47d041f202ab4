export * from './domain/index.js';
export * from './application/index.js';
export * from './scheduling.module.js';
