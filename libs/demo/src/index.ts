export * from './program-data.js';
export * from './demo-accounts.js';
export * from './demo-ledger.js';
export * from './load-demo-program.js';
