export * from './session-audience.js';
export * from './plan-session-notifications.js';
export * from './deliver-notification.js';
export * from './relay-outbox.js';
export * from './sweep-notifications.js';
export * from './dead-letters.js';
export * from './reminder-preferences.js';
export * from './inbox.js';
