import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface Entry {
  version: number;
  expiresAt: number;
  body: string;
  contentType: string;
}

const MAX_ENTRIES = 2_000;
const MAX_BODY_BYTES = 1_000_000;
/** A revoked API token may see a cached answer for at most this long. */
const MAX_AGE_MS = 30_000;

/**
 * Caches whole GET answers of read-heavy routes (session lists, timetables) and serves repeats
 * straight from Fastify. An entry is keyed by URL and the caller's credentials, and is valid only
 * while the database's change counter has not moved, so it can never be stale. Without a counter
 * (PostgreSQL, several processes) nothing is cached.
 */
export function registerResponseCache(
  fastify: FastifyInstance,
  options: { prefixes: readonly string[]; changeCounter: () => number | null },
): void {
  const entries = new Map<string, Entry>();
  const cacheable = (request: FastifyRequest) =>
    request.method === 'GET' && options.prefixes.some((prefix) => request.url.startsWith(prefix));
  const keyOf = (request: FastifyRequest) =>
    `${request.url}\u0000${request.headers.authorization ?? ''}\u0000${request.headers['accept-language'] ?? ''}`;

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(request)) return;
    const version = options.changeCounter();
    if (version === null) return;
    const key = keyOf(request);
    const entry = entries.get(key);
    if (!entry || entry.version !== version || Date.now() > entry.expiresAt) return;
    // Refresh recency: Map keeps insertion order, so the oldest entry is evicted first.
    entries.delete(key);
    entries.set(key, entry);
    return reply.header('content-type', entry.contentType).header('x-cache', 'hit').send(entry.body);
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!cacheable(request) || reply.statusCode !== 200 || reply.getHeader('x-cache') === 'hit' || typeof payload !== 'string')
      return payload;
    if (payload.length > MAX_BODY_BYTES) return payload;
    // Only plain JSON answers: downloads (.ics) carry headers of their own that a hit would drop.
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    const version = (request as FastifyRequest & { cacheVersion?: number | null }).cacheVersion;
    if (version === null || version === undefined) return payload;
    const expiresAt = Math.min(Date.now() + MAX_AGE_MS, bearerExpiry(request.headers.authorization));
    entries.set(keyOf(request), {
      version,
      expiresAt,
      body: payload,
      contentType: String(reply.getHeader('content-type') ?? 'application/json'),
    });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    return payload;
  });

  // The version is taken before the handler reads, so a write racing the read invalidates the entry.
  fastify.addHook('preHandler', async (request: FastifyRequest) => {
    if (cacheable(request)) (request as FastifyRequest & { cacheVersion?: number | null }).cacheVersion = options.changeCounter();
  });
}

/** A JWT's `exp` in ms (it was verified when the entry was made; the key holds the exact token). */
function bearerExpiry(authorization: string | undefined): number {
  const payload = authorization?.startsWith('Bearer ') ? authorization.slice(7).split('.')[1] : undefined;
  if (!payload) return Number.POSITIVE_INFINITY;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
