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
 * expert runs only on the rows that express it. Dense layers are reshape + matMul; perception is wrap
 * padding + slices (no conv ops: their backprop is missing on wasm).
 */
import type { Architecture } from '../model/genome.ts';
import type { RegulationParams } from '../model/params.ts';
import { forcedCells, type Perturbation } from '../model/perturbation.ts';
import { knockoutBits } from '../model/reference.ts';
import { ALPHA_CHANNEL } from '../model/state.ts';
import { tf } from './backend.ts';
import { KERNELS, perceiveCell } from '../model/perception.ts';
import { FireMask, aliveMaskBatch, chooseExpression, gateNoise } from './masks.ts';

type T = tf.Tensor;

/** The weights as tensors (variables while training), in the genome's layout. */
export interface TfWeights {
  experts: { w1: T; b1: T; w2: T; b2: T }[];
  gate: { w: T; b: T }[] | null;
}

/** From a flat list in weightsFromGenome order. */
export function tfWeights(arch: Architecture, list: T[]): TfWeights {
  const K = arch.expertHidden.length;
  const experts = Array.from({ length: K }, (_, k) => ({
    w1: list[4 * k], b1: list[4 * k + 1], w2: list[4 * k + 2], b2: list[4 * k + 3],
  }));
  const gate: { w: T; b: T }[] | null = arch.gateHidden === null ? null : [];
  if (gate) for (let i = 4 * K; i < list.length; i += 2) gate.push({ w: list[i], b: list[i + 1] });
  return { experts, gate };
}

export interface StepContext {
  arch: Architecture;
  params: RegulationParams;
  batch: number;
  width: number;
  height: number;
  /** Per grid: seed of its hash streams, and its fire mask (built from that seed). */
  seeds: number[];
  fire: FireMask[];
  /** N x M morphogen fields (not yet multiplied by the gain), or null when M = 0. */
  morphogens: T | null;
  /** Per cell (N): painted knockouts and forced expert; null = none. */
  knockoutMask: Uint16Array | null;
  forced: Int8Array | null;
  /** Per grid: a perturbation held for the first steps of the rollout (see gridPerturbations), or null for none. */
  perturbations: (GridPerturbation | null)[] | null;
  /**
   * Dense evaluation (every expert on every active row, weighted by its expression, zero for dropped ones)
   * instead of per-expert gathers when at least this share of (cell, expert) pairs is kept.
   */
  denseAbove: number;
}

/** A perturbation of one grid, with what the step reads of it precomputed. */
export interface GridPerturbation {
  perturbation: Perturbation;
  /** Per cell of the grid: the forced expert, or -1. */
  forced: Int8Array;
  knockoutBits: number;
}

export function gridPerturbations(list: readonly (Perturbation | null)[], width: number, height: number): (GridPerturbation | null)[] {
  return list.map((p) => p && {
    perturbation: p, forced: forcedCells(p, width, height), knockoutBits: p.kind === 'knockout' ? 1 << p.expert : 0,
  });
}

/**
 * Per active row, what regulation it runs with this step: the context's painted knockouts and forced expert,
 * and its grid's perturbation while it holds; null where nothing differs from params (the common case).
 */
function rowRegulation(ctx: StepContext, active: Int32Array, elapsed: number) {
  const { params, width, height } = ctx;
  const cellsPerGrid = width * height;
  const globalBits = knockoutBits(params.knockouts);
  const held = ctx.perturbations?.map((g) => (g && elapsed < g.perturbation.steps ? g : null)) ?? [];
  const anyHeld = held.some((g) => g !== null);
  const knockouts = ctx.knockoutMask || anyHeld
    ? Uint16Array.from(active, (i) => (ctx.knockoutMask ? ctx.knockoutMask[i] : 0) | globalBits | (held[Math.floor(i / cellsPerGrid)]?.knockoutBits ?? 0))
    : globalBits;
  const forced = ctx.forced || anyHeld
    ? Int8Array.from(active, (i) => {
      const f = held[Math.floor(i / cellsPerGrid)]?.forced[i % cellsPerGrid] ?? -1;
      return f >= 0 ? f : ctx.forced ? ctx.forced[i] : -1;
    })
    : null;
  const regulated = held.some((g) => g?.perturbation.kind === 'regulation');
  const regulation = (i: number) => {
    const p = held[Math.floor(i / cellsPerGrid)]?.perturbation;
    return p?.kind === 'regulation' ? p : null;
  };
  const topK = regulated ? Uint8Array.from(active, (i) => regulation(i)?.topK ?? params.topK) : params.topK;
  const temperature = regulated ? Float32Array.from(active, (i) => regulation(i)?.temperature ?? params.temperature) : null;
  return { knockouts, forced, topK, temperature };
}

