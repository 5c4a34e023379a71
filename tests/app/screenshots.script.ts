/**
 * Takes the screenshots in docs/screenshots (run by hand: npx tsx tests/app/screenshots.script.ts [NAME...],
 * NAME a part of the file names to take; all by default).
 * Not a test: it looks, a person judges.
 */
import { openApp } from '../support/app-server.ts';

const app = await openApp();

/** Page coordinates of grid cell (x, y) on a square grid of `size` under the app's fit camera. */
async function cellToPage(
  page: import('playwright').Page,
  size: number,
): Promise<(x: number, y: number) => [number, number]> {
  const box = (await page.locator('#view').boundingBox())!;
  const side = Math.min(box.width, box.height) * 0.95; // the fit camera
  return (x, y) => [
    box.x + box.width / 2 + side * ((x + 0.5) / size - 0.5),
    box.y + box.height / 2 + side * ((y + 0.5) / size - 0.5),
  ];
}

/**
 * README's lineage experiment in the app: two clones marked left and right of the beetle's middle, a wound
 * cut between them, 250 steps of regrowth, seen in the clone view with the fate panel.
 */
async function lineage(page: import('playwright').Page): Promise<void> {
  const at = await cellToPage(page, 72);
  await page.keyboard.press('c');
  await page.locator('[data-testid=brush-size]').fill('6');
  await page.mouse.click(...at(28, 36));
  await page.mouse.click(...at(44, 36));
  await page.keyboard.press('e');
  await page.locator('[data-testid=brush-size]').fill('7');
  await page.mouse.click(...at(36, 36));
  await page.keyboard.press('0');
  await page.click('[data-testid=play]');
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=metric-step]')?.getAttribute('data-value')) >= 400,
    null,
    { timeout: 300_000 },
  );
  await page.click('[data-testid=play]');
  await page.locator('[data-testid=fates]').scrollIntoViewIfNeeded();
}

const shots: {
  file: string;
  hash: string;
  steps: number;
  before?: (page: import('playwright').Page) => Promise<void>;
}[] = [
  { file: 'lizard-phenotype.png', hash: '#size=72x72&seed=1', steps: 120 },
  { file: 'k4-cell-types.png', hash: '#preset=untrained-k4&size=72x72&seed=2&view=type:0', steps: 40 },
  { file: 'ladybeetle-cell-types.png', hash: '#preset=ladybeetle/ladybeetle&size=64x64&seed=1&view=type:0', steps: 90 },
  {
    // The pointer over a cell of the beetle's black midline: the inspector shows its expression and state.
    file: 'ladybeetle-inspector.png',
    hash: '#preset=ladybeetle/ladybeetle&size=64x64&seed=1&view=type:0',
    steps: 90,
    before: async (page) => {
      const at = await cellToPage(page, 64);
      await page.mouse.move(...at(32, 36));
    },
  },
  { file: 'ladybeetle-lineage.png', hash: '#size=72x72&seed=1', steps: 149, before: lineage },
  {
    file: 'help-overlay.png',
    hash: '#size=64x64&seed=1',
    steps: 30,
    before: async (page) => {
      await page.keyboard.press('?');
    },
  },
];
const wanted = process.argv.slice(2);
for (const shot of shots.filter((s) => wanted.length === 0 || wanted.some((name) => s.file.includes(name)))) {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await page.goto(app.url + shot.hash);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=metric-step]')?.getAttribute('data-value')) >= n,
    shot.steps,
    { timeout: 120_000 },
  );
  await page.click('[data-testid=play]');
  await shot.before?.(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `docs/screenshots/${shot.file}` });
  console.log('saved', shot.file);
  await page.close();
}
await app.close();
