/**
 * What the log says of a batch beyond its mean loss. The mean mixes fresh seeds, wounds and perturbed grids
 * with the grown organisms that the quality measure grades, and, in a run with several bodies, the bodies
 * with each other; these figures pull them apart so that a campaign can see which part is stuck.
 */
import type { Perturbation } from '../model/perturbation.ts';
import type { BatchPlan } from './pool.ts';

export interface BatchLosses {
  /**
   * Mean final RGBA loss of the grids that ran undisturbed from a grown state: not reseeded, damaged,
   * perturbed or switched to another body. Null when the batch has none. They are the batch's middle by
   * loss (the worst is reseeded, the best damaged and perturbed), so this runs above the pool's typical grid.
   */
  grown: number | null;
  /** Mean final RGBA loss of the damaged grids: how far they regrew (null: none damaged). */
  wounded: number | null;
  /** With several bodies: per body, the mean final RGBA loss of its grids in the batch (null: none drawn). */
  rgbaByBody?: (number | null)[];
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

/** `sampleLoss[b]` and `perturbations[b]` belong to batch grid b, which grew pool slot `plan.slots[b]`. */
export function batchLosses(
  plan: BatchPlan,
  sampleLoss: readonly number[],
  perturbations: readonly (Perturbation | null)[] | undefined,
  bodies: readonly number[] | undefined,
  bodyCount: number,
): BatchLosses {
  const disturbed = new Set([...plan.slots.slice(0, plan.seeded), ...plan.damaged, ...plan.remodelled]);
  const grown = sampleLoss.filter((_, b) => !disturbed.has(plan.slots[b]) && !perturbations?.[b]);
  const wounded = sampleLoss.filter((_, b) => plan.damaged.includes(plan.slots[b]));
  const out: BatchLosses = { grown: mean(grown), wounded: mean(wounded) };
  if (bodies && bodyCount > 1)
    out.rgbaByBody = Array.from({ length: bodyCount }, (_, body) =>
      mean(sampleLoss.filter((_, b) => bodies[b] === body)),
    );
  return out;
}
