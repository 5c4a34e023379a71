/**
 * Share links carry the grid's history (issue 11: clones survive share links): the brush calls since the
 * grid started over, replayed at their steps by the page that opens the link, which stops at the step the
 * link was taken at. An imported state cannot travel: sharing says so.
 */
import type { Page } from 'playwright';
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { cellsOnScreen, grownPage, metric, openPage, pause, settled, stepOnce, waitForStep } from './page-helpers.ts';

const app = useApp();

const SIZE = 48;
const hashOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1));
const cloneSize = async (page: Page, label: number) =>
  Number(await page.getAttribute(`[data-testid=fate-${label}]`, 'data-value'));

async function share(page: Page): Promise<string> {
  const before = page.url();
  await page.click('[data-testid=share]');
  await expect.poll(() => page.url()).not.toBe(before);
  return page.url();
}

it('clones and a wound travel in the link: the opened page replays them and stands at the same moment', async () => {
  const { page, errors } = await grownPage(app.browser, `${app.url}#size=${SIZE}x${SIZE}&seed=4`, 50);
  const at = await cellsOnScreen(page, SIZE);
  await page.keyboard.press('c');
  await page.locator('[data-testid=brush-size]').fill('4');
  await page.mouse.click(...at(20, 24));
  await page.mouse.click(...at(28, 24));
  await stepOnce(page);
  await page.keyboard.press('e');
  await page.mouse.move(...at(24, 20));
  await page.mouse.down();
  await page.mouse.move(...at(24, 28), { steps: 4 });
  await page.mouse.up();
  for (let i = 0; i < 3; i++) await stepOnce(page);
  await settled(page);
  const moment = {
    step: await metric(page, 'step'),
    alive: await metric(page, 'alive'),
    clones: [await cloneSize(page, 1), await cloneSize(page, 2)],
  };
  expect(moment.clones.every((n) => n > 10)).toBe(true);

  const link = await share(page);
  const hash = hashOf(link);
  expect(hash.get('at')).toBe(String(moment.step));
  expect(hash.get('strokes')!.length).toBeGreaterThan(10);
  console.log(`share-strokes: the link is ${link.length} characters (strokes ${hash.get('strokes')!.length})`);

  const opened = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const openErrors = await openPage(opened, link);
  await settled(opened);
  expect(await opened.textContent('[data-testid=play]')).toBe('Run'); // paused at the shared moment
  expect(await metric(opened, 'step')).toBe(moment.step);
  expect(await metric(opened, 'alive')).toBe(moment.alive);
  expect([await cloneSize(opened, 1), await cloneSize(opened, 2)]).toEqual(moment.clones);
  // Sharing the opened page again gives the same history (the address cleared first, so the link is new).
  await opened.evaluate(() => history.replaceState(null, '', '#'));
  expect(hashOf(await share(opened)).get('strokes')).toBe(hash.get('strokes'));
  expect([...errors, ...openErrors]).toEqual([]);
});

it('a link with broken strokes says so and grows from one seed; an imported state is not sent as strokes', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#size=${SIZE}x${SIZE}&seed=4&at=30&strokes=bm90LWRlZmxhdGU`);
  await expect
    .poll(() => page.textContent('[data-testid=banner-message]'))
    .toContain('URL: field strokes: expected deflated strokes');
  expect(await page.textContent('[data-testid=banner-message]')).toContain(
    'The grid grows from one seed cell instead.',
  );
  await waitForStep(page, 5);

  await pause(page);
  const [state] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-state]')]);
  const saved = Buffer.concat(await (await state.createReadStream()).toArray());
  await page.setInputFiles('[data-testid=import-state-input]', {
    name: 'saved.state.json',
    mimeType: 'application/json',
    buffer: saved,
  });
  await settled(page);
  const hash = hashOf(await share(page));
  expect(hash.has('strokes')).toBe(false);
  await expect
    .poll(() => page.textContent('[data-testid=banner-message]'))
    .toContain('not this grid: it was loaded from saved.state.json, which a link cannot carry');
  expect(errors).toEqual([]);
});
