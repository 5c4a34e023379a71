/**
 * Wounds inflicted during a rollout (training.damageLate): the tensor side of wound.ts.
 */
import { ALIVE_THRESHOLD } from '../model/state.ts';
import { tf } from './backend.ts';
import type { GridTensors } from './step-context.ts';
import { woundCells, type LateWound } from './wound.ts';

/**
 * Before rollout step `step`: erases the wounds due then (state zero, marks uniform, as the pool erases a
 * cell), each on the alive cells its grid has at that moment. The erasure multiplies by a constant mask,
 * so the gradient still reaches the weights through the cells that survive it.
 */
export function inflictDueWounds(
  grids: GridTensors,
  wounds: readonly (LateWound | null)[],
  step: number,
  width: number,
  height: number,
): GridTensors {
  const due = wounds.flatMap((w, b) => (w && w.at === step ? [b] : []));
  if (due.length === 0) return grids;
  const cells = width * height;
  const N = grids.alpha.length;
  const K = grids.marks.shape[1]!;
  const keep = new Float32Array(N).fill(1);
  const alpha = grids.alpha.slice();
  for (const b of due) {
    const alive: number[] = [];
    for (let cell = 0; cell < cells; cell++) if (alpha[b * cells + cell] > ALIVE_THRESHOLD) alive.push(cell);
    for (const cell of woundCells(wounds[b]!.wound, alive, width, height)) {
      keep[b * cells + cell] = 0;
      alpha[b * cells + cell] = 0;
    }
  }
  const kept = tf.tensor2d(keep, [N, 1]);
  const erased = tf.scalar(1).sub(kept);
  return {
    state: grids.state.mul(kept),
    marks: grids.marks.mul(kept).add(erased.div(K)),
    alpha,
  };
}
