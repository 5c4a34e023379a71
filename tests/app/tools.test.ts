import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { KNOCKOUT_STRIPE } from '../../src/model/palette.ts';
import { useApp } from '../support/app-server.ts';
import { census, metric, openPage, pause, stepOnce, waitForStep } from './page-helpers.ts';

const app = useApp();

it('erases with a mouse drag, undoes the stroke, plants a seed, and knocks out a region', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#size=48x48&seed=2`);
  await waitForStep(page, 30);
  await pause(page);
  await stepOnce(page);
  const grown = await metric(page, 'alive');
  const box = (await page.locator('#view').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];

  // Erase: a big brush dragged across the middle of the organism.
  await page.click('[data-testid=tool-erase]');
  await page.locator('[data-testid=brush-size]').fill('8');
  await page.mouse.move(cx - 60, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => metric(page, 'alive')).toBeLessThan(grown * 0.8);

  await page.click('[data-testid=undo]');
  await expect.poll(() => metric(page, 'alive')).toBe(grown);

  // Seed: one cell in the empty corner of the grid.
  await page.click('[data-testid=tool-seed]');
  // The fit camera shows the 48-cell grid over 95 % of the canvas's short side: cell (45, 45) is empty.
  const side = Math.min(box.width, box.height) * 0.95;
  await page.mouse.click(cx + side * (45.5 / 48 - 0.5), cy + side * (45.5 / 48 - 0.5));
  await expect.poll(() => metric(page, 'alive')).toBe(grown + 1);

  // Knockout of all experts over the organism: its cells fall silent at the next step.
  await page.click('[data-testid=tool-knockout]');
  await page.selectOption('[data-testid=brush-expert]', 'all');
  await page.locator('[data-testid=brush-size]').fill('40');
  await page.mouse.click(cx, cy);
  await stepOnce(page);
  expect(await metric(page, 'silent')).toBeGreaterThan(0);
  expect((await census(page))[0]).toBeLessThan(grown / 2);

  // The painted-fields view shows the knockout as dark stripes, which no expert's colour or body is.
  await page.keyboard.press('9');
  const shot = PNG.sync.read(await page.locator('#view').screenshot());
  const at = (x: number, y: number) => [...shot.data.subarray((y * shot.width + x) * 4, (y * shot.width + x) * 4 + 3)];
  const row = Math.round(shot.height / 2);
  const dark = Array.from({ length: 40 }, (_, i) => at(Math.round(shot.width / 2) - 20 + i, row)).map((p) =>
    p.every((c) => c === KNOCKOUT_STRIPE[0]),
  );
  expect(dark.filter(Boolean).length).toBeGreaterThan(10); // stripes ...
  expect(dark.filter((d) => !d).length).toBeGreaterThan(10); // ... with the cells between them
  expect(await page.textContent('[data-testid=legend]')).toContain('knocked out');
});

it('forces an expert, reprograms marks and paints a morphogen on a K = 4 genome', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#preset=untrained-k4&size=40x40&seed=3&plasticity=0.05`);
  await waitForStep(page, 15);
  await pause(page);
  const box = (await page.locator('#view').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.locator('[data-testid=brush-size]').fill('40');

  await page.click('[data-testid=tool-force]');
  await page.selectOption('[data-testid=brush-expert]', '3');
  await page.mouse.click(cx, cy);
  await stepOnce(page);
  const forced = await census(page);
  expect(forced[3]).toBe(await metric(page, 'alive'));

  // Low plasticity has committed the cells a little; reprogramming makes them pluripotent again.
  const potency = await metric(page, 'potency');
  expect(potency).toBeLessThan(0.999);
  await page.click('[data-testid=tool-reprogram]');
  await page.mouse.click(cx, cy);
  await expect.poll(() => metric(page, 'potency')).toBeGreaterThan(potency);

  await page.keyboard.press('8'); // the morphogen view
  const before = await page.locator('#view').screenshot();
  await page.click('[data-testid=tool-morphogen]');
  await page.locator('[data-testid=brush-size]').fill('6');
  await page.mouse.click(cx - 40, cy - 40);
  await expect.poll(async () => Buffer.compare(before, await page.locator('#view').screenshot())).not.toBe(0);
});
