import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { RefreshToken, UserAccount } from '../ports/accounts.js';
import type { Stores, UnitOfWork } from '../ports/stores.js';
import { dummyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { API_TOKEN_PREFIX, newOpaqueToken, tokenHash, type AccessTokens } from './tokens.js';

export interface AccountsOptions {
  accessTokenMinutes: number;
  refreshTokenDays: number;
}

/** Sign-in limits: failures counted over a sliding window, per account and per client address. */
export const LOGIN_LIMITS = {
  windowMinutes: 15,
  failuresPerAccount: 5,
  // Generous: a whole campus often shares one address behind NAT.
  failuresPerAddress: 30,
} as const;

export interface SignedIn {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshToken: string;
  /** UTC ISO instant. */
  refreshExpiresAt: string;
  user: UserAccount;
}

const WRONG_CREDENTIALS = 'Email or password is wrong.';

/** Turns an account into the actor the use cases check against. */
export function actorOf(user: UserAccount, via: Actor['via'], sessionFamilyId: string | null): Actor {
  return { userId: user.id, role: user.role, institutionId: user.institutionId, instructorId: user.instructorId, via, sessionFamilyId };
}

export function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw ApplicationError.invalidInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
}

/**
 * Sign in, refresh (rotating), sign out, change password, and resolve a bearer credential to an
 * actor. Password hashing runs outside units of work so a slow hash never holds the database.
 */
