/**
 * Runs a batch as shards: in this thread (workers = 1), or split across worker threads, one tfjs each
 * (workers = n). The batch's grids are split into contiguous shards, each shard's loss and gradients are
 * scaled by its share of the grids, and the sums are the whole batch's mean: the same update whatever the
 * split, up to float rounding (the load-balance and sparsity terms are computed per shard).
 */
import { Worker } from 'node:worker_threads';
import type { Perturbation } from '../model/perturbation.ts';
import type { LateWound } from './wound.ts';
import { initBackend, type BackendChoice } from './backend.ts';
import { CELL_STEPS_PER_PASS } from './config.ts';
import { concatFloat32 } from './concat.ts';
import { NO_TERMS, runShard, type ShardInput, type ShardResult, type ShardSetup } from './objective.ts';
import type { WorkerRequest } from './worker.ts';

export interface BatchInput {
  batch: number;
  state: Float32Array;
  marks: Float32Array;
  seeds: number[];
  steps: number;
  /** Per grid: a perturbation held for its first steps, or null; absent = none. */
  perturbations?: (Perturbation | null)[];
  /** Per grid: the body it grows (index into ShardSetup.targets); absent = the one target. */
  bodies?: number[];
  /** Per grid: a wound inflicted during the rollout, or null; absent = none. */
  wounds?: (LateWound | null)[];
}

export interface BatchResult {
  loss: number;
  terms: ShardResult['terms'];
  sampleLoss: number[];
  grads: Float32Array[];
  state: Float32Array;
  marks: Float32Array;
  activeCells: number;
}

export interface ShardRunner {
  readonly backend: string;
  readonly workers: number;
  run(weights: Float32Array[], input: BatchInput, wantGrads?: boolean): Promise<BatchResult>;
  close(): Promise<void>;
}

/** Splits `input` into up to `parts` contiguous shards of whole grids. */
export function splitBatch(
  input: BatchInput,
  parts: number,
  cellsPerGrid: number,
  channels: number,
  experts: number,
): ShardInput[] {
  const n = Math.min(parts, input.batch);
  const shards: ShardInput[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const count = Math.floor(input.batch / n) + (i < input.batch % n ? 1 : 0);
    shards.push({
      batch: count,
      state: input.state.slice(start * cellsPerGrid * channels, (start + count) * cellsPerGrid * channels),
      marks: input.marks.slice(start * cellsPerGrid * experts, (start + count) * cellsPerGrid * experts),
      seeds: input.seeds.slice(start, start + count),
      steps: input.steps,
      scale: count / input.batch,
      perturbations: input.perturbations?.slice(start, start + count),
      wounds: input.wounds?.slice(start, start + count),
      bodies: input.bodies?.slice(start, start + count),
    });
    start += count;
  }
  return shards;
}

export function mergeShards(results: ShardResult[], shards: ShardInput[]): BatchResult {
  const grads = results[0].grads.map((g) => new Float32Array(g.length));
  for (const r of results)
    r.grads.forEach((g, j) => {
      for (let i = 0; i < g.length; i++) grads[j][i] += g[i];
    });
  const terms = { ...NO_TERMS };
  results.forEach((r, i) => {
    for (const key of Object.keys(terms) as (keyof typeof terms)[]) terms[key] += r.terms[key] * shards[i].scale;
  });
  return {
    loss: results.reduce((s, r) => s + r.loss, 0),
    terms,
    sampleLoss: results.flatMap((r) => r.sampleLoss),
    grads,
    state: concatFloat32(results.map((r) => r.state)),
    marks: concatFloat32(results.map((r) => r.marks)),
    activeCells: results.reduce((s, r) => s + r.activeCells, 0),
  };
}

class InProcessRunner implements ShardRunner {
  readonly workers = 1;
  constructor(
    readonly backend: string,
    private readonly setup: ShardSetup,
  ) {}

