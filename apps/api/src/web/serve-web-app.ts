import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The nearest folder above this file holding package.json: the same from `src/` (tests) and `dist/` (built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const defaultWebRoot = (): string => join(packageRoot(), 'dist', 'web');

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Web app not built</title>
<p>The web app has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds everything).</p></html>`;

/**
 * The single-page web app, public like the docs: index.html at `/` and its hashed bundles under
 * `/assets/`. Registered on Fastify directly, so Nest guards never see these routes, and the SPA
 * uses hash routes (`/#/teacher/calendar`), so no client path can shadow an API path.
 */
export async function serveWebApp(app: NestFastifyApplication, webRoot: string = defaultWebRoot()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (!existsSync(join(webRoot, 'index.html'))) {
    new Logger('web').warn(`No web app at ${webRoot}; run "npm run build:web". Serving a placeholder at /`);
    fastify.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(notBuilt));
    return;
  }
  // Bundle names carry a content hash: cache them for a year; index.html is revalidated every time.
  await app.register(fastifyStatic, { root: join(webRoot, 'assets'), prefix: '/assets/', index: false, immutable: true, maxAge: '365d' });
  fastify.get('/', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot, { cacheControl: false }));
}
