import { reachOf, type Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { LedgerUnitOfWork, TeachingActivityFilter } from '../ports/ledger.js';
import type { Page, PageRequest } from '../ports/stores.js';
import type { TeachingActivity } from './teaching-activity.js';

/**
 * Reads the ledger, newest first. Program staff see everything; a teacher sees the activities they
 * taught; an institution coordinator those of their campus.
 */
export class ListTeachingActivities {
  constructor(private readonly ledgerUnitOfWork: LedgerUnitOfWork) {}

  list(actor: Actor, filter: TeachingActivityFilter, page: PageRequest): Promise<Page<TeachingActivity>> {
    const reach = reachOf(actor);
    const scoped: TeachingActivityFilter | null = (() => {
      switch (reach.kind) {
        case 'all':
          return filter;
        case 'none':
          return null;
        case 'instructor':
          return filter.instructorId && filter.instructorId !== reach.instructorId ? null : { ...filter, instructorId: reach.instructorId };
        case 'institution':
          return filter.westernInstitutionId && filter.westernInstitutionId !== reach.institutionId
            ? null
            : { ...filter, westernInstitutionId: reach.institutionId };
      }
    })();
    if (!scoped) return Promise.resolve({ items: [], total: 0, page: page.page, pageSize: page.pageSize });
    return this.ledgerUnitOfWork.run((_stores, ledger) => ledger.list(scoped, page));
  }

  get(actor: Actor, id: string): Promise<TeachingActivity> {
    return this.ledgerUnitOfWork.run(async (_stores, ledger) => {
      const activity = await ledger.findById(id);
      const reach = reachOf(actor);
      const visible =
        activity &&
        (reach.kind === 'all' ||
          (reach.kind === 'instructor' && activity.instructors.some((i) => i.instructorId === reach.instructorId)) ||
          (reach.kind === 'institution' && activity.campuses.some((c) => c.westernInstitutionId === reach.institutionId)));
      if (!visible) throw ApplicationError.notFound('teaching activity', id);
      return activity;
    });
  }
}
