// Child process of bench-api: serves either the real API (demo program, SQLite) or a bare Fastify
// returning a fixed JSON body, and prints `READY <port>` when it listens.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '#config';
import { bootstrap } from '../apps/api/src/bootstrap.js';

const mode = process.argv[2];

if (mode === 'api') {
  const config = loadConfig({
    DEMO_DATA: 'on',
    LOG_LEVEL: 'warn',
    SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'bench-api-')), 'bench.sqlite'),
    PORT: '0',
    NODE_ENV: 'development',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
  });
  const app = await bootstrap(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpAdapter().getInstance().server.address() as { port: number };
  console.log(`READY ${address.port}`);
} else if (mode === 'bare') {
  // The cheapest possible server: the same JSON body, already serialised.
  const body = readFileSync(process.argv[3]!, 'utf8');
  const server = Fastify({ logger: false });
  server.get('/joint-sessions', async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address() as { port: number };
  console.log(`READY ${address.port}`);
} else {
  console.error('usage: bench-api-server.js api | bare <body.json>');
  process.exit(2);
}
