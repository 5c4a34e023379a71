/**
 * One shard of a training iteration: roll a batch of grids forward with the tfjs step and return the loss
 * terms, the gradients of every weight, and the grown grids (which go back into the sample pool). Workers
 * and the in-process path both run this; it owns every tensor it makes.
 *
 * Loss = rgba + loadBalance * balance + sparsity * entropy + tissue * tissueLoss, where
 * - rgba: mean squared error of the final premultiplied RGBA against the target padded on the grid;
 * - balance: K * sum_k u_k^2 - 1 with u the mean new marks over every active cell of the rollout
 *   (0 when the experts are used evenly, K - 1 when one expert takes every cell);
 * - entropy: mean normalised entropy of the new marks of active cells (0 = each cell commits to one expert);
 * - tissueLoss: cross-entropy of the final marks against the expert the tissue image names, over its cells;
 * - silence: the final marks of each grid's silent experts (its body's), summed per cell, mean over the alive
 *   cells of the grids that have any;
 * - outside: the final alpha (where positive) of the cells outside the body (target alpha 0), mean over them.
 *   The squared error barely sees a faint halo (alpha 0.2 costs 0.04 a cell) while every halo cell above
 *   the alive threshold lives and counts; this linear term pulls such cells to zero as hard as bright ones.
 */
import type { Architecture } from '../model/genome.ts';
import type { RegulationParams } from '../model/params.ts';
import { ALIVE_THRESHOLD, ALPHA_CHANNEL } from '../model/state.ts';
import { tf } from './backend.ts';
import { CELL_STEPS_PER_PASS } from './config.ts';
import { concatFloat32 } from './concat.ts';
import type { Perturbation } from '../model/perturbation.ts';
import { inflictDueWounds } from './late-wounds.ts';
import type { LateWound } from './wound.ts';
import { gridPerturbations, makeFireMasks, stepTf, tfWeights, type GridTensors, type StepTrace } from './step.ts';

export interface LossWeights {
  loadBalance: number;
  sparsity: number;
  tissue: number;
  silence: number;
  outside: number;
}

/** The loss's terms, unweighted, for logs. */
export interface LossTerms {
  rgba: number;
  balance: number;
  entropy: number;
  tissue: number;
  silence: number;
  outside: number;
}

export const NO_TERMS: Readonly<LossTerms> = { rgba: 0, balance: 0, entropy: 0, tissue: 0, silence: 0, outside: 0 };

/** Everything fixed for a run: sent once to each worker. */
export interface ShardSetup {
  arch: Architecture;
  params: RegulationParams;
  width: number;
  height: number;
  /** W x H x 4 premultiplied RGBA target, padded on the grid. */
  target: Float32Array;
  /** With several bodies: each body's padded target (ShardInput.bodies indexes them). */
  targets?: Float32Array[];
  /** With several bodies: the morphogen channels of the environment signal, set per grid from its body. */
  environmentChannels?: number[];
  /** With several bodies: each body's environment signal. */
  environments?: number[];
  /** With several bodies: the experts each body is taught to leave silent. */
  silentExperts?: number[][];
  /** W x H expert labels (-1 = no label), or null. */
  tissue: Int8Array | null;
  /** W x H x M morphogen fields, or null when M = 0. */
  morphogens: Float32Array | null;
  weights: LossWeights;
  shapes: number[][];
  denseAbove: number;
  /** Cell-steps one pass may hold (default CELL_STEPS_PER_PASS). */
  cellStepsPerPass?: number;
}

export interface ShardInput {
  batch: number;
  /** batch x W x H x C. */
  state: Float32Array;
  /** batch x W x H x K. */
  marks: Float32Array;
  seeds: number[];
  steps: number;
  /** The shard's weight in the whole batch's mean (its share of the grids). */
  scale: number;
  /** Per grid: a perturbation held for its first steps, or null; absent = none. */
  perturbations?: (Perturbation | null)[];
  /** Per grid: the body it grows (index into ShardSetup.targets); absent = the one target. */
  bodies?: number[];
  /** Per grid: a wound inflicted during the rollout (training.damageLate), or null; absent = none. */
  wounds?: (LateWound | null)[];
}

