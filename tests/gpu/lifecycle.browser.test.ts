import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type SimulationConfig } from '../../src/engine/simulation.ts';
import { createEngineRegl } from '../../src/gpu/create-regl.ts';
import { HALF_FLOAT_PRECISION } from '../../src/gpu/capabilities.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { referenceStep } from '../../src/model/reference.ts';
import { randomLivingState } from '../model/grids.ts';
import { maxAbsDifference, testRegl } from './harness.ts';
import { testArchitecture, testGenome } from '../support/genomes.ts';

const ARCH = testArchitecture({ channels: 10, expertHidden: [16, 12, 8], gateHidden: 6, morphogens: 1 });
const genome = randomGenome(ARCH, { seed: 8, outputScale: 0.5 });
const W = 26,
  H = 18;
const start = randomLivingState(genome, W, H, 2, { x0: 3, y0: 3, x1: 20, y1: 14 });

/** A simulation of the file's genome from the start grid, seed 1; `config` adds to that or changes it. */
const startSim = (config: Partial<SimulationConfig> = {}) =>
  createSimulation({ regl: testRegl(), genome, width: W, height: H, seed: 1, state: start, ...config });

let sim: Simulation | null = null;
afterEach(() => {
  sim?.destroy();
  sim = null;
});

describe('the pass list, its timing and its buffers', () => {
  it('a step is an ordered list of passes; each is timed and each buffer can be read', () => {
    sim = startSim();
    expect(sim.passNames.join(' ')).toBe('life perceive gate0 gate1 noise regulate hidden update survive mask');
    const timings = sim.profileStep();
    expect(timings.map((t) => t.name)).toEqual(sim.passNames);
    expect(timings.every((t) => t.milliseconds >= 0)).toBe(true);
    const buffers = sim.debugBuffers();
    expect(Object.keys(buffers).sort()).toEqual([
      'candidate',
      'cells',
      'fields',
      'gateHidden',
      'hidden',
      'life',
      'logits',
      'noise',
      'perception',
      'regulation',
      'survival',
    ]);
    for (const { layout, data } of Object.values(buffers)) {
      expect(data.length).toBe(layout.textureWidth * layout.textureHeight * 4);
      expect(data.every(Number.isFinite)).toBe(true);
    }
    expect(buffers.hidden.data.some((v) => v > 0)).toBe(true);
  });
});

describe('reading one cell', () => {
  it.each(['float32', 'float16'] as const)('readCell gives the cell of readState (%s)', (precision) => {
    sim = startSim({ precision });
    sim.step(2);
    const grid = sim.readState();
    for (const [x, y] of [
      [5, 4],
      [0, 0],
      [W - 1, H - 1],
      [12, 9],
    ]) {
      const cell = sim.readCell(x, y);
      const index = y * W + x;
      expect([...cell.state]).toEqual([...grid.state.slice(index * 10, index * 10 + 10)]);
      expect([...cell.marks]).toEqual([...grid.marks.slice(index * 3, index * 3 + 3)]);
      expect([...cell.expression]).toEqual([...grid.expression.slice(index * 3, index * 3 + 3)]);
    }
  });
});

