import { Brackets, In, type EntityManager } from 'typeorm';
import {
  type Course,
  type CourseFilter,
  type Institution,
  type InstitutionFilter,
  type Instructor,
  type InstructorFilter,
  type JointSession,
  type JointSessionFilter,
  type OverlapQuery,
  type Pairing,
  type PairingFilter,
  type Stores,
  type Term,
  type TermFilter,
  type WesternClass,
  type WesternClassFilter,
} from '#scheduling';
import {
  CourseEntity,
  InstitutionEntity,
  InstructorEntity,
  JointSessionClassEntity,
  JointSessionEntity,
  PairingClassEntity,
  PairingEntity,
  TermEntity,
  WesternClassEntity,
} from '../entities/index.js';
import { createAccountStores } from './account-stores.js';
import { TypeormCalendarFeedStore } from './calendar-feed-store.js';
import * as map from './mappers.js';
import { equalityFilter, groupChildren, TypeormStore } from './typeorm-store.js';
import { createNotificationStores } from './notification-stores.js';
import { idListCondition, idListParameter } from '../id-list.js';

const searchFilter = (columns: string[]) => (query: Parameters<ReturnType<typeof equalityFilter>>[0], search?: string) => {
  if (!search) return;
  query.andWhere(
    new Brackets((where) => {
      for (const column of columns) where.orWhere(`LOWER(row.${column}) LIKE :search`, { search: `%${search.toLowerCase()}%` });
    }),
  );
};

class PairingStore extends TypeormStore<Pairing, PairingEntity, PairingFilter> {
  constructor(manager: EntityManager, now: string) {
    const byColumns = equalityFilter<PairingFilter>({
      instructorId: 'instructorId',
      courseId: 'courseId',
      termId: 'termId',
      status: 'status',
    });
    super(
      manager,
      PairingEntity,
      map.pairing,
      (query, filter) => {
        byColumns(query, filter);
        if (filter.westernClassId)
          query.andWhere('row.id IN (SELECT pc.pairing_id FROM pairing_classes pc WHERE pc.western_class_id = :westernClassId)', {
            westernClassId: filter.westernClassId,
          });
        if (filter.involvesInstitutionId)
          query.andWhere(
            `(row.instructor_id IN (SELECT i.id FROM instructors i WHERE i.institution_id = :involvesInstitutionId)
            OR row.id IN (SELECT pc.pairing_id FROM pairing_classes pc JOIN western_classes wc ON wc.id = pc.western_class_id WHERE wc.institution_id = :involvesInstitutionId))`,
            { involvesInstitutionId: filter.involvesInstitutionId },
          );
      },
      'createdAt',
      now,
    );
  }

  protected override async hydrate(rows: PairingEntity[]): Promise<Pairing[]> {
    if (rows.length === 0) return [];
    const children = await this.manager.getRepository(PairingClassEntity).find({
      where: { pairingId: In(rows.map((row) => row.id)) },
      order: { westernClassId: 'ASC' },
    });
    const classes = groupChildren(
      children,
      (c) => c.pairingId,
      (c) => c.westernClassId,
    );
    return rows.map((row) => map.pairing.toDomain(row, classes.get(row.id) ?? []));
  }

  protected override async saveChildren(item: Pairing): Promise<void> {
    const repository = this.manager.getRepository(PairingClassEntity);
    await repository.delete({ pairingId: item.id });
    if (item.westernClassIds.length > 0)
      await repository.insert(item.westernClassIds.map((westernClassId) => ({ pairingId: item.id, westernClassId })));
  }
}

