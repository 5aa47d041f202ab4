import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The thread: its own connection to the database file, a PASSIVE checkpoint every interval (it
 * never waits for, nor blocks, the writer), a last one and a close when asked to stop.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let failures = 0;
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
  } catch (error) {
    // One failure may be a passing lock; three in a row end the thread, which hands checkpoints back.
    if (++failures >= 3) throw error;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Checkpoints a WAL-mode SQLite database from a thread of its own. A checkpoint copies the WAL back
 * into the database file and syncs both; on the writer's connection (SQLite's automatic checkpoint)
 * that stalls the event loop, and with reminders whose delivery keys land all over their index it
 * cost as much as the statements themselves. The writer keeps a larger automatic checkpoint as the
 * fallback should this thread fall behind.
 */
export function startWalCheckpointer(path: string, onFailure: (reason: string) => void, intervalMs = 200): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // Resolved now: the thread opens the file a moment later, and never creates one.
  const worker = new Worker(THREAD, { eval: true, workerData: { path: resolve(path), driver, intervalMs } });
  // Never what keeps a process alive (a script that forgets to close its database still exits).
  worker.unref();
  let running = true;
  let stopping: Promise<void> | null = null;
  // A thread that fails must not take the process down (an unheard 'error' event would): its owner
  // is told, once, and takes the checkpoints back.
  worker.on('error', (error: unknown) => {
    running = false;
    if (!stopping) onFailure(describeThreadError(error));
  });
  worker.on('exit', () => (running = false));
  return {
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        if (!running) return resolve();
        // Shutdown never waits on this thread for long: a thread that does not answer is ended.
        const deadline = setTimeout(() => void worker.terminate().finally(resolve), 3_000);
        const done = () => {
          clearTimeout(deadline);
          resolve();
        };
        worker.once('message', () => void worker.terminate().finally(done));
        worker.once('error', done);
        worker.once('exit', done);
        worker.postMessage('stop');
      })),
  };
}

/** A thread's error arrives as a copy: a driver error may be a plain object with its code alone. */
function describeThreadError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return [code, message].filter((part) => typeof part === 'string' && part !== '').join(': ') || String(error);
}
