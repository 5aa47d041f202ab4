export * from './catalog.js';
export * from './catalogs.js';
export * from './errors.js';
export * from './ports/clock.js';
export * from './ports/stores.js';
export * from './joint-sessions.js';
export * from './session-views.js';
