import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, type AppSession } from '../support/app-server.ts';

let app: AppSession;
beforeAll(async () => { app = await openApp(); });
afterAll(async () => { await app?.close(); });

it('npm start serves a page that loads the default preset and lists its parameters', async () => {
  const page = await app.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  await expect.poll(() => page.textContent('#preset')).toContain('Default preset: untrained-k4');
  expect(await page.textContent('#preset')).toContain('4 experts');
  expect(await page.locator('#preset tr').count()).toBe(9); // a header and the 8 declared parameters
  expect(errors).toEqual([]);
});
