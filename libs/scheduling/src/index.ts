export * from './domain/model.js';
export * from './application/index.js';
