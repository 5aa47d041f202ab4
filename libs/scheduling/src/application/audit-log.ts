import { randomUUID } from 'node:crypto';
import type { Actor } from './actor.js';
import { requireAdmin } from './accounts/users.js';
import type { AuditAction, AuditEntry, AuditedEntity, AuditFilter } from './ports/accounts.js';
import type { Page, PageRequest, Stores, UnitOfWork } from './ports/stores.js';

/**
 * Records one change inside the unit of work that makes it (stamped with the unit's instant), so
 * a change that fails leaves no entry. `before`/`after` are the domain records, null on create/delete.
 */
export function recordChange(
  stores: Stores,
  actor: Actor,
  change: { entityType: AuditedEntity; entityId: string; action: AuditAction; before: unknown; after: unknown },
): Promise<void> {
  return stores.auditLog.append({ id: randomUUID(), actorId: actor.userId, actorRole: actor.role, ...change });
}

/** Reading the audit log: administrators only. */
export class AuditLog {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  list(actor: Actor, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    requireAdmin(actor);
    return this.unitOfWork.run((stores) => stores.auditLog.list(filter, page));
  }
}
