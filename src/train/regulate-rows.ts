/**
 * Steps 2 to 5 of the tfjs step on the active rows: the regulatory signal (gate, noise, softmax), the new
 * marks and the expression. Which experts a row keeps is the reference's choice on the float32 marks
 * (masks.ts), a constant; the gradient reaches the gate through the renormalised weights of the kept ones.
 */
import { knockoutBits } from '../model/reference.ts';
import { tf } from './backend.ts';
import { dense, gatherRows } from './grad-ops.ts';
import { chooseExpression, gateNoise } from './masks.ts';
import type { StepContext, TfWeights } from './step-context.ts';

type T = tf.Tensor;

/** What regulation an active row runs with this step, where it differs from params (see rowRegulation). */
export type RowRegulation = ReturnType<typeof rowRegulation>;

/**
 * Per active row, what regulation it runs with this step: the context's painted knockouts and forced expert,
 * and its grid's perturbation while it holds; null where nothing differs from params (the common case).
 */
export function rowRegulation(ctx: StepContext, active: Int32Array, elapsed: number) {
  const { params, width, height } = ctx;
  const cellsPerGrid = width * height;
  const globalBits = knockoutBits(params.knockouts);
  const held = ctx.perturbations?.map((g) => (g && elapsed < g.perturbation.steps ? g : null)) ?? [];
  const anyHeld = held.some((g) => g !== null);
  /** The perturbation held on row i's grid, if any. */
  const heldAt = (i: number) => held[Math.floor(i / cellsPerGrid)];
  const knockouts =
    ctx.knockoutMask || anyHeld
      ? Uint16Array.from(active, (i) => (ctx.knockoutMask?.[i] ?? 0) | globalBits | (heldAt(i)?.knockoutBits ?? 0))
      : globalBits;
  const forced =
    ctx.forced || anyHeld
      ? Int8Array.from(active, (i) => {
          const f = heldAt(i)?.forced[i % cellsPerGrid] ?? -1;
          return f >= 0 ? f : ctx.forced ? ctx.forced[i] : -1;
        })
      : null;
  const regulated = held.some((g) => g?.perturbation.kind === 'regulation');
  const regulation = (i: number) => {
    const p = heldAt(i)?.perturbation;
    return p?.kind === 'regulation' ? p : null;
  };
  const topK = regulated ? Uint8Array.from(active, (i) => regulation(i)?.topK ?? params.topK) : params.topK;
  const temperature = regulated
    ? Float32Array.from(active, (i) => regulation(i)?.temperature ?? params.temperature)
    : null;
  return { knockouts, forced, topK, temperature };
}

/** The active rows (indices into the batch) with their perception, marks at t and regulation. */
export interface ActiveRows {
  index: Int32Array;
  perception: T;
  marks: T;
  regulation: RowRegulation;
}

/** 2-3. Gate [p, q, gain * m], noise, softmax with temperature; without a gate every expert equally. */
function preferences(weights: TfWeights, ctx: StepContext, rows: ActiveRows, step: number): T {
  const { params } = ctx;
  const n = rows.index.length;
  const K = ctx.arch.expertHidden.length;
  if (!weights.gate) return tf.fill([n, K], 1 / K);
  const parts = [rows.perception, rows.marks];
  if (ctx.arch.morphogens > 0 && ctx.morphogens) {
    parts.push(gatherRows(ctx.morphogens, rows.index).mul(params.morphogenGain));
  }
  let z = tf.concat(parts, 1);
  weights.gate.forEach((layer, i) => {
    z = dense(z, layer.w, layer.b, i < weights.gate!.length - 1);
  });
  if (params.noise > 0) z = z.add(noiseRows(ctx, rows.index, step));
  const temperature = rows.regulation.temperature;
  return tf.softmax(z.div(temperature ? tf.tensor2d(temperature, [n, 1]) : tf.scalar(params.temperature)));
}

/** The gate noise of each active row (n x K), from its grid's seed. */
function noiseRows(ctx: StepContext, active: Int32Array, step: number): T {
  const { width } = ctx;
  const K = ctx.arch.expertHidden.length;
  const cellsPerGrid = width * ctx.height;
  const noise = new Float32Array(active.length * K);
  for (let j = 0; j < active.length; j++) {
    const b = Math.floor(active[j] / cellsPerGrid);
    const cell = active[j] % cellsPerGrid;
    gateNoise(cell % width, Math.floor(cell / width), step, ctx.seeds[b], ctx.params.noise, K, noise, j * K);
  }
  return tf.tensor2d(noise, [active.length, K]);
}

/** The new marks (4) and the expression (5) of the active rows, with the choice of experts behind it. */
export function regulateRows(weights: TfWeights, ctx: StepContext, rows: ActiveRows, step: number) {
  const { params } = ctx;
  const n = rows.index.length;
  const K = ctx.arch.expertHidden.length;
  const g = preferences(weights, ctx, rows, step);
  // 4. Marks.
  const newMarks = tf.add(rows.marks.mul(1 - params.plasticity), g.mul(params.plasticity));
  // 5. Expression: the choice from the reference's rule on the float32 marks, the weights renormalised.
  const { knockouts, forced, topK } = rows.regulation;
  const choice = chooseExpression(newMarks.dataSync() as Float32Array, K, topK, params.threshold, knockouts, forced);
  const kept = newMarks.mul(tf.tensor2d(choice.keep, [n, K]));
  const expression = kept
    .div(kept.sum(1, true).add(tf.tensor2d(choice.empty, [n, 1])))
    .add(tf.tensor2d(choice.forced, [n, K]));
  return { newMarks, expression, choice };
}
