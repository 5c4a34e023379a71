/**
 * Lineage tracing as a user does it: two clones marked on the grown beetle with the Mark clone tool, a
 * wound erased between them, the regrowth watched in the fate panel and the clone view; clearing and undo;
 * clones through a state export and import.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { cloneColour } from '../../src/model/palette.ts';
import { useApp } from '../support/app-server.ts';
import { cellsOnScreen, grownPage, metric, pause, settled, waitForStep } from './page-helpers.ts';

const app = useApp();

const SIZE = 72;
const cloneSize = async (page: import('playwright').Page, label: number) => {
  const value = await page.getAttribute(`[data-testid=fate-${label}]`, 'data-value').catch(() => null);
  return value === null ? NaN : Number(value);
};

it('marks two clones, cuts a wound between them, follows both, clears them, undoes the clearing', async () => {
  const { page, errors } = await grownPage(app.browser, `${app.url}#size=${SIZE}x${SIZE}&seed=1`, 120);
  const box = (await page.locator('#view').boundingBox())!;
  const screenOf = await cellsOnScreen(page, SIZE);

  await page.keyboard.press('c'); // the Mark clone tool
  await page.locator('[data-testid=brush-size]').fill('5');
  for (const x of [28, 44]) {
    const [sx, sy] = screenOf(x, 36);
    await page.mouse.click(sx, sy);
  }
  await expect.poll(() => cloneSize(page, 1)).toBeGreaterThan(30);
  await expect.poll(() => cloneSize(page, 2)).toBeGreaterThan(30); // each stroke is a new clone
  const marked = [await cloneSize(page, 1), await cloneSize(page, 2)];

  // Over the phenotype, each clone's outline in its colour in the saved PNG: along its cells' edge, not far off.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid=snapshot]').dispatchEvent('click'),
  ]);
  const png = PNG.sync.read(readFileSync((await download.path())!));
  const scale = png.width / box.width; // device pixels per CSS pixel
  const inked = (label: number, x0: number, x1: number) => {
    const [left] = screenOf(x0, 36),
      [right] = screenOf(x1, 36);
    const [, top] = screenOf(0, 30),
      [, bottom] = screenOf(0, 42);
    let n = 0;
    for (let y = Math.round((top - box.y) * scale); y < (bottom - box.y) * scale; y++) {
      for (let x = Math.round((left - box.x) * scale); x < (right - box.x) * scale; x++) {
        const i = (y * png.width + x) * 4;
        if (
          png.data[i] === cloneColour(label)[0]
          && png.data[i + 1] === cloneColour(label)[1]
          && png.data[i + 2] === cloneColour(label)[2]
        )
          n++;
      }
    }
    return n;
  };
  expect(inked(1, 22, 34)).toBeGreaterThan(100); // 2-pixel bands around a disc of radius 5
  expect(inked(2, 38, 50)).toBeGreaterThan(100);
  expect(inked(1, 38, 50)).toBe(0);
  expect(inked(2, 22, 34)).toBe(0);

  // The clone view: the cells of each clone in its colour.
  await page.keyboard.press('0');
  const shot = PNG.sync.read(await page.locator('#view').screenshot());
  const colourAt = (x: number, y: number) => {
    const [sx, sy] = screenOf(x, y).map(Math.round);
    const i = ((sy - Math.round(box.y)) * shot.width + (sx - Math.round(box.x))) * 4;
    return [...shot.data.subarray(i, i + 3)];
  };
  expect(colourAt(28, 36)).toEqual([...cloneColour(1)]);
  expect(colourAt(44, 36)).toEqual([...cloneColour(2)]);

  // A wound between them, then 60 steps of regrowth: both clones take part in the new cells.
  await page.keyboard.press('e');
  const [wx, wy] = screenOf(36, 36);
  await page.mouse.click(wx, wy);
  await expect.poll(() => cloneSize(page, 1)).toBeLessThan(marked[0]);
  const wounded = [await cloneSize(page, 1), await cloneSize(page, 2)];
  const step = await metric(page, 'step');
  await page.click('[data-testid=play]');
  await waitForStep(page, step + 60);
  await pause(page);
  expect(await cloneSize(page, 1)).toBeGreaterThan(wounded[0]);
  expect(await cloneSize(page, 2)).toBeGreaterThan(wounded[1]);
  const census = JSON.parse((await page.getAttribute('[data-testid=fate-1]', 'data-census'))!) as number[];
  expect(census.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(await cloneSize(page, 1));
  expect(await page.textContent('[data-testid=fate-1]')).toMatch(/clone 1: \d+ cells, mean potency \d\.\d\d/);

  // Clear, then undo the clearing: the clones come back as they were.
  const before = await cloneSize(page, 2);
  await page.click('[data-testid=clear-clones]');
  await expect.poll(() => page.locator('[data-testid=fate-1]').count()).toBe(0);
  await page.click('[data-testid=undo]');
  await expect.poll(() => cloneSize(page, 2)).toBe(before);
  expect(errors).toEqual([]);
});

it('clones survive a state export and import', async () => {
  const { page, errors } = await grownPage(app.browser, `${app.url}#size=${SIZE}x${SIZE}&seed=3`, 80);
  await page.keyboard.press('c');
  await page.locator('[data-testid=brush-size]').fill('6');
  await page.mouse.click(...(await cellsOnScreen(page, SIZE))(36, 36));
  await expect.poll(() => cloneSize(page, 1)).toBeGreaterThan(30);
  const size = await cloneSize(page, 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-state]')]);
  const saved = JSON.parse(
    await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')),
  );
  expect(Buffer.from(saved.clones, 'base64').filter((label) => label === 1).length).toBe(size);

  await page.click('[data-testid=reset]');
  await expect.poll(() => page.locator('[data-testid=fate-1]').count()).toBe(0);
  await page.setInputFiles('[data-testid=import-state-input]', {
    name: 'clones.state.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(saved)),
  });
  await expect.poll(() => cloneSize(page, 1)).toBe(size);
  await settled(page);
  expect(errors).toEqual([]);
});
