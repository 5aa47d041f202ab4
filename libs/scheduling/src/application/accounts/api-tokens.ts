import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ApiToken } from '../ports/accounts.js';
import type { UnitOfWork } from '../ports/stores.js';
import { API_TOKEN_PREFIX, newOpaqueToken, tokenHash } from './tokens.js';

/**
 * Long-lived tokens for integrations, acting as the user who made them. The token is returned
 * once, by `create`; only its hash is kept. Managing tokens needs a signed-in session.
 */
export class ApiTokens {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, command: { name: string }): Promise<{ token: string; record: ApiToken }> {
    const userId = sessionUser(actor);
    const token = newOpaqueToken(API_TOKEN_PREFIX);
    const record: ApiToken = {
      id: randomUUID(),
      userId,
      name: command.name,
      tokenHash: tokenHash(token),
      prefix: token.slice(0, 12),
      createdAt: this.clock.now().toUTC().toISO()!,
      lastUsedAt: null,
      revokedAt: null,
    };
    return this.unitOfWork.run(async (stores) => {
      await stores.apiTokens.save(record);
      return { token, record };
    });
  }

  list(actor: Actor): Promise<ApiToken[]> {
    const userId = sessionUser(actor);
    return this.unitOfWork.run((stores) => stores.apiTokens.listOfUser(userId));
  }

  /** Revokes one of the caller's tokens (an admin may revoke anyone's); revoking twice is a no-op. */
  revoke(actor: Actor, id: string): Promise<ApiToken> {
    const userId = sessionUser(actor);
    return this.unitOfWork.run(async (stores) => {
      const token = await stores.apiTokens.findById(id);
      if (!token || (token.userId !== userId && actor.role !== 'admin')) throw ApplicationError.notFound('API token', id);
      if (token.revokedAt) return token;
      const revoked = { ...token, revokedAt: this.clock.now().toUTC().toISO()! };
      await stores.apiTokens.save(revoked);
      return revoked;
    });
  }
}

function sessionUser(actor: Actor): string {
  if (actor.via !== 'session' || !actor.userId)
    throw ApplicationError.forbidden('Manage API tokens from a signed-in session, not with an API token.');
  return actor.userId;
}
