/** Wounds: the cells they take, and a wound inflicted during the rollout (training.damageLate). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../../src/model/genome.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { ALIVE_THRESHOLD, ALPHA_CHANNEL } from '../../src/model/state.ts';
import { initBackend } from '../../src/train/backend.ts';
import { runShard } from '../../src/train/objective.ts';
import { createPool, inflictWound } from '../../src/train/pool.ts';
import { weightsFromGenome } from '../../src/train/weights.ts';
import { woundCells, type Wound } from '../../src/train/wound.ts';
import { randomLivingState } from '../model/grids.ts';
import { batchOf, NO_LOSS_WEIGHTS, shardSetup } from './shard-fixtures.ts';

const ARCH: Architecture = {
  channels: 6,
  perception: ['identity', 'sobel_x', 'sobel_y'],
  expertHidden: [8, 8],
  gateHidden: 0,
  morphogens: 0,
};
const W = 12,
  H = 10,
  C = ARCH.channels,
  K = 2;

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the cells a wound takes', () => {
  it('a disc: every cell closer than its radius, alive or not', () => {
    const cells = woundCells({ kind: 'disc', x: 3, y: 2, radius: 1.5 }, [], W, H);
    const xy = cells.map((c) => [c % W, Math.floor(c / W)]);
    expect(xy).toHaveLength(9);
    expect(xy.every(([x, y]) => Math.abs(x - 3) <= 1 && Math.abs(y - 2) <= 1)).toBe(true);
  });

  it('a cut: the share of the alive cells furthest along its direction, none of the dead', () => {
    const alive = [0, 1, 2, 3, 13, 14, 15, 16, 17, 30];
    expect(woundCells({ kind: 'cut', angle: 0, share: 0.3 }, alive, W, H).sort((a, b) => a - b)).toEqual([16, 17, 30]);
    expect(woundCells({ kind: 'cut', angle: Math.PI / 2, share: 0.1 }, alive, W, H)).toEqual([30]);
    expect(woundCells({ kind: 'cut', angle: 0, share: 1 }, [], W, H)).toEqual([]);
  });
});

describe('a wound inflicted during the rollout', () => {
  const genome = randomGenome(ARCH, { seed: 4, outputScale: 0.4 });
  const list = weightsFromGenome(genome);
  const setup = shardSetup(
    {
      arch: ARCH,
      params: resolveParams({ topK: 1, fireRate: 0.5 }, K, 'test'),
      width: W,
      height: H,
      target: new Float32Array(W * H * 4).fill(0.2),
      shapes: list.shapes,
    },
    { weights: { ...NO_LOSS_WEIGHTS, sparsity: 0.01, outside: 0.1 } },
  );
  const grids = [1, 2].map((s) => randomLivingState(genome, W, H, s));
  const input = batchOf(grids, [7, 8], 4);
  const cut: Wound = { kind: 'cut', angle: 0, share: 0.4 };

  it('before the first step: the run of the grids wounded in the pool first (loss, gradients, grown grids)', () => {
    const pool = createPool(2, W, H, C, K);
    pool.state.set(input.state);
    pool.marks.set(input.marks);
    inflictWound(pool, 1, cut);
    const woundedFirst = runShard(setup, list.values, { ...input, state: pool.state, marks: pool.marks });
    const late = runShard(setup, list.values, { ...input, wounds: [null, { wound: cut, at: 0 }] });
    expect(late.loss).toBe(woundedFirst.loss);
    expect(late.sampleLoss).toEqual(woundedFirst.sampleLoss);
    expect([...late.state]).toEqual([...woundedFirst.state]);
    expect([...late.marks]).toEqual([...woundedFirst.marks]);
    for (const [j, g] of late.grads.entries()) expect([...g]).toEqual([...woundedFirst.grads[j]]);
  });

  it('midway: takes cells from its grid only, and the gradient still reaches the weights', () => {
    const whole = runShard(setup, list.values, input);
    const late = runShard(setup, list.values, { ...input, wounds: [{ wound: cut, at: 2 }, null] });
    const cells = W * H;
    const alive = (state: Float32Array, b: number) =>
      Array.from({ length: cells }, (_, c) => state[(b * cells + c) * C + ALPHA_CHANNEL]).filter(
        (a) => a > ALIVE_THRESHOLD,
      ).length;
    expect(alive(late.state, 0)).toBeLessThan(alive(whole.state, 0));
    expect([...late.state.subarray(cells * C)]).toEqual([...whole.state.subarray(cells * C)]);
    expect(late.sampleLoss[0]).not.toBe(whole.sampleLoss[0]);
    expect(late.grads.every((g) => g.every(Number.isFinite))).toBe(true);
    expect(late.grads.some((g) => g.some((v) => v !== 0))).toBe(true);
  });
});
