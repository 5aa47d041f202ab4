import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RollupAccumulator, type EncodedCells } from './rollup-accumulator.js';

/** Rolls up a bulk import's counted lines (see RollupAccumulator), here or on another thread. */
export interface RollupEngine {
  /** Lines from `packCountedLines`, in the order of their batches. */
  add(packed: Float64Array): void;
  /** The cell changes of everything added since the last seal, once the adds before it are done. */
  seal(): Promise<EncodedCells[]>;
  /** Forgets everything added and not sealed. */
  reset(): void;
  close(): Promise<void>;
}

/** On the caller's thread: the tests, and where the compiled thread script is missing. */
export class InProcessRollupEngine implements RollupEngine {
  private readonly accumulator = new RollupAccumulator();

  add(packed: Float64Array): void {
    this.accumulator.addPacked(packed);
  }

  seal(): Promise<EncodedCells[]> {
    return Promise.resolve(this.accumulator.seal());
  }

  reset(): void {
    this.accumulator.reset();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Messages to the rollup thread, and its replies. */
export type RollupThreadRequest = { kind: 'add'; packed: Float64Array } | { kind: 'seal'; id: number } | { kind: 'reset' };
export type RollupThreadReply = { kind: 'sealed'; id: number; chunks: EncodedCells[] } | { kind: 'error'; message: string };

/**
 * On a worker thread, so the import's thread keeps writing batches meanwhile (the machine's second
 * core computes the rollups). Messages are handled in order, so a seal covers every add before it.
 */
export class ThreadRollupEngine implements RollupEngine {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (chunks: EncodedCells[]) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  constructor(script: URL) {
    // Its own old generation: up to a million held cells (~1 KB each) and the sealed chunks. A young
    // generation of 768 MB (256 MB semi-spaces): rolling up 1M bench rows took 76 s against 88 s with
    // 64 MB semi-spaces and 110 s with 16 MB (one run each, same lines, load ~3).
    this.worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 6144, maxYoungGenerationSizeMb: 768 } });
    this.worker.on('message', (reply: RollupThreadReply) => {
      if (reply.kind === 'error') return this.fail(new Error(`the rollup thread failed: ${reply.message}`));
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiter?.resolve(reply.chunks);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the rollup thread exited with code ${code}`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }

  private post(request: RollupThreadRequest, transfer: ArrayBuffer[] = []): void {
    if (!this.failure) this.worker.postMessage(request, transfer);
  }

  add(packed: Float64Array): void {
    this.post({ kind: 'add', packed }, [packed.buffer as ArrayBuffer]);
  }

  seal(): Promise<EncodedCells[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const sealed = new Promise<EncodedCells[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.post({ kind: 'seal', id });
    return sealed;
  }

  reset(): void {
    this.post({ kind: 'reset' });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the rollup thread was closed');
    await this.worker.terminate();
  }
}

/** The thread when the compiled script is there (the built service, the bench); in process otherwise (jest runs the sources). */
export function createRollupEngine(): RollupEngine {
  const script = new URL('./rollup-thread.js', import.meta.url);
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(script))
    ? new ThreadRollupEngine(script)
    : new InProcessRollupEngine();
}
