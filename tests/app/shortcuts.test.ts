import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { loseContext, metric, openPage, settled, waitForStep } from './page-helpers.ts';

const app = useApp();

it('answers the keyboard, shows help and about, and survives a WebGL context loss', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#size=40x40&seed=6`);
  await waitForStep(page, 12);
  await page.keyboard.press(' ');
  await expect.poll(() => page.textContent('[data-testid=play]')).toBe('Run');
  await settled(page);
  const paused = await metric(page, 'step');
  await page.keyboard.press('.');
  await expect.poll(() => metric(page, 'step')).toBe(paused + 1);
  await page.keyboard.press('e');
  expect(await page.getAttribute('[data-testid=tool-erase]', 'class')).toContain('active');
  await page.keyboard.press('2');
  await expect.poll(() => page.textContent('[data-testid=legend]')).toContain('cell type');

  await page.keyboard.press('?');
  expect(await page.isVisible('[data-testid=help]')).toBe(true);
  await page.keyboard.press('Escape');
  expect(await page.isHidden('[data-testid=help]')).toBe(true);
  await page.click('[data-testid=about-button]');
  expect(await page.textContent('[data-testid=about]')).toContain('epigenetic marks');
  await page.keyboard.press('Escape');

  // Context loss: the app waits, then rebuilds the engine from its last snapshot and runs on.
  await page.keyboard.press('r');
  await page.keyboard.press(' ');
  await waitForStep(page, 10);
  await page.waitForTimeout(4500); // past one snapshot interval
  await loseContext(page);
  await expect
    .poll(() => page.textContent('[data-testid=banner-message]'), { timeout: 30_000 })
    .toContain('restored from the snapshot');
  const restored = await metric(page, 'step');
  await waitForStep(page, restored + 3);
  expect(await metric(page, 'alive')).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

it('records the view as a WebM video', async () => {
  const page = await app.browser.newPage({ viewport: { width: 800, height: 600 }, acceptDownloads: true });
  await openPage(page, `${app.url}#size=32x32&seed=6`);
  await waitForStep(page, 2);
  await page.click('[data-testid=record]');
  await expect.poll(() => page.textContent('[data-testid=record]')).toContain('Stop');
  await page.waitForTimeout(1500);
  const [video] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=record]')]);
  expect(video.suggestedFilename()).toMatch(/\.webm$/);
  const bytes = readFileSync((await video.path())!);
  expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // the EBML header of WebM
});
