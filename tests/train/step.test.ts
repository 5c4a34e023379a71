/** The tfjs step against the reference step: same genome, seeds, painted fields -> same state and marks. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../../src/model/genome.ts';
import { resolveParams, type RegulationOverrides } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { runPerturbed, type Perturbation } from '../../src/model/perturbation.ts';
import { referenceStep, runReference } from '../../src/model/reference.ts';
import type { CellState } from '../../src/model/state.ts';
import { initBackend } from '../../src/train/backend.ts';
import { forwardTf } from '../../src/train/forward.ts';
import { randomLivingState } from '../model/grids.ts';

const ARCH: Architecture = {
  channels: 8,
  perception: ['identity', 'sobel_x', 'sobel_y', 'laplacian'],
  expertHidden: [12, 8, 16, 10],
  gateHidden: 6,
  morphogens: 2,
};
const genome = randomGenome(ARCH, { seed: 5, outputScale: 0.3 });
const W = 18,
  H = 14;

function maxAbs(a: Float32Array, b: Float32Array): number {
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
}

function withFields(grid: CellState, seed: number): CellState {
  const morphogens = grid.morphogens.map((_, i) => Math.sin(i * 0.37 + seed));
  return { ...grid, morphogens };
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('tfjs step = reference step', () => {
  const cases: [string, RegulationOverrides, number][] = [
    [
      'top-k 2, fire 0.5, gain 1.5',
      { topK: 2, fireRate: 0.5, morphogenGain: 1.5, plasticity: 0.3, temperature: 0.7 },
      1,
    ],
    ['dense, noise, knockout 1', { topK: 4, fireRate: 0.5, noise: 0.8, knockouts: [1], plasticity: 0.6 }, 2],
    ['top-k 1, threshold', { topK: 3, threshold: 0.3, fireRate: 0.8, plasticity: 1 }, 3],
  ];
  it.each(cases)('%s: several steps, two grids', (_, overrides, seed) => {
    const params = resolveParams(overrides, 4, 'test');
    const a = withFields(randomLivingState(genome, W, H, seed), seed);
    const b = withFields(randomLivingState(genome, W, H, seed + 10, { x0: 5, y0: 3, x1: 12, y1: 9 }), seed);
    b.step = a.step = 3;
    const steps = 4;
    const [ta, tb] = forwardTf(genome, params, [a, b], [seed * 7, seed * 7 + 1], steps);
    const ra = runReference(genome, params, a, seed * 7, steps);
    const rb = runReference(genome, params, b, seed * 7 + 1, steps);
    expect(ta.step).toBe(ra.step);
    expect(maxAbs(ta.state, ra.state)).toBeLessThan(1e-4);
    expect(maxAbs(ta.marks, ra.marks)).toBeLessThan(1e-4);
    expect(maxAbs(tb.state, rb.state)).toBeLessThan(1e-4);
    expect(maxAbs(tb.marks, rb.marks)).toBeLessThan(1e-4);
    // Something happened: cells changed and some died.
    expect(maxAbs(ta.state, a.state)).toBeGreaterThan(1e-2);
  });

  it('painted knockouts and forced experts; dense and sparse evaluation agree', () => {
    const params = resolveParams({ topK: 2, fireRate: 0.6, plasticity: 0.5 }, 4, 'test');
    const grid = withFields(randomLivingState(genome, W, H, 9), 9);
    const painted: CellState = {
      ...grid,
      knockoutMask: grid.knockoutMask.map((_, c) => (c % W < 6 ? 0b0101 : c % W > 14 ? 0b1111 : 0)),
      forced: grid.forced.map((_, c) => (Math.floor(c / W) > 10 ? 3 : -1)),
    };
    const reference = referenceStep(genome, params, painted, 4).grid;
    for (const denseAbove of [0, 2]) {
      const [mine] = forwardTf(genome, params, [painted], [4], 1, denseAbove);
      expect(maxAbs(mine.state, reference.state)).toBeLessThan(1e-4);
      expect(maxAbs(mine.marks, reference.marks)).toBeLessThan(1e-4);
    }
  });

  it('holds perturbations for the first steps of a rollout, per grid: knockout, disc, top-k, temperature', () => {
    const params = resolveParams({ topK: 2, fireRate: 0.7, plasticity: 0.5 }, 4, 'test');
    const perturbations: (Perturbation | null)[] = [
      { kind: 'knockout', expert: 1, steps: 2 },
      { kind: 'force', expert: 3, disc: { x: 8, y: 7, radius: 4 }, steps: 3 },
      { kind: 'regulation', topK: 1, temperature: 0.4, steps: 2 },
      null,
    ];
    const grids = perturbations.map((_, i) => withFields(randomLivingState(genome, W, H, 20 + i), i));
    const seeds = [11, 12, 13, 14];
    const steps = 4;
    const mine = forwardTf(genome, params, grids, seeds, steps, 0.75, perturbations);
    grids.forEach((grid, b) => {
      const reference = runPerturbed(genome, params, grid, seeds[b], steps, perturbations[b]);
      expect(maxAbs(mine[b].state, reference.state)).toBeLessThan(1e-4);
      expect(maxAbs(mine[b].marks, reference.marks)).toBeLessThan(1e-4);
      // Each perturbation changes the outcome: the unperturbed run ends elsewhere.
      if (perturbations[b])
        expect(maxAbs(mine[b].state, runReference(genome, params, grid, seeds[b], steps).state)).toBeGreaterThan(1e-3);
    });
  });
});
