/**
 * A training worker thread: its own tfjs with its own backend (the wasm backend runs one thread, so two
 * workers use two cores). It receives the run's setup once, then weights + a shard of the batch per
 * iteration, and answers with the shard's loss, gradients and grown grids.
 */
import { parentPort } from 'node:worker_threads';
import { initBackend, type BackendChoice } from './backend.ts';
import { runShard, type ShardInput, type ShardSetup } from './objective.ts';

export type WorkerRequest =
  | { type: 'init'; setup: ShardSetup; backend: BackendChoice }
  | { type: 'run'; id: number; weights: Float32Array[]; input: ShardInput; wantGrads: boolean };

let setup: ShardSetup | null = null;
const port = parentPort!;

port.on('message', async (message: WorkerRequest) => {
  try {
    if (message.type === 'init') {
      setup = message.setup;
      const backend = await initBackend(message.backend);
      port.postMessage({ type: 'ready', backend });
    } else {
      const result = runShard(setup!, message.weights, message.input, message.wantGrads);
      port.postMessage({ type: 'result', id: message.id, result }, [
        ...result.grads.map((g) => g.buffer as ArrayBuffer),
        result.state.buffer as ArrayBuffer,
        result.marks.buffer as ArrayBuffer,
      ]);
    }
  } catch (error) {
    // Setup problems (a backend that is not there) are the user's to fix: the message alone; bugs: the stack.
    const text =
      error instanceof Error
        ? message.type === 'init'
          ? error.message
          : (error.stack ?? error.message)
        : String(error);
    port.postMessage({ type: 'error', message: text });
  }
});
