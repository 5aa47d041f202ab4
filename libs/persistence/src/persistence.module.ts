import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '#config';
import { Clock, SystemClock, UnitOfWork } from '#scheduling';
import { openDatabase } from './data-source.js';
import { TypeormUnitOfWork } from './typeorm-unit-of-work.js';

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Opens the database (applying migrations) and provides the UnitOfWork and Clock ports. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: DataSource, useFactory: () => openDatabase(database) },
        { provide: Clock, useClass: SystemClock },
        {
          provide: UnitOfWork,
          useFactory: (dataSource: DataSource, clock: Clock) => new TypeormUnitOfWork(dataSource, clock),
          inject: [DataSource, Clock],
        },
        DatabaseCloser,
      ],
      exports: [DataSource, Clock, UnitOfWork],
    };
  }
}
