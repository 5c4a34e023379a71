/** What the trainer's shard tests build alike: a setup that weighs the RGBA loss alone, and a batch of grids. */
import type { CellState } from '../../src/model/state.ts';
import type { LossWeights, ShardInput, ShardSetup } from '../../src/train/objective.ts';

export const NO_LOSS_WEIGHTS: LossWeights = { loadBalance: 0, sparsity: 0, tissue: 0, silence: 0, outside: 0 };

type Essentials = Pick<ShardSetup, 'arch' | 'params' | 'width' | 'height' | 'target' | 'shapes'>;

/** A setup with no tissue labels, no morphogen field and the RGBA loss alone, unless `more` says otherwise. */
export function shardSetup(essentials: Essentials, more: Partial<ShardSetup> = {}): ShardSetup {
  return { tissue: null, morphogens: null, weights: NO_LOSS_WEIGHTS, denseAbove: 0.75, ...essentials, ...more };
}

/** One shard of `grids`, in order, grown `steps` steps with fire seeds `seeds`. */
export function batchOf(grids: CellState[], seeds: number[], steps: number, scale = 1): ShardInput {
  return {
    batch: grids.length,
    state: Float32Array.from(grids.flatMap((g) => [...g.state])),
    marks: Float32Array.from(grids.flatMap((g) => [...g.marks])),
    seeds,
    steps,
    scale,
  };
}
