import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { census, metric, openPage, pause, setParam, stepOnce, waitForStep } from './page-helpers.ts';

const app = useApp();

it('opens on the default preset and grows it from one cell, drawing the canvas', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#size=48x48&seed=1`);
  expect(await page.inputValue('[data-testid=preset]')).toBe('ladybeetle/ladybeetle');
  await waitForStep(page, 1);
  // From one cell, one step in: paused, so a busy machine cannot read it later in the growth.
  await pause(page);
  await page.click('[data-testid=reset]');
  await expect.poll(() => metric(page, 'step')).toBe(0);
  await stepOnce(page);
  const early = await metric(page, 'alive');
  const before = await page.locator('#view').screenshot();
  await page.click('[data-testid=play]');
  await waitForStep(page, 25);
  expect(await metric(page, 'alive')).toBeGreaterThan(Math.max(early, 9) * 3);
  expect(Buffer.compare(before, await page.locator('#view').screenshot())).not.toBe(0);
  // One step a frame: the frame time is the time a step-and-draw takes, 1000 ms over the steps a second
  // (not the millisecond of CPU that issuing the GPU's work takes).
  const [rate, frame] = [await metric(page, 'rate'), await metric(page, 'frame')];
  expect(frame).toBeGreaterThan(0.5 * (1000 / rate));
  expect(frame).toBeLessThan(2 * (1000 / rate));
  expect(errors).toEqual([]);
});

it('applies a knockout switch and top-k live, without a restart', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#preset=untrained-k4&size=48x48&seed=3`);
  await waitForStep(page, 8);
  await pause(page);
  await stepOnce(page);
  const dense = await metric(page, 'active');
  const step = await metric(page, 'step');
  await setParam(page, 'top-k', 1);
  await stepOnce(page);
  expect(await metric(page, 'active')).toBeLessThan(dense);
  expect(await metric(page, 'step')).toBe(step + 1); // live: the grid went on, no reset

  const types = await census(page);
  const dominant = types.indexOf(Math.max(...types));
  expect(types[dominant]).toBeGreaterThan(0);
  await page
    .locator('.tp-lblv', { has: page.locator(`.tp-lblv_l:text-is("expert ${dominant}")`) })
    .locator('.tp-ckbv_w')
    .click();
  await stepOnce(page);
  expect((await census(page))[dominant]).toBe(0);
});

it('changes the grid size from the picker, starting again from one seed', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#size=40x40&seed=1`);
  expect(await page.inputValue('[data-testid=grid-size]')).toBe('');
  await waitForStep(page, 10);
  await pause(page);
  await page.selectOption('[data-testid=grid-size]', '32');
  await expect.poll(() => metric(page, 'step')).toBe(0);
  expect(await metric(page, 'alive')).toBe(1);
  await page.click('[data-testid=share]');
  await expect.poll(() => page.url()).toContain('size=32x32'); // the link is written once it is packed
});
