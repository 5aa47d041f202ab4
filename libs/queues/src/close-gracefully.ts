import type { Redis } from 'ioredis';

interface Closable {
  close(force?: boolean): Promise<void>;
}

/**
 * Closes a BullMQ worker or queue without hanging a shutdown: with Redis reachable it waits for
 * running jobs (up to `timeoutMs`, then forces); with Redis down there is nothing to hand back, so it
 * forces at once (a job it held is retried once its lock expires, and the delivery key stops a repeat).
 */
export async function closeGracefully(target: Closable, connection: Redis, timeoutMs: number): Promise<void> {
  if (connection.status !== 'ready') {
    connection.disconnect();
    await Promise.race([target.close(true), delay(1_000)]);
    return;
  }
  const closed = target.close().then(() => true);
  if (!(await Promise.race([closed, delay(timeoutMs).then(() => false)]))) await Promise.race([target.close(true), delay(1_000)]);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
