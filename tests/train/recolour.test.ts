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
    const { image, mapping } = recolourToPalette(source, palette, { colours: 3 }, WHERE);
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
    const { image } = recolourToPalette(faint, twoColours, { colours: 2 }, WHERE);
    expect(Array.from(image.data.slice(24))).toEqual([30, 10, 10, 40]);
  });

  it('refuses more colours than an image has, naming the image', () => {
    expect(() => recolourToPalette(source, row([[1, 2, 3, 255]]), { colours: 3 }, WHERE)).toThrow(
      /^beetle\.png: field clusters: expected at most the 1/,
    );
  });

  it('swaps the colours of parts by an order, the part inside the body apart from the rest', () => {
    // A 5x5 red body with a black centre (inside it) and a black corner pixel (off it).
    const R = [200, 10, 20, 255];
    const K = [30, 10, 10, 255];
    const body = {
      width: 5,
      height: 5,
      data: Uint8Array.from(Array.from({ length: 25 }, (_, i) => (i === 12 || i === 0 ? K : R)).flat()),
    };
    // Clusters: 0 red (23), 1 black off the body (1), 2 black inside it (1). Swap red and the inside black.
    const { image } = recolourToPalette(body, body, { colours: 2, splitInside: true, order: [2, 1, 0] }, WHERE);
    const at = (i: number) => Array.from(image.data.slice(i * 4, i * 4 + 4));
    expect([at(12), at(0), at(6)]).toEqual([R, K, K]);
    expect(() => recolourToPalette(body, body, { colours: 2, splitInside: true, order: [0, 0, 1] }, WHERE)).toThrow(
      'order: expected an order of the 3 clusters 0..2, got 0,0,1',
    );
  });

  it("paints one part in another part's colour and keeps every other pixel as it was", () => {
    // A 5x5 red body, shaded (a darker red column), with a black centre (inside it) and a black corner (off it).
    const R = [200, 10, 20, 255];
    const shade = [180, 12, 22, 255];
    const K = [30, 10, 10, 255];
    const body = {
      width: 5,
      height: 5,
      data: Uint8Array.from(
        Array.from({ length: 25 }, (_, i) => (i === 12 || i === 0 ? K : i % 5 === 4 ? shade : R)).flat(),
      ),
    };
    // Clusters: 0 red (23, shade included), 1 black off the body, 2 black inside it. Paint the inside black red.
    const { image, mapping } = recolourToPalette(body, body, { colours: 2, splitInside: true, paint: [[2, 0]] }, WHERE);
    const at = (i: number) => Array.from(image.data.slice(i * 4, i * 4 + 4));
    const red = mapping[0].from;
    expect(at(12)).toEqual([...red, 255]);
    expect([at(0), at(4), at(6)]).toEqual([K, shade, R]);
    expect(mapping.map((m) => m.to)).toEqual([red, K.slice(0, 3), red]);
    expect(() => recolourToPalette(body, body, { colours: 2, splitInside: true, paint: [[3, 0]] }, WHERE)).toThrow(
      'paint: expected clusters 0..2, got 3:0',
    );
    expect(() =>
      recolourToPalette(body, body, { colours: 2, splitInside: true, paint: [[2, 0]], order: [0, 1, 2] }, WHERE),
    ).toThrow('paint: expected either an order or clusters to paint, not both');
  });
});
