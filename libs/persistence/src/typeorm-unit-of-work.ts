import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { ApplicationError, ApplicationErrorCode, Clock, UnitOfWork, type Stores } from '#scheduling';
import { createStores } from './repositories/stores.js';
import { SerialQueue } from './serial-queue.js';

const MAX_SERIALIZATION_RETRIES = 5;

/**
 * One transaction per unit of work. On SQLite all units share TypeORM's single connection, so they
 * are serialized here: two interleaved transactions on one connection would commit or roll back
 * each other's writes. On PostgreSQL units run concurrently at READ COMMITTED; bookings lock the
 * rows of the parties they book (JointSessionStore.lockParties), and deadlocks are retried.
 */
export class TypeormUnitOfWork extends UnitOfWork {
  private readonly queue = new SerialQueue();
  private readonly serialize: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
    this.serialize = dataSource.options.type !== 'postgres';
  }

  run<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    return this.runWithManager((manager, now) => work(createStores(manager, now)));
  }

  /** For adapters in this lib that need raw queries inside the same serialized transaction. */
  async runWithManager<T>(work: (manager: EntityManager, now: string) => Promise<T>): Promise<T> {
    const attempt = () => {
      const now = this.clock.now().toUTC().toISO()!;
      return this.dataSource.transaction((manager) => work(manager, now));
    };
    const once = () => translateConstraintErrors(attempt);
    if (this.serialize) return this.queue.run(once);
    for (let retry = 0; ; retry++) {
      try {
        return await once();
      } catch (error) {
        if (!isSerializationFailure(error) || retry >= MAX_SERIALIZATION_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (retry + 1)));
      }
    }
  }
}

function driverCode(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code;
}

function isSerializationFailure(error: unknown): boolean {
  const code = driverCode(error);
  return code === '40001' || code === '40P01';
}

async function translateConstraintErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = driverCode(error);
    // SQLite reports ON DELETE RESTRICT as a trigger failure with a FOREIGN KEY message.
    const foreignKey =
      code === '23503' ||
      code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
      (code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY/i.test(String(error)));
    if (foreignKey)
      throw new ApplicationError(
        ApplicationErrorCode.InUse,
        'Other records still refer to this one (instructors, classes, pairings or sessions); remove or move those first.',
      );
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
      throw new ApplicationError(ApplicationErrorCode.Conflict, 'A record with the same unique key already exists.');
    throw error;
  }
}