/** Structurally a JointSessionStore (the port): a TypeormStore plus the overlap query. */
class TypeormJointSessionStore extends TypeormStore<JointSession, JointSessionEntity, JointSessionFilter> {
  constructor(manager: EntityManager, now: string) {
    const byColumns = equalityFilter<JointSessionFilter>({ pairingId: 'pairingId', instructorId: 'instructorId', status: 'status' });
    super(
      manager,
      JointSessionEntity,
      map.jointSession,
      (query, filter) => {
        byColumns(query, filter);
        if (filter.from) query.andWhere('row.endsAt > :from', { from: filter.from });
        if (filter.to) query.andWhere('row.startsAt < :to', { to: filter.to });
        if (filter.westernClassId)
          query.andWhere(
            'row.id IN (SELECT jc.joint_session_id FROM joint_session_classes jc WHERE jc.western_class_id = :westernClassId)',
            {
              westernClassId: filter.westernClassId,
            },
          );
        if (filter.involvesInstitutionId)
          query.andWhere(
            `(row.instructor_id IN (SELECT i.id FROM instructors i WHERE i.institution_id = :involvesInstitutionId)
            OR row.id IN (SELECT jc.joint_session_id FROM joint_session_classes jc JOIN western_classes wc ON wc.id = jc.western_class_id WHERE wc.institution_id = :involvesInstitutionId))`,
            { involvesInstitutionId: filter.involvesInstitutionId },
          );
        if (filter.involvesTeacherId)
          query.andWhere(
            `(row.instructor_id = :involvesTeacherId
            OR row.id IN (SELECT jc.joint_session_id FROM joint_session_classes jc JOIN western_classes wc ON wc.id = jc.western_class_id WHERE wc.host_teacher_id = :involvesTeacherId))`,
            { involvesTeacherId: filter.involvesTeacherId },
          );
      },
      'startsAt',
      now,
    );
  }

  protected override async saveChildren(item: JointSession): Promise<void> {
    const repository = this.manager.getRepository(JointSessionClassEntity);
    await repository.delete({ jointSessionId: item.id });
    if (item.westernClassIds.length > 0)
      await repository.insert(item.westernClassIds.map((westernClassId) => ({ jointSessionId: item.id, westernClassId })));
  }

