/** Helpers for the app's end-to-end tests: read the readouts a user reads, use the panel a user uses. */
import type { Browser, Page } from 'playwright';
import { expect } from 'vitest';

export async function openPage(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  return errors;
}

export async function metric(page: Page, name: string): Promise<number> {
  const value = await page.getAttribute(`[data-testid=metric-${name}]`, 'data-value');
  return value === null ? NaN : Number(value);
}

export async function census(page: Page): Promise<number[]> {
  return JSON.parse((await page.getAttribute('[data-testid=metric-census]', 'data-value')) ?? '[]');
}

/** Waits until the readout has measured the state after `step` (the frame loop measures ~10 times a second). */
export async function waitForStep(page: Page, atLeast: number): Promise<void> {
  await expect.poll(() => metric(page, 'step'), { timeout: 60_000 }).toBeGreaterThanOrEqual(atLeast);
}

/** Types a value into the tweakpane row labelled `label`, as a user does, and confirms with Enter. */
export async function setParam(page: Page, label: string, value: number): Promise<void> {
  const input = page
    .locator('.tp-lblv', { has: page.locator(`.tp-lblv_l:text-is("${label}")`) })
    .locator('input')
    .first();
  await input.fill(String(value));
  await input.press('Enter');
}

export async function pause(page: Page): Promise<void> {
  if ((await page.textContent('[data-testid=play]')) === 'Pause') await page.click('[data-testid=play]');
  await expect.poll(() => page.textContent('[data-testid=play]')).toBe('Run');
  await settled(page);
}

/** Waits until the readout stops changing: the frame loop measures at most ten times a second. */
export async function settled(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const now = (await page.textContent('#readout')) ?? '';
    if (now === last) return;
    last = now;
    await page.waitForTimeout(400);
  }
  throw new Error('the readout never settled');
}

/** Clicks Step and waits until the readout shows the new step. */
export async function stepOnce(page: Page): Promise<void> {
  const before = await metric(page, 'step');
  await page.click('[data-testid=step]');
  await expect.poll(() => metric(page, 'step'), { timeout: 30_000 }).toBe(before + 1);
  await settled(page);
}

/** A new page on `url`, grown to `steps` steps and paused, with the page errors it collects: how a tool test starts. */
export async function grownPage(
  browser: Browser,
  url: string,
  steps: number,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, url);
  await waitForStep(page, steps);
  await pause(page);
  return { page, errors };
}

/**
 * The page point (CSS pixels) of the centre of cell (x, y) of a `size`-wide square grid under the fit camera,
 * which shows the grid over 95 % of the canvas's short side, centred.
 */
export async function cellsOnScreen(page: Page, size: number): Promise<(x: number, y: number) => [number, number]> {
  const box = (await page.locator('#view').boundingBox())!;
  const side = Math.min(box.width, box.height) * 0.95;
  return (x, y) => [
    box.x + box.width / 2 + side * ((x + 0.5) / size - 0.5),
    box.y + box.height / 2 + side * ((y + 0.5) / size - 0.5),
  ];
}

/** Loses the canvas's WebGL context and gives it back 300 ms later, as a GPU reset would. */
export async function loseContext(page: Page): Promise<void> {
  await page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('#view')!.getContext('webgl')!;
    const lose = gl.getExtension('WEBGL_lose_context')!;
    lose.loseContext();
    setTimeout(() => lose.restoreContext(), 300);
  });
}
