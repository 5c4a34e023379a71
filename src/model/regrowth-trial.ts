/**
 * The regrowth trial of issue 9: cut 30% of a grown organism away (its rightmost alive cells, as the Erase
 * brush dragged across one side), run on, and count the steps until the loss against the target is back
 * within 1.5x of the loss before the cut. A preset's report runs it at its report step with the training
 * seed; `npm run eval -- GENOME --target PNG --regrowth` runs it for every seed.
 */
import { eraseShare } from './brushes.ts';
import type { Genome } from './genome.ts';
import type { RegulationParams } from './params.ts';
import { runPerturbed } from './perturbation.ts';
import { createSeededState, type CellState } from './state.ts';
import { rgbaLoss } from './target.ts';

/** The share of the alive cells erased. */
export const REGROWTH_ERASED_SHARE = 0.3;
/** Back when the loss is at most this times the loss before the cut. */
export const REGROWTH_WITHIN = 1.5;

export interface RegrowthResult {
  erasedCells: number;
  lossBefore: number;
  lossAfterDamage: number;
  /** Steps after the cut until the loss is within 1.5x of lossBefore (0: never left; null: not in regrowSteps). */
  stepsToWithin1_5x: number | null;
  lossAtEnd: number;
  regrowSteps: number;
}

/** `grown`: the organism before the cut; `target`: W x H x 4 premultiplied, centred (padTarget). */
export function regrowthTrial(
  genome: Genome,
  params: RegulationParams,
  grown: CellState,
  target: Float32Array,
  regrowSteps: number,
  seed: number,
): RegrowthResult {
  const lossBefore = rgbaLoss(grown, target);
  const bound = REGROWTH_WITHIN * lossBefore;
  const { grid: cut, erased } = eraseShare(grown, REGROWTH_ERASED_SHARE);
  const lossAfterDamage = rgbaLoss(cut, target);
  let back: number | null = lossAfterDamage <= bound ? 0 : null;
  const end = runPerturbed(genome, params, cut, seed, regrowSteps, null, (next, step) => {
    if (back === null && rgbaLoss(next, target) <= bound) back = step;
  });
  return {
    erasedCells: erased,
    lossBefore,
    lossAfterDamage,
    stepsToWithin1_5x: back,
    lossAtEnd: rgbaLoss(end, target),
    regrowSteps,
  };
}

export interface RegrowthTrials {
  /** The step of the growth at which the cut is made. */
  at: number;
  regrowSteps: number;
  seeds: number[];
  /** Per seed, in the order of `seeds`. */
  results: RegrowthResult[];
  /** The most steps any seed took to be back; null when one did not come back. */
  worstSteps: number | null;
}

/** The trial for each seed: grown from one seed cell for `at` steps, then cut. */
export function regrowthTrials(
  genome: Genome,
  params: RegulationParams,
  target: Float32Array,
  options: { width: number; height: number; seeds: number[]; at: number; regrowSteps: number; environment?: number },
): RegrowthTrials {
  const { width, height, seeds, at, regrowSteps } = options;
  const results = seeds.map((seed) => {
    const start = createSeededState(genome, width, height, options.environment ?? 0);
    const grown = runPerturbed(genome, params, start, seed, at, null);
    return regrowthTrial(genome, params, grown, target, regrowSteps, seed);
  });
  const steps = results.map((r) => r.stepsToWithin1_5x);
  const worstSteps = steps.some((s) => s === null) ? null : Math.max(...(steps as number[]));
  return { at, regrowSteps, seeds: [...seeds], results, worstSteps };
}
