import { describe, expect, it } from 'vitest';
import { createPool, drawBatch } from '../../src/train/pool.ts';
import { Rng } from '../../src/model/rng.ts';

describe('the sample pool with several bodies', () => {
  const W = 12,
    H = 12;
  const targets = [0.1, 0.5, 0.9].map((v) => new Float32Array(W * H * 4).fill(v));

  it('starts with the bodies in turn; remodelling changes the body of the next-best grids, and only theirs', () => {
    const pool = createPool(30, W, H, 4, 2, 3);
    expect([...pool.bodies.slice(0, 6)]).toEqual([0, 1, 2, 0, 1, 2]);
    const rng = new Rng(5);
    for (let i = 0; i < 20; i++) {
      const before = pool.bodies.slice();
      const plan = drawBatch(pool, rng, 6, targets, 1, [0.1, 0.2], 8, 8, 2);
      // Worst first: slot 0 reseeded, slot 5 damaged, slots 3 and 4 remodelled.
      expect(plan.remodelled).toEqual(plan.slots.slice(3, 5));
      for (const s of plan.remodelled) expect(pool.bodies[s]).not.toBe(before[s]);
      for (const s of plan.slots.slice(1, 3)) expect(pool.bodies[s]).toBe(before[s]);
      expect(pool.bodies[plan.slots[5]]).toBe(before[plan.slots[5]]);
    }
    expect(new Set(pool.bodies).size).toBe(3);
  });

  it('without remodelling, no grown grid changes body', () => {
    const pool = createPool(10, W, H, 4, 2, 2);
    const rng = new Rng(1);
    const before = pool.bodies.slice();
    const plan = drawBatch(pool, rng, 4, targets, 0, [0.1, 0.2], 8, 8);
    expect(plan.remodelled).toEqual([]);
    for (const s of plan.slots.slice(1)) expect(pool.bodies[s]).toBe(before[s]);
  });

  it('keeps the bodies equally many when one body is always the worst grid of a batch', () => {
    // Body 1's target is far from a seed's and every grown grid's, so its grids are the ones reseeded.
    const far = [new Float32Array(W * H * 4).fill(0), new Float32Array(W * H * 4).fill(1)];
    const pool = createPool(40, W, H, 4, 2, 2);
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) drawBatch(pool, rng, 8, far, 0, [0.1, 0.2], 8, 8);
    const ones = pool.bodies.reduce((n, body) => n + body, 0);
    expect(ones).toBe(20);
  });
});
