import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { closeGracefully } from '../close-gracefully.js';
import { Redis } from 'ioredis';
import type { JobsConfig } from '#config';
import type { RelayOutbox, SweepNotifications } from '#scheduling';
import { QueueName } from '../job-names.js';
import type { ActivitiesProcessor, NotificationsProcessor, PlanningProcessor } from './processors.js';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Runs the BullMQ workers (one per queue), the outbox relay and the periodic sweep. On shutdown it
 * stops taking jobs and waits for the running ones (BullMQ `close()`), so a stopping worker finishes
 * its jobs; a killed one leaves them locked, and they are retried once the lock expires.
 */
export class WorkerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('worker');
  private readonly workers: Worker[] = [];
  private readonly stop = new AbortController();
  private loops: Promise<void>[] = [];
  private connection: Redis | null = null;

  constructor(
    private readonly redisUrl: string,
    private readonly jobs: JobsConfig,
    private readonly processors: { planning: PlanningProcessor; notifications: NotificationsProcessor; activities: ActivitiesProcessor },
    private readonly relay: RelayOutbox,
    private readonly sweep: SweepNotifications,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = new Redis(this.redisUrl, { maxRetriesPerRequest: null, retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
    this.connection.on('error', () => undefined);
    const options = {
      connection: this.connection,
      prefix: this.jobs.queuePrefix,
      lockDuration: this.jobs.lockMs,
      stalledInterval: this.jobs.lockMs,
    };
    const add = (name: QueueName, process: (job: Job) => Promise<unknown>, concurrency: number) => {
      const worker = new Worker(name, process, { ...options, concurrency });
      worker.on('error', (error) => this.logger.debug(`${name}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn(`${name} job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`),
      );
      this.workers.push(worker);
    };
    // Planning jobs share their reads in batched units of work, so they run as wide as deliveries.
    add(QueueName.Planning, (job) => this.processors.planning.process(job as never), this.jobs.concurrency);
    add(QueueName.Notifications, (job) => this.processors.notifications.process(job as never), this.jobs.concurrency);
    add(QueueName.Activities, (job) => this.processors.activities.process(job as never), Math.max(1, Math.min(8, this.jobs.concurrency)));
    this.loops = [this.relayLoop(), this.sweepLoop()];
    this.logger.log(
      `Worker started: queues ${this.workers.map((w) => w.name).join(', ')} (prefix ${this.jobs.queuePrefix}), concurrency ${this.jobs.concurrency}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.loops);
    const connection = this.connection;
    const reachable = connection?.status === 'ready';
    if (connection) await Promise.all(this.workers.map((worker) => closeGracefully(worker, connection, this.jobs.lockMs)));
    connection?.disconnect();
    this.logger.log(reachable ? 'Worker stopped: running jobs finished' : 'Worker stopped (Redis unreachable: nothing to hand back)');
  }

  private async relayLoop(): Promise<void> {
    let failing = false;
    while (!this.stop.signal.aborted) {
      let relayed = 0;
      try {
        relayed = await this.relay.execute();
        if (failing) this.logger.log('Outbox relay: the queue is reachable again');
        failing = false;
      } catch (error) {
        if (!failing) this.logger.warn(`Outbox relay: events wait in the outbox (${(error as Error).message})`);
        failing = true;
      }
      if (relayed === 0 || failing) await sleep(this.jobs.outboxPollMs, this.stop.signal);
    }
  }

  private async sweepLoop(): Promise<void> {
    await sleep(Math.min(this.jobs.sweepIntervalMs, 5_000), this.stop.signal);
    while (!this.stop.signal.aborted) {
      try {
        const result = await this.sweep.execute();
        if (result.recreatedDeliveries + result.recreatedSessionEnds > 0)
          this.logger.warn(
            `Sweep re-created ${result.recreatedDeliveries} deliveries and ${result.recreatedSessionEnds} session-end jobs missing from the queue`,
          );
      } catch (error) {
        this.logger.warn(`Sweep skipped: ${(error as Error).message}`);
      }
      await sleep(this.jobs.sweepIntervalMs, this.stop.signal);
    }
  }
}
