/**
 * GLSL written from the genome and the layouts, for kernels that run faster as straight-line code with
 * constant coordinates (docs/DESIGN.md, "Kernels written for the software GPU too"). Pure: tested in Node.
 */
import type { AtlasLayout } from '../gpu/atlas.ts';
import type { EngineSizes } from './layouts.ts';

/** A 3x3 kernel's non-zero taps as a GLSL expression of perceive.glsl's TAP(dx + 1, dy + 1). */
export function glslTaps(kernel: readonly (readonly number[])[]): string {
  const terms = kernel.flatMap((row, j) => row.map((w, i) => (w === 0 ? '' : `${w.toFixed(9)} * TAP(${i}, ${j})`))).filter(Boolean);
  return `(${terms.join(' + ')})`;
}

/**
 * hidden.glsl's layer as straight-line GLSL: for each perception slot, its 4x4 block of weight texels W(u)
 * times its perception texel P(x, y), then the bias; u, x, y are constant texture coordinates.
 */
export function hiddenSum(sizes: EngineSizes, perception: AtlasLayout, weightsWidth: number): string {
  const u = (texel: number) => ((texel + 0.5) / weightsWidth).toFixed(9);
  const terms = Array.from({ length: sizes.perceptionSlots }, (_, i) => {
    const x = ((i % perception.tilesX) * perception.width / perception.textureWidth).toFixed(9);
    const y = (Math.floor(i / perception.tilesX) * perception.height / perception.textureHeight).toFixed(9);
    return `sum += mat4(W(${u(4 * i)}), W(${u(4 * i + 1)}), W(${u(4 * i + 2)}), W(${u(4 * i + 3)})) * P(${x}, ${y});`;
  });
  return [...terms, `sum += W(${u(4 * sizes.perceptionSlots)});`].join(' ');
}
