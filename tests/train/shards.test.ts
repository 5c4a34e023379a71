/** A batch split across worker threads gives the update of the same batch in one thread. */
import { describe, expect, it } from 'vitest';
import type { Architecture } from '../../src/model/genome.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { startRunner } from '../../src/train/shards.ts';
import { weightsFromGenome } from '../../src/train/weights.ts';
import { randomLivingState } from '../model/grids.ts';
import { batchOf, shardSetup } from './shard-fixtures.ts';

const ARCH: Architecture = {
  channels: 6,
  perception: ['identity', 'sobel_x', 'sobel_y'],
  expertHidden: [8, 8],
  gateHidden: 0,
  morphogens: 0,
};
const W = 12,
  H = 10;

describe('worker threads', () => {
  it('2 worker threads = this thread: same loss, grown grids and gradients', async () => {
    const genome = randomGenome(ARCH, { seed: 4, outputScale: 0.4 });
    const list = weightsFromGenome(genome);
    const setup = shardSetup({
      arch: ARCH,
      params: resolveParams({ topK: 1, fireRate: 0.5 }, 2, 'test'),
      width: W,
      height: H,
      target: new Float32Array(W * H * 4).fill(0.2),
      shapes: list.shapes,
    });
    const grids = [1, 2, 3].map((s) => randomLivingState(genome, W, H, s));
    const input = batchOf(grids, [7, 8, 9], 3);
    const here = await startRunner(1, setup, 'wasm', true);
    const threads = await startRunner(2, setup, 'wasm');
    try {
      expect(here.backend).toBe('wasm');
      expect(threads.backend).toBe('wasm x 2 worker threads');
      const a = await here.run(list.values, input);
      const b = await threads.run(list.values, input);
      expect(b.loss).toBeCloseTo(a.loss, 6);
      expect(b.sampleLoss).toEqual(a.sampleLoss);
      expect([...b.state]).toEqual([...a.state]);
      a.grads.forEach((g, j) => {
        g.forEach((v, i) => {
          expect(Math.abs(b.grads[j][i] - v)).toBeLessThan(1e-6);
        });
      });
    } finally {
      await here.close();
      await threads.close();
    }
  });

  it("bodies: each grid grows in its body's environment signal and is measured against its body's target", async () => {
    const arch: Architecture = { ...ARCH, morphogens: 2 };
    const genome = randomGenome(arch, { seed: 6, outputScale: 0.5 });
    const list = weightsFromGenome(genome);
    const targets = [new Float32Array(W * H * 4).fill(0.2), new Float32Array(W * H * 4).fill(0.6)];
    const setup = shardSetup(
      {
        arch,
        params: resolveParams({ topK: 1, fireRate: 0.5 }, 2, 'test'),
        width: W,
        height: H,
        target: targets[0],
        shapes: list.shapes,
      },
      {
        targets,
        environments: [0, 1],
        environmentChannels: [1],
        morphogens: Float32Array.from({ length: W * H * 2 }, (_, i) => (i % 2 === 0 ? 0.5 : 0)),
      },
    );
    const grid = randomLivingState(genome, W, H, 5);
    const input = batchOf([grid, grid], [7, 7], 3);
    const runner = await startRunner(1, setup, 'wasm', true);
    try {
      const same = await runner.run(list.values, { ...input, bodies: [0, 0] });
      const two = await runner.run(list.values, { ...input, bodies: [0, 1] });
      const half = W * H * arch.channels;
      // Grid 0 is body 0 both times; grid 1 grows in environment 1 the second time, from the same start and seed.
      expect([...two.state.subarray(0, half)]).toEqual([...same.state.subarray(0, half)]);
      expect([...same.state.subarray(half)]).toEqual([...same.state.subarray(0, half)]);
      expect(two.state.subarray(half).some((v, i) => Math.abs(v - same.state[i]) > 1e-4)).toBe(true);
      let sum = 0;
      for (let cell = 0; cell < W * H; cell++)
        for (let c = 0; c < 4; c++) sum += (two.state[half + cell * arch.channels + c] - 0.6) ** 2;
      expect(two.sampleLoss[1]).toBeCloseTo(sum / (W * H * 4), 6);
    } finally {
      await runner.close();
    }
  });
});
