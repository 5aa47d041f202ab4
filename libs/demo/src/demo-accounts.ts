import { randomBytes } from 'node:crypto';
import type { DemoUser } from './program-data.js';

/** A demo account's sign-in, printed at start in demo mode. */
export interface DemoCredential {
  email: string;
  role: DemoUser['role'];
  password: string;
}

/**
 * Demo passwords: `demo-` + the part of the email before `@` (admin@demo.local -> demo-admin),
 * documented in the README. In production a demo load gets random passwords instead, printed
 * once when the program is loaded, since anyone can read the documented ones.
 */
export function demoCredentials(users: readonly DemoUser[], options: { random: boolean }): DemoCredential[] {
  return users.map((user) => ({
    email: user.email,
    role: user.role,
    password: options.random ? randomBytes(12).toString('base64url') : `demo-${user.email.split('@')[0]}`,
  }));
}
