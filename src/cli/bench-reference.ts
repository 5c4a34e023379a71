/**
 * `npm run bench:reference [-- --json FILE]`: speed of the reference step (plain TypeScript) on the
 * 16-channel K = 1 Growing-NCA lizard at 128x128. Measures and prints JSON; never fails on a number.
 *
 * Two cases, because the reference skips cells that are dead before the update:
 * - grow: 200 steps from one seed (the organism covers a part of the grid);
 * - full: every cell alive (random state, alpha >= 0.2), the cost of a dense grid.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parseGenome } from '../model/genome-file.ts';
import type { Genome } from '../model/genome.ts';
import { measure } from '../model/metrics.ts';
import { resolveParams } from '../model/params.ts';
import { seededRandom } from '../model/random-genome.ts';
import { referenceStep } from '../model/reference.ts';
import { createEmptyState, createSeededState, type CellState } from '../model/state.ts';
import { writeFileAtomic } from './atomic.ts';

const MODEL = 'presets/growing-ca/lizard-regenerating.json';
const SIZE = 128;

function fullGrid(genome: Genome): CellState {
  const grid = createEmptyState(genome, SIZE, SIZE);
  const random = seededRandom(1);
  for (let i = 0; i < grid.state.length; i++)
    grid.state[i] = i % grid.channels === 3 ? 0.2 + 0.8 * random() : random() - 0.5;
  return grid;
}

function time(genome: Genome, grid: CellState, steps: number) {
  const params = resolveParams(genome.regulation, 1, MODEL);
  const start = performance.now();
  let evaluated = 0;
  let current = grid;
  for (let i = 0; i < steps; i++) {
    const result = referenceStep(genome, params, current, 1);
    evaluated += result.stats.cellsEvaluated;
    current = result.grid;
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    steps,
    seconds: +seconds.toFixed(3),
    stepsPerSecond: +(steps / seconds).toFixed(2),
    cellUpdatesPerSecond: Math.round((steps * SIZE * SIZE) / seconds),
    evaluatedCellsPerSecond: Math.round(evaluated / seconds),
    finalAliveCount: measure(genome, current).aliveCount,
  };
}

const options = new Command('bench:reference')
  .option('--json <file>', 'also write the JSON here')
  .parse()
  .opts<{ json?: string }>();
const genome = parseGenome(readFileSync(MODEL, 'utf8'), MODEL);
const report = {
  benchmark: 'reference-step',
  model: MODEL,
  grid: `${SIZE}x${SIZE}`,
  node: process.version,
  grow: time(genome, createSeededState(genome, SIZE, SIZE), 200),
  full: time(genome, fullGrid(genome), 10),
};
const text = JSON.stringify(report, null, 2);
console.log(text);
if (options.json) writeFileAtomic(options.json, `${text}\n`);
