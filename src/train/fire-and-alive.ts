/**
 * Steps 7 and 8 of the tfjs step: which rows the step changes (alive before the update and fired), and its
 * end (rows alive after too keep the update; the others become zero with uniform marks). The end is two ops
 * that save nothing for the backward pass: a full-grid op on the tape costs a copy of its saved inputs
 * (tfjs clones them), and their gradients close over plain arrays instead.
 */
import { ALPHA_CHANNEL } from '../model/state.ts';
import { tf } from './backend.ts';
import { customGrad, gatherJs, read, rowsOf, scatterAddJs } from './grad-ops.ts';
import { aliveMaskBatch } from './masks.ts';
import type { GridTensors, StepContext } from './step-context.ts';

type T = tf.Tensor;

/** The rows alive before the update (`preAlive`) that fire this step: only they change. */
export function activeRows(ctx: StepContext, preAlive: Uint8Array, step: number): Int32Array {
  const cellsPerGrid = ctx.width * ctx.height;
  const active: number[] = [];
  for (let b = 0; b < ctx.batch; b++) {
    const fire = ctx.fire[b];
    for (let cell = 0; cell < cellsPerGrid; cell++) {
      const i = b * cellsPerGrid + cell;
      if (preAlive[i] && fire.fires(cell, step)) active.push(i);
    }
  }
  return Int32Array.from(active);
}

/** The grids at t + 1: state + ds and the new marks in the active rows, then the alive mask after the update. */
export function commitStep(
  ctx: StepContext,
  grids: GridTensors,
  applied: { ds: T; newMarks: T } | null,
  active: Int32Array,
  preAlive: Uint8Array,
): GridTensors {
  const { batch, width, height } = ctx;
  const C = ctx.arch.channels;
  const K = ctx.arch.expertHidden.length;
  const N = batch * width * height;
  const committed = commitState(grids.state, applied?.ds ?? tf.zeros([0, C]), active, (updated) => {
    const newAlpha = new Float32Array(N);
    for (let i = 0; i < N; i++) newAlpha[i] = updated[i * C + ALPHA_CHANNEL];
    const postAlive = aliveMaskBatch(newAlpha, batch, width, height);
    const keep = new Uint8Array(N);
    for (let i = 0; i < N; i++) keep[i] = preAlive[i] & postAlive[i];
    return keep;
  });
  const alpha = new Float32Array(N);
  for (let i = 0; i < N; i++) if (committed.keep[i]) alpha[i] = committed.value.alpha[i];
  const marks = commitMarks(grids.marks, applied?.newMarks ?? tf.zeros([0, K]), active, committed.keep);
  return { state: committed.state, marks, alpha };
}

/**
 * state + ds added into rows `index`, then the rows that `keepOf` (given the updated values) does not keep
 * zeroed, as one op. Gradient: dy on kept rows, gathered at `index` for ds.
 */
function commitState(
  state: T,
  ds: T,
  index: Int32Array,
  keepOf: (updated: Float32Array) => Uint8Array,
): { state: T; keep: Uint8Array; value: { alpha: Float32Array } } {
  const [rows, cols] = rowsOf(state);
  let keep: Uint8Array = new Uint8Array(rows);
  const value = { alpha: new Float32Array(rows) };
  const out = customGrad((base: T, delta: T) => {
    const next = scatterAddJs(read(base).slice(), read(delta), cols, index);
    keep = keepOf(next);
    for (let i = 0; i < rows; i++) {
      value.alpha[i] = next[i * cols + ALPHA_CHANNEL];
      if (!keep[i]) next.fill(0, i * cols, (i + 1) * cols);
    }
    return {
      value: tf.tensor2d(next, [rows, cols]),
      gradFunc: (dy: T) => {
        const d = read(dy).slice();
        for (let i = 0; i < rows; i++) if (!keep[i]) d.fill(0, i * cols, (i + 1) * cols);
        return [tf.tensor2d(d, [rows, cols]), tf.tensor2d(gatherJs(d, cols, index), [index.length, cols])];
      },
    };
  })(state, ds);
  return { state: out, keep, value };
}

/** marks with rows `index` replaced by newMarks, then rows not kept set uniform; one op, as commitState. */
function commitMarks(marks: T, newMarks: T, index: Int32Array, keep: Uint8Array): T {
  const [rows, cols] = rowsOf(marks);
  return customGrad((base: T, replacement: T) => {
    const next = read(base).slice();
    const values = read(replacement);
    for (let j = 0; j < index.length; j++) next.set(values.subarray(j * cols, (j + 1) * cols), index[j] * cols);
    for (let i = 0; i < rows; i++) if (!keep[i]) next.fill(1 / cols, i * cols, (i + 1) * cols);
    return {
      value: tf.tensor2d(next, [rows, cols]),
      gradFunc: (dy: T) => {
        const d = read(dy).slice();
        for (let i = 0; i < rows; i++) if (!keep[i]) d.fill(0, i * cols, (i + 1) * cols);
        const toNew = gatherJs(d, cols, index);
        for (let j = 0; j < index.length; j++) d.fill(0, index[j] * cols, (index[j] + 1) * cols);
        return [tf.tensor2d(d, [rows, cols]), tf.tensor2d(toNew, [index.length, cols])];
      },
    };
  })(marks, newMarks);
}
