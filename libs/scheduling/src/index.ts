export * from './domain/model.js';
