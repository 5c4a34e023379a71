import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseGenome, serializeGenome } from '../../src/model/genome-file.ts';
import {
  MAX_LINK_GENOME_CHARS,
  packGenomeForLink,
  packGenomeText,
  unpackGenomeText,
} from '../../src/ui/genome-in-link.ts';
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
  // The README says the hybrid's eight experts travel as a file only with their weights in float16.
  const hybridText = readFileSync('presets/hybrid/hybrid.genome.json', 'utf8');
  expect((await packGenomeText(hybridText)).length).toBeGreaterThan(MAX_LINK_GENOME_CHARS);
  const hybrid = await packGenomeForLink(hybridText, 'hybrid.genome.json');
  expect(hybrid.float16).toBe(true);
  expect(hybrid.packed.length).toBeLessThanOrEqual(MAX_LINK_GENOME_CHARS);
  const large = testGenome({ channels: 16, expertHidden: [128, 128, 128, 128] }, { seed: 1 });
  expect((await packGenomeText(serializeGenome(large))).length).toBeGreaterThan(MAX_LINK_GENOME_CHARS);
});

/** Text that deflate cannot shrink: seeded pseudo-random letters. */
function noise(length: number): string {
  let state = 12345;
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return String.fromCharCode(65 + ((state >> 16) % 26));
  }).join('');
}

it('a genome too large for a link in float32 travels in float16, weight for weight within its rounding', async () => {
  const genome = testGenome({ channels: 16, expertHidden: [128, 128, 128, 128] }, { seed: 1 });
  const text = serializeGenome(genome);
  expect((await packGenomeText(text)).length).toBeGreaterThan(MAX_LINK_GENOME_CHARS);
  const { packed, float16 } = await packGenomeForLink(text, 'wide.genome.json');
  expect(float16).toBe(true);
  expect(packed.length).toBeLessThanOrEqual(MAX_LINK_GENOME_CHARS);
  const back = parseGenome(await unpackGenomeText(packed), 'wide.genome.json');
  expect(back.architecture).toEqual(genome.architecture);
  expect(back.metadata).toEqual(genome.metadata);
  const [w, halfW] = [genome.experts[3].hidden.w, back.experts[3].hidden.w];
  let worst = 0;
  for (let i = 0; i < w.length; i++)
    worst = Math.max(worst, Math.abs(halfW[i] - w[i]) / Math.max(Math.abs(w[i]), 1e-4));
  expect(worst).toBeGreaterThan(0); // rounded...
  expect(worst).toBeLessThan(1e-3); // ...to float16's 11 significant bits
  // One that fits stays as it is; one too large even in float16, and text that is no genome, come back whole.
  const small = readFileSync('presets/untrained-k4.genome.json', 'utf8');
  expect(await packGenomeForLink(small, 'k4')).toEqual({ packed: await packGenomeText(small), float16: false });
  const huge = serializeGenome(testGenome({ channels: 16, expertHidden: Array(8).fill(192) }, { seed: 1 }));
  const hugePacked = await packGenomeForLink(huge, 'huge.genome.json');
  expect(hugePacked.packed.length).toBeGreaterThan(MAX_LINK_GENOME_CHARS);
  expect(hugePacked.float16).toBe(true); // smaller at least, though not small enough: the caller refuses it
  const notGenome = JSON.stringify({ data: noise(200_000) }); // incompressible, and no genome
  expect(await packGenomeForLink(notGenome, 'n.json')).toEqual({
    packed: await packGenomeText(notGenome),
    float16: false,
  });
});

it('says what is wrong with a packed genome that is not one', async () => {
  await expect(unpackGenomeText('abc+def')).rejects.toThrow(/base64url/);
  await expect(unpackGenomeText('abcdefgh')).rejects.toThrow(/do not inflate/);
  const cut = await packGenomeText(readFileSync('presets/untrained-k4.genome.json', 'utf8'));
  await expect(unpackGenomeText(cut.slice(0, 4 * Math.floor(cut.length / 8)))).rejects.toThrow(/do not inflate/);
  await expect(unpackGenomeText(cut.slice(0, 4 * Math.floor(cut.length / 8) + 1))).rejects.toThrow(/base64url/);
});
