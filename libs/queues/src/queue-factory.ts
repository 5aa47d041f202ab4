import { Queue, type DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobsConfig } from '#config';
import { closeGracefully } from './close-gracefully.js';
import { QUEUE_NAMES, QueueName } from './job-names.js';

/**
 * A producer connection fails fast while Redis is down (no offline queue), so a caller such as the
 * outbox relay gets an error at once and leaves its rows for the next run instead of hanging.
 */
export function createProducerConnection(redisUrl: string): Redis {
  const redis = new Redis(redisUrl, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  redis.on('error', () => undefined);
  return redis;
}

export function defaultJobOptions(jobs: JobsConfig): DefaultJobOptions {
  return {
    attempts: jobs.attempts,
    backoff: { type: 'exponential', delay: jobs.backoffMs },
    // Kept for a while so a repeated add with the same id stays a no-op and the dashboard shows history.
    removeOnComplete: { age: 3_600, count: 200_000 },
    removeOnFail: { age: 7 * 86_400 },
  };
}

/** The service's queues on one producer connection. */
export class Queues {
  readonly byName: ReadonlyMap<QueueName, Queue>;

  constructor(
    readonly connection: Redis,
    jobs: JobsConfig,
  ) {
    this.byName = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, { connection, prefix: jobs.queuePrefix, defaultJobOptions: defaultJobOptions(jobs) });
        // The shared connection already says once that Redis is down; unheard queue errors would print a stack each retry.
        queue.on('error', () => undefined);
        return [name, queue] as const;
      }),
    );
  }

  get(name: QueueName): Queue {
    return this.byName.get(name)!;
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].map((queue) => closeGracefully(queue, this.connection, 5_000)));
    this.connection.disconnect();
  }
}
