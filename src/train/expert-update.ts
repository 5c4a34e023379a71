/**
 * Step 6 of the tfjs step: the update ds of the active rows from the experts each expresses. Dense when most
 * (row, expert) pairs are kept (every expert on every row, weighted by its expression, zero for dropped
 * ones), else each expert runs only on the rows that express it.
 */
import type { Architecture } from '../model/genome.ts';
import { tf } from './backend.ts';
import { dense, gatherRows, matMul, scatterAddRows } from './grad-ops.ts';
import type { ExpressionChoice } from './masks.ts';
import type { StepContext, TfWeights } from './step-context.ts';

type T = tf.Tensor;

/** ds (n x C) of the rows whose perception is p (n x P), given their expression (n x K). */
export function expertUpdate(weights: TfWeights, ctx: StepContext, p: T, expression: T, choice: ExpressionChoice): T {
  return choice.density >= ctx.denseAbove
    ? denseUpdate(weights, ctx.arch, p, expression)
    : sparseUpdate(weights, ctx.arch.channels, p, expression, choice.rows);
}

/**
 * Every expert on every active row: one matMul into all hidden units, each block weighted by its expert's
 * expression.
 */
function denseUpdate(weights: TfWeights, arch: Architecture, p: T, expression: T): T {
  const K = arch.expertHidden.length;
  const w1 =
    K === 1
      ? weights.experts[0].w1
      : tf.concat(
          weights.experts.map((e) => e.w1),
          1,
        );
  const b1 =
    K === 1
      ? weights.experts[0].b1
      : tf.concat(
          weights.experts.map((e) => e.b1),
          0,
        );
  const w2 =
    K === 1
      ? weights.experts[0].w2
      : tf.concat(
          weights.experts.map((e) => e.w2),
          0,
        );
  const b2 = K === 1 ? weights.experts[0].b2 : tf.stack(weights.experts.map((e) => e.b2)); // K x C
  const hidden = dense(p, w1, b1, true);
  if (K === 1) return dense(hidden, w2, weights.experts[0].b2, false).mul(expression);
  const spread = matMul(expression, blockOnes(arch.expertHidden));
  return tf.add(matMul(hidden.mul(spread), w2), matMul(expression, b2));
}

/** Each expert k on the rows that express it (`expressedBy[k]`), scattered back into n x C. */
function sparseUpdate(weights: TfWeights, C: number, p: T, expression: T, expressedBy: number[][]): T {
  const n = p.shape[0];
  const parts: T[] = [];
  const index: number[] = [];
  weights.experts.forEach((e, k) => {
    const rows = Int32Array.from(expressedBy[k]);
    if (rows.length === 0) return;
    const weight = gatherRows(expression, rows).slice([0, k], [-1, 1]);
    parts.push(dense(dense(gatherRows(p, rows), e.w1, e.b1, true), e.w2, e.b2, false).mul(weight));
    for (const r of rows) index.push(r);
  });
  if (parts.length === 0) return tf.zeros([n, C]);
  return scatterAddRows(tf.zeros([n, C]), parts.length === 1 ? parts[0] : tf.concat(parts, 0), Int32Array.from(index));
}

const blockCache = new Map<string, T>();

/** K x sum(H): row k is 1 over expert k's hidden units. Kept across steps (a constant of the architecture). */
function blockOnes(hidden: number[]): T {
  const key = hidden.join(',');
  let t = blockCache.get(key);
  if (!t || t.isDisposed) {
    const total = hidden.reduce((a, b) => a + b, 0);
    const data = new Float32Array(hidden.length * total);
    let offset = 0;
    hidden.forEach((h, k) => {
      data.fill(1, k * total + offset, k * total + offset + h);
      offset += h;
    });
    t = tf.keep(tf.tensor2d(data, [hidden.length, total]));
    blockCache.set(key, t);
  }
  return t;
}
