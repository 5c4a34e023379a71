import { describe, expect, it } from 'vitest';
import { atlasLayout } from '../../src/gpu/atlas.ts';
import { glslTaps, hiddenSum } from '../../src/engine/kernel-code.ts';
import { engineSizes, largestSlots } from '../../src/engine/layouts.ts';
import { KERNELS } from '../../src/model/perception.ts';
import { randomGenome } from '../../src/model/random-genome.ts';

const genome = randomGenome({ channels: 7, perception: ['identity', 'sobel_x'], expertHidden: [4, 9, 30], gateHidden: null, morphogens: 0 }, { seed: 1 });

describe('GLSL generated from the genome', () => {
  it('a filter is the sum of its non-zero taps, each at its (dx + 1, dy + 1)', () => {
    expect(glslTaps(KERNELS.identity)).toBe('(1.000000000 * TAP(1, 1))');
    const sobel = glslTaps(KERNELS.sobel_x);
    expect(sobel.match(/TAP/g)).toHaveLength(6);
    expect(sobel).toContain('-0.250000000 * TAP(0, 1)');
    expect(sobel).toContain('0.125000000 * TAP(2, 2)');
  });

  it('the hidden layer: one 4x4 block per perception slot at its tile, then the bias', () => {
    const sizes = engineSizes(genome); // 2 state slots x 2 filters = 4 perception slots
    const perception = atlasLayout(10, 10, sizes.perceptionSlots, 30, 'perception'); // 3 tiles a row: 2 rows
    const code = hiddenSum(sizes, perception, 4 * sizes.perceptionSlots + 1);
    const blocks = code.match(/sum \+= mat4\(.*?\) \* P\(([\d.]+), ([\d.]+)\);/g)!;
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toContain('W(0.029411765), W(0.088235294)'); // texels 0 and 1 of 17
    expect(blocks[3]).toContain('P(0.000000000, 0.500000000)'); // slot 3 wraps to the second tile row
    expect(code.endsWith('sum += W(0.970588235);')).toBe(true); // the bias, texel 16
  });

  it('a cell expressing k experts fills at most the slots of the k largest', () => {
    const sizes = engineSizes(genome); // slots 1, 3, 8
    expect([1, 2, 3, 16].map((k) => largestSlots(sizes, k))).toEqual([8, 11, 12, 12]);
  });
});
