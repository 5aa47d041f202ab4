import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#config';
import { LedgerPersistenceModule } from '#persistence';
import { ledgerActivityRecorder, WorkerModule } from '#queues';
import { bootstrap } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // SQLite (and PROCESS_ROLE=all): the worker runs here, sharing the one SQLite connection.
  const app = await bootstrap(config, {
    imports:
      config.processRole === 'all'
        ? [WorkerModule.forRoot(config, { imports: [LedgerPersistenceModule], recorder: ledgerActivityRecorder })]
        : [],
  });
  await app.listen({ port: config.port, host: config.host });
  const logger = new Logger('main');
  logger.log(
    `API listening on ${config.publicUrl} (database: ${config.database.kind}, worker: ${config.processRole === 'all' ? 'in this process' : 'separate'}); API docs at ${config.publicUrl}/docs`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
