/**
 * Switching the environment mid-life: a genome with several bodies grows one body in its environment, then
 * the signal is set to another body's everywhere (as the app's slider sets it) and the organism runs on.
 * Does it remodel into the other body, keep its own, or fall apart? The loss to every body's target along
 * the way says which, and how fast.
 */
import { fillEnvironment } from './brushes.ts';
import type { Genome } from './genome.ts';
import { measure } from './metrics.ts';
import { environmentChannels } from './morphogen-fields.ts';
import type { RegulationParams } from './params.ts';
import { growFromSeed, referenceStep } from './reference.ts';
import type { CellState } from './state.ts';
import { rgbaLoss } from './target.ts';

export interface SwitchOptions {
  width: number;
  height: number;
  seed: number;
  /** Steps grown in the first environment before the switch. */
  growSteps: number;
  /** Steps run after it. */
  afterSteps: number;
  /** Measure every this many steps after the switch (and at 0 and the end). */
  every: number;
  /** Steps after the switch at which to keep the grid (for a strip of pictures). */
  keepAt: number[];
}

export const DEFAULT_SWITCH: Omit<SwitchOptions, 'width' | 'height' | 'seed'> = {
  growSteps: 200,
  afterSteps: 300,
  every: 10,
  keepAt: [0, 25, 50, 100, 200, 300],
};

export interface SwitchResult {
  from: number;
  to: number;
  /** Steps grown before the switch. */
  growSteps: number;
  /** The steps after the switch of `kept`. */
  keepAt: number[];
  /** Per measured step after the switch: the loss to each body's target (in body order) and the alive cells. */
  series: { step: number; losses: number[]; aliveCount: number }[];
  /**
   * Steps after the switch until the organism is the new body: its loss to the new body's target within 1.5x
   * of `reference` (what the new body reaches grown in its own environment from a seed) and below its loss
   * to the old body's target (two blurred bodies can both be within 1.5x of each other's); null when not
   * within afterSteps.
   */
  stepsToNewBody: number | null;
  /** The grids at keepAt steps. */
  kept: { step: number; grid: CellState }[];
}

/**
 * `environments[b]` and `targets[b]` (W x H x 4, centred) per body; grows body `from`, switches to `to`.
 * `reference`: the loss the new body reaches in its own environment (the recovery criterion's base).
 */
export function runSwitch(
  genome: Genome,
  params: RegulationParams,
  environments: readonly number[],
  targets: readonly Float32Array[],
  from: number,
  to: number,
  reference: number,
  options: SwitchOptions,
): SwitchResult {
  const { seed, growSteps, afterSteps, every, keepAt } = options;
  let grid = growFromSeed(genome, params, options, environments[from], seed, growSteps);
  grid = fillEnvironment(grid, environmentChannels(genome), environments[to]);
  const series: SwitchResult['series'] = [];
  const kept: SwitchResult['kept'] = [];
  let stepsToNewBody: number | null = null;
  for (let step = 0; step <= afterSteps; step++) {
    if (step > 0) grid = referenceStep(genome, params, grid, seed).grid;
    const losses = targets.map((t) => rgbaLoss(grid, t));
    const isNewBody = losses[to] <= 1.5 * reference && losses[to] < losses[from];
    if (stepsToNewBody === null && isNewBody) stepsToNewBody = step;
    if (step % every === 0 || step === afterSteps) {
      series.push({ step, losses, aliveCount: measure(genome, grid).aliveCount });
    }
    if (keepAt.includes(step)) kept.push({ step, grid });
  }
  return { from, to, growSteps, keepAt, series, stepsToNewBody, kept };
}