describe('live changes', () => {
  it('setParams takes effect at the next step without a restart, and rejects a bad value changing nothing', () => {
    sim = startSim({ params: { fireRate: 1 } });
    sim.step(2);
    const before = sim.readState();
    sim.setParams({ topK: 1, temperature: 0.5 });
    expect(() => sim!.setParams({ topK: 0 })).toThrow(
      'simulation params: field topK: expected an integer in [1, 16], got 0',
    );
    expect(sim.params.topK).toBe(1);
    sim.step(1);
    const reference = referenceStep(
      genome,
      resolveParams({ ...genome.regulation, fireRate: 1, topK: 1, temperature: 0.5 }, 3, 't'),
      before,
      1,
    ).grid;
    expect(sim.stepCount).toBe(3);
    expect(maxAbsDifference(sim.readState().state, reference.state)).toBeLessThanOrEqual(1e-4);
  });

  it('setGenome keeps the cells when the shapes match, restarts from a seed when they do not', () => {
    sim = startSim();
    sim.step(1);
    const cells = sim.readState();
    const sibling = randomGenome(
      { ...ARCH, perception: ['identity', 'laplacian'], expertHidden: [4, 4, 4], gateHidden: 0 },
      { seed: 9 },
    );
    sim.setGenome(sibling);
    expect(maxAbsDifference(sim.readState().state, cells.state)).toBe(0);
    expect(sim.passNames.join(' ')).toBe('life perceive gate0 noise regulate hidden update survive mask');
    const lizardShaped = testGenome({ channels: 16, expertHidden: [32], gateHidden: null }, { seed: 3 });
    sim.setGenome(lizardShaped);
    expect(sim.stepCount).toBe(0);
    expect(sim.metrics().aliveCount).toBe(1);
    sim.step(2);
    expect(sim.passNames.join(' ')).toBe('life perceive regulate hidden update survive mask');
  });

  it('a genome that cannot be compiled for this grid leaves the running simulation untouched', () => {
    const width = 512,
      height = 512;
    sim = createSimulation({ regl: testRegl(), genome, width, height, seed: 1 });
    sim.step(3);
    const huge = randomGenome(
      {
        channels: 64,
        perception: ['identity'],
        expertHidden: Array.from({ length: 16 }, () => 512),
        gateHidden: 0,
        morphogens: 0,
      },
      { seed: 1 },
    );
    expect(() => sim!.setGenome(huge)).toThrow(
      /hidden buffer: a 512x512 grid with 2048 slots per cell needs a .* texture; this GPU's largest is/,
    );
    expect(sim.genome).toBe(genome);
    sim.step(1);
    expect(sim.stepCount).toBe(4);
    expect(sim.metrics().aliveCount).toBeGreaterThan(0);
  });

  it('reset starts again from one seed cell with a new seed', () => {
    sim = startSim();
    sim.step(2);
    sim.reset(99);
    expect([sim.seed, sim.stepCount, sim.metrics().aliveCount]).toEqual([99, 0, 1]);
    expect(() => sim!.reset(-1)).toThrow('simulation: field seed: expected an integer in [0, 16777215], got -1');
  });
});

describe('half floats', () => {
  it(`run the same step within the precision of float16 (${HALF_FLOAT_PRECISION})`, () => {
    const params = resolveParams({ ...genome.regulation, fireRate: 1, topK: 2 }, 3, 't');
    sim = startSim({ params, precision: 'float16' });
    expect(sim.capabilities.precision).toBe('float16');
    sim.step(1);
    const reference = referenceStep(genome, params, start, 1).grid;
    const gpu = sim.readState();
    const stateError = maxAbsDifference(gpu.state, reference.state);
    const largest = Math.max(...reference.state.map(Math.abs));
    const marksError = maxAbsDifference(gpu.marks, reference.marks);
    console.log(
      `float16, one step: max abs error ${stateError.toExponential(2)} on state values up to ${largest.toFixed(2)}; `
        + `marks ${marksError.toExponential(2)}`,
    );
    // Inputs, weights, every intermediate and the result are each rounded to 11 bits.
    expect(stateError).toBeLessThanOrEqual(largest * 2 ** -8);
    expect(maxAbsDifference(gpu.marks, reference.marks)).toBeLessThanOrEqual(2 ** -8);
  });
});

describe('WebGL context loss', () => {
  it('the engine is rebuilt from its last snapshot on a restored context and goes on where it was', async () => {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl')!;
    const regl = createEngineRegl(gl);
    const running = createSimulation({ regl, genome, width: W, height: H, seed: 4, state: start });
    running.step(3);
    const snapshot = running.readState();
    running.step(2);
    const expected = running.readState();

    const lose = gl.getExtension('WEBGL_lose_context')!;
    const lost = new Promise((resolve) =>
      canvas.addEventListener(
        'webglcontextlost',
        (e) => {
          e.preventDefault();
          resolve(null);
        },
        { once: true },
      ),
    );
    const restored = new Promise((resolve) => canvas.addEventListener('webglcontextrestored', resolve, { once: true }));
    lose.loseContext();
    await lost;
    // Restoring from inside the lost event's dispatch is ignored: wait for it to finish.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gl.isContextLost()).toBe(true);
    lose.restoreContext();
    await restored;

    const rebuilt = createSimulation({
      regl: createEngineRegl(gl),
      genome,
      width: W,
      height: H,
      seed: 4,
      state: snapshot,
    });
    expect(rebuilt.stepCount).toBe(3);
    rebuilt.step(2);
    expect(maxAbsDifference(rebuilt.readState().state, expected.state)).toBe(0);
    rebuilt.destroy();
  });
});
