import { expect, it } from 'vitest';
import { createEngineRegl } from '../../src/gpu/create-regl.ts';
import { createSimulation } from '../../src/engine/simulation.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { referenceStep } from '../../src/model/reference.ts';
import { randomLivingState } from '../model/grids.ts';

it('one step matches the reference (smoke)', () => {
  const regl = createEngineRegl(document.createElement('canvas'));
  const genome = randomGenome({ channels: 8, perception: ['identity', 'sobel_x', 'sobel_y'], expertHidden: [16, 8], gateHidden: 4, morphogens: 0 }, { seed: 1 });
  const start = randomLivingState(genome, 16, 12, 3);
  const params = resolveParams({ fireRate: 1, topK: 1 }, 2, 'test');
  const sim = createSimulation({ regl, genome, width: 16, height: 12, seed: 5, params, state: start });
  sim.step(1);
  const gpu = sim.readState();
  const ref = referenceStep(genome, params, start, 5).grid;
  const err = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
  console.log('state', err(gpu.state, ref.state), 'marks', err(gpu.marks, ref.marks), 'expr', err(gpu.expression, ref.expression));
  expect(err(gpu.state, ref.state)).toBeLessThan(1e-4);
  expect(err(gpu.marks, ref.marks)).toBeLessThan(1e-4);
});
