import { describe, expect, it } from 'vitest';
import { colourClusters } from '../../src/train/colour-labels.ts';

/** A W x H image from a per-pixel RGBA function. */
function image(width: number, height: number, pixel: (x: number, y: number) => number[]) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

const RED = [200, 10, 20, 255],
  BLACK = [30, 10, 10, 255],
  GREY = [110, 10, 15, 255],
  CLEAR = [0, 0, 0, 0];
const options = { clusters: 2, minAlpha: 0.5, maxDistance: 60, splitInside: false };

describe("tissue labels from the target's colour clusters", () => {
  // 10x10: transparent border; inside, red on the left (x < 6), black on the right, one in-between pixel.
  const beetle = image(10, 10, (x, y) => {
    if (x === 0 || y === 0 || x === 9 || y === 9) return CLEAR;
    if (x === 6 && y === 4) return GREY;
    return x < 6 ? RED : BLACK;
  });

  it('labels each opaque pixel with its colour cluster, the largest as expert 0, transparent pixels none', () => {
    const { labels, centres, sizes } = colourClusters(beetle, options, 'target.png');
    expect(centres[0]).toEqual([200, 10, 20]);
    expect(centres[1][0]).toBeLessThan(60);
    for (let y = 0; y < 10; y++) {
      for (let x = 0; x < 10; x++) {
        const label = labels[y * 10 + x];
        if (x === 0 || y === 0 || x === 9 || y === 9) expect(label).toBe(-1);
        else if (x === 6 && y === 4) continue;
        else expect(label).toBe(x < 6 ? 0 : 1);
      }
    }
    expect(sizes[0]).toBe(5 * 8);
  });

  it('leaves pixels far from every centre (anti-aliased edges) unlabelled', () => {
    // The in-between pixel is 80 from black's centre and 90 from red's.
    expect(colourClusters(beetle, { ...options, maxDistance: 100 }, 'target.png').labels[4 * 10 + 6]).toBe(1);
    const strict = colourClusters(beetle, options, 'target.png');
    expect(strict.labels[4 * 10 + 6]).toBe(-1);
    expect(strict.sizes[0] + strict.sizes[1]).toBe(63);
  });

  it('splitInside: a colour on the body and off it becomes two clusters (spots on a shell, legs beside it)', () => {
    // 12x9: a red shell (x 2-9, y 1-7) with a black spot in its middle and black legs at its left and right.
    const beetle2 = image(12, 9, (x, y) => {
      if ((x === 0 || x === 1 || x === 10 || x === 11) && y === 4) return BLACK;
      if (x < 2 || x > 9 || y < 1 || y > 7) return CLEAR;
      return x >= 5 && x <= 6 && y >= 3 && y <= 5 ? BLACK : RED;
    });
    const byColour = colourClusters(beetle2, options, 'target.png');
    const spot = 4 * 12 + 5,
      leg = 4 * 12 + 0;
    expect(byColour.labels[spot]).toBe(byColour.labels[leg]);
    const split = colourClusters(beetle2, { ...options, splitInside: true }, 'target.png');
    expect(split.sizes).toEqual([8 * 7 - 6, 6, 4]);
    expect([split.labels[spot], split.labels[leg], split.labels[4 * 12 + 11]]).toEqual([1, 2, 2]);
    expect(split.centres[1]).toEqual(split.centres[2]);
  });

  it('asks for no more clusters than the image has colours, naming the field', () => {
    const flat = image(4, 4, () => RED);
    expect(() => colourClusters(flat, options, 'presets/x/target.png')).toThrow(
      'presets/x/target.png: field clusters: expected at most the 1 distinct colours of the target'
        + ' with alpha >= 0.5, got 2',
    );
  });
});
