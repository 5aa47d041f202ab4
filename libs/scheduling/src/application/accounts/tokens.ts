import { createHash, randomBytes } from 'node:crypto';
import type { DateTime } from 'luxon';

/** Claims of a short-lived access token: the user and the sign-in family it belongs to. */
export interface AccessClaims {
  userId: string;
  familyId: string;
}

/** Signs and checks access tokens (a JWT adapter lives in the API). Times come from the Clock. */
export abstract class AccessTokens {
  abstract sign(claims: AccessClaims, now: DateTime, ttlMinutes: number): Promise<string>;
  /** The claims, or null when the token is malformed, forged or expired at `now`. */
  abstract verify(token: string, now: DateTime): Promise<AccessClaims | null>;
}

/** API tokens start with this, so the guard knows which kind it holds and scanners can spot leaks. */
export const API_TOKEN_PREFIX = 'ews_';

export const newOpaqueToken = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Tokens are 256-bit random, so a fast hash is enough to store them (no brute force to slow). */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
