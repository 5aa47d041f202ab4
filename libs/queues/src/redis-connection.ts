import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

/**
 * One ioredis client per process, shared by producers and health checks. It never blocks the
 * boot: when Redis is unreachable it keeps retrying in the background and says so once.
 */
export function createRedisConnection(url: string, logger = new Logger('redis')): Redis {
  let warned = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
  });
  redis.on('error', (error: Error & { code?: string }) => {
    if (warned) return;
    warned = true;
    logger.warn(
      `Redis is not reachable at ${redactUrl(url)} (${error.code ?? error.message}). The API keeps serving; reminders and activity jobs wait in the database outbox until Redis is back. Start one with: redis-server --daemonize yes --port 6379, or set REDIS_URL.`,
    );
  });
  redis.on('ready', () => {
    if (warned) logger.log(`Redis is reachable again at ${redactUrl(url)}.`);
    warned = false;
  });
  redis.connect().catch(() => undefined);
  return redis;
}

/** Hides a password in a connection URL before it is logged. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
