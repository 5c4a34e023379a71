import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseGenome, serializeGenome } from '../../src/model/genome-file.ts';
import { MAX_LINK_GENOME_CHARS, packGenomeText, unpackGenomeText } from '../../src/ui/genome-in-link.ts';
import { decodeSetup, encodeSetup } from '../../src/ui/url-state.ts';
import { testGenome } from '../support/genomes.ts';

it('packs a genome file into base64url and back to the same genome', async () => {
  const text = readFileSync('presets/untrained-k4.genome.json', 'utf8');
  const packed = await packGenomeText(text);
  expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
  const back = await unpackGenomeText(packed);
  expect(back).toBe(JSON.stringify(JSON.parse(text))); // the same JSON, without its whitespace
  expect(parseGenome(back, 'k4')).toEqual(parseGenome(text, 'k4'));
  // The hash holds it as it is: URLSearchParams escapes none of its characters.
  const hash = encodeSetup({ params: {}, file: 'my 🐞.genome.json', genome: packed });
  expect(hash.endsWith(`&genome=${packed}`)).toBe(true);
  expect(decodeSetup(hash).setup).toEqual({ params: {}, file: 'my 🐞.genome.json', genome: packed });
});

it('every bundled one-body genome fits in a link; a large one does not', async () => {
  for (const file of [
    'ladybeetle/ladybeetle.genome.json',
    'spotless-ladybeetle/spotless-ladybeetle.genome.json',
    'butterfly/butterfly.genome.json',
    'french-flag/french-flag.genome.json',
    'untrained-k4.genome.json',
    'growing-ca/lizard-regenerating.json',
  ]) {
    expect((await packGenomeText(readFileSync(`presets/${file}`, 'utf8'))).length, file).toBeLessThanOrEqual(
      MAX_LINK_GENOME_CHARS,
    );
  }
  // The README says the hybrid's eight experts travel by preset name only.
  const hybrid = await packGenomeText(readFileSync('presets/hybrid/hybrid.genome.json', 'utf8'));
  expect(hybrid.length).toBeGreaterThan(MAX_LINK_GENOME_CHARS);
  const large = testGenome({ channels: 16, expertHidden: [128, 128, 128, 128] }, { seed: 1 });
  expect((await packGenomeText(serializeGenome(large))).length).toBeGreaterThan(MAX_LINK_GENOME_CHARS);
});

it('says what is wrong with a packed genome that is not one', async () => {
  await expect(unpackGenomeText('abc+def')).rejects.toThrow(/base64url/);
  await expect(unpackGenomeText('abcdefgh')).rejects.toThrow(/do not inflate/);
  const cut = await packGenomeText(readFileSync('presets/untrained-k4.genome.json', 'utf8'));
  await expect(unpackGenomeText(cut.slice(0, 4 * Math.floor(cut.length / 8)))).rejects.toThrow(/do not inflate/);
  await expect(unpackGenomeText(cut.slice(0, 4 * Math.floor(cut.length / 8) + 1))).rejects.toThrow(/base64url/);
});
