import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../src/engine/simulation.ts';
import * as brushes from '../../src/model/brushes.ts';
import { measure } from '../../src/model/metrics.ts';
import { resolveParams } from '../../src/model/params.ts';
import { referenceStep, runReference } from '../../src/model/reference.ts';
import { createSeededState, type CellState } from '../../src/model/state.ts';
import { randomLivingState } from '../model/grids.ts';
import { maxAbsDifference, testRegl } from './harness.ts';
import { testGenome } from '../support/genomes.ts';

const W = 30,
  H = 22;
const genome = testGenome(
  { channels: 9, expertHidden: [12, 8, 10, 6, 14], gateHidden: 6, morphogens: 2 },
  { seed: 5, outputScale: 0.5 },
);
const start = randomLivingState(genome, W, H, 3, { x0: 4, y0: 3, x1: 25, y1: 18 });

let sim: Simulation | null = null;
afterEach(() => {
  sim?.destroy();
  sim = null;
});
const open = (state: CellState = start) => {
  sim = createSimulation({ regl: testRegl(), genome, width: W, height: H, seed: 3, params: { topK: 2 }, state });
  return sim;
};

function expectSameState(gpu: CellState, reference: CellState): void {
  expect(maxAbsDifference(gpu.state, reference.state)).toBeLessThanOrEqual(1e-6);
  expect(maxAbsDifference(gpu.marks, reference.marks)).toBeLessThanOrEqual(1e-6);
  expect(maxAbsDifference(gpu.expression, reference.expression)).toBeLessThanOrEqual(1e-6);
  expect(maxAbsDifference(gpu.morphogens, reference.morphogens)).toBeLessThanOrEqual(1e-6);
  expect([...gpu.knockoutMask]).toEqual([...reference.knockoutMask]);
  expect([...gpu.forced]).toEqual([...reference.forced]);
}

describe('brushes on the GPU agree with the reference brushes', () => {
  // Discs that wrap around the edges and a radius that is not a whole number.
  const discs = [
    { x: 10, y: 8, radius: 4.5 },
    { x: 1, y: 20, radius: 3 },
    { x: 29.4, y: 0.6, radius: 0 },
  ];
  const cases: [string, (s: Simulation, d: brushes.Disc) => void, (g: CellState, d: brushes.Disc) => CellState][] = [
    ['erase', (s, d) => s.erase(d), (g, d) => brushes.eraseDisc(g, d)],
    ['plant a seed', (s, d) => s.plantSeed(d.x, d.y), (g, d) => brushes.plantSeed(g, d.x, d.y)],
    ['reprogram', (s, d) => s.reprogram(d), (g, d) => brushes.reprogramRegion(g, d)],
    ['knock out one expert', (s, d) => s.knockout(d, 3), (g, d) => brushes.knockoutRegion(g, d, 3)],
    [
      'knock out all, then lift one',
      (s, d) => {
        s.knockout(d, 'all');
        s.knockout(d, 1, false);
      },
      (g, d) => brushes.knockoutRegion(brushes.knockoutRegion(g, d, 'all'), d, 1, false),
    ],
    [
      'force an expert, then lift it in part',
      (s, d) => {
        s.force(d, 4);
        s.force({ ...d, radius: d.radius / 2 }, null);
      },
      (g, d) => brushes.forceRegion(brushes.forceRegion(g, d, 4), { ...d, radius: d.radius / 2 }, null),
    ],
    [
      'paint a morphogen, then erase it in part',
      (s, d) => {
        s.paintMorphogen(d, 1, 0.75);
        s.paintMorphogen({ ...d, radius: 1 }, 1, 0);
      },
      (g, d) => brushes.paintMorphogen(brushes.paintMorphogen(g, d, 1, 0.75), { ...d, radius: 1 }, 1, 0),
    ],
  ];
  it.each(cases)('%s', (_, onGpu, onCpu) => {
    const simulation = open();
    let expected = start;
    for (const disc of discs) {
      onGpu(simulation, disc);
      expected = onCpu(expected, disc);
    }
    expectSameState(simulation.readState(), expected);
  });

  it('rejects a brush on a missing expert or channel with the reference messages', () => {
    const simulation = open();
    expect(() => simulation.force({ x: 1, y: 1, radius: 1 }, 5)).toThrow(
      'force brush: field expert: expected an index in [0, 4], got 5',
    );
    expect(() => simulation.paintMorphogen({ x: 1, y: 1, radius: 1 }, 2, 1)).toThrow(
      'morphogen brush: field channel: expected an index in [0, 1], got 2',
    );
  });

  it('painted knockouts and forces act in the next step as they do in the reference', () => {
    const simulation = open();
    simulation.knockout({ x: 10, y: 10, radius: 6 }, 'all');
    simulation.force({ x: 20, y: 10, radius: 4 }, 2);
    simulation.step(1);
    const painted = brushes.forceRegion(
      brushes.knockoutRegion(start, { x: 10, y: 10, radius: 6 }, 'all'),
      { x: 20, y: 10, radius: 4 },
      2,
    );
    const params = resolveParams({ ...genome.regulation, topK: 2 }, 5, 'test');
    const reference = referenceStep(genome, params, painted, 3).grid;
    expect(maxAbsDifference(simulation.readState().state, reference.state)).toBeLessThanOrEqual(1e-4);
  });
});