export interface ShardResult {
  /** The total loss, scaled by `scale`. */
  loss: number;
  /** Unscaled terms, for logs. */
  terms: LossTerms;
  /** Per grid, its final rgba loss. */
  sampleLoss: number[];
  grads: Float32Array[];
  state: Float32Array;
  marks: Float32Array;
  activeCells: number;
}

let variableSerial = 0;

/** Each grid's painted fields: the run's fields, with its body's environment signal where there are bodies. */
function gridFields(setup: ShardSetup, input: ShardInput): Float32Array {
  const fields = tile(setup.morphogens!, input.batch);
  const channels = setup.environmentChannels ?? [];
  if (!input.bodies || channels.length === 0 || !setup.environments) return fields;
  const M = setup.arch.morphogens,
    cells = setup.width * setup.height;
  input.bodies.forEach((body, b) => {
    for (let cell = 0; cell < cells; cell++)
      for (const m of channels) fields[(b * cells + cell) * M + m] = setup.environments![body];
  });
  return fields;
}

/**
 * Per cell and expert, 1 where the cell's grid grows a body that silences that expert (mask, N x K), and per
 * cell, 1 where its grid silences any (grids, N x 1); null when no grid of this pass silences one.
 */
function silenceMask(setup: ShardSetup, input: ShardInput): { mask: tf.Tensor; grids: tf.Tensor } | null {
  if (!setup.silentExperts || !input.bodies || setup.weights.silence <= 0) return null;
  const K = setup.arch.expertHidden.length,
    cells = setup.width * setup.height;
  const mask = new Float32Array(input.batch * cells * K);
  const grids = new Float32Array(input.batch * cells);
  let any = false;
  input.bodies.forEach((body, b) => {
    const silent = setup.silentExperts![body] ?? [];
    if (silent.length === 0) return;
    any = true;
    grids.fill(1, b * cells, (b + 1) * cells);
    for (let cell = b * cells; cell < (b + 1) * cells; cell++) for (const k of silent) mask[cell * K + k] = 1;
  });
  if (!any) return null;
  return { mask: tf.tensor2d(mask, [input.batch * cells, K]), grids: tf.tensor2d(grids, [input.batch * cells, 1]) };
}

function concatTargets(targets: Float32Array[], bodies: number[]): Float32Array {
  const size = targets[0].length;
  const out = new Float32Array(size * bodies.length);
  bodies.forEach((body, b) => {
    out.set(targets[body], b * size);
  });
  return out;
}

function tile(data: Float32Array, times: number): Float32Array {
  const out = new Float32Array(data.length * times);
  for (let i = 0; i < times; i++) out.set(data, i * data.length);
  return out;
}

