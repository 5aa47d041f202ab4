import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import { Logger as NestLogger, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Settings } from 'luxon';
import { Logger } from 'nestjs-pino';
import { pinProcessToUtc, type AppConfig } from '#config';
import { buildDemoProgram, demoCredentials, loadDemoProgram, type DemoCredential } from '#demo';
import { createChangeCounter } from '#persistence';
import { DataSource } from 'typeorm';
import { Clock, LedgerUnitOfWork, UnitOfWork } from '#scheduling';
import { AppModule } from './app.module.js';
import { registerResponseCache } from './http/response-cache.js';
import { serveWebApp } from './web/serve-web-app.js';

export interface BootstrapOptions {
  /** Replace providers (a fixed Clock in tests). */
  overrides?: { provide: unknown; useValue: unknown }[];
  /** Extra modules for the same process (the worker, in SQLite mode). */
  imports?: ModuleMetadata['imports'];
}

/** How long a stop waits for open HTTP connections (requests in flight) before it cuts them. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Builds the API exactly as `main.ts` runs it, without listening; e2e tests use the same path. */
export async function bootstrap(config: AppConfig, options: BootstrapOptions = {}): Promise<NestFastifyApplication> {
  pinProcessToUtc();
  Settings.throwOnInvalid = true;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    logger: false,
    trustProxy: config.trustProxy,
  });
  // Before Nest adds its (Express-style) middleware, so a cache hit skips it; the counter is bound once the database is open.
  let changeCounter: () => number | null = () => null;
  registerResponseCache(adapter.getInstance(), { prefixes: ['/joint-sessions'], changeCounter: () => changeCounter() });
  cutConnectionsAfterGrace(adapter.getInstance());
  // The router's own table, for the deny-by-default test that walks every route.
  const routes: RouteTableEntry[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  const root = AppModule.forRoot(config);
  root.imports = [...(root.imports ?? []), ...(options.imports ?? [])];
  const app = options.overrides?.length
    ? await createWithOverrides(root, adapter, options.overrides)
    : await NestFactory.create<NestFastifyApplication>(root, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  routeTables.set(app, routes);
  await registerHttpSecurity(app, config);
  if (config.auth.secretGenerated)
    new NestLogger('auth').warn(
      'AUTH_SECRET is not set: access tokens are signed with a random key made for this process, so sign-ins end when it restarts. Set AUTH_SECRET (required in production).',
    );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('East-West blended teaching scheduler')
      .setDescription(
        "Pairs eastern instructors with western classes and schedules their joint live sessions across time zones. Every instant is UTC with each party's local time beside it; errors are RFC 9457 problem bodies.",
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An access token from POST /auth/login, or an API token (ews_...)' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await serveWebApp(app);
  // Historic ledgers arrive as CSV files, larger than JSON requests: their own limit.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  changeCounter = createChangeCounter(app.get(DataSource));

  await app.init();
  if (config.demoData) await loadDemo(app, config);
  return app;
}

/**
 * Closing the server ends idle connections and waits for the rest; a client that began a request and
 * went silent (a browser's socket left behind, a stuck proxy) would hold a stop until Node's header
 * timeout. Requests in flight get `SHUTDOWN_GRACE_MS` to finish, then whatever is open is cut.
 */
function cutConnectionsAfterGrace(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    const cut = setTimeout(() => fastify.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    fastify.server.once('close', () => clearTimeout(cut));
    done();
  });
}

export interface RouteTableEntry {
  method: string;
  url: string;
}

const routeTables = new WeakMap<NestFastifyApplication, RouteTableEntry[]>();

/** Every route Fastify registered (Nest controllers, docs, web app), as the router holds them. */
export const routeTable = (app: NestFastifyApplication): readonly RouteTableEntry[] => routeTables.get(app) ?? [];

/** Security headers on every answer (helmet) and CORS only for the configured origins. */
async function registerHttpSecurity(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    // Campus deployments often run over plain HTTP on a LAN; do not force https on them.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'Location'],
    maxAge: 600,
  });
}

/**
 * Loads the demo program into an empty database and prints the demo sign-ins. Outside production
 * the passwords are the documented ones (demo- + the email's local part) and are printed at every
 * start; in production they are random and printed once, when the program is loaded.
 */
async function loadDemo(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const logger = new NestLogger('demo');
  const program = buildDemoProgram();
  const credentials = demoCredentials(program.users, { random: config.env === 'production' });
  const createdAt = app.get(Clock).now().toUTC().toISO()!;
  const result = await loadDemoProgram(app.get(UnitOfWork), program, credentials, createdAt, app.get(LedgerUnitOfWork));
  if (result.loaded) logger.log(`Loaded the demo program: ${JSON.stringify(result.counts)}`);
  if (result.loaded || config.env !== 'production') printCredentials(logger, credentials, config.env !== 'test');
}

function printCredentials(logger: NestLogger, credentials: readonly DemoCredential[], plain: boolean): void {
  const lines = credentials.map((c) => `  ${c.role.padEnd(24)} ${c.email.padEnd(32)} ${c.password}`);
  const text = `Demo mode (DEMO_DATA=on): sign in at POST /auth/login or in the web app with one of these accounts (role, email, password):\n${lines.join('\n')}`;
  logger.warn(text);
  // The JSON log escapes line breaks; a person reading the console gets the table as it is.
  if (plain) process.stdout.write(`\n${text}\n\n`);
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
