import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { openPage, pause, stepOnce, waitForStep } from './page-helpers.ts';

const app = useApp();

it('hovering a cell shows its type, expression, marks and state; outside the organism it reads empty', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#preset=ladybeetle/ladybeetle&size=48x48&seed=3`);
  await waitForStep(page, 40);
  await pause(page);
  await stepOnce(page);
  const box = (await page.locator('#view').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect
    .poll(() => page.textContent('[data-testid=inspector-title]'))
    .toMatch(/^cell \(2[34], 2[34]\): expert [0-3]$/);
  const rows = await page.locator('#inspector .inspector-row').allTextContents();
  expect(rows.map((r) => r.split(/\d|-/)[0])).toEqual(['expression', 'marks', 'state']);
  const stateValues = page.locator('#inspector .inspector-row').nth(2).locator('.inspector-value');
  expect(await stateValues.count()).toBe(16); // the ladybeetle's channels

  // The fit camera shows the 48-cell grid over 95 % of the canvas's short side: cell (45, 45) is empty.
  const side = Math.min(box.width, box.height) * 0.95;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.waitForTimeout(150); // the inspector reads at most ten times a second
  await page.mouse.move(cx + side * (45.5 / 48 - 0.5), cy + side * (45.5 / 48 - 0.5));
  await expect.poll(() => page.textContent('[data-testid=inspector-title]')).toBe('cell (45, 45): empty');
  await page.waitForTimeout(150);
  await page.mouse.move(box.x + 2, box.y + 2); // outside the grid: no cell to show
  await expect.poll(() => page.isHidden('[data-testid=inspector]')).toBe(true);
});

it('the about panel links to the design notes in docs/', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#size=32x32`);
  await page.click('[data-testid=about-button]');
  expect(await page.getAttribute('[data-testid=about-docs]', 'href')).toBe('docs/DESIGN.md');
});

it('a genome trained with a morphogen gradient starts with it painted: the inspector reads it', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#preset=french-flag/french-flag&size=64x64&seed=2`);
  const box = (await page.locator('#view').boundingBox())!;
  const side = Math.min(box.width, box.height) * 0.95;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const morphogenAt = async (x: number, y: number) => {
    await page.waitForTimeout(150); // the inspector reads at most ten times a second
    await page.mouse.move(cx + side * ((x + 0.5) / 64 - 0.5), cy + side * ((y + 0.5) / 64 - 0.5));
    await expect
      .poll(() => page.textContent('[data-testid=inspector-title]'))
      .toMatch(new RegExp(`^cell \\(${x}, ${y}\\)`));
    const row = page.locator('#inspector .inspector-row', { hasText: 'morphogens' });
    return Number(await row.locator('.inspector-value').first().textContent());
  };
  // Field x, in units of the 48-cell training grid, centred on this 64-cell grid: 0.5 + (x - 31.5) / 47.
  expect(await morphogenAt(10, 30)).toBeCloseTo(0.5 + (10 - 31.5) / 47, 3);
  expect(await morphogenAt(50, 12)).toBeCloseTo(0.5 + (50 - 31.5) / 47, 3);
});
