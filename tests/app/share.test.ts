import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { metric, openPage, pause, setParam, stepOnce, waitForStep } from './page-helpers.ts';

const app = useApp();

const paramValue = (page: import('playwright').Page, label: string) =>
  page
    .locator('.tp-lblv', { has: page.locator(`.tp-lblv_l:text-is("${label}")`) })
    .locator('input')
    .first()
    .inputValue();

it('shares the setup in the URL: a reload gets the same setup, and a bad URL field is reported', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#preset=untrained-k4&size=40x32&seed=77`);
  await setParam(page, 'top-k', 1);
  await setParam(page, 'temperature (tau)', 0.5);
  await page.keyboard.press('2'); // cell-type view
  await page.mouse.move(300, 300);
  await page.mouse.wheel(0, -300); // zoom in
  await page.click('[data-testid=share]');
  await expect.poll(() => page.url()).toContain('seed=77'); // the link is written once it is packed
  const shared = page.url();
  // Only what differs from the preset's own regulation, without float noise.
  const hash = new URLSearchParams(new URL(shared).hash.slice(1));
  expect(hash.get('temperature')).toBe('0.5');
  expect(hash.get('topK')).toBe('1');
  for (const unchanged of ['threshold', 'fireRate', 'noise', 'stepsPerFrame'])
    expect(hash.has(unchanged), unchanged).toBe(false);

  const again = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(again, shared);
  expect(await again.inputValue('[data-testid=preset]')).toBe('untrained-k4');
  expect(await paramValue(again, 'top-k')).toBe('1');
  expect(await paramValue(again, 'temperature (tau)')).toBe('0.50');
  await again.evaluate(() => history.replaceState(null, '', '#'));
  await again.click('[data-testid=share]');
  await expect.poll(() => again.url()).toBe(shared); // seed, size, view and camera included

  const bad = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(bad, `${app.url}#size=40x40&temperature=99&seed=1`);
  await expect.poll(() => bad.textContent('[data-testid=banner-message]')).toContain('field temperature');
  // The message lies over the canvas: the canvas stays where it is on a page without one.
  expect((await bad.locator('#view').boundingBox())!.y).toBe((await again.locator('#view').boundingBox())!.y);
  await waitForStep(bad, 2); // the rest of the setup still runs
});

it('downloads a PNG snapshot and exports the state, which loads back', async () => {
  const page = await app.browser.newPage({ viewport: { width: 900, height: 650 }, acceptDownloads: true });
  await openPage(page, `${app.url}#size=40x40&seed=4`);
  await waitForStep(page, 20);
  await pause(page);
  await stepOnce(page);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=snapshot]')]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(
    readFileSync((await png.path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');

  const alive = await metric(page, 'alive');
  const [state] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-state]')]);
  const saved = readFileSync((await state.path())!);
  await page.click('[data-testid=reset]');
  await expect.poll(() => metric(page, 'alive')).toBeLessThan(alive);
  await page.setInputFiles('[data-testid=import-state-input]', {
    name: 'saved.state.json',
    mimeType: 'application/json',
    buffer: saved,
  });
  await expect.poll(() => metric(page, 'alive')).toBe(alive);

  // A state holding NaN (as a diverged run would): the app pauses and offers a reset.
  const json = JSON.parse(saved.toString());
  const values = new Float32Array(Uint8Array.from(Buffer.from(json.state, 'base64')).buffer);
  values.fill(NaN, 0, values.length / 2);
  json.state = Buffer.from(values.buffer).toString('base64');
  await page.click('[data-testid=play]');
  await page.setInputFiles('[data-testid=import-state-input]', {
    name: 'nan.state.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await expect.poll(() => page.textContent('[data-testid=banner-message]'), { timeout: 30_000 }).toContain('diverged');
  await page.click('[data-testid=banner] button:text-is("Reset")');
  await expect.poll(() => metric(page, 'step')).toBeLessThan(15); // reset, and running again
  expect(await page.isHidden('[data-testid=banner]')).toBe(true);
});
