/** `npm run hybrid` as a user runs it: a separate process that reads two genomes and writes a third. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGenome, serializeGenome } from '../../src/model/genome-file.ts';
import { testGenome } from '../support/genomes.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hybrid-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeGenome(name: string, channels: number, expertHidden: number[], seed: number): string {
  const file = join(dir, name);
  writeFileSync(file, serializeGenome(testGenome({ channels, expertHidden }, { seed, name })));
  return file;
}

const BEETLE = writeGenome('beetle.genome.json', 8, [8, 8, 8, 8], 1);
const BUTTERFLY = writeGenome('butterfly.genome.json', 8, [6, 6, 6, 6], 2);

describe('hybrid CLI', () => {
  it("writes one genome with both parents' experts that reads the environment signal", async () => {
    const out = join(dir, 'both.genome.json');
    const run = await runCli('hybrid', BEETLE, BUTTERFLY, '--out', out, '--margin', '10');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ out, experts: 8, margin: 10, gain: 4 });
    const hybrid = parseGenome(readFileSync(out, 'utf8'), out);
    expect(hybrid.architecture.expertHidden).toEqual([8, 8, 8, 8, 6, 6, 6, 6]);
    expect(hybrid.metadata.provenance.morphogens).toEqual(['environment']);
    expect(hybrid.regulation.morphogenGain).toBe(4);
  });

  it('exits 2 naming the file and field of parents that do not fit, writing nothing', async () => {
    const out = join(dir, 'none.genome.json');
    const narrow = writeGenome('narrow.genome.json', 12, [4, 4], 3);
    const run = await runCli('hybrid', BEETLE, narrow, '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${narrow}: field architecture.channels: expected 8 as in ${BEETLE}, got 12`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming a bad flag and its value, writing nothing', async () => {
    const out = join(dir, 'none.genome.json');
    const run = await runCli('hybrid', BEETLE, BUTTERFLY, '--out', out, '--margin', '0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--margin <number>' argument '0' is invalid");
    expect(run.stderr).toContain('expected a number in (0, 100], got "0"');
    expect(existsSync(out)).toBe(false);
  });
});
