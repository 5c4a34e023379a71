import { describe, expect, it } from 'vitest';
import type { Genome } from '../../src/model/genome.ts';
import { measure } from '../../src/model/metrics.ts';
import { resolveParams, type RegulationOverrides } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { referenceStep, runReference } from '../../src/model/reference.ts';
import { aliveMask, type CellState } from '../../src/model/state.ts';
import { randomLivingState, rollGrid } from './grids.ts';
import { testArchitecture } from '../support/genomes.ts';

const ARCH = testArchitecture({ channels: 7, expertHidden: [12, 8, 16, 10], gateHidden: 6, morphogens: 1 });
const genome = randomGenome(ARCH, { seed: 3, outputScale: 0.05 });
const params = (overrides: RegulationOverrides = {}, g: Genome = genome) =>
  resolveParams({ fireRate: 1, ...overrides }, g.architecture.expertHidden.length, 'test');
const W = 20,
  H = 16;

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
}

describe('reference step: sparse expression', () => {
  const start = randomLivingState(genome, W, H, 11);

  it.each([1, 2, 3])('top-k = %i evaluates exactly that many experts per evaluated cell', (topK) => {
    const { stats } = referenceStep(genome, params({ topK }), start, 5);
    expect(stats.cellsEvaluated).toBeGreaterThan(100);
    expect(stats.expertEvaluations.reduce((a, b) => a + b, 0)).toBe(topK * stats.cellsEvaluated);
  });

  it('a threshold silences weak experts: fewer evaluations than dense', () => {
    const dense = referenceStep(genome, params(), start, 5).stats;
    const thresholded = referenceStep(genome, params({ threshold: 0.3 }), start, 5).stats;
    const total = (s: typeof dense) => s.expertEvaluations.reduce((a, b) => a + b, 0);
    expect(total(dense)).toBe(4 * dense.cellsEvaluated);
    expect(total(thresholded)).toBeLessThan(total(dense));
  });

  it('knocking out the dominant expert changes the census and leaves it no cells', () => {
    const before = measure(genome, referenceStep(genome, params({ topK: 1 }), start, 5).grid);
    const dominant = before.census.indexOf(Math.max(...before.census));
    expect(before.census[dominant]).toBeGreaterThan(0);
    const after = measure(genome, referenceStep(genome, params({ topK: 1, knockouts: [dominant] }), start, 5).grid);
    expect(after.census[dominant]).toBe(0);
    expect(after.census).not.toEqual(before.census);
    expect(after.census.reduce((a, b) => a + b, 0) + after.silentCount).toBe(after.aliveCount);
  });

  it('a painted knockout silences the expert only in its cells; a forced expert is the only one evaluated', () => {
    const painted: CellState = {
      ...start,
      knockoutMask: start.knockoutMask.map((_, cell) => (cell % W < W / 2 ? 0b1111 : 0)),
    };
    const knocked = referenceStep(genome, params(), painted, 5);
    for (let cell = 0; cell < W * H; cell++) {
      const e = knocked.grid.expression.subarray(cell * 4, cell * 4 + 4);
      if (cell % W < W / 2) expect([...e]).toEqual([0, 0, 0, 0]);
    }
    const forced: CellState = { ...start, forced: start.forced.map(() => 2) };
    const { grid, stats } = referenceStep(genome, params(), forced, 5);
    expect(stats.expertEvaluations).toEqual([0, 0, stats.cellsEvaluated, 0]);
    expect(measure(genome, grid).census[2]).toBe(measure(genome, grid).aliveCount);
  });
});

