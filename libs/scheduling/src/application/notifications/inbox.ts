import { mayWrite, reachOf, type Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { InboxMessage, RecipientRef } from '../ports/notifications.js';
import type { Page, PageRequest, UnitOfWork } from '../ports/stores.js';

/** The in-app inbox: messages delivered to a person through the `inbox` channel, newest first. */
export class Inbox {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  list(recipients: readonly RecipientRef[], page: PageRequest): Promise<Page<InboxMessage>> {
    return this.unitOfWork.run((stores) => stores.inbox.list(recipients, page));
  }
}

/** The inboxes a signed-in person reads: a teacher's (as instructor or host) and their own account's. */
export function recipientsOf(actor: Actor): RecipientRef[] {
  return [
    ...(actor.role === 'teacher' && actor.instructorId ? [{ kind: 'instructor' as const, id: actor.instructorId }] : []),
    ...(actor.userId ? [{ kind: 'user' as const, id: actor.userId }] : []),
  ];
}

/** Whose reminder preferences a person edits as "mine": a teacher's instructor record, anyone else's account. */
export function ownRecipient(actor: Actor): RecipientRef {
  if (actor.role === 'teacher' && actor.instructorId) return { kind: 'instructor', id: actor.instructorId };
  if (actor.userId) return { kind: 'user', id: actor.userId };
  throw ApplicationError.forbidden('Only a signed-in person has reminder preferences.');
}

/** Institution settings: program-wide roles for any institution, an institution coordinator for their own. */
export function assertMayConfigureInstitution(actor: Actor, institutionId: string): void {
  const reach = reachOf(actor);
  if (
    !mayWrite(actor) ||
    actor.role === 'teacher' ||
    (reach.kind === 'institution' && reach.institutionId !== institutionId) ||
    reach.kind === 'none'
  )
    throw ApplicationError.forbidden("Only program coordinators and this institution's coordinators set its reminder defaults.");
}