  async lockParties(instructorIds: readonly string[], westernClassIds: readonly string[]): Promise<void> {
    // SQLite units of work are already serialized; PostgreSQL takes row locks in a fixed order.
    if (this.manager.connection.options.type !== 'postgres') return;
    if (instructorIds.length > 0)
      await this.manager.query('SELECT id FROM instructors WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[...instructorIds]]);
    if (westernClassIds.length > 0)
      await this.manager.query('SELECT id FROM western_classes WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[...westernClassIds]]);
  }

  async findOverlapping(query: OverlapQuery): Promise<JointSession[]> {
    const builder = this.manager
      .getRepository(JointSessionEntity)
      .createQueryBuilder('row')
      .where('row.status = :status', { status: 'scheduled' })
      .andWhere('row.startsAt < :endsAt', { endsAt: query.endsAt })
      .andWhere('row.endsAt > :startsAt', { startsAt: query.startsAt })
      .andWhere(
        new Brackets((where) => {
          where.where('1 = 0');
          if (query.instructorIds.length > 0)
            where.orWhere('row.instructorId IN (:...instructorIds)', { instructorIds: query.instructorIds });
          if (query.westernClassIds.length > 0)
            where.orWhere(
              'row.id IN (SELECT jc.joint_session_id FROM joint_session_classes jc WHERE jc.western_class_id IN (:...westernClassIds))',
              { westernClassIds: query.westernClassIds },
            );
        }),
      )
      .orderBy('row.startsAt', 'ASC');
    if (query.excludeSessionId) builder.andWhere('row.id <> :excludeId', { excludeId: query.excludeSessionId });
    return this.hydrate(await builder.getMany());
  }

  /**
   * Plain SQL with one statement shape for any number of ids (a JSON array on SQLite, an array on
   * PostgreSQL): the reminder worker re-reads a batch of sessions in every transaction, and building
   * the query through TypeORM cost more than running it.
   */
  override async findByIds(ids: readonly string[]): Promise<JointSession[]> {
    if (ids.length === 0) return [];
    const postgres = this.manager.connection.options.type === 'postgres';
    const idList = idListCondition(postgres, postgres ? '$1' : '?');
    const parameter = [idListParameter(postgres, ids)];
    const rows = (await this.manager.query(
      `SELECT id, pairing_id, instructor_id, starts_at, ends_at, anchor_time_zone, status, version, meeting_url
       FROM joint_sessions WHERE id ${idList}`,
      parameter,
    )) as Record<string, unknown>[];
    if (rows.length === 0) return [];
    const children = (await this.manager.query(
      `SELECT joint_session_id, western_class_id FROM joint_session_classes WHERE joint_session_id ${idList}
       ORDER BY joint_session_id, western_class_id`,
      parameter,
    )) as { joint_session_id: string; western_class_id: string }[];
    const classes = groupChildren(
      children,
      (c) => c.joint_session_id,
      (c) => c.western_class_id,
    );
    return rows.map((r) => ({
      id: r.id as string,
      pairingId: r.pairing_id as string,
      instructorId: r.instructor_id as string,
      startsAt: r.starts_at as string,
      endsAt: r.ends_at as string,
      anchorTimeZone: r.anchor_time_zone as string,
      status: r.status as JointSession['status'],
      version: Number(r.version),
      meetingUrl: (r.meeting_url as string | null) ?? null,
      westernClassIds: classes.get(r.id as string) ?? [],
    }));
  }

  protected override async hydrate(rows: JointSessionEntity[]): Promise<JointSession[]> {
    if (rows.length === 0) return [];
    const children = await this.manager.getRepository(JointSessionClassEntity).find({
      where: { jointSessionId: In(rows.map((row) => row.id)) },
      order: { westernClassId: 'ASC' },
    });
    const classes = groupChildren(
      children,
      (c) => c.jointSessionId,
      (c) => c.westernClassId,
    );
    return rows.map((row) => map.jointSession.toDomain(row, classes.get(row.id) ?? []));
  }
}

/** Every store, bound to one transaction's EntityManager. */
export function createStores(manager: EntityManager, now: string): Stores {
  const institutionColumns = equalityFilter<InstitutionFilter>({ id: 'id', region: 'region', province: 'province' });
  const institutionSearch = searchFilter(['nameEn', 'nameZh']);
  const instructorColumns = equalityFilter<InstructorFilter>({ id: 'id', institutionId: 'institutionId', role: 'role' });
  const instructorSearch = searchFilter(['name']);
  const courseColumns = equalityFilter<CourseFilter>({ institutionId: 'institutionId', discipline: 'discipline' });
  const courseSearch = searchFilter(['title']);
  return {
    institutions: new TypeormStore<Institution, InstitutionEntity, InstitutionFilter>(
      manager,
      InstitutionEntity,
      map.institution,
      (query, filter) => {
        institutionColumns(query, filter);
        institutionSearch(query, filter.search);
      },
      'nameEn',
      now,
    ),
    terms: new TypeormStore<Term, TermEntity, TermFilter>(
      manager,
      TermEntity,
      map.term,
      equalityFilter<TermFilter>({ institutionId: 'institutionId' }),
      'startLocalDate',
      now,
    ),
    instructors: new TypeormStore<Instructor, InstructorEntity, InstructorFilter>(
      manager,
      InstructorEntity,
      map.instructor,
      (query, filter) => {
        instructorColumns(query, filter);
        instructorSearch(query, filter.search);
        // Disciplines are a small JSON list; a quoted LIKE matches one whole entry.
        if (filter.discipline) query.andWhere('row.disciplines LIKE :discipline', { discipline: `%${JSON.stringify(filter.discipline)}%` });
      },
      'name',
      now,
    ),
    courses: new TypeormStore<Course, CourseEntity, CourseFilter>(
      manager,
      CourseEntity,
      map.course,
      (query, filter) => {
        courseColumns(query, filter);
        courseSearch(query, filter.search);
      },
      'title',
      now,
    ),
    westernClasses: new TypeormStore<WesternClass, WesternClassEntity, WesternClassFilter>(
      manager,
      WesternClassEntity,
      map.westernClass,
      equalityFilter<WesternClassFilter>({
        institutionId: 'institutionId',
        courseId: 'courseId',
        termId: 'termId',
        hostTeacherId: 'hostTeacherId',
      }),
      'name',
      now,
    ),
    pairings: new PairingStore(manager, now),
    jointSessions: new TypeormJointSessionStore(manager, now),
    calendarFeeds: new TypeormCalendarFeedStore(manager, now),
    ...createAccountStores(manager, now),
    ...createNotificationStores(manager, now),
  };
}
