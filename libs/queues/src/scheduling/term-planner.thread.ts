import { parentPort, workerData } from 'node:worker_threads';
import { Settings } from 'luxon';
import { planTerm, SchedulingError, type PlanTermRequest } from '#scheduling';
import type { PlannerMessage } from './worker-thread-term-planner.js';

// The planning thread: runs the synchronous engine and reports back; the cancel flag is shared memory.
Settings.throwOnInvalid = true;
const { request, cancelFlag } = workerData as { request: PlanTermRequest; cancelFlag: SharedArrayBuffer };
const flag = new Int32Array(cancelFlag);
const post = (message: PlannerMessage) => parentPort!.postMessage(message);
try {
  const plan = planTerm({
    ...request,
    onProgress: (percent) => post({ kind: 'progress', percent }),
    isCancelled: () => Atomics.load(flag, 0) === 1,
  });
  post({ kind: 'done', plan });
} catch (error) {
  if (error instanceof SchedulingError)
    post({ kind: 'scheduling-error', code: error.code, message: error.message, details: error.details ?? null });
  else post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
