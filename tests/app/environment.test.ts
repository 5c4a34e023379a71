/** The environment signal in the app: a slider for genomes that read one, the field it sets, the share link. */
import { serializeGenome } from '../../src/model/genome-file.ts';
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { openPage, pause, setParam } from './page-helpers.ts';
import { testGenome } from '../support/genomes.ts';

const app = useApp();

const genome = testGenome(
  { channels: 8, expertHidden: [8, 8], morphogens: 1 },
  { seed: 3, outputScale: 0.2, name: 'two-bodies' },
);
genome.metadata.provenance = { morphogens: ['environment'] };

it('a genome reading an environment gets a slider that sets the field everywhere and travels in the link', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#preset=untrained-k4&size=32x32&seed=1`);
  // The default genomes read no environment: no slider.
  expect(await page.locator('.tp-lblv_l:text-is("signal")').count()).toBe(0);

  await page.evaluate((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'two-bodies.genome.json', { type: 'application/json' }));
    const stage = document.getElementById('stage')!;
    for (const type of ['dragenter', 'dragover', 'drop'])
      stage.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, serializeGenome(genome));
  await expect.poll(() => page.locator('.tp-lblv_l:text-is("signal")').count()).toBe(1);
  await pause(page);
  await page.keyboard.press('8'); // the morphogen view: the field itself
  const before = await page.locator('#view').screenshot();
  await setParam(page, 'signal', 0.7);
  await expect.poll(async () => Buffer.compare(before, await page.locator('#view').screenshot())).not.toBe(0);

  await page.click('[data-testid=share]');
  // Sharing a local file packs it first: the link comes a moment after the click.
  await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('environment')).toBe('0.7');
  expect(errors).toEqual([]);
});