/** What the losses need from a step, accumulated over a rollout. */
export interface StepTrace {
  /** K: sum over active cells of the new marks. */
  marksSum: T | null;
  /** Sum over active cells of the normalised entropy of the new marks. */
  entropySum: T | null;
  active: number;
}

export interface GridTensors {
  /** N x C. */
  state: T;
  /** N x K. */
  marks: T;
  /** The alpha column as read back (N): the next step's alive mask needs it. */
  alpha: Float32Array;
}

/**
 * Row gathers, scatters and the perception are plain loops over typed arrays read back from the backend,
 * wrapped as tfjs ops with hand-written gradients: tfjs-wasm's GatherV2 and ScatterNd are ~5x slower than
 * a loop, gather's built-in gradient needs a kernel wasm lacks (UnsortedSegmentSum), and perception of the
 * active cells only, by the reference's own perceiveCell, avoids computing and then gathering it everywhere.
 */
function rowsOf(x: T): [number, number] {
  return [x.shape[0], x.shape[1] as number];
}

function gatherJs(data: Float32Array, cols: number, index: Int32Array): Float32Array {
  const out = new Float32Array(index.length * cols);
  for (let j = 0; j < index.length; j++) out.set(data.subarray(index[j] * cols, (index[j] + 1) * cols), j * cols);
  return out;
}

/** Adds row j of `rows` into row index[j] of `into` (in place; repeats sum). */
function scatterAddJs(into: Float32Array, rows: Float32Array, cols: number, index: Int32Array): Float32Array {
  for (let j = 0; j < index.length; j++) {
    const to = index[j] * cols, from = j * cols;
    for (let c = 0; c < cols; c++) into[to + c] += rows[from + c];
  }
  return into;
}

const read = (x: T) => x.dataSync() as Float32Array;

type GradFn = (...args: never[]) => { value: T; gradFunc: (dy: T, saved: T[]) => T | T[] };
/** tf.customGrad with the loose typing its overloads lack for multi-input functions. */
function customGrad(f: GradFn): (...inputs: T[]) => T {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: T[]) => T;
}

/** Rows `index` of x (n x D); the gradient scatters back, summing repeats. */
export function gatherRows(x: T, index: Int32Array): T {
  const [rows, cols] = rowsOf(x);
  return customGrad((input: T) => ({
    value: tf.tensor2d(gatherJs(read(input), cols, index), [index.length, cols]),
    gradFunc: (dy: T) => tf.tensor2d(scatterAddJs(new Float32Array(rows * cols), read(dy), cols, index), [rows, cols]),
  }))(x);
}

/** base with row j of x added into row index[j] (repeats sum). */
export function scatterAddRows(base: T, x: T, index: Int32Array): T {
  const [rows, cols] = rowsOf(base);
  return customGrad((b: T, input: T) => ({
    value: tf.tensor2d(scatterAddJs(read(b).slice(), read(input), cols, index), [rows, cols]),
    gradFunc: (dy: T) => [dy, tf.tensor2d(gatherJs(read(dy), cols, index), [index.length, cols])],
  }))(base, x);
}

/**
 * Perception of the cells `index` of a batch of grids (state N x C), n x (C * F), by the reference's
 * perceiveCell (same taps, same order, same float32 rounding); its gradient is the transposed stencil.
 */
export function perceiveRows(state: T, arch: Architecture, width: number, height: number, index: Int32Array): T {
  const C = arch.channels;
  const F = arch.perception.length;
  const cells = width * height;
  const [rows] = rowsOf(state);
  const taps = arch.perception.map((f) => KERNELS[f]);
  return customGrad((input: T) => {
    const data = read(input);
    const out = new Float32Array(index.length * C * F);
    for (let j = 0; j < index.length; j++) {
      const b = Math.floor(index[j] / cells), cell = index[j] % cells;
      perceiveCell(data.subarray(b * cells * C, (b + 1) * cells * C), width, height, C, arch.perception,
        cell % width, Math.floor(cell / width), out.subarray(j * C * F, (j + 1) * C * F));
    }
    return {
      value: tf.tensor2d(out, [index.length, C * F]),
      gradFunc: (dy: T) => {
        const d = read(dy);
        const dx = new Float32Array(rows * C);
        for (let j = 0; j < index.length; j++) {
          const b = Math.floor(index[j] / cells), cell = index[j] % cells;
          const x = cell % width, y = Math.floor(cell / width);
          for (let dyy = -1; dyy <= 1; dyy++) {
            const ny = (y + dyy + height) % height;
            for (let dxx = -1; dxx <= 1; dxx++) {
              const to = (b * cells + ny * width + (x + dxx + width) % width) * C;
              for (let f = 0; f < F; f++) {
                const w = taps[f][dyy + 1][dxx + 1];
                if (w === 0) continue;
                const from = (j * F + f) * C;
                for (let c = 0; c < C; c++) dx[to + c] += w * d[from + c];
              }
            }
          }
        }
        return tf.tensor2d(dx, [rows, C]);
      },
    };
  })(state);
}

