import { describe, expect, it } from 'vitest';
import { atlasIndex, atlasLayout } from '../../src/gpu/atlas.ts';
import { packCells, packFields, unpackState } from '../../src/engine/cell-atlas.ts';
import { engineLayouts, engineSizes } from '../../src/engine/layouts.ts';
import { packExpertHidden, packExpertOut, packGate, type WeightTexture } from '../../src/engine/weights.ts';
import { forceRegion, knockoutRegion, paintMorphogen } from '../../src/model/brushes.ts';
import { denseForward } from '../../src/model/dense.ts';
import type { PerceptionFilter } from '../../src/model/perception.ts';
import { randomLivingState } from '../model/grids.ts';
import { testGenome } from '../support/genomes.ts';

const perception: PerceptionFilter[] = ['identity', 'sobel_x', 'laplacian'];
const genome = testGenome(
  { channels: 7, perception, expertHidden: [5, 9, 3], gateHidden: 6, morphogens: 3 },
  { seed: 2 },
);
const sizes = engineSizes(genome);

describe('atlas layouts', () => {
  it('wrap slots into rows of tiles that fit the texture size', () => {
    const layout = atlasLayout(100, 50, 7, 300, 'test');
    expect([layout.tilesX, layout.tilesY, layout.textureWidth, layout.textureHeight]).toEqual([3, 3, 300, 150]);
    expect(atlasIndex(layout, 2, 1, 4, 3)).toBe(((50 + 1) * 300 + 100 + 2) * 4 + 3);
  });

  it('name the buffer, the grid and the limit when a grid does not fit', () => {
    expect(() => atlasLayout(4096, 4096, 12, 8192, 'perception')).toThrow(
      'perception buffer: a 4096x4096 grid with 12 slots per cell needs a 8192x24576 texture; '
        + "this GPU's largest is 8192x8192. Use a smaller grid.",
    );
  });
});

describe('cells and fields in atlases', () => {
  it('pack and unpack a state exactly, painted fields included', () => {
    let grid = randomLivingState(genome, 13, 9, 4);
    grid = paintMorphogen(grid, { x: 3, y: 3, radius: 2 }, 2, 0.5);
    grid = knockoutRegion(grid, { x: 9, y: 5, radius: 2 }, 1);
    grid = forceRegion(grid, { x: 1, y: 7, radius: 1 }, 2);
    grid.expression.forEach((_, i) => {
      grid.expression[i] = (i % 5) / 5;
    });
    const layouts = engineLayouts(sizes, 13, 9, 64);
    const back = unpackState(packCells(grid, sizes, layouts), packFields(grid, sizes, layouts), sizes, layouts, 17);
    expect(back.state).toEqual(grid.state);
    expect(back.marks).toEqual(grid.marks);
    expect(back.expression).toEqual(grid.expression);
    expect(back.morphogens).toEqual(grid.morphogens);
    expect(back.knockoutMask).toEqual(grid.knockoutMask);
    expect(back.forced).toEqual(grid.forced);
    expect(back.step).toBe(17);
  });
});

/** y = x W + b computed from a packed texture the way the shaders do: 4x4 blocks and a bias texel. */
function blockForward(
  texture: WeightTexture,
  packedInput: Float32Array,
  inputSlots: number,
  row: number,
  firstColumn: number,
  biasColumn: number,
): Float32Array {
  const texel = (column: number) =>
    texture.data.subarray((row * texture.width + column) * 4, (row * texture.width + column) * 4 + 4);
  const out = Float32Array.from(texel(biasColumn));
  for (let slot = 0; slot < inputSlots; slot++) {
    for (let c = 0; c < 4; c++) {
      const column = texel(firstColumn + slot * 4 + c);
      for (let r = 0; r < 4; r++) out[r] += column[r] * packedInput[slot * 4 + c];
    }
  }
  return out;
}

describe('weight textures', () => {
  const perception = Float32Array.from({ length: 7 * 3 }, (_, i) => Math.sin(i + 1));
  /** Perception in slot order: slot f * S + s, component c = channel 4s + c through filter f. */
  const packedPerception = new Float32Array(sizes.perceptionSlots * 4);
  for (let f = 0; f < 3; f++)
    for (let ch = 0; ch < 7; ch++)
      packedPerception[(f * sizes.stateSlots + (ch >> 2)) * 4 + (ch & 3)] = perception[f * 7 + ch];

  it("expert hidden layers: each expert's rows give its dense layer on the slot-ordered perception", () => {
    const texture = packExpertHidden(genome, sizes);
    genome.experts.forEach((expert, k) => {
      const expected = new Float32Array(expert.hidden.outputs);
      denseForward(expert.hidden, perception, expected, false);
      for (let o = 0; o < sizes.expertSlotCount[k]; o++) {
        const got = blockForward(
          texture,
          packedPerception,
          sizes.perceptionSlots,
          sizes.expertSlotStart[k] + o,
          0,
          sizes.perceptionSlots * 4,
        );
        for (let r = 0; r < 4; r++) {
          const unit = o * 4 + r;
          if (unit < expert.hidden.outputs) expect(got[r]).toBeCloseTo(expected[unit], 5);
          else expect(got[r]).toBe(0); // padding units stay zero
        }
      }
    });
  });

  it("expert output layers (transposed): each expert's rows and bias row give its dense layer", () => {
    const texture = packExpertOut(genome, sizes);
    expect([texture.width, texture.height]).toEqual([sizes.stateSlots * 4, sizes.hiddenSlots + 3]);
    const texel = (column: number, row: number) =>
      texture.data.subarray((row * texture.width + column) * 4, (row * texture.width + column) * 4 + 4);
    genome.experts.forEach((expert, k) => {
      const hidden = Float32Array.from({ length: expert.out.inputs }, (_, i) => Math.cos(i + k));
      const expected = new Float32Array(7);
      denseForward(expert.out, hidden, expected, false);
      for (let s = 0; s < sizes.stateSlots; s++) {
        const got = Float32Array.from(texel(s, sizes.hiddenSlots + k));
        for (let j = 0; j < sizes.expertSlotCount[k]; j++) {
          for (let c = 0; c < 4; c++) {
            const column = texel(s * 4 + c, sizes.expertSlotStart[k] + j);
            for (let r = 0; r < 4; r++) got[r] += column[r] * (hidden[j * 4 + c] ?? 0);
          }
        }
        for (let r = 0; r < 4; r++) if (s * 4 + r < 7) expect(got[r]).toBeCloseTo(expected[s * 4 + r], 5);
      }
    });
  });

  it("the gate's first layer reads [perception | marks | morphogens] in slot order", () => {
    const [first] = packGate(genome, sizes);
    const marks = [0.2, 0.5, 0.3],
      morphogens = [1, -2, 0.5];
    const input = Float32Array.from([...perception, ...marks, ...morphogens]);
    const packed = new Float32Array((sizes.perceptionSlots + sizes.markSlots + sizes.morphogenSlots) * 4);
    packed.set(packedPerception);
    packed.set(marks, sizes.perceptionSlots * 4);
    packed.set(morphogens, (sizes.perceptionSlots + sizes.markSlots) * 4);
    const expected = new Float32Array(6);
    denseForward(genome.gate!.layers[0], input, expected, false);
    const inputSlots = packed.length / 4;
    for (let o = 0; o < 2; o++) {
      const got = blockForward(first, packed, inputSlots, o, 0, inputSlots * 4);
      for (let r = 0; r < 4; r++) if (o * 4 + r < 6) expect(got[r]).toBeCloseTo(expected[o * 4 + r], 5);
    }
  });
});