describe('reference step: marks', () => {
  const start = randomLivingState(genome, W, H, 12);

  it('plasticity 0 leaves the marks of living cells unchanged', () => {
    const { grid } = referenceStep(genome, params({ plasticity: 0 }), start, 5);
    const kept = aliveMask(start.state, W, H, ARCH.channels);
    let checked = 0;
    for (let cell = 0; cell < W * H; cell++) {
      if (!kept[cell] || grid.state[cell * ARCH.channels + 3] === 0) continue;
      checked++;
      expect([...grid.marks.subarray(cell * 4, cell * 4 + 4)]).toEqual([
        ...start.marks.subarray(cell * 4, cell * 4 + 4),
      ]);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('plasticity 1 replaces the marks with the gate preferences: they change and still sum to 1', () => {
    const { grid } = referenceStep(genome, params({ plasticity: 1 }), start, 5);
    expect(maxAbsDifference(grid.marks, start.marks)).toBeGreaterThan(0.01);
    for (let cell = 0; cell < W * H; cell++) {
      const sum = grid.marks.subarray(cell * 4, cell * 4 + 4).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it('the morphogen gain changes what the gate reads', () => {
    const painted = { ...start, morphogens: start.morphogens.map((_, cell) => (cell % W) / W) };
    const a = referenceStep(genome, params({ morphogenGain: 0 }), painted, 5).grid;
    const b = referenceStep(genome, params({ morphogenGain: 5 }), painted, 5).grid;
    expect(maxAbsDifference(a.marks, b.marks)).toBeGreaterThan(1e-3);
  });
});

describe('reference step: life and death', () => {
  it('dead cells hold zero state and uniform marks', () => {
    const start = randomLivingState(genome, W, H, 13, { x0: 4, y0: 4, x1: 9, y1: 8 });
    const { grid } = referenceStep(genome, params({ fireRate: 0.5 }), start, 5);
    const before = aliveMask(start.state, W, H, ARCH.channels);
    let dead = 0;
    for (let cell = 0; cell < W * H; cell++) {
      if (before[cell]) continue;
      dead++;
      expect([...grid.state.subarray(cell * 7, cell * 7 + 7)].every((v) => v === 0)).toBe(true);
      expect([...grid.marks.subarray(cell * 4, cell * 4 + 4)]).toEqual([0.25, 0.25, 0.25, 0.25]);
    }
    expect(dead).toBeGreaterThan(100);
  });

  it('cells alive before but not after the update die too', () => {
    // Every expert's update lowers alpha by 1: no cell survives its own update.
    const dying = randomGenome(ARCH, { seed: 3 });
    for (const expert of dying.experts) {
      expert.out.w.fill(0);
      expert.out.b.fill(0);
      expert.out.b[3] = -1;
    }
    const { grid } = referenceStep(dying, params({}, dying), randomLivingState(dying, W, H, 14), 5);
    expect(grid.state.every((v) => v === 0)).toBe(true);
    expect(grid.marks.every((v) => v === 0.25)).toBe(true);
  });

  it('cells at the wrapped edges behave as interior cells do', () => {
    const start = randomLivingState(genome, W, H, 15, { x0: 3, y0: 3, x1: 12, y1: 10 });
    const shift = { dx: 12, dy: 9 }; // moves the block across both seams
    const direct = runReference(genome, params({ noise: 0 }), start, 5, 3);
    const shifted = runReference(genome, params({ noise: 0 }), rollGrid(start, shift.dx, shift.dy), 5, 3);
    const expected = rollGrid(direct, shift.dx, shift.dy);
    expect(maxAbsDifference(shifted.state, expected.state)).toBe(0);
    expect(maxAbsDifference(shifted.marks, expected.marks)).toBe(0);
    expect(measure(genome, shifted).aliveCount).toBeGreaterThan(50);
  });
});

describe('reference step: seeded randomness', () => {
  const start = randomLivingState(genome, W, H, 16);
  const stochastic = params({ fireRate: 0.5, noise: 0.5 });

  it('the same seed gives an identical result', () => {
    const a = runReference(genome, stochastic, start, 42, 3);
    const b = runReference(genome, stochastic, start, 42, 3);
    expect(a.state).toEqual(b.state);
    expect(a.marks).toEqual(b.marks);
  });

  it('another seed gives a different result', () => {
    const a = runReference(genome, stochastic, start, 42, 3);
    const b = runReference(genome, stochastic, start, 43, 3);
    expect(maxAbsDifference(a.state, b.state)).toBeGreaterThan(1e-3);
  });

  it('fires about fireRate of the evaluated cells', () => {
    const { stats } = referenceStep(genome, params({ fireRate: 0.5 }), start, 7);
    expect(stats.cellsFired / stats.cellsEvaluated).toBeGreaterThan(0.4);
    expect(stats.cellsFired / stats.cellsEvaluated).toBeLessThan(0.6);
  });

  it('noise changes the gate only when sigma > 0', () => {
    const quiet = referenceStep(genome, params({ noise: 0 }), start, 7).grid;
    const again = referenceStep(genome, params({ noise: 0 }), start, 8).grid;
    const noisy = referenceStep(genome, params({ noise: 1 }), start, 7).grid;
    expect(quiet.marks).toEqual(again.marks);
    expect(maxAbsDifference(quiet.marks, noisy.marks)).toBeGreaterThan(1e-3);
  });
});
