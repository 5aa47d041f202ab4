import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Settings } from 'luxon';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, pinProcessToUtc } from '#config';
import { WorkerAppModule } from './worker-app.module.js';

/** `npm run start:worker`: one worker process; run several against the same PostgreSQL and Redis. */
async function main(): Promise<void> {
  pinProcessToUtc();
  Settings.throwOnInvalid = true;
  const config = loadConfig();
  if (config.database.kind === 'sqlite')
    throw new ConfigError(
      'A separate worker needs PostgreSQL (DATABASE_URL): on SQLite the worker runs inside the API process (`npm start`).',
    );
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
