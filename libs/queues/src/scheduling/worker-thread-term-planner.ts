import { Worker } from 'node:worker_threads';
import { SchedulingError, SchedulingErrorCode, TermPlanner, type PlanningHandle, type PlanTermRequest, type TermPlan } from '#scheduling';

/** What the planning thread posts back. */
export type PlannerMessage =
  | { kind: 'progress'; percent: number }
  | { kind: 'done'; plan: TermPlan }
  | { kind: 'scheduling-error'; code: SchedulingErrorCode; message: string; details: Readonly<Record<string, unknown>> | null }
  | { kind: 'error'; message: string };

/** The thread's script: the compiled sibling, or (running from TypeScript sources, as jest does) a loader that transpiles it. */
function threadScript(): { script: URL; entry: string | null } {
  const here = import.meta.url;
  if (here.endsWith('.js')) return { script: new URL('./term-planner.thread.js', here), entry: null };
  return { script: new URL('./ts-thread-loader.mjs', here), entry: new URL('./term-planner.thread.ts', here).href };
}

/**
 * Runs `planTerm` on a worker thread, so the event loop of this process (the API too, in SQLite
 * mode) stays free. Cancel sets a shared flag the engine reads between instructors; a thread that
 * does not stop within `cancelGraceMs` is terminated.
 */
export class WorkerThreadTermPlanner extends TermPlanner {
  constructor(private readonly cancelGraceMs = 10_000) {
    super();
  }

  start(request: PlanTermRequest, onProgress: (percent: number) => void): PlanningHandle {
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    const { script, entry } = threadScript();
    const worker = new Worker(script, { workerData: { entry, request, cancelFlag } });
    let settled = false;
    let forceStop: NodeJS.Timeout | undefined;
    let settle: (outcome: { plan: TermPlan } | { error: Error }) => void = () => {};
    const result = new Promise<TermPlan>((resolve, reject) => {
      settle = (outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(forceStop);
        void worker.terminate();
        if ('plan' in outcome) resolve(outcome.plan);
        else reject(outcome.error);
      };
    });
    worker.on('message', (message: PlannerMessage) => {
      switch (message.kind) {
        case 'progress':
          if (!settled) onProgress(message.percent);
          return;
        case 'done':
          return settle({ plan: message.plan });
        case 'scheduling-error':
          return settle({ error: new SchedulingError(message.code, message.message, message.details ?? undefined) });
        case 'error':
          return settle({ error: new Error(`the planning thread failed: ${message.message}`) });
      }
    });
    worker.on('error', (error) => settle({ error }));
    worker.on('exit', (code) => settle({ error: new Error(`the planning thread exited with code ${code} before it finished`) }));
    const cancel = () => {
      Atomics.store(flag, 0, 1);
      forceStop ??= setTimeout(
        () => settle({ error: new SchedulingError(SchedulingErrorCode.SCHEDULING_CANCELLED, 'timetabling was cancelled') }),
        this.cancelGraceMs,
      );
    };
    return { result, cancel };
  }
}
