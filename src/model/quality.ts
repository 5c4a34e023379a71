/**
 * The preset quality measure of Growing-NCA: grow from one seed cell with the reference step, then the RGBA
 * mean squared error (premultiplied, unclamped) against the target centred on the grid, at chosen step
 * counts and averaged over seeds of the fire and noise streams. Growing-NCA reports its models this way on
 * a 72x72 grid (a 40x40 emoji with 16 cells of margin); so does every preset's report here.
 */
import type { Genome } from './genome.ts';
import { measure } from './metrics.ts';
import type { RegulationParams } from './params.ts';
import { referenceStep } from './reference.ts';
import { createSeededState } from './state.ts';
import { type LossParts, rgbaLossParts } from './target.ts';

export interface QualityOptions {
  width: number;
  height: number;
  /** Step counts at which to measure, ascending or not; the run goes to the largest. */
  steps: number[];
  /** Seeds of the fire and noise streams, one growth each. */
  seeds: number[];
  /** The environment signal the grids start with (genomes that read one). */
  environment?: number;
}

export interface QualityAtStep {
  step: number;
  /** Mean over seeds. */
  loss: number;
  /** Per seed, in the order of `seeds`. */
  losses: number[];
  /** Mean over seeds of the visible cells (own alpha > 0.1). */
  aliveCount: number;
  /** Mean over seeds: where the loss lies (they sum to `loss`). */
  parts: LossParts;
}

export interface Quality {
  width: number;
  height: number;
  seeds: number[];
  atSteps: QualityAtStep[];
}

/** `target` is W x H x 4, premultiplied, already centred on the grid (padTarget). */
export function measureQuality(
  genome: Genome,
  params: RegulationParams,
  target: Float32Array,
  options: QualityOptions,
): Quality {
  const { width, height, seeds } = options;
  const steps = [...new Set(options.steps)].sort((a, b) => a - b);
  const last = steps[steps.length - 1] ?? 0;
  const losses = steps.map(() => [] as number[]);
  const parts = steps.map(() => [] as LossParts[]);
  const alive = steps.map(() => [] as number[]);
  for (const seed of seeds) {
    let grid = createSeededState(genome, width, height, options.environment ?? 0);
    for (let step = 0; step <= last; step++) {
      if (step > 0) grid = referenceStep(genome, params, grid, seed).grid;
      const at = steps.indexOf(step);
      if (at < 0) continue;
      const { total, ...where } = rgbaLossParts(grid, target);
      losses[at].push(total);
      parts[at].push(where);
      alive[at].push(measure(genome, grid).aliveCount);
    }
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const meanParts = (all: LossParts[]): LossParts => ({
    body: mean(all.map((p) => p.body)),
    rim: mean(all.map((p) => p.rim)),
    outside: mean(all.map((p) => p.outside)),
    alpha: mean(all.map((p) => p.alpha)),
  });
  return {
    width,
    height,
    seeds: [...seeds],
    atSteps: steps.map((step, i) => ({
      step,
      loss: mean(losses[i]),
      losses: losses[i],
      aliveCount: mean(alive[i]),
      parts: meanParts(parts[i]),
    })),
  };
}
