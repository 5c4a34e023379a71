/**
 * GLSL written from the genome and the layouts, for kernels that run faster as straight-line code with
 * constant coordinates (docs/DESIGN.md, "Kernels written for the software GPU too"). Each is a whole GLSL
 * function, one statement a line, that the pass factory puts where its kernel says `// @generated`, so a
 * compile error points at a readable line. Pure: tested in Node.
 */
import { atlasTexel, type AtlasLayout } from '../gpu/atlas.ts';
import type { EngineSizes } from './layouts.ts';

const num = (value: number) => value.toFixed(9);

/** A 3x3 kernel's non-zero taps as a sum of perceive.glsl's tap(origin, x, y) over the neighbours xs, ys. */
export function glslTaps(kernel: readonly (readonly number[])[]): string {
  const terms = kernel
    .flatMap((row, j) => row.map((w, i) => (w === 0 ? '' : `${num(w)} * tap(origin, xs[${i}], ys[${j}])`)))
    .filter(Boolean);
  return terms.join('\n      + ');
}

/**
 * perceive.glsl's `filtered(filter, origin, xs, ys)`: filter f of the genome's perception (any number of
 * them) as its taps, one branch per filter.
 */
export function filteredFunction(kernels: readonly (readonly (readonly number[])[])[]): string {
  const branches = kernels.map((kernel, f) =>
    [`  if (filter == ${f}.0) {`, `    return ${glslTaps(kernel)};`, '  }'].join('\n'),
  );
  return ['vec4 filtered(float filter, vec2 origin, vec3 xs, vec3 ys) {', ...branches, '  return vec4(0.0);', '}'].join(
    '\n',
  );
}

/**
 * hidden.glsl's `layer(v, base)`: for each perception slot, its 4x4 block of weight texels (row v) times
 * its perception texel, then the bias; every other texture coordinate is a constant.
 */
export function layerFunction(sizes: EngineSizes, perception: AtlasLayout, weightsWidth: number): string {
  const w = (texel: number) => `texture2D(u_weights, vec2(${num((texel + 0.5) / weightsWidth)}, v))`;
  const blocks = Array.from({ length: sizes.perceptionSlots }, (_, i) => {
    const [originX, originY] = atlasTexel(perception, 0, 0, i);
    const x = num(originX / perception.textureWidth),
      y = num(originY / perception.textureHeight);
    const block = `mat4(${w(4 * i)}, ${w(4 * i + 1)}, ${w(4 * i + 2)}, ${w(4 * i + 3)})`;
    return `  sum += ${block}\n    * texture2D(u_perception, base + vec2(${x}, ${y}));`;
  });
  return [
    'vec4 layer(float v, vec2 base) {',
    '  vec4 sum = vec4(0.0);',
    ...blocks,
    `  return sum + ${w(4 * sizes.perceptionSlots)};`,
    '}',
  ].join('\n');
}
