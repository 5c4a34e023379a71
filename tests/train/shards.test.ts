/** A batch split across worker threads gives the update of the same batch in one thread. */
import { describe, expect, it } from 'vitest';
import type { Architecture } from '../../src/model/genome.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import type { ShardSetup } from '../../src/train/objective.ts';
import { startRunner } from '../../src/train/shards.ts';
import { weightsFromGenome } from '../../src/train/weights.ts';
import { randomLivingState } from '../model/grids.ts';

const ARCH: Architecture = { channels: 6, perception: ['identity', 'sobel_x', 'sobel_y'], expertHidden: [8, 8], gateHidden: 0, morphogens: 0 };
const W = 12, H = 10;

describe('worker threads', () => {
  it('2 worker threads = this thread: same loss, grown grids and gradients', async () => {
    const genome = randomGenome(ARCH, { seed: 4, outputScale: 0.4 });
    const list = weightsFromGenome(genome);
    const setup: ShardSetup = {
      arch: ARCH, params: resolveParams({ topK: 1, fireRate: 0.5 }, 2, 'test'), width: W, height: H,
      target: new Float32Array(W * H * 4).fill(0.2), tissue: null, morphogens: null,
      weights: { loadBalance: 0, sparsity: 0, tissue: 0 }, shapes: list.shapes, denseAbove: 0.75,
    };
    const grids = [1, 2, 3].map((s) => randomLivingState(genome, W, H, s));
    const input = {
      batch: 3, state: Float32Array.from(grids.flatMap((g) => [...g.state])), marks: Float32Array.from(grids.flatMap((g) => [...g.marks])),
      seeds: [7, 8, 9], steps: 3,
    };
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
      a.grads.forEach((g, j) => g.forEach((v, i) => expect(Math.abs(b.grads[j][i] - v)).toBeLessThan(1e-6)));
    } finally {
      await here.close();
      await threads.close();
    }
  });
});
