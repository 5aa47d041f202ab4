import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread: its own connection to the database file, a PASSIVE checkpoint every interval (it
 * never waits for, nor blocks, the writer), a last one and a close when asked to stop.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
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
export function startWalCheckpointer(path: string, intervalMs = 200): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { path, driver, intervalMs } });
  // Never what keeps a process alive (a script that forgets to close its database still exits).
  worker.unref();
  // A thread that fails (the driver cannot load, the file went away) only leaves checkpoints to the
  // writer's own fallback; it must never take the process down with an unheard 'error' event.
  let running = true;
  worker.on('error', () => (running = false));
  worker.on('exit', () => (running = false));
  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        if (!running) return resolve();
        worker.once('message', () => void worker.terminate().then(() => resolve()));
        worker.once('error', () => resolve());
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      })),
  };
}
