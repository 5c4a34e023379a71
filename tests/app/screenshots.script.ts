/**
 * Takes the screenshots in docs/screenshots (run by hand: npx tsx tests/app/screenshots.script.ts).
 * Not a test: it looks, a person judges.
 */
import { openApp } from '../support/app-server.ts';

const app = await openApp();
const shots: { file: string; hash: string; steps: number; then?: (page: import('playwright').Page) => Promise<void> }[] = [
  { file: 'lizard-phenotype.png', hash: '#size=72x72&seed=1', steps: 120 },
  { file: 'k4-cell-types.png', hash: '#preset=untrained-k4&size=72x72&seed=2&view=type:0', steps: 40 },
  { file: 'ladybeetle-cell-types.png', hash: '#preset=ladybeetle/ladybeetle&size=64x64&seed=1&view=type:0', steps: 90 },
  { file: 'help-overlay.png', hash: '#size=64x64&seed=1', steps: 30, then: async (page) => { await page.keyboard.press('?'); } },
];
for (const shot of shots) {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await page.goto(app.url + shot.hash);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=metric-step]')?.getAttribute('data-value')) >= n, shot.steps, { timeout: 120_000 });
  await page.click('[data-testid=play]');
  await shot.then?.(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `docs/screenshots/${shot.file}` });
  console.log('saved', shot.file);
  await page.close();
}
await app.close();
