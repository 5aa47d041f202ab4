import { randomUUID } from 'node:crypto';
import { withinScope } from './access.js';
import { mayWrite, SYSTEM_ACTOR, type Actor } from './actor.js';
import { recordChange } from './audit-log.js';
import { ApplicationError } from './errors.js';
import type { AuditedEntity } from './ports/accounts.js';
import type { Page, PageRequest, Store, Stores, UnitOfWork } from './ports/stores.js';

/** Who sees and changes which records of one kind. Records out of reach answer 404, never their data. */
export interface CatalogAccess<T, F> {
  /** The filter that confines a list to the actor's reach; null when they reach none. */
  listScope(actor: Actor): Partial<F> | null;
  canSee(actor: Actor, item: T, stores: Stores): Promise<boolean>;
  /** Checked on the record before and after a change (403 when false). Default: `canSee`. */
  canWrite?(actor: Actor, item: T, stores: Stores): Promise<boolean>;
  /** The fields the actor may change; undefined = every field. */
  patchableFields?(actor: Actor): readonly string[] | undefined;
}

/** How one kind of record is stored and checked: `prepare` fills defaults and checks references. */
export interface CatalogSpec<T extends { id: string }, F> {
  resource: string;
  store: (stores: Stores) => Store<T, F>;
  prepare?: (item: T, stores: Stores) => Promise<T>;
  /** Without it every actor reaches every record (the routes' roles still apply). */
  access?: CatalogAccess<T, F>;
  /** Changes are written to the audit log under this entity type. */
  audit?: AuditedEntity;
}

export type CreateInput<T> = Omit<T, 'id'>;
export type UpdateInput<T> = Partial<Omit<T, 'id'>>;

/**
 * Create, read, list, update and delete for one kind of catalog record (institutions, courses...).
 * One generic class instead of five near-identical use cases each: the rules that differ live in
 * the spec's `prepare`; scheduling operations with real rules get use cases of their own.
 */
export class Catalog<T extends { id: string }, F> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly spec: CatalogSpec<T, F>,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** `actor` defaults to the system (jobs, seeding); controllers always pass the caller. */
  get(id: string, actor: Actor = SYSTEM_ACTOR): Promise<T> {
    return this.unitOfWork.run((stores) => this.load(stores, id, actor));
  }

  list(filter: F, page: PageRequest, actor: Actor = SYSTEM_ACTOR): Promise<Page<T>> {
    return this.unitOfWork.run(async (stores) => {
      const scoped = this.spec.access
        ? (withinScope(filter as F & object, this.spec.access.listScope(actor) as Partial<F & object> | null) as F | null)
        : filter;
      if (scoped === null) return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
      return this.spec.store(stores).list(scoped, page);
    });
  }

  create(input: CreateInput<T>, actor: Actor = SYSTEM_ACTOR): Promise<T> {
    return this.unitOfWork.run(async (stores) => {
      const item = await this.prepare({ ...input, id: this.newId() } as T, stores);
      await this.requireWritable(stores, actor, item);
      await this.spec.store(stores).save(item);
      await this.audit(stores, actor, item.id, 'create', null, item);
      return item;
    });
  }

  update(id: string, patch: UpdateInput<T>, actor: Actor = SYSTEM_ACTOR): Promise<T> {
    return this.unitOfWork.run(async (stores) => {
      const current = await this.load(stores, id, actor);
      await this.requireWritable(stores, actor, current);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const allowed = this.spec.access?.patchableFields?.(actor);
      const refused = allowed ? Object.keys(defined).filter((field) => !allowed.includes(field)) : [];
      if (refused.length > 0)
        throw ApplicationError.forbidden(`You may not change ${refused.join(', ')}; you may change ${allowed!.join(', ')}.`);
      const item = await this.prepare({ ...current, ...defined, id } as T, stores);
      await this.requireWritable(stores, actor, item);
      await this.spec.store(stores).save(item);
      await this.audit(stores, actor, id, 'update', current, item);
      return item;
    });
  }

  delete(id: string, actor: Actor = SYSTEM_ACTOR): Promise<void> {
    return this.unitOfWork.run(async (stores) => {
      const current = await this.load(stores, id, actor);
      await this.requireWritable(stores, actor, current);
      await this.spec.store(stores).delete(id);
      await this.audit(stores, actor, id, 'delete', current, null);
    });
  }

  private async load(stores: Stores, id: string, actor: Actor): Promise<T> {
    const item = await this.spec.store(stores).findById(id);
    if (!item || (this.spec.access && !(await this.spec.access.canSee(actor, item, stores))))
      throw ApplicationError.notFound(this.spec.resource, id);
    return item;
  }

  private async requireWritable(stores: Stores, actor: Actor, item: T): Promise<void> {
    const access = this.spec.access;
    const allowed = mayWrite(actor) && (!access || (await (access.canWrite ?? access.canSee)(actor, item, stores)));
    if (!allowed) throw ApplicationError.forbidden(`You may not change this ${this.spec.resource}; it is outside the records you manage.`);
  }

  private async audit(
    stores: Stores,
    actor: Actor,
    entityId: string,
    action: 'create' | 'update' | 'delete',
    before: T | null,
    after: T | null,
  ): Promise<void> {
    if (this.spec.audit) await recordChange(stores, actor, { entityType: this.spec.audit, entityId, action, before, after });
  }

  private prepare(item: T, stores: Stores): Promise<T> {
    return this.spec.prepare ? this.spec.prepare(item, stores) : Promise.resolve(item);
  }
}

/** Loads a referenced record or fails with an error naming the request field. */
export async function requireReference<T extends { id: string }>(
  store: Store<T, unknown>,
  id: string,
  field: string,
  resource: string,
): Promise<T> {
  const found = await store.findById(id);
  if (!found) throw ApplicationError.invalidReference(field, resource, id);
  return found;
}
