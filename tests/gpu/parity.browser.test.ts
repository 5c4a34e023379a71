import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../src/engine/simulation.ts';
import { atlasIndex } from '../../src/gpu/atlas.ts';
import { forceRegion, knockoutRegion, paintMorphogen } from '../../src/model/brushes.ts';
import type { Architecture } from '../../src/model/genome.ts';
import { resolveParams, type RegulationOverrides } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { fires, referenceStep } from '../../src/model/reference.ts';
import type { CellState } from '../../src/model/state.ts';
import { randomLivingState } from '../model/grids.ts';
import { maxAbsDifference, testRegl } from './harness.ts';
import { testArchitecture } from '../support/genomes.ts';

const W = 24,
  H = 20;
const ARCH = testArchitecture({ channels: 12, expertHidden: [24, 16, 20, 12], gateHidden: 8 });

let sim: Simulation | null = null;
afterEach(() => {
  sim?.destroy();
  sim = null;
});

interface Case {
  name: string;
  architecture: Architecture;
  params: RegulationOverrides;
  paint?: (grid: CellState) => CellState;
  /** Multiplies the gate's weights: large logits test the softmax's range. */
  gateScale?: number;
}

const CASES: Case[] = [
  {
    name: 'K = 1, no gate (the Growing-NCA shape)',
    architecture: { ...ARCH, channels: 16, expertHidden: [32], gateHidden: null },
    params: {},
  },
  { name: 'K = 4, top-k 1', architecture: ARCH, params: { topK: 1 } },
  { name: 'K = 4, top-k 2', architecture: ARCH, params: { topK: 2 } },
  {
    name: 'K = 4 dense, plasticity 0.3, temperature 0.5, threshold 0.2',
    architecture: ARCH,
    params: { plasticity: 0.3, temperature: 0.5, threshold: 0.2 },
  },
  {
    name: 'an odd channel count (7), a linear gate, a laplacian',
    architecture: { ...ARCH, channels: 7, perception: ['identity', 'laplacian', 'sobel_y'], gateHidden: 0 },
    params: { topK: 2 },
  },
  {
    name: 'K = 6 with different hidden sizes',
    architecture: { ...ARCH, expertHidden: [4, 9, 30, 1, 17, 8] },
    params: { topK: 3 },
  },
  {
    name: 'morphogens painted and scaled by the gain',
    architecture: { ...ARCH, morphogens: 3 },
    params: { topK: 2, morphogenGain: 2.5 },
    paint: (g) =>
      paintMorphogen(paintMorphogen(g, { x: 6, y: 6, radius: 5 }, 0, 0.8), { x: 15, y: 10, radius: 7 }, 2, -1.2),
  },
  {
    name: 'global and painted knockouts',
    architecture: ARCH,
    params: { topK: 2, knockouts: [1] },
    paint: (g) => knockoutRegion(knockoutRegion(g, { x: 5, y: 5, radius: 4 }, 'all'), { x: 16, y: 12, radius: 6 }, 3),
  },
  {
    name: 'forced regions',
    architecture: ARCH,
    params: { topK: 1 },
    paint: (g) => forceRegion(forceRegion(g, { x: 8, y: 8, radius: 5 }, 2), { x: 20, y: 3, radius: 3 }, 0),
  },
  { name: 'gate noise', architecture: ARCH, params: { topK: 2, noise: 0.7 } },
  {
    name: 'logits in the hundreds (softmax range), five experts so a slot has padding',
    architecture: { ...ARCH, expertHidden: [8, 8, 8, 8, 8], gateHidden: 0 },
    params: { topK: 2 },
    gateScale: 200,
  },
  {
    name: 'sixteen experts',
    architecture: { ...ARCH, expertHidden: Array.from({ length: 16 }, (_, k) => 4 + k) },
    params: { topK: 5 },
  },
];

