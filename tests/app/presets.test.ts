import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { census, metric, openPage, waitForStep } from './page-helpers.ts';

const app = useApp();

it("switches presets, opens Growing-NCA files, and shows a bad file's error while the sim runs on", async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#size=40x40&seed=5`);
  const options = await page.locator('[data-testid=preset] option').allTextContents();
  expect(options).toContain('untrained-k4');
  expect(options.some((o) => o.includes('train/'))).toBe(false);

  await page.selectOption('[data-testid=preset]', 'untrained-k4');
  await expect.poll(async () => (await census(page)).length).toBe(4);
  await expect.poll(() => page.textContent('[data-testid=legend]')).toContain('untrained-k4');

  // A malformed file: its error in the banner, naming the file; the simulation goes on untouched.
  await page.setInputFiles('[data-testid=open-file-input]', {
    name: 'broken.genome.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "epigenesis-genome", "version": 1, "architecture": {}}'),
  });
  await expect.poll(() => page.textContent('[data-testid=banner-message]')).toContain('broken.genome.json');
  const step = await metric(page, 'step');
  await waitForStep(page, step + 3);
  expect((await census(page)).length).toBe(4);

  // The Growing-NCA demo format, by file.
  const fixture = readFileSync('tests/fixtures/growing-ca/lizard-growing.json');
  await page.setInputFiles('[data-testid=open-file-input]', {
    name: 'lizard-growing.json',
    mimeType: 'application/json',
    buffer: fixture,
  });
  await expect.poll(async () => (await census(page)).length).toBe(1);
  expect(await page.inputValue('[data-testid=preset]')).toBe('file:lizard-growing.json');
  expect(await page.isHidden('[data-testid=banner]')).toBe(true);
  await expect.poll(() => metric(page, 'alive'), { timeout: 60_000 }).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});
