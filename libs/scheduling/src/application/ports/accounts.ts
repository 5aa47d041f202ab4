import type { Role } from '../actor.js';
import { Store, type Page, type PageRequest } from './stores.js';

/** A person who signs in. `passwordHash` never leaves the accounts use cases. */
export interface UserAccount {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  displayName: string;
  role: Role;
  institutionId: string | null;
  instructorId: string | null;
  locale: string;
  passwordHash: string | null;
  /** UTC ISO instant. */
  createdAt: string;
}

export interface UserFilter {
  role?: Role;
  institutionId?: string;
  search?: string;
}

export abstract class UserStore extends Store<UserAccount, UserFilter> {
  /** `email` is compared lower-cased. */
  abstract findByEmail(email: string): Promise<UserAccount | null>;
}

/**
 * One refresh token of a sign-in "family". Each refresh replaces the token (rotation); presenting
 * a replaced or revoked one again means it was stolen, and the whole family is revoked.
 */
export interface RefreshToken {
  id: string;
  userId: string;
  familyId: string;
  /** SHA-256 (hex) of the opaque token; the token itself is never stored. */
  tokenHash: string;
  /** UTC ISO instants. */
  expiresAt: string;
  createdAt: string;
  replacedAt: string | null;
  revokedAt: string | null;
}

export abstract class RefreshTokenStore {
  abstract findByHash(tokenHash: string): Promise<RefreshToken | null>;
  abstract save(token: RefreshToken): Promise<void>;
  /** True when any token of the family is revoked (logout, reuse, password change). */
  abstract isFamilyRevoked(familyId: string): Promise<boolean>;
  /** Marks every token of the family revoked at `at` (UTC ISO); idempotent. */
  abstract revokeFamily(familyId: string, at: string): Promise<void>;
  abstract revokeAllOfUser(userId: string, at: string): Promise<void>;
}

/** A long-lived token for an integration, acting as the user who made it. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  /** SHA-256 (hex) of the token; the token is shown once, at creation. */
  tokenHash: string;
  /** The first characters of the token, to recognise it in a list. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export abstract class ApiTokenStore {
  abstract findByHash(tokenHash: string): Promise<ApiToken | null>;
  abstract findById(id: string): Promise<ApiToken | null>;
  abstract listOfUser(userId: string): Promise<ApiToken[]>;
  abstract save(token: ApiToken): Promise<void>;
}

export interface LoginAttempt {
  id: string;
  /** SHA-256 (hex) of the lower-cased email typed, whether or not an account has it. */
  accountKey: string;
  /** The client address. */
  address: string;
  succeeded: boolean;
  attemptedAt: string;
}

export abstract class LoginAttemptStore {
  abstract record(attempt: LoginAttempt): Promise<void>;
  /** Failed attempts since `since` (UTC ISO), oldest first: for the account, and for the address. */
  abstract failuresSince(key: { accountKey?: string; address?: string }, since: string): Promise<string[]>;
  /** Forgets attempts older than `before`. */
  abstract prune(before: string): Promise<void>;
}

export type AuditedEntity = 'institution' | 'pairing' | 'joint_session';
export type AuditAction = 'create' | 'update' | 'delete';

/** One change to an audited record: who, when, and the record before and after. */
export interface AuditEntry {
  id: string;
  /** UTC ISO instant of the unit of work. */
  at: string;
  actorId: string | null;
  actorRole: string;
  entityType: AuditedEntity;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  entityType?: AuditedEntity;
  entityId?: string;
  actorId?: string;
}

export abstract class AuditLogStore {
  /** Stamps the entry with the unit of work's instant. */
  abstract append(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  /** Newest first. */
  abstract list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>>;
}
