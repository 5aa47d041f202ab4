export * from './program-data.js';
export * from './load-demo-program.js';