export function runShard(
  setup: ShardSetup,
  weightValues: Float32Array[],
  input: ShardInput,
  wantGrads = true,
): ShardResult {
  const cells = setup.width * setup.height;
  const perPass = Math.max(1, Math.floor((setup.cellStepsPerPass ?? CELL_STEPS_PER_PASS) / (cells * input.steps)));
  if (input.batch <= perPass) return runPass(setup, weightValues, input, wantGrads);
  const C = setup.arch.channels,
    K = setup.arch.expertHidden.length;
  const results: ShardResult[] = [];
  for (let start = 0; start < input.batch; start += perPass) {
    const count = Math.min(perPass, input.batch - start);
    results.push(
      runPass(
        setup,
        weightValues,
        {
          batch: count,
          state: input.state.subarray(start * cells * C, (start + count) * cells * C),
          marks: input.marks.subarray(start * cells * K, (start + count) * cells * K),
          seeds: input.seeds.slice(start, start + count),
          steps: input.steps,
          scale: (input.scale * count) / input.batch,
          perturbations: input.perturbations?.slice(start, start + count),
          bodies: input.bodies?.slice(start, start + count),
          wounds: input.wounds?.slice(start, start + count),
        },
        wantGrads,
      ),
    );
  }
  const weight = (r: ShardResult) => r.sampleLoss.length / input.batch;
  const terms = { ...NO_TERMS };
  for (const r of results)
    for (const key of Object.keys(terms) as (keyof typeof terms)[]) terms[key] += r.terms[key] * weight(r);
  return {
    loss: results.reduce((sum, r) => sum + r.loss, 0),
    terms,
    sampleLoss: results.flatMap((r) => r.sampleLoss),
    grads: results[0].grads.map((first, j) => {
      const sum = new Float32Array(first.length);
      for (const r of results) for (let i = 0; i < sum.length; i++) sum[i] += r.grads[j][i];
      return sum;
    }),
    state: concatFloat32(results.map((r) => r.state)),
    marks: concatFloat32(results.map((r) => r.marks)),
    activeCells: results.reduce((sum, r) => sum + r.activeCells, 0),
  };
}

