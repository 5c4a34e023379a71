import { describe, expect, it } from 'vitest';
import {
  createPool,
  damageCut,
  drawBatch,
  inflictWound,
  lateWounds,
  type Damage,
  type Pool,
} from '../../src/train/pool.ts';
import { Rng } from '../../src/model/rng.ts';
import { ALIVE_THRESHOLD, ALPHA_CHANNEL } from '../../src/model/state.ts';

const damage = (grids: number, cut = 0): Damage => ({ grids, radius: [0.1, 0.2], cut, cutShare: [0.3, 0.3] });

/** Slot i's alive cells as "x,y" strings. */
function aliveCells(pool: Pool, i: number): string[] {
  const cells = pool.width * pool.height;
  const out: string[] = [];
  for (let cell = 0; cell < cells; cell++) {
    if (pool.state[(i * cells + cell) * pool.channels + ALPHA_CHANNEL] > ALIVE_THRESHOLD) {
      out.push(`${cell % pool.width},${Math.floor(cell / pool.width)}`);
    }
  }
  return out;
}

/** Slot i filled with a living 10x10 block at (1..10, 1..10). */
function blockPool(size = 1): Pool {
  const pool = createPool(size, 12, 12, 4, 2);
  for (let i = 0; i < size; i++) {
    pool.state.fill(0, i * 144 * 4, (i + 1) * 144 * 4);
    for (let y = 1; y <= 10; y++)
      for (let x = 1; x <= 10; x++) pool.state.fill(1, (i * 144 + y * 12 + x) * 4, (i * 144 + y * 12 + x + 1) * 4);
  }
  return pool;
}

describe('damage by a straight cut', () => {
  it('erases the share of alive cells furthest along its direction, state zero and marks uniform', () => {
    const pool = blockPool();
    pool.marks.fill(0.9);
    damageCut(pool, 0, 0, 0.3);
    const alive = aliveCells(pool, 0);
    expect(alive).toHaveLength(70);
    expect(alive.every((xy) => Number(xy.split(',')[0]) <= 7)).toBe(true);
    const erased = (3 * 12 + 8) * 2; // cell (8, 3)
    expect([pool.marks[erased], pool.marks[erased + 1]]).toEqual([0.5, 0.5]);
    expect(pool.marks[(3 * 12 + 3) * 2]).toBeCloseTo(0.9);
  });

  it('cuts from below at a quarter turn, and takes nothing where nothing lives', () => {
    const pool = blockPool();
    damageCut(pool, 0, Math.PI / 2, 0.2);
    const alive = aliveCells(pool, 0);
    expect(alive).toHaveLength(80);
    expect(alive.every((xy) => Number(xy.split(',')[1]) <= 8)).toBe(true);
    const empty = createPool(1, 12, 12, 4, 2);
    empty.state.fill(0);
    damageCut(empty, 0, 1, 0.5);
    expect(aliveCells(empty, 0)).toEqual([]);
  });

  it('a batch with cut chance 1 cuts each damaged grid to 70% of its cells; chance 0 cuts none', () => {
    const targets = [new Float32Array(144 * 4)];
    const cutPool = blockPool(8);
    const plan = drawBatch(cutPool, new Rng(3), 4, targets, damage(2, 1), 10, 10);
    for (const s of plan.damaged) expect(aliveCells(cutPool, s)).toHaveLength(70);
    const discPool = blockPool(8);
    const discs = drawBatch(discPool, new Rng(3), 4, targets, damage(2, 0), 10, 10);
    for (const s of discs.damaged) expect(aliveCells(discPool, s).length).not.toBe(70);
  });
});

describe('damage discs centred on the organism', () => {
  /** Slots whose only living cells are a 3x3 block in the corner, far outside the 4x4 target box. */
  function cornerPool(size: number): Pool {
    const pool = createPool(size, 12, 12, 4, 2);
    pool.state.fill(0);
    for (let i = 0; i < size; i++)
      for (let y = 0; y < 3; y++)
        for (let x = 0; x < 3; x++) pool.state.fill(1, (i * 144 + y * 12 + x) * 4, (i * 144 + y * 12 + x + 1) * 4);
    return pool;
  }
  const targets = [new Float32Array(144 * 4)];
  // Radius 0.1-0.2 of the box's side (4): under one cell, so a disc erases at most the cell it is centred on.

  it("'organism' centres each disc on a living cell, which it erases", () => {
    const pool = cornerPool(8);
    const plan = drawBatch(pool, new Rng(5), 4, targets, { ...damage(2), at: 'organism' }, 4, 4);
    for (const s of plan.damaged) expect(aliveCells(pool, s)).toHaveLength(8);
  });

  it("'box' (the default) centres them in the target box, where this organism has no cell", () => {
    for (const at of ['box', undefined] as const) {
      const pool = cornerPool(8);
      const plan = drawBatch(pool, new Rng(5), 4, targets, { ...damage(2), at }, 4, 4);
      for (const s of plan.damaged) expect(aliveCells(pool, s)).toHaveLength(9);
    }
  });
});

