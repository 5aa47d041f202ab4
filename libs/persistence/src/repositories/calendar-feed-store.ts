import { In, type EntityManager } from 'typeorm';
import type { CalendarFeed, CalendarFeedFilter } from '#scheduling';
import { CalendarFeedEntity, JointSessionEntity } from '../entities/index.js';
import { equalityFilter, TypeormStore } from './typeorm-store.js';

const feedMapper = {
  toDomain: (e: CalendarFeedEntity): CalendarFeed => ({
    id: e.id,
    owner: { kind: e.ownerKind, id: e.ownerId },
    tokenHash: e.tokenHash,
    createdAt: e.createdAt,
    revokedAt: e.revokedAt,
  }),
  toEntity: (d: CalendarFeed) =>
    Object.assign(new CalendarFeedEntity(), {
      id: d.id,
      ownerKind: d.owner.kind,
      ownerId: d.owner.id,
      tokenHash: d.tokenHash,
      createdAt: d.createdAt,
      revokedAt: d.revokedAt,
    }),
};

/** Structurally a CalendarFeedStore (the port): a TypeormStore plus lookup by token hash. */
export class TypeormCalendarFeedStore extends TypeormStore<CalendarFeed, CalendarFeedEntity, CalendarFeedFilter> {
  constructor(manager: EntityManager, now: string) {
    const byColumns = equalityFilter<CalendarFeedFilter>({ ownerKind: 'ownerKind', ownerId: 'ownerId' });
    super(
      manager,
      CalendarFeedEntity,
      feedMapper,
      (query, filter) => {
        byColumns(query, filter);
        if (filter.active === true) query.andWhere('row.revokedAt IS NULL');
        if (filter.active === false) query.andWhere('row.revokedAt IS NOT NULL');
      },
      'createdAt',
      now,
    );
  }

  async findByTokenHash(tokenHash: string): Promise<CalendarFeed | null> {
    const row = await this.repository.findOneBy({ tokenHash });
    return row ? feedMapper.toDomain(row) : null;
  }

  async sessionsChangedAt(sessionIds: readonly string[]): Promise<Map<string, string>> {
    const changed = new Map<string, string>();
    // Chunked so a long feed stays under the databases' bound-parameter limits.
    for (let i = 0; i < sessionIds.length; i += 500) {
      const ids = sessionIds.slice(i, i + 500);
      const rows = await this.manager
        .getRepository(JointSessionEntity)
        .find({ select: { id: true, updatedAt: true }, where: { id: In(ids) } });
      for (const row of rows) changed.set(row.id, row.updatedAt);
    }
    return changed;
  }
}