describe('metrics reduced on the GPU agree with the reference metrics', () => {
  it.each([
    [30, 22],
    [1, 1],
    [97, 61],
  ])('on a grid stepped a few times (%i x %i living block)', (bw, bh) => {
    const width = Math.max(W, bw + 4),
      height = Math.max(H, bh + 4);
    const state = randomLivingState(genome, width, height, 9, { x0: 2, y0: 2, x1: 1 + bw, y1: 1 + bh });
    sim = createSimulation({
      regl: testRegl(),
      genome,
      width,
      height,
      seed: 3,
      params: { topK: 2, threshold: 0.1 },
      state,
    });
    sim.knockout({ x: 5, y: 5, radius: 3 }, 'all');
    sim.step(3);
    const gpu = sim.metrics();
    const reference = measure(genome, sim.readState());
    expect(gpu.step).toBe(3);
    expect(gpu.aliveCount).toBe(reference.aliveCount);
    expect(gpu.census).toEqual(reference.census);
    expect(gpu.silentCount).toBe(reference.silentCount);
    expect(gpu.meanPotency).toBeCloseTo(reference.meanPotency, 4);
    expect(gpu.activeParamFraction).toBeCloseTo(reference.activeParamFraction, 4);
  });
});

describe('the environment signal on the GPU, as in the reference', () => {
  // A genome trained with an x gradient and an environment signal (its provenance names both fields).
  const envGenome = testGenome(
    { channels: 9, expertHidden: [12, 8, 10], morphogens: 2 },
    { seed: 8, outputScale: 0.5 },
  );
  envGenome.metadata.provenance = { morphogens: ['x', 'environment'] };
  const params = resolveParams({ ...envGenome.regulation, topK: 2 }, 3, 'test');

  it('a grid starts in it, setEnvironment sets it everywhere, and the step reads it', () => {
    sim = createSimulation({
      regl: testRegl(),
      genome: envGenome,
      width: W,
      height: H,
      seed: 3,
      params: { topK: 2 },
      environment: 0.3,
    });
    const seeded = createSeededState(envGenome, W, H, 0.3);
    expect(sim.environment).toBe(0.3);
    expectSameState(sim.readState(), seeded);
    expect(seeded.morphogens[1]).toBeCloseTo(0.3, 6);

    const living = {
      ...randomLivingState(envGenome, W, H, 4, { x0: 4, y0: 3, x1: 25, y1: 18 }),
      morphogens: seeded.morphogens,
    };
    sim.loadState(living);
    sim.setEnvironment(0.8);
    const filled = brushes.fillEnvironment(living, [1], 0.8);
    expectSameState(sim.readState(), filled);
    sim.step(3);
    const reference = runReference(envGenome, params, filled, 3, 3);
    expect(maxAbsDifference(sim.readState().state, reference.state)).toBeLessThanOrEqual(1e-4);
    // Another environment, another outcome: the gate reads the signal.
    const other = runReference(envGenome, params, brushes.fillEnvironment(living, [1], 0), 3, 3);
    expect(maxAbsDifference(other.state, reference.state)).toBeGreaterThan(1e-3);

    sim.reset();
    expectSameState(sim.readState(), createSeededState(envGenome, W, H, 0.8));
  });

  it('refuses a value outside [0, 1], and a genome that reads no environment', () => {
    sim = createSimulation({ regl: testRegl(), genome: envGenome, width: W, height: H, seed: 3 });
    expect(() => sim!.setEnvironment(1.5)).toThrow('environment: expected an environment value in [0, 1], got 1.5');
    sim.destroy();
    sim = open();
    expect(() => sim!.setEnvironment(0.5)).toThrow(/reads no environment signal/);
  });
});
