/**
 * The step of docs/DESIGN.md in tfjs, differentiable, for a batch of grids: the same definitions as the
 * reference (src/model/reference.ts), in the same order.
 *
 * Layout: a batch of B grids of W x H cells is a matrix of N = B * W * H rows (cell-major per grid, grids
 * one after another, as CellState stores one grid), C columns for the state and K for the marks.
 *
 * What is hard (no gradient) is decided in plain TypeScript on values read back (src/train/masks.ts) and
 * enters as constants: the alive masks, the fire mask, gate noise, which experts each cell expresses.
 * Relaxation: the top-k / threshold / knockout selection is held constant, so the gradient reaches the gate
 * through the renormalised weights of the experts a cell kept (exact almost everywhere: the selection is
 * piecewise constant); experts a cell dropped get no gradient from it. Training runs the preset's own topK.
 *
 * Only the cells that are alive before the update and fire do any work: the others either end up zero
 * (dead) or keep state and marks (unfired), exactly as in the reference, so the step gathers the active
 * rows, runs the gate and the experts on them, and scatters the result back. With sparse expression each
 * expert runs only on the rows that express it. Dense layers are matMuls, and perception the reference's
 * own perceiveCell, each one op with a hand-written gradient (no conv ops: their backprop is missing on wasm).
 *
 * By step: perception (1) in perceive-rows.ts, regulation (2-5) in regulate-rows.ts, the update (6) in
 * expert-update.ts, fire and alive masking (7-8) in fire-and-alive.ts; the ops they share in grad-ops.ts.
 */
import type { tf } from './backend.ts';
import { expertUpdate } from './expert-update.ts';
import { activeRows, commitStep } from './fire-and-alive.ts';
import { gatherRows } from './grad-ops.ts';
import { aliveMaskBatch } from './masks.ts';
import { perceiveRows } from './perceive-rows.ts';
import { regulateRows, rowRegulation } from './regulate-rows.ts';
import type { GridTensors, StepContext, TfWeights } from './step-context.ts';

export {
  gridPerturbations,
  makeFireMasks,
  tfWeights,
  type GridTensors,
  type StepContext,
  type TfWeights,
} from './step-context.ts';

type T = tf.Tensor;

/** What the losses need from a step, accumulated over a rollout. */
export interface StepTrace {
  /** K: sum over active cells of the new marks. */
  marksSum: T | null;
  /** Sum over active cells of the normalised entropy of the new marks. */
  entropySum: T | null;
  active: number;
}

/**
 * One step of every grid of the batch. `grids` is time t; returns time t + 1 and what the losses need.
 * `step` seeds the hashes; `elapsed` (steps since the rollout began) says whether a perturbation still holds.
 */
export function stepTf(
  weights: TfWeights,
  ctx: StepContext,
  grids: GridTensors,
  step: number,
  trace?: StepTrace,
  elapsed = step,
): GridTensors {
  // 8 (before). Alive before the update; 7. the fire mask. Active = alive and fired: only they change.
  const preAlive = aliveMaskBatch(grids.alpha, ctx.batch, ctx.width, ctx.height);
  const active = activeRows(ctx, preAlive, step);
  const applied = active.length > 0 ? updateActive(weights, ctx, grids, active, step, elapsed) : null;
  if (applied && trace) addToTrace(trace, applied.newMarks, ctx.arch.expertHidden.length);
  // 8 (after). Alive after too, else zero state and uniform marks: one op for the state, one for the marks.
  return commitStep(ctx, grids, applied, active, preAlive);
}

/** Steps 1 to 6 on the active rows: their update ds and new marks, applied (7) to fired cells only. */
function updateActive(
  weights: TfWeights,
  ctx: StepContext,
  grids: GridTensors,
  active: Int32Array,
  step: number,
  elapsed: number,
): { ds: T; newMarks: T } {
  const regulation = rowRegulation(ctx, active, elapsed);
  // 1. Perception of the active cells.
  const perception = perceiveRows(grids.state, ctx.arch, ctx.width, ctx.height, active);
  const marks = gatherRows(grids.marks, active);
  const rows = { index: active, perception, marks, regulation };
  const { newMarks, expression, choice } = regulateRows(weights, ctx, rows, step);
  // 6. Update from the expressed experts.
  const ds = expertUpdate(weights, ctx, perception, expression, choice);
  return { ds, newMarks };
}

function addToTrace(trace: StepTrace, newMarks: T, K: number): void {
  trace.active += newMarks.shape[0];
  const sum = newMarks.sum(0);
  trace.marksSum = trace.marksSum ? trace.marksSum.add(sum) : sum;
  if (K > 1) {
    const entropy = newMarks.mul(newMarks.add(1e-8).log()).sum().neg().div(Math.log(K));
    trace.entropySum = trace.entropySum ? trace.entropySum.add(entropy) : entropy;
  }
}
