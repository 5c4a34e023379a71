/**
 * The perturbation table of a preset's report: what the app's own experiments do to a grown organism, and
 * whether it comes back. With the reference step, from one seed:
 *
 * 1. Grow `growSteps` (the organism as a user first sees it); its loss is `lossBefore`.
 * 2. For each trial, apply the perturbation for its steps, lift it, run `recoverSteps` more. An unperturbed
 *    twin runs alongside from the same grown grid, with the same seed.
 * 3. Report the largest alive count over the twin's at the same step (the organism must not spread), the
 *    loss when the perturbation is lifted and at the end, and the steps after lifting until the loss is
 *    back within 1.5x of lossBefore (0 when it never left; null when it does not come back).
 *
 * Trials: each expert knocked out; each expert forced in a disc of radius 6 at the centre; top-k 1 and
 * temperature 0.5; 30% of the organism erased from the right (the regrowth trial's cut); a disc of radius 6
 * erased at the centre (a dab of the Erase brush where a user aims first); left alone for `aloneSteps`.
 */
import { eraseDisc, eraseShare } from './brushes.ts';
import type { Genome } from './genome.ts';
import { expertCount } from './genome.ts';
import { measure } from './metrics.ts';
import type { RegulationParams } from './params.ts';
import { describePerturbation, runPerturbed, type Perturbation } from './perturbation.ts';
import { createSeededState, type CellState } from './state.ts';
import { rgbaLoss } from './target.ts';
import { REGROWTH_ERASED_SHARE } from './regrowth-trial.ts';

export interface TrialOptions {
  width: number;
  height: number;
  seed: number;
  growSteps: number;
  /** Steps each perturbation holds. */
  holdSteps: number;
  /** Steps run after it is lifted. */
  recoverSteps: number;
  /** Steps the organism is left alone in the stability trial. */
  aloneSteps: number;
  forceRadius: number;
  /** Radius of the disc erased at the centre. */
  eraseRadius: number;
  /** The environment signal the organism grows in (genomes that read one). */
  environment?: number;
}

export const DEFAULT_TRIALS: Omit<TrialOptions, 'width' | 'height' | 'seed'> = {
  growSteps: 200,
  holdSteps: 50,
  recoverSteps: 200,
  aloneSteps: 1000,
  forceRadius: 6,
  eraseRadius: 6,
};

export interface TrialRow {
  trial: string;
  /** Largest alive count over the unperturbed twin's at the same step, during and after. */
  maxAliveRatio: number;
  lossBefore: number;
  /** When the perturbation is lifted (right after the cut, for erasure). */
  lossAtLift: number;
  lossAtEnd: number;
  /**
   * Steps after lifting until the loss is within 1.5x of lossBefore; 0 = it never left; null = not within
   * recoverSteps.
   */
  stepsToRecover: number | null;
}

export interface StabilityRow {
  steps: number;
  aliveBefore: number;
  aliveAtEnd: number;
  /** Largest alive count over aliveBefore along the way. */
  maxAliveRatio: number;
  lossBefore: number;
  lossAtEnd: number;
}

export interface TrialTable {
  width: number;
  height: number;
  seed: number;
  options: Omit<TrialOptions, 'width' | 'height' | 'seed'>;
  rows: TrialRow[];
  alone: StabilityRow;
}

const alive = (genome: Genome, grid: CellState) => measure(genome, grid).aliveCount;

export function trialPerturbations(genome: Genome, options: TrialOptions): Perturbation[] {
  const K = expertCount(genome);
  const { width, height, holdSteps: steps, forceRadius: radius } = options;
  const list: Perturbation[] = [];
  if (K > 1) for (let expert = 0; expert < K; expert++) list.push({ kind: 'knockout', expert, steps });
  for (let expert = 0; expert < K; expert++) {
    list.push({ kind: 'force', expert, disc: { x: Math.floor(width / 2), y: Math.floor(height / 2), radius }, steps });
  }
  list.push({ kind: 'regulation', topK: 1, temperature: 0.5, steps });
  return list;
}

/** `target`: W x H x 4, premultiplied, centred (padTarget). */
export function runTrials(
  genome: Genome,
  params: RegulationParams,
  target: Float32Array,
  options: TrialOptions,
): TrialTable {
  const { width, height, seed, growSteps, holdSteps, recoverSteps, aloneSteps } = options;
  const grown = runPerturbed(
    genome,
    params,
    createSeededState(genome, width, height, options.environment ?? 0),
    seed,
    growSteps,
    null,
  );
  const lossBefore = rgbaLoss(grown, target);
  const twinAlive: number[] = [];
  runPerturbed(genome, params, grown, seed, holdSteps + recoverSteps, null, (g) => twinAlive.push(alive(genome, g)));

  /** Follows a run from `start` (`lifted` steps in, the perturbation is lifted) and fills one row. */
  const follow = (trial: string, start: CellState, p: Perturbation | null, lifted: number): TrialRow => {
    const total = lifted + recoverSteps;
    let maxAliveRatio = alive(genome, start) / Math.max(1, alive(genome, grown));
    let lossAtLift = rgbaLoss(start, target);
    let stepsToRecover: number | null = lifted === 0 && lossAtLift <= 1.5 * lossBefore ? 0 : null;
    const end = runPerturbed(genome, params, start, seed, total, p, (g, step) => {
      maxAliveRatio = Math.max(maxAliveRatio, alive(genome, g) / Math.max(1, twinAlive[step - 1]));
      if (step < lifted) return;
      const loss = rgbaLoss(g, target);
      if (step === lifted) {
        lossAtLift = loss;
        if (loss <= 1.5 * lossBefore) stepsToRecover = 0;
      } else if (stepsToRecover === null && loss <= 1.5 * lossBefore) {
        stepsToRecover = step - lifted;
      }
    });
    return { trial, maxAliveRatio, lossBefore, lossAtLift, lossAtEnd: rgbaLoss(end, target), stepsToRecover };
  };

  const rows = trialPerturbations(genome, options).map((p) => follow(describePerturbation(p), grown, p, p.steps));
  rows.push(follow('erase 30%', eraseShare(grown, REGROWTH_ERASED_SHARE).grid, null, 0));
  const centre = { x: Math.floor(width / 2), y: Math.floor(height / 2), radius: options.eraseRadius };
  rows.push(follow(`erase r${centre.radius} at the centre`, eraseDisc(grown, centre), null, 0));

  const aliveBefore = alive(genome, grown);
  let maxAlone = 1;
  const later = runPerturbed(genome, params, grown, seed, aloneSteps, null, (g) => {
    maxAlone = Math.max(maxAlone, alive(genome, g) / Math.max(1, aliveBefore));
  });
  return {
    width,
    height,
    seed,
    options: {
      growSteps,
      holdSteps,
      recoverSteps,
      aloneSteps,
      forceRadius: options.forceRadius,
      eraseRadius: options.eraseRadius,
    },
    rows,
    alone: {
      steps: aloneSteps,
      aliveBefore,
      aliveAtEnd: alive(genome, later),
      maxAliveRatio: maxAlone,
      lossBefore,
      lossAtEnd: rgbaLoss(later, target),
    },
  };
}