/**
 * relu?(x W + b) as one op: tfjs's fused matMul forward, and a hand-written gradient that transposes
 * explicitly (tfjs-wasm runs a matMul with a transposed operand ~10x slower than a plain one, and the
 * built-in gradients use them). Only x, W and the output are kept for the backward pass: the rollout's
 * memory is mostly these, and wasm has 4 GB.
 */
function dense(x: T, w: T, b: T, relu: boolean): T {
  return customGrad((a: T, kernel: T, bias: T, save: (tensors: T[]) => void) => {
    const y = tf.fused.matMul({ a: a as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: relu ? 'relu' : 'linear' });
    save(relu ? [a, kernel, y] : [a, kernel]);
    return {
      value: y,
      gradFunc: (dy: T, saved: T[]) => {
        const dz = relu ? dy.mul(tf.step(saved[2])) : dy;
        // The bias gradient as ones x dz: wasm's Sum over axis 0 transposes first and is several times slower.
        const db = tf.matMul(tf.ones([1, dz.shape[0]]), dz).reshape([dz.shape[1] as number]);
        return [tf.matMul(dz, tf.transpose(saved[1])), tf.matMul(tf.transpose(saved[0]), dz), db];
      },
    };
  })(x, w, b);
}

/** x W, with the same explicit-transpose gradient. */
export function matMul(x: T, w: T): T {
  return customGrad((a: T, b: T, save: (tensors: T[]) => void) => {
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: T, saved: T[]) => [tf.matMul(dy, tf.transpose(saved[1])), tf.matMul(tf.transpose(saved[0]), dy)],
    };
  })(x, w);
}

/**
 * One step of every grid of the batch. `grids` is time t; returns time t + 1 and what the losses need.
 * `step` seeds the hashes; `elapsed` (steps since the rollout began) says whether a perturbation still holds.
 */
