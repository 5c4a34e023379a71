import { describe, expect, it } from 'vitest';
import { recolourToPalette } from '../../src/train/recolour.ts';

/** A W x 1 image from a list of RGBA pixels. */
function row(pixels: number[][]) {
  return { width: pixels.length, height: 1, data: Uint8Array.from(pixels.flat()) };
}

const WHERE = { source: 'fish.png', palette: 'beetle.png' };

describe('recolourToPalette', () => {
  // Source: 3 yellow, 2 blue, 1 white; palette: 4 red, 2 black, 1 grey (largest first on both sides).
  const source = row([
    [250, 200, 10, 255],
    [250, 200, 10, 255],
    [250, 200, 10, 128],
    [20, 20, 200, 255],
    [20, 20, 200, 255],
    [255, 255, 255, 255],
    [0, 0, 0, 0],
  ]);
  const palette = row([
    [200, 10, 20, 255],
    [200, 10, 20, 255],
    [200, 10, 20, 255],
    [200, 10, 20, 255],
    [30, 10, 10, 255],
    [30, 10, 10, 255],
    [160, 160, 160, 255],
  ]);

  it('gives the i-th largest colour of the source the i-th largest colour of the palette, keeping alpha', () => {
    const { image, mapping } = recolourToPalette(source, palette, 3, WHERE);
    expect(mapping).toEqual([
      { from: [250, 200, 10], to: [200, 10, 20], pixels: 3 },
      { from: [20, 20, 200], to: [30, 10, 10], pixels: 2 },
      { from: [255, 255, 255], to: [160, 160, 160], pixels: 1 },
    ]);
    expect(Array.from(image.data)).toEqual([
      ...[200, 10, 20, 255],
      ...[200, 10, 20, 255],
      ...[200, 10, 20, 128],
      ...[30, 10, 10, 255],
      ...[30, 10, 10, 255],
      ...[160, 160, 160, 255],
      ...[0, 0, 0, 0],
    ]);
  });

  it('recolours a faint edge pixel by its nearest colour although it is too faint to be clustered', () => {
    const faint = row([
      ...Array.from({ length: 6 }, (_, i) => (i < 4 ? [250, 200, 10, 255] : [20, 20, 200, 255])),
      [30, 30, 190, 40],
    ]);
    const twoColours = { ...palette, width: 6, data: palette.data.slice(0, 24) };
    const { image } = recolourToPalette(faint, twoColours, 2, WHERE);
    expect(Array.from(image.data.slice(24))).toEqual([30, 10, 10, 40]);
  });

  it('refuses more colours than an image has, naming the image', () => {
    expect(() => recolourToPalette(source, row([[1, 2, 3, 255]]), 3, WHERE)).toThrow(
      /^beetle\.png: field clusters: expected at most the 1/,
    );
  });
});