  async run(weights: Float32Array[], input: BatchInput, wantGrads = true): Promise<BatchResult> {
    const { width, height, arch } = this.setup;
    const shards = splitBatch(input, 1, width * height, arch.channels, arch.expertHidden.length);
    return mergeShards([runShard(this.setup, weights, shards[0], wantGrads)], shards);
  }

  async close(): Promise<void> {}
}

interface Pending {
  resolve: (r: ShardResult) => void;
  reject: (e: Error) => void;
}

class WorkerRunner implements ShardRunner {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  backend = '';

  private constructor(
    private readonly threads: Worker[],
    private readonly setup: ShardSetup,
  ) {}

  get workers(): number {
    return this.threads.length;
  }

  static async start(count: number, setup: ShardSetup, backend: BackendChoice): Promise<WorkerRunner> {
    const threads = Array.from({ length: count }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url)));
    const runner = new WorkerRunner(threads, setup);
    const names = await Promise.all(
      threads.map(
        (thread) =>
          new Promise<string>((resolve, reject) => {
            const onMessage = (m: { type: string; backend?: string; message?: string }) => {
              if (m.type === 'ready') resolve(m.backend!);
              else if (m.type === 'error') reject(new Error(m.message));
            };
            thread.once('message', onMessage);
            thread.once('error', reject);
            thread.postMessage({ type: 'init', setup, backend } satisfies WorkerRequest);
          }),
      ),
    );
    runner.backend = `${names[0]} x ${count} worker thread${count === 1 ? '' : 's'}`;
    for (const thread of threads) {
      thread.on('message', (m: { type: string; id?: number; result?: ShardResult; message?: string }) =>
        runner.onMessage(m),
      );
      thread.on('error', (error) => runner.failAll(error));
    }
    return runner;
  }

  private onMessage(m: { type: string; id?: number; result?: ShardResult; message?: string }): void {
    if (m.type === 'result') {
      this.pending.get(m.id!)?.resolve(m.result!);
      this.pending.delete(m.id!);
    } else if (m.type === 'error') {
      // tfjs-wasm aborts without a word when its heap is full: say what to change.
      const hint = /Aborted\(\)|out of memory|memory access out of bounds/i.test(m.message ?? '')
        ? ' (tfjs-wasm ran out of memory: lower training.cellStepsPerPass,'
          + ` now ${this.setup.cellStepsPerPass ?? CELL_STEPS_PER_PASS}; the last checkpoint is kept)`
        : '';
      this.failAll(new Error(`training worker: ${hint ? `${m.message?.split('\n')[0]}${hint}` : m.message}`));
    }
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  async run(weights: Float32Array[], input: BatchInput, wantGrads = true): Promise<BatchResult> {
    const { width, height, arch } = this.setup;
    const shards = splitBatch(input, this.threads.length, width * height, arch.channels, arch.expertHidden.length);
    const results = await Promise.all(
      shards.map(
        (shard, i) =>
          new Promise<ShardResult>((resolve, reject) => {
            const id = this.nextId++;
            this.pending.set(id, { resolve, reject });
            this.threads[i].postMessage({ type: 'run', id, weights, input: shard, wantGrads } satisfies WorkerRequest);
          }),
      ),
    );
    return mergeShards(results, shards);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

/**
 * `workers` worker threads; with `inThisThread` and one worker, this thread instead (its backend is
 * initialised here). The CLI always uses threads: a main thread that only waits answers Ctrl-C at once
 * (tsx's launcher SIGKILLs a child that does not acknowledge a signal within 30 ms).
 */
export async function startRunner(
  workers: number,
  setup: ShardSetup,
  backend: BackendChoice,
  inThisThread = false,
): Promise<ShardRunner> {
  if (workers <= 1 && inThisThread) return new InProcessRunner(await initBackend(backend), setup);
  return WorkerRunner.start(Math.max(1, workers), setup, backend);
}