export function stepTf(weights: TfWeights, ctx: StepContext, grids: GridTensors, step: number, trace?: StepTrace, elapsed = step): GridTensors {
  const { arch, params, batch, width, height } = ctx;
  const K = arch.expertHidden.length;
  const C = arch.channels;
  const M = arch.morphogens;
  const cellsPerGrid = width * height;
  const N = batch * cellsPerGrid;

  // 8 (before). Alive before the update; 7. the fire mask. Active = alive and fired: only they change.
  const preAlive = aliveMaskBatch(grids.alpha, batch, width, height);
  const activeList: number[] = [];
  for (let b = 0; b < batch; b++) {
    const fire = ctx.fire[b];
    for (let cell = 0; cell < cellsPerGrid; cell++) {
      const i = b * cellsPerGrid + cell;
      if (preAlive[i] && fire.fires(cell, step)) activeList.push(i);
    }
  }
  const active = Int32Array.from(activeList);
  const n = active.length;

  let applied: { ds: T; newMarks: T } | null = null;
  if (n > 0) {
    const rows = rowRegulation(ctx, active, elapsed);
    // 1. Perception of the active cells.
    const p = perceiveRows(grids.state, arch, width, height, active);
    const oldMarks = gatherRows(grids.marks, active);

    // 2-3. Gate [p, q, gain * m], noise, softmax with temperature.
    let g: T;
    if (weights.gate) {
      const parts = [p, oldMarks];
      if (M > 0 && ctx.morphogens) parts.push(gatherRows(ctx.morphogens, active).mul(params.morphogenGain));
      let z = tf.concat(parts, 1);
      weights.gate.forEach((layer, i) => { z = dense(z, layer.w, layer.b, i < weights.gate!.length - 1); });
      if (params.noise > 0) {
        const noise = new Float32Array(n * K);
        for (let j = 0; j < n; j++) {
          const b = Math.floor(active[j] / cellsPerGrid);
          const cell = active[j] % cellsPerGrid;
          gateNoise(cell % width, Math.floor(cell / width), step, ctx.seeds[b], params.noise, K, noise, j * K);
        }
        z = z.add(tf.tensor2d(noise, [n, K]));
      }
      g = tf.softmax(z.div(rows.temperature ? tf.tensor2d(rows.temperature, [n, 1]) : tf.scalar(params.temperature)));
    } else {
      g = tf.fill([n, K], 1 / K);
    }

    // 4. Marks.
    const newMarks = tf.add(oldMarks.mul(1 - params.plasticity), g.mul(params.plasticity));

    // 5. Expression: the choice from the reference's rule on the float32 marks, the weights renormalised.
    const choice = chooseExpression(newMarks.dataSync() as Float32Array, K, rows.topK, params.threshold, rows.knockouts, rows.forced);
    const kept = newMarks.mul(tf.tensor2d(choice.keep, [n, K]));
    const expression = kept.div(kept.sum(1, true).add(tf.tensor2d(choice.empty, [n, 1]))).add(tf.tensor2d(choice.forced, [n, K]));

    // 6. Update from the expressed experts.
    let ds: T;
    if (choice.density >= ctx.denseAbove) {
      // Every expert on every active row: one matMul into all hidden units, each block weighted by its expert's expression.
      const w1 = K === 1 ? weights.experts[0].w1 : tf.concat(weights.experts.map((e) => e.w1), 1);
      const b1 = K === 1 ? weights.experts[0].b1 : tf.concat(weights.experts.map((e) => e.b1), 0);
      const w2 = K === 1 ? weights.experts[0].w2 : tf.concat(weights.experts.map((e) => e.w2), 0);
      const b2 = K === 1 ? weights.experts[0].b2 : tf.stack(weights.experts.map((e) => e.b2)); // K x C
      const hidden = dense(p, w1, b1, true);
      if (K === 1) {
        ds = dense(hidden, w2, weights.experts[0].b2, false).mul(expression);
      } else {
        const spread = matMul(expression, blockOnes(arch.expertHidden));
        ds = tf.add(matMul(hidden.mul(spread), w2), matMul(expression, b2));
      }
    } else {
      const parts: T[] = [];
      const index: number[] = [];
      weights.experts.forEach((e, k) => {
        const rows = Int32Array.from(choice.rows[k]);
        if (rows.length === 0) return;
        const weight = gatherRows(expression, rows).slice([0, k], [-1, 1]);
        parts.push(dense(dense(gatherRows(p, rows), e.w1, e.b1, true), e.w2, e.b2, false).mul(weight));
        for (const r of rows) index.push(r);
      });
      ds = parts.length ? scatterAddRows(tf.zeros([n, C]), parts.length === 1 ? parts[0] : tf.concat(parts, 0), Int32Array.from(index)) : tf.zeros([n, C]);
    }

    // 7. Fired cells apply it; unfired cells keep state and marks.
    applied = { ds, newMarks };
    if (trace) {
      trace.active += n;
      const sum = newMarks.sum(0);
      trace.marksSum = trace.marksSum ? trace.marksSum.add(sum) : sum;
      if (K > 1) {
        const entropy = newMarks.mul(newMarks.add(1e-8).log()).sum().neg().div(Math.log(K));
        trace.entropySum = trace.entropySum ? trace.entropySum.add(entropy) : entropy;
      }
    }
  }

  // 8 (after). Alive after too, else zero state and uniform marks: one op for the state, one for the marks.
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
 * zeroed, as one op: a full-grid op on the tape costs a copy of its saved inputs (tfjs clones them), and
 * this one saves none. Gradient: dy on kept rows, gathered at `index` for ds.
 */
function commitState(state: T, ds: T, index: Int32Array, keepOf: (updated: Float32Array) => Uint8Array): { state: T; keep: Uint8Array; value: { alpha: Float32Array } } {
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

const blockCache = new Map<string, T>();

/** K x sum(H): row k is 1 over expert k's hidden units. Kept across steps (a constant of the architecture). */
function blockOnes(hidden: number[]): T {
  const key = hidden.join(',');
  let t = blockCache.get(key);
  if (!t || t.isDisposed) {
    const total = hidden.reduce((a, b) => a + b, 0);
    const data = new Float32Array(hidden.length * total);
    let offset = 0;
    hidden.forEach((h, k) => { data.fill(1, k * total + offset, k * total + offset + h); offset += h; });
    t = tf.keep(tf.tensor2d(data, [hidden.length, total]));
    blockCache.set(key, t);
  }
  return t;
}

/** Constant context of a batch: fire masks per grid from their seeds. */
export function makeFireMasks(seeds: number[], width: number, height: number, fireRate: number): FireMask[] {
  return seeds.map((seed) => new FireMask(width, height, seed, fireRate));
}
