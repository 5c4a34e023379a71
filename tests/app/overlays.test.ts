/**
 * The overlays in the app's PNG snapshots: the scale bar, a painted knockout's outline and the inspected
 * cell's marker, checked by pixel colour where the camera puts them; they follow a zoom, leave with an undo
 * and come back after a WebGL context loss.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { discCells } from '../../src/model/brushes.ts';
import { KNOCKOUT_STRIPE } from '../../src/model/palette.ts';
import type { Camera } from '../../src/view/camera.ts';
import { MARKER_COLOUR, SCALE_BAR } from '../../src/view/overlay-style.ts';
import { scaleBar } from '../../src/view/scale-bar.ts';
import { useApp } from '../support/app-server.ts';
import { loseContext, openPage, pause, waitForStep } from './page-helpers.ts';

const app = useApp();

const SIZE = 48;

/**
 * The canvas as the Snapshot button saves it. A dispatched click leaves the mouse (and the inspected cell) where
 * it is.
 */
async function snapshot(page: Page): Promise<PNG> {
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid=snapshot]').dispatchEvent('click'),
  ]);
  return PNG.sync.read(readFileSync((await png.path())!));
}

const rgb = (image: PNG, x: number, y: number) => {
  const i = (Math.floor(y) * image.width + Math.floor(x)) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
};

/** Device pixels of the canvas for cell coordinates, through `camera` (the camera's own maths, written out). */
const screen = (camera: Camera, image: PNG) => ({
  x: (cx: number) => (cx - camera.centerX) * camera.zoom + image.width / 2,
  y: (cy: number) => (cy - camera.centerY) * camera.zoom + image.height / 2,
});

/**
 * The scale bar's first and last pixels are its colour, the pixel past its end is not, and its label is drawn
 * above it.
 */
function expectScaleBar(image: PNG, zoom: number): void {
  const length = Math.round(scaleBar(zoom, SCALE_BAR.maxLength).pixels);
  const [left, row] = [SCALE_BAR.margin, image.height - SCALE_BAR.margin - SCALE_BAR.thickness / 2];
  expect(rgb(image, left, row)).toEqual([...SCALE_BAR.colour]);
  expect(rgb(image, left + length - 1, row)).toEqual([...SCALE_BAR.colour]);
  expect(rgb(image, left + length + 2, row)).not.toEqual([...SCALE_BAR.colour]);
  let ink = 0;
  for (let y = row - 24; y < row - 4; y++) for (let x = left; x < left + 60; x++) if (rgb(image, x, y)[0] < 100) ink++;
  expect(ink).toBeGreaterThan(20); // "10 cells"
}

/** The knockout disc's outline: a band of the knockout colour just inside its leftmost, rightmost and top cells. */
function knockoutEdges(image: PNG, camera: Camera, disc: { x: number; y: number; radius: number }): number[][] {
  const cells = discCells({ width: SIZE, height: SIZE }, disc).map((i) => [i % SIZE, Math.floor(i / SIZE)]);
  const row = Math.round(disc.y),
    column = Math.round(disc.x);
  const xs = cells.filter(([, y]) => y === row).map(([x]) => x),
    ys = cells.filter(([x]) => x === column).map(([, y]) => y);
  const s = screen(camera, image);
  return [
    rgb(image, Math.floor(s.x(Math.min(...xs))) + 1, s.y(row + 0.5)),
    rgb(image, Math.ceil(s.x(Math.max(...xs) + 1)) - 2, s.y(row + 0.5)),
    rgb(image, s.x(column + 0.5), Math.floor(s.y(Math.min(...ys))) + 1),
  ];
}

it('snapshots: scale bar, knockout outline and inspected cell, following the camera; undo; context loss', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 }, acceptDownloads: true });
  const errors = await openPage(page, `${app.url}#size=${SIZE}x${SIZE}&seed=2&camera=24,24,9`);
  await waitForStep(page, 5);
  await pause(page);
  let camera: Camera = { centerX: 24, centerY: 24, zoom: 9 };
  // pixi starts asynchronously: the first frames may have no overlay yet.
  await expect
    .poll(
      async () => {
        try {
          expectScaleBar(await snapshot(page), camera.zoom);
          return true;
        } catch {
          return false;
        }
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  const box = (await page.locator('#view').boundingBox())!;
  const before = await snapshot(page);
  const cssScale = before.width / box.width;
  const css = (cx: number, cy: number) => {
    const s = screen(camera, before);
    return [box.x + s.x(cx) / cssScale, box.y + s.y(cy) / cssScale] as const;
  };
  const KNOCKOUT = [...KNOCKOUT_STRIPE];
  const disc = { x: 20.25, y: 20.25, radius: 5 };
  expect(knockoutEdges(before, camera, disc)).not.toContainEqual(KNOCKOUT);

  // A knockout dab (one click), then the pointer over cell (30, 12): the inspector's cell.
  await page.click('[data-testid=tool-knockout]');
  await page.locator('[data-testid=brush-size]').fill(String(disc.radius));
  await page.mouse.click(...css(disc.x, disc.y));
  await page.click('[data-testid=tool-pan]');
  await page.waitForTimeout(150); // the inspector reads at most ten times a second
  await page.mouse.move(...css(30.5, 12.5));
  await expect.poll(() => page.textContent('[data-testid=inspector-title]')).toMatch(/^cell \(30, 12\)/);
  let image = await snapshot(page);
  expectScaleBar(image, camera.zoom);
  expect(knockoutEdges(image, camera, disc)).toEqual([KNOCKOUT, KNOCKOUT, KNOCKOUT]);
  const s = screen(camera, image);
  const MARKER = [...MARKER_COLOUR];
  expect(rgb(image, Math.ceil(s.x(30)) - 2, s.y(12.5))).toEqual(MARKER); // left of the cell
  expect(rgb(image, Math.floor(s.x(31)) + 1, s.y(12.5))).toEqual(MARKER); // right of it
  expect(rgb(image, s.x(30.5), Math.ceil(s.y(12)) - 2)).toEqual(MARKER); // above it
  expect(rgb(image, s.x(30.5), s.y(12.5))).not.toEqual(MARKER); // the cell itself stays visible

  // Zoom in at the canvas's centre: the bar grows with the zoom, the outline stays on its cells.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.click('[data-testid=share]');
  await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('camera')).not.toBe('24,24,9');
  const [centerX, centerY, zoom] = new URLSearchParams(new URL(page.url()).hash.slice(1))
    .get('camera')!
    .split(',')
    .map(Number);
  camera = { centerX, centerY, zoom };
  expect(zoom).toBeGreaterThan(12);
  image = await snapshot(page);
  expectScaleBar(image, zoom);
  expect(knockoutEdges(image, camera, disc)).toEqual([KNOCKOUT, KNOCKOUT, KNOCKOUT]);

  // Undo takes the knockout, and its outline, away.
  await page.keyboard.press('u');
  await expect.poll(async () => knockoutEdges(await snapshot(page), camera, disc)).not.toContainEqual(KNOCKOUT);

  // After a context loss the GPU session, overlay layer included, is rebuilt: the bar is drawn again.
  await loseContext(page);
  await expect.poll(() => page.textContent('[data-testid=banner-message]'), { timeout: 30_000 }).toContain('restored');
  await expect
    .poll(
      async () => {
        try {
          expectScaleBar(await snapshot(page), zoom);
          return true;
        } catch {
          return false;
        }
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  expect(errors).toEqual([]);
});