export class Accounts {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly accessTokens: AccessTokens,
    private readonly options: AccountsOptions,
  ) {}

  async login(command: { email: string; password: string; address: string }): Promise<SignedIn> {
    const now = this.clock.now();
    const accountKey = tokenHash(command.email.trim().toLowerCase());
    const user = await this.unitOfWork.run(async (stores) => {
      await this.throttle(stores, now, accountKey, command.address);
      return stores.users.findByEmail(command.email.trim());
    });
    // The same work whether or not the email exists: one hash check, then one write.
    const ok = await verifyPassword(command.password, user?.passwordHash ?? (await dummyPasswordHash()));
    const signedIn = await this.unitOfWork.run(async (stores) => {
      await stores.loginAttempts.record({
        id: randomUUID(),
        accountKey,
        address: command.address,
        succeeded: ok && !!user,
        attemptedAt: iso(now),
      });
      if (!ok || !user) return null;
      return this.startFamily(stores, user, now);
    });
    if (!signedIn) throw ApplicationError.unauthenticated(WRONG_CREDENTIALS);
    return signedIn;
  }

  /** Swaps a refresh token for a new pair. A token already swapped (or revoked) revokes its whole family. */
  async refresh(refreshToken: string): Promise<SignedIn> {
    const now = this.clock.now();
    const result = await this.unitOfWork.run(async (stores) => {
      const current = await stores.refreshTokens.findByHash(tokenHash(refreshToken));
      if (!current) return null;
      if (current.replacedAt || current.revokedAt) {
        await stores.refreshTokens.revokeFamily(current.familyId, iso(now));
        return null;
      }
      if (current.expiresAt <= iso(now)) return null;
      const user = await stores.users.findById(current.userId);
      if (!user) return null;
      await stores.refreshTokens.save({ ...current, replacedAt: iso(now) });
      return this.issue(stores, user, current.familyId, now);
    });
    if (!result) throw ApplicationError.unauthenticated('This refresh token is not valid any more; sign in again.');
    return result;
  }

  /** Ends the caller's sign-in (and the family of `refreshToken`, when given). */
  async logout(actor: Actor, refreshToken?: string): Promise<void> {
    const now = iso(this.clock.now());
    await this.unitOfWork.run(async (stores) => {
      if (actor.sessionFamilyId) await stores.refreshTokens.revokeFamily(actor.sessionFamilyId, now);
      if (refreshToken) {
        const token = await stores.refreshTokens.findByHash(tokenHash(refreshToken));
        if (token && token.userId === actor.userId) await stores.refreshTokens.revokeFamily(token.familyId, now);
      }
    });
  }

  /** Changes the caller's password, signs out every other sign-in, and returns a fresh one. */
  async changePassword(actor: Actor, command: { currentPassword: string; newPassword: string }): Promise<SignedIn> {
    if (actor.via !== 'session' || !actor.userId)
      throw ApplicationError.forbidden('Change a password from a signed-in session, not with an API token.');
    checkNewPassword(command.newPassword, 'newPassword');
    const user = await this.unitOfWork.run((stores) => stores.users.findById(actor.userId!));
    if (!user) throw ApplicationError.unauthenticated();
    if (!user.passwordHash || !(await verifyPassword(command.currentPassword, user.passwordHash)))
      throw ApplicationError.invalidInput('currentPassword', 'is not your current password');
    const passwordHash = await hashPassword(command.newPassword);
    const now = this.clock.now();
    return this.unitOfWork.run(async (stores) => {
      await stores.users.save({ ...user, passwordHash });
      await stores.refreshTokens.revokeAllOfUser(user.id, iso(now));
      return this.startFamily(stores, { ...user, passwordHash }, now);
    });
  }

  /** Resolves `Authorization: Bearer <credential>` (access token or API token) to an actor, or throws 401. */
  async authenticate(credential: string): Promise<Actor> {
    const now = this.clock.now();
    if (credential.startsWith(API_TOKEN_PREFIX)) {
      const actor = await this.unitOfWork.run(async (stores) => {
        const token = await stores.apiTokens.findByHash(tokenHash(credential));
        if (!token || token.revokedAt) return null;
        const user = await stores.users.findById(token.userId);
        if (!user) return null;
        // Record use at most once a minute, so a busy integration does not write on every call.
        if (!token.lastUsedAt || token.lastUsedAt < iso(now.minus({ minutes: 1 })))
          await stores.apiTokens.save({ ...token, lastUsedAt: iso(now) });
        return actorOf(user, 'api_token', null);
      });
      if (!actor) throw ApplicationError.unauthenticated('This API token is unknown or revoked.');
      return actor;
    }
    const claims = await this.accessTokens.verify(credential, now);
    if (!claims) throw ApplicationError.unauthenticated('The access token is malformed or expired; refresh it or sign in again.');
    const actor = await this.unitOfWork.run(async (stores) => {
      const user = await stores.users.findById(claims.userId);
      if (!user || (await stores.refreshTokens.isFamilyRevoked(claims.familyId))) return null;
      return actorOf(user, 'session', claims.familyId);
    });
    if (!actor) throw ApplicationError.unauthenticated('This sign-in has ended; sign in again.');
    return actor;
  }

  /** A person's own settings: the name shown and the language of the web app and messages. */
  updateMe(actor: Actor, change: { displayName?: string; locale?: string }): Promise<UserAccount> {
    return this.unitOfWork.run(async (stores) => {
      const user = actor.userId ? await stores.users.findById(actor.userId) : null;
      if (!user) throw ApplicationError.unauthenticated();
      const updated = { ...user, displayName: change.displayName ?? user.displayName, locale: change.locale ?? user.locale };
      await stores.users.save(updated);
      return updated;
    });
  }

  me(actor: Actor): Promise<UserAccount> {
    return this.unitOfWork.run(async (stores) => {
      const user = actor.userId ? await stores.users.findById(actor.userId) : null;
      if (!user) throw ApplicationError.unauthenticated();
      return user;
    });
  }

  private async throttle(stores: Stores, now: DateTime, accountKey: string, address: string): Promise<void> {
    const since = now.minus({ minutes: LOGIN_LIMITS.windowMinutes });
    await stores.loginAttempts.prune(iso(now.minus({ days: 1 })));
    const limits: [{ accountKey?: string; address?: string }, number][] = [
      [{ accountKey }, LOGIN_LIMITS.failuresPerAccount],
      [{ address }, LOGIN_LIMITS.failuresPerAddress],
    ];
    for (const [key, limit] of limits) {
      const failures = await stores.loginAttempts.failuresSince(key, iso(since));
      if (failures.length >= limit) {
        // Free again when the oldest failure that still counts leaves the window.
        const oldest = failures[failures.length - limit]!;
        const freeAt = Date.parse(oldest) + LOGIN_LIMITS.windowMinutes * 60_000;
        throw ApplicationError.rateLimited(Math.max(1, Math.ceil((freeAt - now.toMillis()) / 1000)));
      }
    }
  }

  private startFamily(stores: Stores, user: UserAccount, now: DateTime): Promise<SignedIn> {
    return this.issue(stores, user, randomUUID(), now);
  }

  private async issue(stores: Stores, user: UserAccount, familyId: string, now: DateTime): Promise<SignedIn> {
    const refreshToken = newOpaqueToken();
    const token: RefreshToken = {
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: tokenHash(refreshToken),
      expiresAt: iso(now.plus({ days: this.options.refreshTokenDays })),
      createdAt: iso(now),
      replacedAt: null,
      revokedAt: null,
    };
    await stores.refreshTokens.save(token);
    const accessToken = await this.accessTokens.sign({ userId: user.id, familyId }, now, this.options.accessTokenMinutes);
    return { accessToken, expiresIn: this.options.accessTokenMinutes * 60, refreshToken, refreshExpiresAt: token.expiresAt, user };
  }
}

const iso = (instant: DateTime): string => instant.toUTC().toISO()!;
