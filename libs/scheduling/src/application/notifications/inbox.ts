import type { InboxMessage, RecipientRef } from '../ports/notifications.js';
import type { Page, PageRequest, UnitOfWork } from '../ports/stores.js';

/** The in-app inbox: messages delivered to a person through the `inbox` channel, newest first. */
export class Inbox {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  list(recipients: readonly RecipientRef[], page: PageRequest): Promise<Page<InboxMessage>> {
    return this.unitOfWork.run((stores) => stores.inbox.list(recipients, page));
  }
}