function runPass(setup: ShardSetup, weightValues: Float32Array[], input: ShardInput, wantGrads: boolean): ShardResult {
  const { arch, params, width, height } = setup;
  const K = arch.expertHidden.length;
  const C = arch.channels;
  const cells = width * height;
  const N = input.batch * cells;
  let out: ShardResult | null = null;
  tf.tidy(() => {
    const vars = weightValues.map((v, i) =>
      tf.variable(tf.tensor(v, setup.shapes[i]), true, `train_w${i}_${variableSerial++}`),
    );
    const ctx = {
      arch,
      params,
      batch: input.batch,
      width,
      height,
      seeds: input.seeds,
      fire: makeFireMasks(input.seeds, width, height, params.fireRate),
      morphogens:
        setup.morphogens && arch.morphogens > 0 ? tf.tensor2d(gridFields(setup, input), [N, arch.morphogens]) : null,
      knockoutMask: null,
      forced: null,
      denseAbove: setup.denseAbove,
      perturbations: input.perturbations ? gridPerturbations(input.perturbations, width, height) : null,
    };
    const alpha0 = new Float32Array(N);
    for (let i = 0; i < N; i++) alpha0[i] = input.state[i * C + ALPHA_CHANNEL];
    const target = tf.tensor2d(
      input.bodies && setup.targets ? concatTargets(setup.targets, input.bodies) : tile(setup.target, input.batch),
      [N, 4],
    );
    let labels: tf.Tensor | null = null;
    let labelCount = 0;
    if (setup.tissue && setup.weights.tissue > 0) {
      const onehot = new Float32Array(N * K);
      for (let b = 0; b < input.batch; b++) {
        for (let c = 0; c < cells; c++) {
          const k = setup.tissue[c];
          if (k >= 0) {
            onehot[(b * cells + c) * K + k] = 1;
            labelCount++;
          }
        }
      }
      labels = tf.tensor2d(onehot, [N, K]);
    }
    const silenced = silenceMask(setup, input);
    let terms = { ...NO_TERMS };
    let sampleLoss: number[] = [];
    let finalState = new Float32Array(0);
    let finalMarks = new Float32Array(0);
    let activeCells = 0;

    const f = () => {
      const w = tfWeights(arch, vars);
      let grids: GridTensors = {
        state: tf.tensor2d(input.state, [N, C]),
        marks: tf.tensor2d(input.marks, [N, K]),
        alpha: alpha0,
      };
      const trace: StepTrace = { marksSum: null, entropySum: null, active: 0 };
      for (let t = 0; t < input.steps; t++) {
        if (input.wounds) grids = inflictDueWounds(grids, input.wounds, t, width, height);
        grids = stepTf(w, ctx, grids, t, trace);
      }
      // variableGrads frees the rollout's tensors when it returns: read the grown grids now.
      finalState = (grids.state.dataSync() as Float32Array).slice();
      finalMarks = (grids.marks.dataSync() as Float32Array).slice();
      activeCells = trace.active;
      const diff = grids.state.slice([0, 0], [N, 4]).sub(target);
      const perSample = diff
        .square()
        .reshape([input.batch, cells * 4])
        .mean(1);
      const rgba = perSample.mean();
      let total = rgba;
      const parts: Record<string, tf.Tensor> = { rgba };
      if (K > 1 && trace.active > 0 && trace.marksSum && setup.weights.loadBalance > 0) {
        const usage = trace.marksSum.div(trace.active);
        parts.balance = usage.square().sum().mul(K).sub(1);
        total = total.add(parts.balance.mul(setup.weights.loadBalance));
      }
      if (K > 1 && trace.active > 0 && trace.entropySum && setup.weights.sparsity > 0) {
        parts.entropy = trace.entropySum.div(trace.active);
        total = total.add(parts.entropy.mul(setup.weights.sparsity));
      }
      if (labels && labelCount > 0) {
        parts.tissue = labels.mul(grids.marks.add(1e-6).log()).sum().neg().div(labelCount);
        total = total.add(parts.tissue.mul(setup.weights.tissue));
      }
      if (silenced) {
        // Alive at the end, read from the grown grids: a constant (no gradient through the threshold).
        const aliveAtEnd = new Float32Array(N);
        for (let i = 0; i < N; i++) aliveAtEnd[i] = finalState[i * C + ALPHA_CHANNEL] > ALIVE_THRESHOLD ? 1 : 0;
        const alive = tf.tensor2d(aliveAtEnd, [N, 1]);
        const cellsCounted = alive.mul(silenced.grids).sum().maximum(1);
        parts.silence = grids.marks.mul(silenced.mask).mul(alive).sum().div(cellsCounted);
        total = total.add(parts.silence.mul(setup.weights.silence));
      }
      if (setup.weights.outside > 0) {
        const outsideCells = target.slice([0, 3], [N, 1]).lessEqual(0).toFloat();
        const alpha = grids.state.slice([0, ALPHA_CHANNEL], [N, 1]).relu();
        parts.outside = alpha.mul(outsideCells).sum().div(outsideCells.sum().maximum(1));
        total = total.add(parts.outside.mul(setup.weights.outside));
      }
      sampleLoss = Array.from(perSample.dataSync());
      terms = {
        rgba: parts.rgba.dataSync()[0],
        balance: parts.balance ? parts.balance.dataSync()[0] : 0,
        entropy: parts.entropy ? parts.entropy.dataSync()[0] : 0,
        tissue: parts.tissue ? parts.tissue.dataSync()[0] : 0,
        silence: parts.silence ? parts.silence.dataSync()[0] : 0,
        outside: parts.outside ? parts.outside.dataSync()[0] : 0,
      };
      return total.mul(input.scale) as tf.Scalar;
    };

    let loss: number;
    let grads: Float32Array[] = [];
    // A pass whose grids hold no living cell (a damaged seed) stays empty: its loss does not depend on the
    // weights, and tfjs refuses the gradient of such a loss. It adds a zero gradient.
    const anyAlive = alpha0.some((a) => a > ALIVE_THRESHOLD);
    if (wantGrads && anyAlive) {
      const result = tf.variableGrads(f, vars);
      loss = result.value.dataSync()[0];
      grads = vars.map((v) =>
        result.grads[v.name] ? (result.grads[v.name].dataSync() as Float32Array).slice() : new Float32Array(v.size),
      );
    } else {
      loss = f().dataSync()[0];
      if (wantGrads) grads = vars.map((v) => new Float32Array(v.size));
    }
    out = { loss, terms, sampleLoss, grads, activeCells, state: finalState, marks: finalMarks };
    for (const v of vars) v.dispose();
  });
  return out!;
}
