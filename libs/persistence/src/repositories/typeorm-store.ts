import type { EntityManager, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { Store, type Page, type PageRequest } from '#scheduling';
import { idListCondition, idListParameter } from '../id-list.js';

export interface EntityMapper<T, E> {
  toDomain(entity: E): T;
  /** `now` is the UTC ISO instant of this unit of work, for created/updated stamps. */
  toEntity(item: T, now: string, existing: E | null): E;
}

export type FilterApplier<F> = (query: SelectQueryBuilder<ObjectLiteral>, filter: F) => void;

/** The by-id SELECT of each entity, for SQLite [0] and PostgreSQL [1]. */
const byIdShapes = new WeakMap<EntityMetadata, [ByIdShape | undefined, ByIdShape | undefined]>();
interface ByIdShape {
  sql: string;
  columns: ColumnMetadata[];
}

/** A Store over one table whose rows map 1:1 onto domain records. */
export class TypeormStore<T extends { id: string }, E extends ObjectLiteral & { id: string }, F> extends Store<T, F> {
  constructor(
    protected readonly manager: EntityManager,
    protected readonly entity: new () => E,
    protected readonly mapper: EntityMapper<T, E>,
    protected readonly applyFilter: FilterApplier<F>,
    protected readonly orderBy: string,
    protected readonly now: string,
  ) {
    super();
  }

  protected get repository() {
    return this.manager.getRepository(this.entity);
  }

  async findById(id: string): Promise<T | null> {
    const rows = await this.rowsByIds([id]);
    return rows.length > 0 ? (await this.hydrate(rows))[0]! : null;
  }

  async findByIds(ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    return this.hydrate(await this.rowsByIds(ids));
  }

  /**
   * Rows by id without the query builder (building the query cost more than running it on the
   * reminder worker's hot path): one statement per entity for any number of ids, each value
   * converted by the driver exactly as TypeORM's own hydration does (`prepareHydratedValue`).
   */
  protected async rowsByIds(ids: readonly string[]): Promise<E[]> {
    const connection = this.manager.connection;
    const metadata = connection.getMetadata(this.entity);
    const postgres = connection.options.type === 'postgres';
    let shape = byIdShapes.get(metadata)?.[postgres ? 1 : 0];
    if (!shape) {
      const columns = metadata.columns.filter((column) => !column.isVirtual);
      shape = {
        sql: `SELECT ${columns.map((c) => `"${c.databaseName}"`).join(', ')} FROM "${metadata.tableName}" WHERE "id" ${idListCondition(postgres, postgres ? '$1' : '?')}`,
        columns,
      };
      const shapes = byIdShapes.get(metadata) ?? [undefined, undefined];
      shapes[postgres ? 1 : 0] = shape;
      byIdShapes.set(metadata, shapes);
    }
    const raw = (await this.manager.query(shape.sql, [idListParameter(postgres, ids)])) as Record<string, unknown>[];
    return raw.map((row) => {
      const entity = metadata.create() as E;
      for (const column of shape.columns) {
        const value = row[column.databaseName];
        if (value !== undefined) column.setEntityValue(entity, connection.driver.prepareHydratedValue(value, column));
      }
      return entity;
    });
  }

  async list(filter: F, page: PageRequest): Promise<Page<T>> {
    const query = this.repository.createQueryBuilder('row') as unknown as SelectQueryBuilder<ObjectLiteral>;
    this.applyFilter(query, filter);
    const [rows, total] = await query
      .orderBy(`row.${this.orderBy}`, 'ASC')
      .addOrderBy('row.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { items: await this.hydrate(rows as E[]), total, page: page.page, pageSize: page.pageSize };
  }

  async save(item: T): Promise<void> {
    const existing = await this.repository.findOneBy({ id: item.id } as never);
    await this.repository.save(this.mapper.toEntity(item, this.now, existing) as never);
    await this.saveChildren(item);
  }

  async delete(id: string): Promise<void> {
    await this.repository.delete({ id } as never);
  }

  /** Turns rows into domain records; aggregates with child tables load the children here. */
  protected async hydrate(rows: E[]): Promise<T[]> {
    return rows.map((row) => this.mapper.toDomain(row));
  }

  protected async saveChildren(_item: T): Promise<void> {}
}

/** `row.column = :value` for each filter key that is set. */
export function equalityFilter<F extends object>(columns: Partial<Record<keyof F, string>>): FilterApplier<F> {
  return (query, filter) => {
    for (const [key, column] of Object.entries(columns) as [string, string][]) {
      const value = (filter as Record<string, unknown>)[key];
      if (value !== undefined) query.andWhere(`row.${column} = :${key}`, { [key]: value });
    }
  };
}

/** Groups child rows by parent id, in the order given. */
export function groupChildren<C>(rows: C[], parentOf: (row: C) => string, valueOf: (row: C) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const key = parentOf(row);
    const list = groups.get(key) ?? [];
    list.push(valueOf(row));
    groups.set(key, list);
  }
  return groups;
}
