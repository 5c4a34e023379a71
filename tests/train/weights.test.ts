/** Starting a run from a genome whose gate reads fewer morphogen fields than the run's architecture. */
import { describe, expect, it } from 'vitest';
import { fillEnvironment } from '../../src/model/brushes.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { runReference } from '../../src/model/reference.ts';
import { genomeWithWeights, weightsForArchitecture } from '../../src/train/weights.ts';
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
