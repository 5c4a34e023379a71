/**
 * Starting a run from a genome of another architecture: a gate that reads fewer morphogen fields, a linear
 * gate where the run's has a hidden layer, or narrower experts.
 */
import { describe, expect, it } from 'vitest';
import type { Genome } from '../../src/model/genome.ts';
import { fillEnvironment } from '../../src/model/brushes.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { runReference } from '../../src/model/reference.ts';
import { genomeWithWeights, weightsForArchitecture, weightsFromGenome } from '../../src/train/weights.ts';
import { randomLivingState } from '../model/grids.ts';

const arch = {
  channels: 8,
  perception: ['identity', 'sobel_x', 'sobel_y'] as ('identity' | 'sobel_x' | 'sobel_y')[],
  expertHidden: [8, 8],
  gateHidden: 0,
  morphogens: 0,
};
const genome = randomGenome(arch, { seed: 3, outputScale: 0.5 });

describe('weights for another architecture', () => {
  it('a new morphogen input starts with zero weights: the genome grows as before, whatever the field says', () => {
    const wider = { ...arch, morphogens: 1 };
    const { values, extended } = weightsForArchitecture(genome, wider);
    expect(extended).toBe(1);
    const started = genomeWithWeights(randomGenome(wider, { seed: 9 }), values);
    const params = resolveParams({ topK: 1, fireRate: 0.6 }, 2, 'test');
    const before = runReference(genome, params, randomLivingState(genome, 14, 12, 5), 2, 5);
    for (const signal of [0, 0.4, 1]) {
      const grid = fillEnvironment(randomLivingState(started, 14, 12, 5), [0], signal);
      expect([...runReference(started, params, grid, 2, 5).state]).toEqual([...before.state]);
    }
  });

  it('refuses any other difference, naming the field', () => {
    expect(() => weightsForArchitecture(genome, { ...arch, expertHidden: [8, 8, 8] })).toThrow(
      "architecture.experts: expected the config's [8,8,8], got [8,8]",
    );
    expect(() => weightsForArchitecture(randomGenome({ ...arch, morphogens: 2 }, { seed: 1 }), arch)).toThrow(
      'architecture.morphogens',
    );
    const noGate = randomGenome({ ...arch, expertHidden: [8], gateHidden: null }, { seed: 1 });
    expect(() =>
      weightsForArchitecture(noGate, { ...arch, expertHidden: [8], gateHidden: null, morphogens: 1 }),
    ).toThrow('with a gate to read the new ones');
  });
});

describe('a linear gate deepened into a gate with a hidden layer', () => {
  const deeper = { ...arch, gateHidden: 7 };

  it('grows exactly as the linear gate did, and its new units have a say once trained', () => {
    const { values } = weightsForArchitecture(genome, deeper, 11);
    const started = genomeWithWeights(randomGenome(deeper, { seed: 9 }), values);
    expect(started.gate!.layers.map((l) => [l.inputs, l.outputs])).toEqual([
      [genome.gate!.layers[0].inputs, 7],
      [7, 2],
    ]);
    // The experts are the genome's, bit for bit.
    expect(values.slice(0, 8)).toEqual(weightsFromGenome(genome).values.slice(0, 8));
    const params = resolveParams({ topK: 1, fireRate: 0.6, noise: 0.3 }, 2, 'test');
    const grow = (g: Genome) => runReference(g, params, randomLivingState(g, 14, 12, 5), 3, 5).state;
    expect([...grow(started)]).toEqual([...grow(genome)]);
    // Unit 4 (the first new one) reads the input: giving it an output weight changes the growth.
    const second = started.gate!.layers[1];
    second.w[4 * 2] = 3;
    expect([...grow(started)]).not.toEqual([...grow(genome)]);
  });

  it('refuses a hidden layer too small to hold the linear gate, naming the field', () => {
    expect(() => weightsForArchitecture(genome, { ...arch, gateHidden: 3 })).toThrow(
      'architecture.gate: expected at least 4 hidden units to hold a linear gate, got 3',
    );
  });
});

describe('experts widened', () => {
  const wider = { ...arch, expertHidden: [8, 13] };

  it('grow exactly as before, and their new units have a say once trained', () => {
    const { values } = weightsForArchitecture(genome, wider, 5);
    const started = genomeWithWeights(randomGenome(wider, { seed: 9 }), values);
    expect(started.experts.map((e) => [e.hidden.outputs, e.out.inputs])).toEqual([
      [8, 8],
      [13, 13],
    ]);
    // Expert 0 and the gate are the genome's, bit for bit.
    const old = weightsFromGenome(genome).values;
    expect(values.slice(0, 4)).toEqual(old.slice(0, 4));
    expect(values.slice(8)).toEqual(old.slice(8));
    const params = resolveParams({ topK: 2, fireRate: 0.6, noise: 0.3 }, 2, 'test');
    const grow = (g: Genome) => runReference(g, params, randomLivingState(g, 14, 12, 5), 3, 5).state;
    expect([...grow(started)]).toEqual([...grow(genome)]);
    // Unit 10 of expert 1 (a new one) computes something: giving it an output weight changes the growth.
    started.experts[1].out.w[10 * arch.channels + 4] = 2;
    expect([...grow(started)]).not.toEqual([...grow(genome)]);
  });

  it('refuses narrower experts, naming the field', () => {
    expect(() => weightsForArchitecture(genome, { ...arch, expertHidden: [8, 6] })).toThrow(
      "architecture.experts: expected the config's [8,6], got [8,8] (an expert can be widened, not narrowed)",
    );
  });
});

describe('one expert upcycled into K', () => {
  const dense = randomGenome({ ...arch, expertHidden: [8] }, { seed: 4, outputScale: 0.5 });
  const params1 = resolveParams({ topK: 1, fireRate: 0.6 }, 1, 'test');
  const params4 = resolveParams({ topK: 2, fireRate: 0.6, noise: 0.3 }, 4, 'test');
  // The same cells (the marks differ in number, and a dense genome's are all 1).
  const grow = (g: Genome, params: typeof params1) => {
    const grid = randomLivingState(g, 14, 12, 5);
    grid.state.set(randomLivingState(dense, 14, 12, 5).state);
    return runReference(g, params, grid, 3, 5).state;
  };
  const maxDifference = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

  it('grows as the dense genome did, whatever its fresh gate says, and the copies part once trained', () => {
    for (const want of [
      { ...arch, expertHidden: [8, 8, 8, 8] },
      { ...arch, expertHidden: [8, 8, 8, 8], gateHidden: 10 },
    ]) {
      const { values } = weightsForArchitecture(dense, want, 7);
      const started = genomeWithWeights(randomGenome(want, { seed: 9 }), values);
      for (const expert of started.experts) expect(expert.hidden.w).toEqual(dense.experts[0].hidden.w);
      // Up to the rounding of expression weights that sum to 1.
      expect(maxDifference(grow(started, params4), grow(dense, params1))).toBeLessThan(1e-5);
      started.experts[2].out.b[4] += 0.5;
      expect(maxDifference(grow(started, params4), grow(dense, params1))).toBeGreaterThan(0.01);
    }
  });

  it('is widened too when the config asks for wider experts', () => {
    const want = { ...arch, expertHidden: [12, 12, 12, 12] };
    const started = genomeWithWeights(randomGenome(want, { seed: 9 }), weightsForArchitecture(dense, want, 7).values);
    expect(started.experts.map((e) => e.hidden.outputs)).toEqual([12, 12, 12, 12]);
    expect(maxDifference(grow(started, params4), grow(dense, params1))).toBeLessThan(1e-5);
  });
});