describe('one step with fire rate 1 matches the reference step', () => {
  it.each(CASES)('$name', ({ architecture, params: overrides, paint, gateScale = 1 }) => {
    const genome = randomGenome(architecture, { seed: 21, outputScale: 0.5 });
    for (const layer of genome.gate?.layers ?? [])
      layer.w.forEach((w, i) => {
        layer.w[i] = w * gateScale;
      });
    const params = resolveParams({ fireRate: 1, ...overrides }, architecture.expertHidden.length, 'test');
    const base = randomLivingState(genome, W, H, 8, { x0: 3, y0: 2, x1: 19, y1: 15 });
    const start = paint ? paint(base) : base;
    sim = createSimulation({ regl: testRegl(), genome, width: W, height: H, seed: 77, params, state: start });
    sim.step(1);
    const gpu = sim.readState();
    const { grid: reference, stats } = referenceStep(genome, params, start, 77);
    expect(stats.cellsEvaluated).toBeGreaterThan(200);
    expect(maxAbsDifference(gpu.state, reference.state)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDifference(gpu.marks, reference.marks)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDifference(gpu.expression, reference.expression)).toBeLessThanOrEqual(1e-4);
    expect(gpu.step).toBe(1);
  });
});

describe('the largest genome the format allows', () => {
  it('64 channels, four filters, 16 experts of 512 hidden, a 512 gate layer, 8 morphogens: one step matches', () => {
    const architecture: Architecture = {
      channels: 64,
      perception: ['identity', 'sobel_x', 'sobel_y', 'laplacian'],
      expertHidden: Array.from({ length: 16 }, () => 512),
      gateHidden: 512,
      morphogens: 8,
    };
    const genome = randomGenome(architecture, { seed: 5, outputScale: 0.5 });
    const params = resolveParams({ fireRate: 1, topK: 2 }, 16, 'test');
    const start = paintMorphogen(
      randomLivingState(genome, 8, 6, 2, { x0: 1, y0: 1, x1: 6, y1: 4 }),
      { x: 3, y: 3, radius: 2 },
      7,
      0.5,
    );
    sim = createSimulation({ regl: testRegl(), genome, width: 8, height: 6, seed: 9, params, state: start });
    sim.step(1);
    const gpu = sim.readState();
    const reference = referenceStep(genome, params, start, 9).grid;
    expect(maxAbsDifference(gpu.state, reference.state)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDifference(gpu.marks, reference.marks)).toBeLessThanOrEqual(1e-4);
  });
});

describe('stochastic fire', () => {
  it('the fire masks agree with the reference in >= 99.9% of cells, over several steps and seeds', () => {
    const genome = randomGenome(ARCH, { seed: 4, outputScale: 0.5 });
    const params = resolveParams({ fireRate: 0.5, topK: 2 }, 4, 'test');
    const size = 64;
    let agree = 0,
      total = 0;
    for (const seed of [0, 1, 12345, 16777215]) {
      const start = {
        ...randomLivingState(genome, size, size, seed + 1, { x0: 0, y0: 0, x1: size - 1, y1: size - 1 }),
        step: seed * 7,
      };
      sim?.destroy();
      sim = createSimulation({ regl: testRegl(), genome, width: size, height: size, seed, params, state: start });
      sim.step(1);
      const candidate = sim.debugBuffers().candidate;
      // A cell fired on the GPU where its candidate state differs from its old state.
      const after = sim.readState();
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const cell = y * size + x;
          // Channel 4: slot 1, component 0.
          const changed = start.state[cell * 12 + 4] !== candidate.data[atlasIndex(candidate.layout, x, y, 1, 0)];
          total++;
          if (changed === fires(x, y, start.step, seed, 0.5)) agree++;
        }
      }
      const reference = referenceStep(genome, params, start, seed).grid;
      expect(maxAbsDifference(after.state, reference.state)).toBeLessThanOrEqual(1e-4);
    }
    expect(agree / total).toBeGreaterThanOrEqual(0.999);
  });
});