describe('which grids of a batch are damaged', () => {
  const targets = [new Float32Array(144 * 4)];
  const wound = { ...damage(2), radius: [0.5, 0.5] as const };
  /** Eight grids whose losses against an empty target differ: grid i has i cells fewer than the 10x10 block. */
  function rankedPool(): Pool {
    const pool = blockPool(8);
    for (let i = 0; i < 8; i++) pool.state.fill(0, (i * 144 + 10 * 12 + 1) * 4, (i * 144 + 10 * 12 + 1 + i) * 4);
    return pool;
  }

  it("'best' (the default) wounds the two lowest-loss grids", () => {
    for (const pick of ['best', undefined] as const) {
      const plan = drawBatch(rankedPool(), new Rng(2), 8, targets, { ...wound, pick }, 10, 10);
      expect(plan.slots.slice(1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(plan.damaged).toEqual([6, 7]);
    }
  });

  it("'any' wounds grids drawn among all but the reseeded one, worse ones too, and only those", () => {
    const rng = new Rng(2);
    const worse = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const pool = rankedPool();
      const plan = drawBatch(pool, rng, 8, targets, { ...wound, pick: 'any' }, 10, 10);
      expect(plan.slots[0]).toBe(0);
      expect(plan.damaged).toHaveLength(2);
      expect(plan.damaged).not.toContain(0);
      for (let s = 1; s < 8; s++) expect(aliveCells(pool, s).length < 100 - s).toBe(plan.damaged.includes(s));
      for (const s of plan.damaged) if (s < 6) worse.add(s);
    }
    expect(worse.size).toBeGreaterThan(0);
  });

  it("with 'any', remodelling changes the body of the best grids neither reseeded nor damaged", () => {
    const pool = createPool(12, 12, 12, 4, 2, 2);
    const plan = drawBatch(pool, new Rng(4), 8, targets.concat(targets), { ...wound, pick: 'any' }, 10, 10, 2);
    const intact = plan.slots.slice(1).filter((s) => !plan.damaged.includes(s));
    expect(plan.remodelled).toEqual(intact.slice(-2));
  });
});

describe('late damage', () => {
  const targets = [new Float32Array(144 * 4)];

  it('leaves the pool whole and hands each damaged grid its wound, due its drawn steps before the end', () => {
    const pool = blockPool(8);
    const before = Float32Array.from(pool.state);
    const plan = drawBatch(pool, new Rng(3), 4, targets, { ...damage(2, 0.5), late: [30, 48] }, 10, 10);
    expect(plan.damaged).toHaveLength(2);
    for (const s of plan.damaged) expect(aliveCells(pool, s)).toHaveLength(100);
    const reseeded = plan.slots[0];
    const slot = (state: Float32Array, s: number) => state.subarray(s * 576, (s + 1) * 576);
    for (let s = 0; s < 8; s++) if (s !== reseeded) expect(slot(pool.state, s)).toEqual(slot(before, s));
    expect(plan.late.map((l) => l.slot)).toEqual(plan.damaged);
    for (const l of plan.late) expect(l.before >= 30 && l.before <= 48).toBe(true);
    const wounds = lateWounds(plan, 64);
    plan.slots.forEach((slot, b) => {
      const late = plan.late.find((l) => l.slot === slot);
      expect(wounds[b]).toEqual(late ? { wound: late.wound, at: 64 - late.before } : null);
    });
  });

  it("draws a run's wound as a run without it does, and inflicts the same cells", () => {
    for (let seed = 0; seed < 6; seed++) {
      const now = blockPool(8);
      const later = blockPool(8);
      const plan = drawBatch(now, new Rng(seed), 4, targets, damage(1, 0.5), 10, 10);
      const latePlan = drawBatch(later, new Rng(seed), 4, targets, { ...damage(1, 0.5), late: [1, 1] }, 10, 10);
      expect(latePlan.damaged).toEqual(plan.damaged);
      for (const { slot, wound } of latePlan.late) inflictWound(later, slot, wound);
      expect(later.state).toEqual(now.state);
    }
  });
});

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
      const plan = drawBatch(pool, rng, 6, targets, damage(1), 8, 8, 2);
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
    const plan = drawBatch(pool, rng, 4, targets, damage(0), 8, 8);
    expect(plan.remodelled).toEqual([]);
    for (const s of plan.slots.slice(1)) expect(pool.bodies[s]).toBe(before[s]);
  });

  it('keeps the bodies equally many when one body is always the worst grid of a batch', () => {
    // Body 1's target is far from a seed's and every grown grid's, so its grids are the ones reseeded.
    const far = [new Float32Array(W * H * 4).fill(0), new Float32Array(W * H * 4).fill(1)];
    const pool = createPool(40, W, H, 4, 2, 2);
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) drawBatch(pool, rng, 8, far, damage(0), 8, 8);
    const ones = pool.bodies.reduce((n, body) => n + body, 0);
    expect(ones).toBe(20);
  });
});
