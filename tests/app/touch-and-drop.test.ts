import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { census, openPage } from './page-helpers.ts';

const app = useApp();

/** The camera zoom the Share link records (written once a local file is packed into it: wait for it). */
async function sharedZoom(page: Page): Promise<number> {
  await page.evaluate(() => history.replaceState(null, '', '#'));
  await page.click('[data-testid=share]');
  await expect.poll(() => new URL(page.url()).hash.length).toBeGreaterThan(1);
  const camera = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('camera');
  return Number(camera!.split(',')[2]);
}

/** Real touches through Chromium's input pipeline (DevTools protocol): fingers at CSS pixels of the canvas. */
async function pinch(page: Page, from: number, to: number): Promise<void> {
  const box = (await page.locator('#view').boundingBox())!;
  const session = await page.context().newCDPSession(page);
  const fingers = (spread: number) => [
    { id: 1, x: box.x + 200, y: box.y + 200 },
    { id: 2, x: box.x + 200 + spread, y: box.y + 200 },
  ];
  await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(from) });
  for (let i = 1; i <= 4; i++) {
    await session.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: fingers(from + ((to - from) * i) / 4),
    });
  }
  await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await session.detach();
}

it('a genome dropped on the page opens, and two fingers pinch the view to zoom in', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 }, hasTouch: true });
  const errors = await openPage(page, `${app.url}#preset=growing-ca/lizard-regenerating&size=40x40&seed=2`);
  expect((await census(page)).length).toBe(1);

  const text = readFileSync('presets/untrained-k4.genome.json', 'utf8');
  await page.evaluate((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'dropped.genome.json', { type: 'application/json' }));
    const stage = document.getElementById('stage')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      stage.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, text);
  await expect.poll(async () => (await census(page)).length).toBe(4);

  const before = await sharedZoom(page);
  await pinch(page, 40, 200);
  expect(await sharedZoom(page)).toBeGreaterThan(before * 2);
  expect(errors).toEqual([]);
});
