import { describe, expect, it } from 'vitest';
import {
  discCells,
  eraseDisc,
  forceRegion,
  knockoutRegion,
  paintMorphogen,
  plantSeed,
  reprogramRegion,
} from '../../src/model/brushes.ts';
import { measure } from '../../src/model/metrics.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { referenceStep } from '../../src/model/reference.ts';
import { createEmptyState } from '../../src/model/state.ts';
import { randomLivingState } from './grids.ts';

const genome = randomGenome(
  { channels: 5, perception: ['identity', 'sobel_x'], expertHidden: [6, 6, 6], gateHidden: 0, morphogens: 2 },
  { seed: 2 },
);
const W = 16,
  H = 12;
const grid = randomLivingState(genome, W, H, 4, { x0: 0, y0: 0, x1: W - 1, y1: H - 1 });
const cellOf = (x: number, y: number) => y * W + x;

describe('brushes', () => {
  it('a disc covers the cells within its radius, wrapping around the edges, each once', () => {
    expect(discCells(grid, { x: 5, y: 5, radius: 0 })).toEqual([cellOf(5, 5)]);
    expect(discCells(grid, { x: 5, y: 5, radius: 1 }).sort((a, b) => a - b)).toEqual([
      cellOf(5, 4),
      cellOf(4, 5),
      cellOf(5, 5),
      cellOf(6, 5),
      cellOf(5, 6),
    ]);
    expect(discCells(grid, { x: 0, y: 0, radius: 1 })).toContain(cellOf(W - 1, 0));
    expect(discCells(grid, { x: 0, y: 0, radius: 1 })).toContain(cellOf(0, H - 1));
    expect(discCells(grid, { x: 3, y: 3, radius: 100 })).toHaveLength(W * H);
  });

  it('erase kills the cells under the disc and leaves the rest, without touching its input', () => {
    const before = grid.state.slice();
    const erased = eraseDisc(grid, { x: 8, y: 6, radius: 2 });
    expect(grid.state).toEqual(before);
    expect([...erased.state.subarray(cellOf(8, 6) * 5, cellOf(8, 6) * 5 + 5)]).toEqual([0, 0, 0, 0, 0]);
    expect([...erased.marks.subarray(cellOf(8, 6) * 3, cellOf(8, 6) * 3 + 3)]).toEqual(
      [1 / 3, 1 / 3, 1 / 3].map(Math.fround),
    );
    expect(erased.state[cellOf(1, 1) * 5 + 3]).toBe(grid.state[cellOf(1, 1) * 5 + 3]);
    expect(measure(genome, erased).aliveCount).toBe(measure(genome, grid).aliveCount - 13);
  });

  it('a planted seed is one cell with alpha and hidden channels 1', () => {
    const planted = plantSeed(createEmptyState(genome, W, H), 3, 4);
    expect([...planted.state.subarray(cellOf(3, 4) * 5, cellOf(3, 4) * 5 + 5)]).toEqual([0, 0, 0, 1, 1]);
    expect(measure(genome, planted).aliveCount).toBe(1);
  });

  it('a knockout region silences one expert or all, and can be lifted', () => {
    const one = knockoutRegion(grid, { x: 4, y: 4, radius: 1 }, 2);
    expect(one.knockoutMask[cellOf(4, 4)]).toBe(0b100);
    expect(one.knockoutMask[cellOf(9, 9)]).toBe(0);
    const all = knockoutRegion(one, { x: 4, y: 4, radius: 0 }, 'all');
    expect(all.knockoutMask[cellOf(4, 4)]).toBe(0b111);
    expect(knockoutRegion(all, { x: 4, y: 4, radius: 0 }, 'all', false).knockoutMask[cellOf(4, 4)]).toBe(0);
    const params = resolveParams({ fireRate: 1 }, 3, 'test');
    const stepped = referenceStep(genome, params, all, 1).grid;
    expect([...stepped.expression.subarray(cellOf(4, 4) * 3, cellOf(4, 4) * 3 + 3)]).toEqual([0, 0, 0]);
    expect(stepped.expression[cellOf(4, 3) * 3 + 2]).toBe(0);
  });

  it('a forced region expresses the forced expert only; clearing lifts it', () => {
    const forced = forceRegion(grid, { x: 10, y: 6, radius: 3 }, 1);
    const params = resolveParams({ fireRate: 1 }, 3, 'test');
    const stepped = referenceStep(genome, params, forced, 1).grid;
    for (const cell of discCells(grid, { x: 10, y: 6, radius: 3 })) {
      expect([...stepped.expression.subarray(cell * 3, cell * 3 + 3)]).toEqual([0, 1, 0]);
    }
    expect(forceRegion(forced, { x: 10, y: 6, radius: 3 }, null).forced.every((f) => f === -1)).toBe(true);
    expect(() => forceRegion(grid, { x: 1, y: 1, radius: 1 }, 3)).toThrow(
      'force brush: field expert: expected an index in [0, 2], got 3',
    );
  });

  it('reprogramming makes the cells pluripotent: potency back to 1 there', () => {
    const all = { x: 0, y: 0, radius: 100 };
    expect(measure(genome, grid).meanPotency).toBeLessThan(1);
    expect(measure(genome, reprogramRegion(grid, all)).meanPotency).toBeCloseTo(1, 5);
  });

  it('morphogen paint sets one field in the disc; 0 erases it', () => {
    const painted = paintMorphogen(grid, { x: 2, y: 2, radius: 0 }, 1, 0.8);
    expect(painted.morphogens[cellOf(2, 2) * 2 + 1]).toBeCloseTo(0.8, 6);
    expect(painted.morphogens[cellOf(2, 2) * 2]).toBe(0);
    expect(paintMorphogen(painted, { x: 2, y: 2, radius: 0 }, 1, 0).morphogens.every((m) => m === 0)).toBe(true);
    expect(() => paintMorphogen(grid, { x: 2, y: 2, radius: 0 }, 2, 1)).toThrow(
      'field channel: expected an index in [0, 1], got 2',
    );
  });
});
