import { randomUUID } from 'node:crypto';
import { ApplicationError } from './errors.js';
import type { Page, PageRequest, Store, Stores, UnitOfWork } from './ports/stores.js';

/** How one kind of record is stored and checked: `prepare` fills defaults and checks references. */
export interface CatalogSpec<T extends { id: string }, F> {
  resource: string;
  store: (stores: Stores) => Store<T, F>;
  prepare?: (item: T, stores: Stores) => Promise<T>;
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

  get(id: string): Promise<T> {
    return this.unitOfWork.run((stores) => this.load(stores, id));
  }

  list(filter: F, page: PageRequest): Promise<Page<T>> {
    return this.unitOfWork.run((stores) => this.spec.store(stores).list(filter, page));
  }

  create(input: CreateInput<T>): Promise<T> {
    return this.unitOfWork.run(async (stores) => {
      const item = await this.prepare({ ...input, id: this.newId() } as T, stores);
      await this.spec.store(stores).save(item);
      return item;
    });
  }

  update(id: string, patch: UpdateInput<T>): Promise<T> {
    return this.unitOfWork.run(async (stores) => {
      const current = await this.load(stores, id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const item = await this.prepare({ ...current, ...defined, id } as T, stores);
      await this.spec.store(stores).save(item);
      return item;
    });
  }

  delete(id: string): Promise<void> {
    return this.unitOfWork.run(async (stores) => {
      await this.load(stores, id);
      await this.spec.store(stores).delete(id);
    });
  }

  private async load(stores: Stores, id: string): Promise<T> {
    const item = await this.spec.store(stores).findById(id);
    if (!item) throw ApplicationError.notFound(this.spec.resource, id);
    return item;
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
