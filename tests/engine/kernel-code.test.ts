import { describe, expect, it } from 'vitest';
import { atlasLayout } from '../../src/gpu/atlas.ts';
import { filteredFunction, glslTaps, layerFunction } from '../../src/engine/kernel-code.ts';
import { fragmentSource } from '../../src/gpu/pass.ts';
import { engineSizes, largestSlots } from '../../src/engine/layouts.ts';
import { KERNELS } from '../../src/model/perception.ts';
import { randomGenome } from '../../src/model/random-genome.ts';

const genome = randomGenome(
  { channels: 7, perception: ['identity', 'sobel_x'], expertHidden: [4, 9, 30], gateHidden: null, morphogens: 0 },
  { seed: 1 },
);

describe('GLSL generated from the genome', () => {
  it('a filter is the sum of its non-zero taps, each at its neighbour (xs[dx + 1], ys[dy + 1]), one a line', () => {
    expect(glslTaps(KERNELS.identity)).toBe('1.000000000 * tap(origin, xs[1], ys[1])');
    const sobel = glslTaps(KERNELS.sobel_x).split('\n');
    expect(sobel).toHaveLength(6);
    expect(sobel).toContain('      + -0.250000000 * tap(origin, xs[0], ys[1])');
    expect(sobel).toContain('      + 0.125000000 * tap(origin, xs[2], ys[2])');
  });

  it('perception: one branch per filter, as many filters as the genome has', () => {
    const kernels = ['identity', 'sobel_x', 'sobel_y', 'laplacian', 'sobel_x', 'identity'].map(
      (f) => KERNELS[f as keyof typeof KERNELS],
    );
    const code = filteredFunction(kernels);
    expect(code.split('\n')[0]).toBe('vec4 filtered(float filter, vec2 origin, vec3 xs, vec3 ys) {');
    expect(code.match(/if \(filter == \d\.0\)/g)).toHaveLength(6);
    expect(code).toContain('if (filter == 5.0) {\n    return 1.000000000 * tap(origin, xs[1], ys[1]);\n  }');
  });

  it('the hidden layer: one 4x4 block per perception slot at its tile, then the bias, as a function', () => {
    const sizes = engineSizes(genome); // 2 state slots x 2 filters = 4 perception slots
    const perception = atlasLayout(10, 10, sizes.perceptionSlots, 30, 'perception'); // 3 tiles a row: 2 rows
    const code = layerFunction(sizes, perception, 4 * sizes.perceptionSlots + 1);
    const blocks = code.match(
      /sum \+= mat4\([^)]*\)[^;]*\* texture2D\(u_perception, base \+ vec2\(([\d.]+), ([\d.]+)\)\);/g,
    )!;
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toContain(
      'texture2D(u_weights, vec2(0.029411765, v)), texture2D(u_weights, vec2(0.088235294, v))',
    ); // texels 0, 1 of 17
    expect(blocks[3]).toContain('base + vec2(0.000000000, 0.500000000)'); // slot 3 wraps to the second tile row
    expect(code).toContain('return sum + texture2D(u_weights, vec2(0.970588235, v));'); // the bias, texel 16
  });

  it('generated code goes where the kernel says // @generated; a missing marker or missing code is an error', () => {
    const kernel = 'uniform float u_x;\n// @generated: float f()\nvoid main() { gl_FragColor = vec4(f()); }';
    const source = fragmentSource(kernel, {}, 'float f() {\n  return u_x;\n}');
    expect(source).toContain('uniform float u_x;\nfloat f() {\n  return u_x;\n}\nvoid main()');
    expect(() => fragmentSource(kernel, {})).toThrow('the kernel marks // @generated code, but none was given');
    expect(() => fragmentSource('void main() {}', {}, 'float f() { return 1.0; }')).toThrow(
      'the kernel has no // @generated line',
    );
  });

  it('a cell expressing k experts fills at most the slots of the k largest', () => {
    const sizes = engineSizes(genome); // slots 1, 3, 8
    expect([1, 2, 3, 16].map((k) => largestSlots(sizes, k))).toEqual([8, 11, 12, 12]);
  });
});
