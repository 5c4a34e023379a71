/** The trainer's hard choices are the reference's: fire mask, alive mask, checkpoint round trip, config defaults. */
import { describe, expect, it } from 'vitest';
import { hashUniform } from '../../src/model/hash.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { aliveMask } from '../../src/model/state.ts';
import { createAdam, learningRate } from '../../src/train/adam.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/train/checkpoint.ts';
import { parseTrainConfig } from '../../src/train/config.ts';
import { createPool } from '../../src/train/pool.ts';
import { FireMask, aliveMaskBatch } from '../../src/train/masks.ts';
import { randomLivingState } from '../model/grids.ts';

describe('masks', () => {
  it('FireMask is hashUniform(x, y, step, seed, 0) < fround(rate), bit for bit', () => {
    for (const [seed, rate] of [
      [0, 0.5],
      [12345, 0.3],
      [16777215, 0.77],
    ]) {
      const mask = new FireMask(13, 9, seed, rate);
      for (let step = 0; step < 40; step += 7) {
        for (let cell = 0; cell < 13 * 9; cell++) {
          expect(mask.fires(cell, step)).toBe(
            hashUniform(cell % 13, Math.floor(cell / 13), step, seed, 0) < Math.fround(rate),
          );
        }
      }
    }
  });

  it('aliveMaskBatch equals the reference aliveMask per grid', () => {
    const genome = randomGenome(
      { channels: 5, perception: ['identity'], expertHidden: [3], gateHidden: null, morphogens: 0 },
      { seed: 1 },
    );
    const a = randomLivingState(genome, 11, 7, 1, { x0: 8, y0: 5, x1: 12, y1: 8 }); // wraps past both edges
    const b = randomLivingState(genome, 11, 7, 2, { x0: 3, y0: 2, x1: 4, y1: 3 });
    a.state[(3 * 11 + 2) * 5 + 3] = Math.fround(0.1); // exactly 0.1 is dead
    const alpha = Float32Array.from([...a.state, ...b.state].filter((_, i) => i % 5 === 3));
    const batch = aliveMaskBatch(alpha, 2, 11, 7);
    expect([...batch]).toEqual([...aliveMask(a.state, 11, 7, 5), ...aliveMask(b.state, 11, 7, 5)]);
  });
});

describe('checkpoint and config', () => {
  it('a checkpoint decodes to the state it encoded', () => {
    const pool = createPool(3, 5, 4, 6, 2);
    pool.state[17] = 0.25;
    const adam = createAdam([4, 2]);
    adam.step = 7;
    adam.m[1][1] = -3;
    const state = {
      iteration: 7,
      weights: [Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6)],
      adam,
      pool,
      rng: 4242,
      history: [],
    };
    const decoded = decodeCheckpoint(encodeCheckpoint({ any: 'json' }, state, 'wasm'), 'x.bin');
    expect(decoded.config).toEqual({ any: 'json' });
    expect(decoded.state.iteration).toBe(7);
    expect(decoded.state.rng).toBe(4242);
    expect(decoded.state.adam.step).toBe(7);
    expect([...decoded.state.adam.m[1]]).toEqual([0, -3]);
    expect([...decoded.state.weights[0]]).toEqual([1, 2, 3, 4]);
    expect(decoded.state.pool.state[17]).toBe(0.25);
    expect([...decoded.state.pool.marks]).toEqual([...pool.marks]);
    expect(() => decodeCheckpoint(new TextEncoder().encode('hello, not a checkpoint'), 'y.bin')).toThrow(
      /y\.bin: not a training checkpoint/,
    );
  });

  it('config defaults fill nested sections; the lr schedule steps down', () => {
    const config = parseTrainConfig({ name: 'n', out: 'n.genome.json', target: { file: 't.png' } }, 'c.json');
    expect(config.training.batch).toBe(8);
    expect(config.architecture.experts).toEqual([128]);
    expect(config.grid).toEqual({ width: 72, height: 72 });
    expect(learningRate(0, 1e-3, [10, 20], 0.1)).toBe(1e-3);
    expect(learningRate(15, 1e-3, [10, 20], 0.1)).toBeCloseTo(1e-4);
    expect(learningRate(25, 1e-3, [10, 20], 0.1)).toBeCloseTo(1e-5);
  });
});
