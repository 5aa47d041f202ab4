import { parentPort } from 'node:worker_threads';
import { RollupAccumulator } from './rollup-accumulator.js';
import type { RollupThreadReply, RollupThreadRequest } from './rollup-engine.js';

// The rollup thread of a bulk import: rolls up the batches' lines as they come, encodes on a seal.
const accumulator = new RollupAccumulator();
const reply = (message: RollupThreadReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
parentPort!.on('message', (request: RollupThreadRequest) => {
  try {
    switch (request.kind) {
      case 'add':
        accumulator.addPacked(request.packed);
        return;
      case 'seal': {
        const chunks = accumulator.seal();
        reply(
          { kind: 'sealed', id: request.id, chunks },
          chunks.map((chunk) => chunk.numbers.buffer as ArrayBuffer),
        );
        return;
      }
      case 'reset':
        accumulator.reset();
        return;
    }
  } catch (error) {
    reply({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
