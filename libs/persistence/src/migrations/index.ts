import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';

/** Every migration, in order. Never edit one after it has landed: add a new one. */
export const migrations = [InitialSchema1764000000000];
