import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Logger as NestLogger, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Settings } from 'luxon';
import { Logger } from 'nestjs-pino';
import { pinProcessToUtc, type AppConfig } from '#config';
import { loadDemoProgram } from '#demo';
import { createChangeCounter } from '#persistence';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '#scheduling';
import { AppModule } from './app.module.js';
import { registerResponseCache } from './http/response-cache.js';
import { serveWebApp } from './web/serve-web-app.js';

export interface BootstrapOptions {
  /** Replace providers (a fixed Clock in tests). */
  overrides?: { provide: unknown; useValue: unknown }[];
  /** Extra modules for the same process (the worker, in SQLite mode). */
  imports?: ModuleMetadata['imports'];
}

/** Builds the API exactly as `main.ts` runs it, without listening; e2e tests use the same path. */
export async function bootstrap(config: AppConfig, options: BootstrapOptions = {}): Promise<NestFastifyApplication> {
  pinProcessToUtc();
  Settings.throwOnInvalid = true;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    logger: false,
  });
  const root = AppModule.forRoot(config);
  root.imports = [...(root.imports ?? []), ...(options.imports ?? [])];
  const app = options.overrides?.length
    ? await createWithOverrides(root, adapter, options.overrides)
    : await NestFactory.create<NestFastifyApplication>(root, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('East-West blended teaching scheduler')
      .setDescription(
        'Pairs eastern instructors with western classes and schedules their joint live sessions across time zones. Every instant is UTC with each party\'s local time beside it; errors are RFC 9457 problem bodies.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await serveWebApp(app);
  registerResponseCache(app.getHttpAdapter().getInstance(), {
    prefixes: ['/joint-sessions'],
    changeCounter: createChangeCounter(app.get(DataSource)),
  });

  await app.init();
  if (config.demoData) {
    const result = await loadDemoProgram(app.get(UnitOfWork));
    if (result.loaded) new NestLogger('demo').log(`Loaded the demo program: ${JSON.stringify(result.counts)}`);
  }
  return app;
}

/** NestFactory has no overrideProvider; tests swap providers (a fixed Clock) through the testing module. */
async function createWithOverrides(
  root: DynamicModule,
  adapter: FastifyAdapter,
  overrides: NonNullable<BootstrapOptions['overrides']>,
): Promise<NestFastifyApplication> {
  const { Test } = await import('@nestjs/testing');
  let testing = Test.createTestingModule({ imports: [root] });
  for (const override of overrides) testing = testing.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await testing.compile();
  return moduleRef.createNestApplication<NestFastifyApplication>(adapter, { bufferLogs: true, abortOnError: false });
}
