import { describe, expect, it } from 'vitest';
import { BACKGROUND, EXPERT_COLOURS, POTENCY_RAMP, SILENT_GREY, potencyGrey } from '../../src/model/palette.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { createEmptyState } from '../../src/model/state.ts';
import { VIEW_NAMES, renderView } from '../../src/model/views.ts';

const genome = randomGenome(
  { channels: 5, perception: ['identity'], expertHidden: [2, 2], gateHidden: 0, morphogens: 0 },
  { seed: 3 },
);

/** A 3 x 3 grid: cell 0 alive type 1, cell 1 alive and silent, cell 2 faint (alpha 0.05), the rest empty. */
function handMadeGrid() {
  const grid = createEmptyState(genome, 3, 3);
  grid.state.set([0.2, 0.4, 1.5, 0.6, 7], 0); // blue over 1 and alpha 0.6: clamped
  grid.expression.set([0.25, 0.75], 0);
  grid.marks.set([0.5, 0.5], 0); // pluripotent
  grid.state.set([-0.3, 0.1, 0.2, 1.2, 0], 5); // negative red, alpha over 1: clamped
  grid.marks.set([1, 0], 2); // committed, expressing nothing
  grid.state.set([0.01, 0.02, 0.03, 0.05, 0], 10); // faint: not an alive cell
  grid.expression.set([1, 0], 4);
  return grid;
}

const pixel = (image: Uint8ClampedArray, cell: number) => Array.from(image.subarray(cell * 4, cell * 4 + 4));
const f32 = Math.fround;

describe('renderView', () => {
  const grid = handMadeGrid();

  it('rgba: the premultiplied channels 0..3 clamped to [0, 1], no background', () => {
    const image = renderView(genome, grid, 'rgba');
    expect(image.length).toBe(3 * 3 * 4);
    expect(pixel(image, 0)).toEqual([51, 102, 255, 153]);
    expect(pixel(image, 1)).toEqual([0, 26, 51, 255]);
    expect(pixel(image, 2)).toEqual([3, 5, 8, 13]);
    expect(pixel(image, 3)).toEqual([0, 0, 0, 0]);
  });

  it('phenotype: rgb + (1 - alpha) * background, opaque', () => {
    const image = renderView(genome, grid, 'phenotype');
    const under = 1 - f32(0.6);
    expect(pixel(image, 0)).toEqual([
      Math.round(f32(0.2) * 255 + under * BACKGROUND[0]),
      Math.round(f32(0.4) * 255 + under * BACKGROUND[1]),
      255,
      255,
    ]);
    expect(pixel(image, 1)).toEqual([0, 26, 51, 255]); // alpha 1: no background shows
    expect(pixel(image, 3)).toEqual([...BACKGROUND, 255]);
    expect(pixel(image, 2)).toEqual([
      Math.round(f32(0.01) * 255 + (1 - f32(0.05)) * BACKGROUND[0]),
      Math.round(f32(0.02) * 255 + (1 - f32(0.05)) * BACKGROUND[1]),
      Math.round(f32(0.03) * 255 + (1 - f32(0.05)) * BACKGROUND[2]),
      255,
    ]);
  });

  it('type: dominant expert colour on alive cells, grey when silent, background elsewhere', () => {
    const image = renderView(genome, grid, 'type');
    expect(pixel(image, 0)).toEqual([...EXPERT_COLOURS[1], 255]);
    expect(pixel(image, 1)).toEqual([...SILENT_GREY, 255]);
    expect(pixel(image, 2)).toEqual([...BACKGROUND, 255]); // expressed, but alpha 0.05 is not alive
    expect(pixel(image, 5)).toEqual([...BACKGROUND, 255]);
  });

  it('potency: dark when pluripotent, light when committed, background off the organism', () => {
    const image = renderView(genome, grid, 'potency');
    const p = POTENCY_RAMP.pluripotent;
    const c = POTENCY_RAMP.committed;
    expect(pixel(image, 0)).toEqual([p, p, p, 255]);
    expect(pixel(image, 1)).toEqual([c, c, c, 255]);
    expect(pixel(image, 2)).toEqual([...BACKGROUND, 255]);
  });

  it('every view reads NaN (a diverged cell) as empty rather than failing', () => {
    const broken = handMadeGrid();
    broken.state.fill(Number.NaN, 0, 5);
    for (const view of VIEW_NAMES) expect(renderView(genome, broken, view).length).toBe(36);
    expect(pixel(renderView(genome, broken, 'rgba'), 0)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a grid shaped for another genome', () => {
    const other = randomGenome(
      { channels: 4, perception: ['identity'], expertHidden: [2], gateHidden: null, morphogens: 0 },
      { seed: 1 },
    );
    expect(() => renderView(other, grid, 'rgba')).toThrow(/channels/);
  });
});

describe('palette', () => {
  it('has 16 distinct expert colours, none equal to the background or the silent grey', () => {
    const keys = [...EXPERT_COLOURS, BACKGROUND, SILENT_GREY].map((rgb) => rgb.join(','));
    expect(EXPERT_COLOURS).toHaveLength(16);
    expect(new Set(keys).size).toBe(18);
  });

  it('maps potency 0..1 onto the grey ramp, clamped', () => {
    expect(potencyGrey(0)).toBe(POTENCY_RAMP.committed);
    expect(potencyGrey(1)).toBe(POTENCY_RAMP.pluripotent);
    expect(potencyGrey(0.5)).toBe(110);
    expect(potencyGrey(2)).toBe(POTENCY_RAMP.pluripotent);
  });
});
