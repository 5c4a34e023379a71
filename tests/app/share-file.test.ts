/**
 * Share links taken while a local genome file is open (issue 11): the file travels in the link where it
 * fits, if need be with its weights in float16; where it does not even so, both the one who shares and the
 * one who opens are told, and a broken genome in a link opens the default preset with a message naming the
 * field.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { expect, it } from 'vitest';
import { serializeGenome } from '../../src/model/genome-file.ts';
import { packGenomeText } from '../../src/ui/genome-in-link.ts';
import { useApp } from '../support/app-server.ts';
import { census, openPage, setParam, waitForStep } from './page-helpers.ts';
import { testGenome } from '../support/genomes.ts';

const app = useApp();

const paramValue = (page: Page, label: string) =>
  page
    .locator('.tp-lblv', { has: page.locator(`.tp-lblv_l:text-is("${label}")`) })
    .locator('input')
    .first()
    .inputValue();
const hashOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1));
const banner = (page: Page) => page.textContent('[data-testid=banner-message]');

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.setInputFiles('[data-testid=open-file-input]', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect.poll(() => page.inputValue('[data-testid=preset]')).toBe(`file:${name}`);
}

/** Clicks Share and waits for the link (packing a file is asynchronous). */
async function share(page: Page, before = page.url()): Promise<string> {
  await page.click('[data-testid=share]');
  await expect.poll(() => page.url()).not.toBe(before);
  return page.url();
}

it('a local genome travels in the share link: the link opens the same genome with the same parameters', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#size=40x40&seed=5`);
  const genome = JSON.parse(readFileSync('presets/untrained-k4.genome.json', 'utf8'));
  genome.metadata.name = 'local four experts'; // not a preset's name: the link cannot have found it among them
  await openFile(page, 'local-k4.genome.json', JSON.stringify(genome, null, 2));
  await setParam(page, 'top-k', 1);
  const link = await share(page);
  const hash = hashOf(link);
  expect(hash.get('file')).toBe('local-k4.genome.json');
  expect(hash.has('preset')).toBe(false);
  expect(hash.get('topK')).toBe('1');
  console.log(`share-file: the link is ${link.length} characters (genome ${hash.get('genome')!.length})`);

  const again = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const againErrors = await openPage(again, link);
  expect(await again.inputValue('[data-testid=preset]')).toBe('file:local-k4.genome.json');
  expect(await again.textContent('[data-testid=legend]')).toContain('local four experts');
  expect(await paramValue(again, 'top-k')).toBe('1');
  expect((await census(again)).length).toBe(4);
  expect(await again.isHidden('[data-testid=banner]')).toBe(true);
  await waitForStep(again, 3);
  expect(await share(again, `${app.url}#`)).toBe(link); // and it shares again as it came
  expect([...errors, ...againErrors]).toEqual([]);
  await Promise.all([page.close(), again.close()]); // a page left open goes on stepping, slowing the next test
});

it('a genome too large in float32 travels with its weights in float16, and the one who shares is told', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#size=32x32&seed=5`);
  // The architecture of the default preset's config: what a user trains with `npm run train` and shares.
  const wide = testGenome({ channels: 16, expertHidden: [128, 128, 128, 128] }, { seed: 3 });
  wide.metadata.name = 'my wide beetle';
  await openFile(page, 'wide.genome.json', serializeGenome(wide));
  const link = await share(page);
  await expect.poll(() => banner(page)).toContain('wide.genome.json travels in the link with its weights rounded');
  expect(hashOf(link).get('file')).toBe('wide.genome.json');

  const opened = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const openedErrors = await openPage(opened, link);
  expect(await opened.inputValue('[data-testid=preset]')).toBe('file:wide.genome.json');
  expect(await opened.textContent('[data-testid=legend]')).toContain('my wide beetle');
  expect((await census(opened)).length).toBe(4);
  expect(await opened.isHidden('[data-testid=banner]')).toBe(true);
  await waitForStep(opened, 3);
  expect([...errors, ...openedErrors]).toEqual([]);
  await Promise.all([page.close(), opened.close()]);
});

it('a genome too large for a link: told when shared and by the link, which opens the default preset', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#size=32x32&seed=5`);
  // Too large even in float16: eight 192-unit experts.
  const large = testGenome({ channels: 16, expertHidden: Array(8).fill(192) }, { seed: 3 });
  await openFile(page, 'large.genome.json', serializeGenome(large));
  await setParam(page, 'temperature (tau)', 0.5);
  const link = await share(page);
  await expect.poll(() => banner(page)).toContain('large.genome.json cannot travel in the link');
  expect(hashOf(link).get('file')).toBe('large.genome.json');
  expect(hashOf(link).has('genome')).toBe(false);

  const opened = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(opened, link);
  expect(await banner(opened)).toContain(
    'This link was taken with the local file large.genome.json, which was too large to travel in the link: '
      + 'ladybeetle/ladybeetle opened instead',
  );
  expect(await opened.inputValue('[data-testid=preset]')).toBe('ladybeetle/ladybeetle');
  expect(await paramValue(opened, 'temperature (tau)')).toBe('1.00'); // the file's regulation stayed with the file
  await waitForStep(opened, 3);
  await Promise.all([page.close(), opened.close()]);
});

it('a broken genome in a link: an error naming the field, and the default preset runs', async () => {
  const genome = JSON.parse(readFileSync('presets/untrained-k4.genome.json', 'utf8'));
  genome.architecture.channels = 2;
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(
    page,
    `${app.url}#size=32x32&file=broken.genome.json&genome=${await packGenomeText(JSON.stringify(genome))}`,
  );
  const message = (await banner(page))!;
  expect(message).toContain('URL: field genome');
  expect(message).toContain('broken.genome.json');
  expect(message).toContain('channels');
  expect(await page.inputValue('[data-testid=preset]')).toBe('ladybeetle/ladybeetle');
  await waitForStep(page, 3);

  await page.close();
  const cut = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(cut, `${app.url}#size=32x32&file=cut.genome.json&genome=AAAA%`);
  expect(await banner(cut)).toContain('URL: field genome');
  await waitForStep(cut, 3);
});
