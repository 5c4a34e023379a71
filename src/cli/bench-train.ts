/**
 * `npm run bench:train -- [--json FILE] [--steps N] [--repeats N] [--cell-steps-per-pass LIST]`: forward +
 * backward cell-steps per second of the trainer (loss and gradients of a whole rollout, as one training
 * iteration computes them), for the Growing-NCA-shaped genome (16 channels, identity/sobel_x/sobel_y, one
 * expert 48 -> 128 -> 16) and a K = 4 genome of the same expert size (4 x 32 hidden, linear gate, top-k 2),
 * batch 8 on 72x72, fire rate 0.5, 64-step rollouts, with 1 and 2 worker threads, on two kinds of grid:
 *   full      every cell alive (worst case; what a dense implementation such as PyTorch always computes)
 *   organism  a disc of living cells covering about a quarter of the grid (a grown 40x40 emoji)
 * cell-steps = batch x width x height x steps per iteration, whatever the number of cells that work.
 */
import { Rng } from '../model/rng.ts';
import { Command, Option } from 'commander';
import os from 'node:os';
import type { Architecture } from '../model/genome.ts';
import { resolveParams, type RegulationOverrides } from '../model/params.ts';
import { randomGenome } from '../model/random-genome.ts';
import { BACKENDS, type BackendChoice } from '../train/backend.ts';
import { CELL_STEPS_PER_PASS } from '../train/config.ts';
import type { ShardSetup } from '../train/objective.ts';
import { startRunner, type BatchInput } from '../train/shards.ts';
import { weightsFromGenome } from '../train/weights.ts';
import { writeFileAtomic } from './atomic.ts';
import { integerOption, parseOutputPath } from './flags.ts';

const W = 72,
  H = 72,
  BATCH = 8;

interface Case {
  name: string;
  arch: Architecture;
  regulation: RegulationOverrides;
}

const CASES: Case[] = [
  {
    name: 'growing-nca (K=1, 48->128->16)',
    arch: {
      channels: 16,
      perception: ['identity', 'sobel_x', 'sobel_y'],
      expertHidden: [128],
      gateHidden: null,
      morphogens: 0,
    },
    regulation: { fireRate: 0.5, topK: 1 },
  },
  {
    name: 'K=4 x 32 hidden, linear gate, top-k 2',
    arch: {
      channels: 16,
      perception: ['identity', 'sobel_x', 'sobel_y'],
      expertHidden: [32, 32, 32, 32],
      gateHidden: 0,
      morphogens: 0,
    },
    regulation: { fireRate: 0.5, topK: 2 },
  },
];

function grids(arch: Architecture, kind: 'full' | 'organism'): BatchInput & { alive: number } {
  const C = arch.channels,
    K = arch.expertHidden.length,
    cells = W * H;
  const state = new Float32Array(BATCH * cells * C);
  const marks = new Float32Array(BATCH * cells * K).fill(1 / K);
  let alive = 0;
  const rng = new Rng(12345);
  const random = () => rng.next();
  for (let b = 0; b < BATCH; b++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inside = kind === 'full' || (x - W / 2) ** 2 + (y - H / 2) ** 2 < 20 * 20;
        if (!inside) continue;
        alive++;
        const base = (b * cells + y * W + x) * C;
        for (let c = 0; c < C; c++) state[base + c] = c === 3 ? 1 : random() * 0.2;
      }
    }
  }
  return {
    batch: BATCH,
    state,
    marks,
    seeds: Array.from({ length: BATCH }, (_, i) => 1000 + i),
    steps: 64,
    alive: alive / (BATCH * cells),
  };
}

async function main(): Promise<void> {
  const program = new Command('bench:train')
    .description('Forward + backward cell-steps per second of the trainer (see the header of src/cli/bench-train.ts).')
    .addOption(new Option('--json <file>', 'write the figures as JSON').argParser(parseOutputPath))
    .addOption(
      integerOption('--steps <int>', 'rollout length (quick runs: fewer; the real configuration is 64)', 64, 1, 1000),
    )
    .addOption(integerOption('--repeats <int>', 'timed iterations per measurement (after one warm-up)', 2, 1, 100))
    .addOption(new Option('--workers <list>', 'worker counts to compare').default('1,2'))
    .addOption(new Option('--backend <name>', 'tfjs backend').default('auto').choices(BACKENDS))
    .addOption(new Option('--grids <list>', 'grid kinds: full, organism').default('full,organism'))
    .addOption(
      new Option('--cell-steps-per-pass <list>', 'values of training.cellStepsPerPass to compare').default(
        String(CELL_STEPS_PER_PASS),
      ),
    )
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .parse(process.argv);
  const options = program.opts<{
    json?: string;
    steps: number;
    repeats: number;
    workers: string;
    backend: BackendChoice;
    grids: string;
    cellStepsPerPass: string;
  }>();
  const passSizes = options.cellStepsPerPass.split(',').map(Number);
  const workerCounts = options.workers.split(',').map(Number);
  const kinds = options.grids.split(',') as ('full' | 'organism')[];
  const results: Record<string, unknown>[] = [];
  for (const c of CASES) {
    const genome = randomGenome(c.arch, { seed: 1, outputScale: 0.1 });
    const params = resolveParams(c.regulation, c.arch.expertHidden.length, c.name);
    const list = weightsFromGenome(genome);
    for (const cellStepsPerPass of passSizes)
      for (const workers of workerCounts) {
        const setup: ShardSetup = {
          arch: c.arch,
          params,
          width: W,
          height: H,
          target: new Float32Array(W * H * 4),
          tissue: null,
          morphogens: null,
          weights: {
            loadBalance: c.arch.expertHidden.length > 1 ? 0.1 : 0,
            sparsity: 0,
            tissue: 0,
            silence: 0,
            outside: 0,
          },
          shapes: list.shapes,
          denseAbove: 0.75,
          cellStepsPerPass,
        };
        const runner = await startRunner(workers, setup, options.backend);
        for (const kind of kinds) {
          const input = { ...grids(c.arch, kind), steps: options.steps };
          await runner.run(list.values, input); // warm-up
          const start = performance.now();
          for (let r = 0; r < options.repeats; r++) await runner.run(list.values, input);
          const seconds = (performance.now() - start) / 1000 / options.repeats;
          const cellSteps = BATCH * W * H * options.steps;
          const row = {
            genome: c.name,
            grids: kind,
            aliveShare: Number(input.alive.toFixed(3)),
            workers,
            backend: runner.backend,
            batch: BATCH,
            grid: `${W}x${H}`,
            steps: options.steps,
            fireRate: 0.5,
            cellStepsPerPass,
            secondsPerIteration: Number(seconds.toFixed(3)),
            cellStepsPerSecond: Math.round(cellSteps / seconds),
          };
          results.push(row);
          process.stderr.write(`${JSON.stringify(row)}\n`);
        }
        await runner.close();
      }
  }
  const report = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    date: new Date().toISOString(),
    results,
  };
  if (options.json) writeFileAtomic(options.json, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
