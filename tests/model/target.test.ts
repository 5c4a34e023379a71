import { describe, expect, it } from 'vitest';
import type { CellState } from '../../src/model/state.ts';
import {
  EMOJI_NAMES,
  padTarget,
  premultiplyRgba8,
  rgbaLoss,
  rgbaLossParts,
  sheetTile,
} from '../../src/model/target.ts';

/** A bare grid with the given state values; rgbaLoss reads only the shape and the state. */
function gridOf(width: number, height: number, channels: number, state: number[]): CellState {
  return {
    width,
    height,
    channels,
    experts: 1,
    morphogenCount: 0,
    state: Float32Array.from(state),
    marks: new Float32Array(width * height).fill(1),
    expression: new Float32Array(width * height),
    morphogens: new Float32Array(0),
    knockoutMask: new Uint16Array(width * height),
    forced: new Int8Array(width * height).fill(-1),
    clones: new Uint8Array(width * height),
    step: 0,
  };
}

describe('premultiplyRgba8', () => {
  it('scales to [0, 1] and multiplies RGB by alpha', () => {
    const out = premultiplyRgba8(new Uint8Array([255, 51, 0, 102, 10, 20, 30, 0]), 2, 1);
    const a = 102 / 255;
    const expected = [a, (51 / 255) * a, 0, a, 0, 0, 0, 0];
    expected.forEach((v, i) => {
      expect(out[i]).toBeCloseTo(v, 6);
    });
  });

  it('refuses a buffer of the wrong size, naming the sizes', () => {
    expect(() => premultiplyRgba8(new Uint8Array(7), 2, 1)).toThrow('expected 2x1x4 = 8 RGBA bytes, got 7');
  });
});

describe('sheetTile', () => {
  // A 3-tile sheet of 2x2 tiles: every byte of tile t at (x, y) holds 100 t + 10 y + x.
  const sheet = new Uint8Array(6 * 2 * 4);
  for (let y = 0; y < 2; y++)
    for (let x = 0; x < 6; x++)
      sheet.fill(100 * Math.floor(x / 2) + 10 * y + (x % 2), (y * 6 + x) * 4, (y * 6 + x + 1) * 4);

  it('takes tile i, left to right', () => {
    expect(Array.from(sheetTile(sheet, 6, 2, 2, 2)).filter((_, i) => i % 4 === 0)).toEqual([200, 201, 210, 211]);
  });

  it('refuses an index outside the sheet', () => {
    expect(() => sheetTile(sheet, 6, 2, 3, 2)).toThrow('tile index: expected an integer in [0, 2], got 3');
  });

  it('knows the ten emoji of the Growing-NCA sheet, lizard first', () => {
    expect(EMOJI_NAMES).toHaveLength(10);
    expect(EMOJI_NAMES[0]).toBe('lizard');
  });
});

describe('padTarget', () => {
  it('centres the target in zeros (floor of half the margin)', () => {
    const target = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]); // 2x1
    const out = padTarget(target, 2, 1, 5, 3);
    expect(out).toHaveLength(5 * 3 * 4);
    const at = (x: number, y: number) => Array.from(out.subarray((y * 5 + x) * 4, (y * 5 + x + 1) * 4));
    expect(at(1, 1)).toEqual([1, 2, 3, 4]);
    expect(at(2, 1)).toEqual([5, 6, 7, 8]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(36);
  });

  it('gives 16 pixels on every side for 40x40 on 72x72', () => {
    const out = padTarget(new Float32Array(40 * 40 * 4).fill(1), 40, 40, 72, 72);
    expect(out[(16 * 72 + 16) * 4]).toBe(1);
    expect(out[(16 * 72 + 15) * 4]).toBe(0);
    expect(out[(55 * 72 + 55) * 4]).toBe(1);
    expect(out[(56 * 72 + 55) * 4]).toBe(0);
  });

  it('refuses a target larger than the grid, naming both sizes', () => {
    expect(() => padTarget(new Float32Array(5 * 4 * 4), 5, 4, 4, 8)).toThrow('a 5x4 target does not fit a 4x8 grid');
  });
});

describe('rgbaLoss', () => {
  it('is the mean squared error of channels 0-3, ignoring hidden channels and not clamping', () => {
    // 2x1 grid, 5 channels. Cell 0 matches except alpha -0.5 (raw, not clamped to 0); cell 1 has red 2.
    const grid = gridOf(2, 1, 5, [0.5, 0, 0, -0.5, 9, 2, 0, 0, 1, 9]);
    const target = Float32Array.from([0.5, 0, 0, 0, 1, 0, 0, 1]);
    expect(rgbaLoss(grid, target)).toBeCloseTo((0.25 + 1) / 8, 7);
  });

  it('is 0 for a state equal to its target', () => {
    const grid = gridOf(1, 1, 4, [0.1, 0.2, 0.3, 0.4]);
    expect(rgbaLoss(grid, Float32Array.from([0.1, 0.2, 0.3, 0.4]))).toBe(0);
  });

  it('splits into the parts where the target is opaque, translucent and empty, and the alpha channel', () => {
    // 3x1 grid, 4 channels: target cells opaque (alpha 1), translucent (0.25) and empty.
    const target = Float32Array.from([1, 0, 0, 1, 0.25, 0, 0, 0.25, 0, 0, 0, 0]);
    // Cell 0 has no alpha (a missing leg), cell 1 too much red, cell 2 a faint halo of alpha 0.2.
    const grid = gridOf(3, 1, 4, [1, 0, 0, 0, 0.75, 0, 0, 0.25, 0, 0, 0, 0.2]);
    const parts = rgbaLossParts(grid, target);
    expect(parts.body).toBeCloseTo(1 / 12, 7);
    expect(parts.rim).toBeCloseTo(0.25 / 12, 7);
    expect(parts.outside).toBeCloseTo(0.04 / 12, 7);
    expect(parts.alpha).toBeCloseTo((1 + 0.04) / 12, 7);
    expect(parts.total).toBeCloseTo(rgbaLoss(grid, target), 12);
  });

  it('refuses a target of another size', () => {
    expect(() => rgbaLoss(gridOf(2, 2, 4, new Array(16).fill(0)), new Float32Array(12))).toThrow(
      'expected a 2x2x4 = 16 value target, got 12',
    );
  });
});
