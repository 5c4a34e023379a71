/** The trainer's gradients (hand-written ones included) against central finite differences on a tiny genome. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../../src/model/genome.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { initBackend } from '../../src/train/backend.ts';
import { runShard, type ShardInput, type ShardSetup } from '../../src/train/objective.ts';
import { weightsFromGenome } from '../../src/train/weights.ts';
import { ALIVE_THRESHOLD, ALPHA_CHANNEL } from '../../src/model/state.ts';
import { randomLivingState } from '../model/grids.ts';
import { batchOf, NO_LOSS_WEIGHTS, shardSetup } from './shard-fixtures.ts';

const ARCH: Architecture = {
  channels: 5,
  perception: ['identity', 'sobel_x', 'sobel_y', 'laplacian'],
  expertHidden: [6, 5, 4],
  gateHidden: 4,
  morphogens: 1,
};
const W = 9,
  H = 8;

/** A setup that weighs one loss term against `target`: every expert expressed, every cell fires. */
function oneTermSetup(target: Float32Array, shapes: number[][], weights: Partial<ShardSetup['weights']>): ShardSetup {
  const params = resolveParams({ topK: 3, fireRate: 1 }, 3, 'test');
  return shardSetup(
    { arch: ARCH, params, width: W, height: H, target, shapes },
    { morphogens: new Float32Array(W * H), weights: { ...NO_LOSS_WEIGHTS, ...weights } },
  );
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('gradients', () => {
  it.each([
    ['sparse top-2, gate MLP, morphogen, all loss terms', 2, 2],
    ['dense', 3, 0],
  ])('%s: match finite differences', (_, topK, denseAbove) => {
    const genome = randomGenome(ARCH, { seed: 11, outputScale: 0.5 });
    const list = weightsFromGenome(genome);
    const params = resolveParams({ topK, fireRate: 0.7, plasticity: 0.6, temperature: 0.8 }, 3, 'test');
    const target = new Float32Array(W * H * 4).map((_, i) => ((i * 37) % 11) / 11);
    const tissue = Int8Array.from({ length: W * H }, (_, i) => (i % 4 === 3 ? -1 : i % 3));
    const setup: ShardSetup = {
      arch: ARCH,
      params,
      width: W,
      height: H,
      target,
      tissue,
      morphogens: Float32Array.from({ length: W * H }, (_, i) => (i % W) / W),
      weights: { loadBalance: 0.3, sparsity: 0.2, tissue: 0.1, silence: 0.4, outside: 0.25 },
      shapes: list.shapes,
      denseAbove,
      // Two bodies: the first leaves expert 2 silent.
      targets: [target, target.map((v) => 1 - v)],
      silentExperts: [[2], []],
    };
    const a = randomLivingState(genome, W, H, 2),
      b = randomLivingState(genome, W, H, 3);
    const input: ShardInput = {
      batch: 2,
      state: Float32Array.from([...a.state, ...b.state]),
      marks: Float32Array.from([...a.marks, ...b.marks]),
      seeds: [5, 6],
      steps: 3,
      scale: 1,
      bodies: [0, 1],
    };
    const { grads, loss, terms } = runShard(setup, list.values, input);
    expect(terms.silence).toBeGreaterThan(0);
    const base = runShard(setup, list.values, input, false).loss;
    expect(Number.isFinite(loss)).toBe(true);
    const lossAt = (values: Float32Array[]) => runShard(setup, values, input, false).loss;
    let checked = 0,
      kinks = 0;
    // A few entries of every variable, by central differences (float32: a generous step, a relative check).
    list.values.forEach((v, j) => {
      for (const i of [0, Math.floor(v.length / 2), v.length - 1]) {
        const eps = 2e-3;
        const plus = list.values.map((x) => x.slice()),
          minus = list.values.map((x) => x.slice());
        plus[j][i] += eps;
        minus[j][i] -= eps;
        const up = lossAt(plus),
          down = lossAt(minus);
        const numeric = (up - down) / (2 * eps);
        const analytic = grads[j][i];
        // A hard choice (top-k, alive, threshold) that flips inside [-eps, eps] is a kink, not a gradient:
        // there the one-sided differences disagree, and the check skips the entry.
        const right = (up - base) / eps,
          left = (base - down) / eps;
        if (Math.abs(right - left) > 1e-2 + (0.2 * Math.abs(right + left)) / 2) {
          kinks++;
          continue;
        }
        expect(
          Math.abs(numeric - analytic),
          `${list.names[j]}[${i}]: numeric ${numeric}, analytic ${analytic}`,
        ).toBeLessThan(2e-3 + 0.05 * Math.abs(numeric));
        if (Math.abs(analytic) > 1e-4) checked++;
      }
    });
    expect(kinks).toBeLessThanOrEqual(3);
    expect(checked).toBeGreaterThan(list.values.length); // most checks compare non-trivial gradients
  });

  it("the silence term is the mean final mark of a body's silent experts over its alive cells", () => {
    const genome = randomGenome(ARCH, { seed: 13, outputScale: 0.5 });
    const list = weightsFromGenome(genome);
    const target = new Float32Array(W * H * 4).fill(0.3);
    const setup: ShardSetup = {
      ...oneTermSetup(target, list.shapes, { silence: 1 }),
      targets: [target, target],
      silentExperts: [[], [0, 2]],
    };
    const grids = [4, 5].map((s) => randomLivingState(genome, W, H, s));
    const input: ShardInput = { ...batchOf(grids, [4, 5], 2), bodies: [0, 1] };
    const result = runShard(setup, list.values, input, false);
    // By hand, from the grown grids: only the second grid (body 1) counts, experts 0 and 2.
    const cells = W * H;
    let sum = 0,
      alive = 0;
    for (let c = cells; c < 2 * cells; c++) {
      if (result.state[c * ARCH.channels + ALPHA_CHANNEL] <= ALIVE_THRESHOLD) continue;
      alive++;
      sum += result.marks[c * 3] + result.marks[c * 3 + 2];
    }
    expect(alive).toBeGreaterThan(0);
    expect(result.terms.silence).toBeCloseTo(sum / alive, 5);
    expect(result.loss).toBeCloseTo(result.terms.rgba + sum / alive, 5);
  });

  it('the outside term is the mean positive final alpha of the cells where the target has none', () => {
    const genome = randomGenome(ARCH, { seed: 14, outputScale: 0.5 });
    const list = weightsFromGenome(genome);
    // The body: the left half of the grid (alpha 0.8); the right half is outside it.
    const target = new Float32Array(W * H * 4).map((_, i) => (Math.floor(i / 4) % W < W / 2 ? 0.8 : 0));
    const setup = oneTermSetup(target, list.shapes, { outside: 2 });
    const grid = randomLivingState(genome, W, H, 6);
    const input: ShardInput = { batch: 1, state: grid.state, marks: grid.marks, seeds: [6], steps: 2, scale: 1 };
    const result = runShard(setup, list.values, input, false);
    let sum = 0,
      outside = 0;
    for (let c = 0; c < W * H; c++) {
      if (c % W < W / 2) continue;
      outside++;
      sum += Math.max(0, result.state[c * ARCH.channels + ALPHA_CHANNEL]);
    }
    expect(sum).toBeGreaterThan(0);
    expect(result.terms.outside).toBeCloseTo(sum / outside, 5);
    expect(result.loss).toBeCloseTo(result.terms.rgba + (2 * sum) / outside, 5);
  });

  it('a shard run as several passes (memory bound) gives the gradients of one pass', () => {
    const genome = randomGenome(ARCH, { seed: 12, outputScale: 0.5 });
    const list = weightsFromGenome(genome);
    const params = resolveParams({ topK: 2, fireRate: 0.6 }, 3, 'test');
    const target = new Float32Array(W * H * 4).fill(0.3);
    const setup = shardSetup(
      { arch: ARCH, params, width: W, height: H, target, shapes: list.shapes },
      { morphogens: new Float32Array(W * H) },
    );
    const grids = [1, 2, 3].map((s) => randomLivingState(genome, W, H, s));
    const input = batchOf(grids, [1, 2, 3], 2, 0.5);
    const one = runShard(setup, list.values, input);
    const three = runShard({ ...setup, cellStepsPerPass: W * H * 2 }, list.values, input);
    expect(three.loss).toBeCloseTo(one.loss, 6);
    expect(three.sampleLoss).toEqual(one.sampleLoss);
    expect([...three.state]).toEqual([...one.state]);
    one.grads.forEach((g, j) => {
      g.forEach((v, i) => {
        expect(Math.abs(three.grads[j][i] - v)).toBeLessThan(1e-5);
      });
    });
  });
});
