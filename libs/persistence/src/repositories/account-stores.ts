import { Brackets, IsNull, LessThan, MoreThanOrEqual, Not, type EntityManager } from 'typeorm';
import {
  ApiTokenStore,
  AuditLogStore,
  LoginAttemptStore,
  RefreshTokenStore,
  type ApiToken,
  type AuditEntry,
  type AuditFilter,
  type LoginAttempt,
  type Page,
  type PageRequest,
  type RefreshToken,
  type Role,
  type UserAccount,
  type UserFilter,
  type UserStore,
} from '#scheduling';
import { ApiTokenEntity, AuditEntryEntity, LoginAttemptEntity, RefreshTokenEntity, UserEntity } from '../entities/index.js';
import { equalityFilter, TypeormStore } from './typeorm-store.js';

const userMapper = {
  toDomain: (e: UserEntity): UserAccount => ({
    id: e.id,
    email: e.email,
    displayName: e.displayName,
    role: e.role as Role,
    institutionId: e.institutionId,
    instructorId: e.instructorId,
    locale: e.locale,
    passwordHash: e.passwordHash,
    createdAt: e.createdAt,
  }),
  toEntity: (d: UserAccount) => Object.assign(new UserEntity(), { ...d, email: d.email.toLowerCase() }),
};

/** Structurally a UserStore (the port): a TypeormStore plus lookup by email. */
export class TypeormUserStore extends TypeormStore<UserAccount, UserEntity, UserFilter> {
  constructor(manager: EntityManager, now: string) {
    const byColumns = equalityFilter<UserFilter>({ role: 'role', institutionId: 'institutionId' });
    super(
      manager,
      UserEntity,
      userMapper,
      (query, filter) => {
        byColumns(query, filter);
        if (filter.search)
          query.andWhere(
            new Brackets((where) => {
              where.where('LOWER(row.email) LIKE :search', { search: `%${filter.search!.toLowerCase()}%` });
              where.orWhere('LOWER(row.displayName) LIKE :search');
            }),
          );
      },
      'email',
      now,
    );
  }

  async findByEmail(email: string): Promise<UserAccount | null> {
    const row = await this.repository.findOneBy({ email: email.toLowerCase() });
    return row ? userMapper.toDomain(row) : null;
  }
}

export class TypeormRefreshTokenStore extends RefreshTokenStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }
  private get repository() {
    return this.manager.getRepository(RefreshTokenEntity);
  }
  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.repository.findOneBy({ tokenHash });
  }
  async save(token: RefreshToken): Promise<void> {
    await this.repository.save(Object.assign(new RefreshTokenEntity(), token));
  }
  async isFamilyRevoked(familyId: string): Promise<boolean> {
    return this.repository.existsBy({ familyId, revokedAt: Not(IsNull()) });
  }
  async revokeFamily(familyId: string, at: string): Promise<void> {
    await this.repository.update({ familyId, revokedAt: IsNull() }, { revokedAt: at });
  }
  async revokeAllOfUser(userId: string, at: string): Promise<void> {
    await this.repository.update({ userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}

export class TypeormApiTokenStore extends ApiTokenStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }
  private get repository() {
    return this.manager.getRepository(ApiTokenEntity);
  }
  async findByHash(tokenHash: string): Promise<ApiToken | null> {
    return this.repository.findOneBy({ tokenHash });
  }
  async findById(id: string): Promise<ApiToken | null> {
    return this.repository.findOneBy({ id });
  }
  async listOfUser(userId: string): Promise<ApiToken[]> {
    return this.repository.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
  async save(token: ApiToken): Promise<void> {
    await this.repository.save(Object.assign(new ApiTokenEntity(), token));
  }
}

export class TypeormLoginAttemptStore extends LoginAttemptStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }
  private get repository() {
    return this.manager.getRepository(LoginAttemptEntity);
  }
  async record(attempt: LoginAttempt): Promise<void> {
    const { succeeded, ...rest } = attempt;
    await this.repository.insert({ ...rest, outcome: succeeded ? 'success' : 'failure' });
  }
  async failuresSince(key: { accountKey?: string; address?: string }, since: string): Promise<string[]> {
    const rows = await this.repository.find({
      select: { attemptedAt: true },
      where: { ...key, outcome: 'failure', attemptedAt: MoreThanOrEqual(since) },
      order: { attemptedAt: 'ASC' },
    });
    return rows.map((row) => row.attemptedAt);
  }
  async prune(before: string): Promise<void> {
    await this.repository.delete({ attemptedAt: LessThan(before) });
  }
}

export class TypeormAuditLogStore extends AuditLogStore {
  constructor(
    private readonly manager: EntityManager,
    private readonly now: string,
  ) {
    super();
  }
  async append(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await this.manager.getRepository(AuditEntryEntity).save(Object.assign(new AuditEntryEntity(), { ...entry, at: this.now }));
  }
  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const where = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    const [rows, total] = await this.manager.getRepository(AuditEntryEntity).findAndCount({
      where,
      order: { at: 'DESC', id: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return {
      items: rows.map((row) => ({
        ...row,
        entityType: row.entityType as AuditEntry['entityType'],
        action: row.action as AuditEntry['action'],
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }
}

export const createAccountStores = (manager: EntityManager, now: string) => ({
  users: new TypeormUserStore(manager, now) as UserStore,
  refreshTokens: new TypeormRefreshTokenStore(manager),
  apiTokens: new TypeormApiTokenStore(manager),
  loginAttempts: new TypeormLoginAttemptStore(manager),
  auditLog: new TypeormAuditLogStore(manager, now),
});
