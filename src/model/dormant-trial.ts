/**
 * What a dormant circuit does: a genome with several bodies may leave an expert silent in one body (the
 * other body's, or one no body uses). Grown in that body's environment, the expert is forced in a disc at
 * the centre (the app's Force brush) for a while and then lifted. The organism at the end of the forcing
 * shows what the circuit builds in this body; the loss to each body's target and the alive cells, before,
 * at the end of the forcing and after recovery, say whether it pulls the body towards the other and whether
 * the body heals.
 */
import type { Genome } from './genome.ts';
import { measure } from './metrics.ts';
import type { RegulationParams } from './params.ts';
import { runPerturbed } from './perturbation.ts';
import { growFromSeed } from './reference.ts';
import type { CellState } from './state.ts';
import { rgbaLoss } from './target.ts';

/** An expert is dormant in a body when fewer than this share of its alive cells express it (at 0.1 or more). */
export const DORMANT_BELOW = 0.01;

/** The experts a body leaves dormant, from the share of its alive cells that express each. */
export function dormantExperts(expressedShares: readonly number[]): number[] {
  return expressedShares.flatMap((share, k) => (share < DORMANT_BELOW ? [k] : []));
}

export interface DormantOptions {
  width: number;
  height: number;
  seed: number;
  /** Steps grown before forcing. */
  growSteps: number;
  /** Steps the expert is forced. */
  forceSteps: number;
  /** Steps run after it is lifted. */
  recoverSteps: number;
  /** Radius of the forced disc, in cells. */
  radius: number;
}

export const DEFAULT_DORMANT: Omit<DormantOptions, 'width' | 'height' | 'seed'> = {
  growSteps: 200,
  forceSteps: 50,
  recoverSteps: 150,
  radius: 8,
};

/** One moment of the trial: the loss to each body's target (in body order) and the alive cells. */
export interface DormantMoment {
  losses: number[];
  aliveCount: number;
}

export interface DormantResult {
  /** The body grown, and the expert forced in it. */
  body: number;
  expert: number;
  options: Omit<DormantOptions, 'width' | 'height'>;
  grown: DormantMoment;
  forced: DormantMoment;
  recovered: DormantMoment;
  /** The grids at those three moments (for a strip of pictures). */
  kept: CellState[];
}

/** `environments[b]` and `targets[b]` (W x H x 4, centred) per body; grows `body` and forces `expert` in it. */
export function runDormant(
  genome: Genome,
  params: RegulationParams,
  environments: readonly number[],
  targets: readonly Float32Array[],
  body: number,
  expert: number,
  options: DormantOptions,
): DormantResult {
  const { width, height, seed, growSteps, forceSteps, recoverSteps, radius } = options;
  const grid = growFromSeed(genome, params, options, environments[body], seed, growSteps);
  const moment = (g: CellState): DormantMoment => ({
    losses: targets.map((t) => rgbaLoss(g, t)),
    aliveCount: measure(genome, g).aliveCount,
  });
  const kept = [grid];
  const disc = { x: Math.floor(width / 2), y: Math.floor(height / 2), radius };
  const last = runPerturbed(
    genome,
    params,
    grid,
    seed,
    forceSteps + recoverSteps,
    { kind: 'force', expert, disc, steps: forceSteps },
    (g, step) => {
      if (step === forceSteps) kept.push(g);
    },
  );
  kept.push(last);
  const { width: _w, height: _h, ...rest } = options;
  return {
    body,
    expert,
    options: rest,
    grown: moment(kept[0]),
    forced: moment(kept[1]),
    recovered: moment(kept[2]),
    kept,
  };
}
