/** `npm run recolour` as a user runs it: a separate process that reads two PNGs and writes a third. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { readPng } from '../../src/cli/png.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'recolour-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 2-tile sheet of 4x4 tiles, or a 4x4 palette: each pixel's colour from `colourAt(x, y)`. */
function writeImage(name: string, width: number, colourAt: (x: number, y: number) => number[]): string {
  const png = new PNG({ width, height: 4 });
  for (let y = 0; y < 4; y++) for (let x = 0; x < width; x++) png.data.set(colourAt(x, y), (y * width + x) * 4);
  const file = join(dir, name);
  writeFileSync(file, PNG.sync.write(png));
  return file;
}

// Tile 1 of the sheet: yellow with a blue bottom row; tile 0 is noise that must not count.
const SHEET = writeImage('sheet.png', 8, (x, y) =>
  x < 4 ? [x * 60, y * 60, 7, 255] : y < 3 ? [250, 200, 10, 255] : [20, 20, 200, 255],
);
// The palette: red with a black bottom row.
const PALETTE = writeImage('palette.png', 4, (_, y) => (y < 3 ? [200, 10, 20, 255] : [30, 10, 10, 255]));

describe('recolour CLI', () => {
  it('writes the tile redrawn in the palette and prints the mapping', async () => {
    const out = join(dir, 'out.png');
    const run = await runCli(
      'recolour',
      SHEET,
      '--tile',
      '1',
      '--tile-size',
      '4',
      '--palette',
      PALETTE,
      '--colours',
      '2',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).mapping).toEqual([
      { from: [250, 200, 10], to: [200, 10, 20], pixels: 12 },
      { from: [20, 20, 200], to: [30, 10, 10], pixels: 4 },
    ]);
    const image = readPng(out);
    expect([image.width, image.height]).toEqual([4, 4]);
    expect(Array.from(image.data.slice(0, 4))).toEqual([200, 10, 20, 255]);
    expect(Array.from(image.data.slice(12 * 4, 12 * 4 + 4))).toEqual([30, 10, 10, 255]);
  });

  it('exits 2 naming the file and field of a bad tile, writing nothing', async () => {
    const out = join(dir, 'none.png');
    const run = await runCli('recolour', SHEET, '--tile', '5', '--tile-size', '4', '--palette', PALETTE, '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${SHEET}: field tile: expected a tile index in [0, 1]`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming the flag when the palette is missing', async () => {
    const run = await runCli('recolour', SHEET, '--out', join(dir, 'x.png'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--palette <file.png>' not specified");
  });

  it('exits 2 naming --order when it is not each cluster once', async () => {
    const run = await runCli('recolour', SHEET, '--palette', PALETTE, '--order', '1,1', '--out', join(dir, 'y.png'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--order <list>' argument '1,1' is invalid. expected each of 0..N-1 once");
  });

  it("paints one cluster in another's colour with --paint, and refuses it beside --order", async () => {
    const out = join(dir, 'painted.png');
    const run = await runCli(
      'recolour',
      SHEET,
      ...['--tile', '1', '--tile-size', '4', '--palette', PALETTE, '--colours', '2', '--paint', '1:0', '--out', out],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const image = readPng(out);
    // The yellow keeps its own colour; the blue row takes the palette's largest colour (red).
    expect(Array.from(image.data.slice(0, 4))).toEqual([250, 200, 10, 255]);
    expect(Array.from(image.data.slice(12 * 4, 12 * 4 + 4))).toEqual([200, 10, 20, 255]);
    const both = await runCli(
      'recolour',
      SHEET,
      '--palette',
      PALETTE,
      '--order',
      '0,1',
      '--paint',
      '1:0',
      '--out',
      out,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--paint <I:J>' cannot be used with option '--order <list>'");
  });
});
