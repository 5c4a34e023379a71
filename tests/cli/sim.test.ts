/** The headless run as a user runs it: a separate process, real files, exit codes and stderr. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { flagName } from '../../src/cli/flags.ts';
import { serializeGenome } from '../../src/model/genome-file.ts';
import { BACKGROUND, EXPERT_COLOURS, cloneColour } from '../../src/model/palette.ts';
import { PARAMETER_NAMES } from '../../src/model/params.ts';
import { flags, runCli } from '../support/run-cli.ts';
import { testGenome } from '../support/genomes.ts';

const LIZARD = 'tests/fixtures/growing-ca/lizard-regenerating.json';
const dir = mkdtempSync(join(tmpdir(), 'sim-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sim = (...args: string[]) => runCli('sim', ...args);

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const pixels = (png: PNG) =>
  Array.from({ length: png.width * png.height }, (_, i) => [...png.data.subarray(i * 4, i * 4 + 4)]);

describe('sim CLI', () => {
  it('grows the lizard: a PNG, the metrics series, a one-line summary, nothing on stderr', async () => {
    const out = join(dir, 'lizard.png');
    const metrics = join(dir, 'lizard.json');
    const run = await sim(LIZARD, ...flags({ steps: 40, size: '32x32', seed: 1, out, metrics }));
    expect(run.stderr).toBe(''); // no progress bar when stderr is not a TTY
    expect(run.code).toBe(0);

    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]);
    expect(summary).toMatchObject({ file: LIZARD, steps: 40, size: { width: 32, height: 32 } });
    expect(summary.seconds).toBeGreaterThan(0);
    expect(summary.cellUpdatesPerSecond).toBeCloseTo((40 * 32 * 32) / summary.seconds, -3);

    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([32, 32]);
    const painted = pixels(png).filter(
      ([r, g, b]) => r !== BACKGROUND[0] || g !== BACKGROUND[1] || b !== BACKGROUND[2],
    );
    expect(painted.length).toBeGreaterThan(10);

    const report = readJson(metrics);
    expect(report).toMatchObject({
      file: LIZARD,
      genome: 'lizard-regenerating',
      size: { width: 32, height: 32 },
      seed: 1,
      steps: 40,
      every: 10,
    });
    expect(report.params).toMatchObject({ fireRate: 0.5, knockouts: [] });
    expect(report.series.map((m: { step: number }) => m.step)).toEqual([0, 10, 20, 30, 40]);
    expect(report.series.at(-1).aliveCount).toBe(summary.aliveCount);
    expect(summary.aliveCount).toBeGreaterThan(10);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]); // atomic writes left no temp file
  });

  it('rgba view: transparent where there are no cells; metrics at every K and at the last step', async () => {
    const out = join(dir, 'rgba.png');
    const metrics = join(dir, 'rgba.json');
    // 48x48: at 32x32 the 40-cell lizard wraps around the torus and leaves little empty space.
    const run = await sim(LIZARD, ...flags({ steps: 40, size: '48x48', view: 'rgba', every: 15, out, metrics }));
    expect(run.code).toBe(0);
    const all = pixels(PNG.sync.read(readFileSync(out)));
    expect(all).toHaveLength(48 * 48);
    for (const corner of [0, 47, 48 * 47, 48 * 48 - 1]) expect(all[corner]).toEqual([0, 0, 0, 0]); // far from the seed
    expect(all.filter(([, , , a]) => a === 0).length).toBeGreaterThan(all.length / 2);
    expect(all.some(([, , , a]) => a > 200)).toBe(true);
    expect(readJson(metrics).series.map((m: { step: number }) => m.step)).toEqual([0, 15, 30, 40]);
  });

  it('regulation flags and --knockout override the genome: knocked-out experts never appear', async () => {
    const genome = testGenome(
      { channels: 8, expertHidden: [8, 8, 8] },
      { seed: 5, outputScale: 0.5, regulation: { temperature: 0.5, knockouts: [0] } },
    );
    const file = join(dir, 'k3.genome.json');
    writeFileSync(file, serializeGenome(genome));
    const out = join(dir, 'k3.png');
    const metrics = join(dir, 'k3.json');
    const run = await sim(
      file,
      ...flags({ steps: 30, size: '16x16', topK: 1, knockout: '1,2', view: 'type', out, metrics }),
    );
    expect(run.code).toBe(0);
    const report = readJson(metrics);
    expect(report.params).toMatchObject({ temperature: 0.5, topK: 1, knockouts: [1, 2] });
    for (const m of report.series) expect(m.census.slice(1)).toEqual([0, 0]);
    expect(report.series.at(-1).census[0]).toBeGreaterThan(0);
    const colours = new Set(pixels(PNG.sync.read(readFileSync(out))).map(([r, g, b]) => `${r},${g},${b}`));
    expect(colours.has(EXPERT_COLOURS[0].join(','))).toBe(true);
    expect(colours.has(EXPERT_COLOURS[1].join(','))).toBe(false);
    expect(colours.has(EXPERT_COLOURS[2].join(','))).toBe(false);

    const bad = await sim(file, '--knockout', '3', '--steps', '1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--knockout.*\[0, 2\].*got 3/);
  });

  it('lineage tracing: two clones marked on the grown beetle, a wound cut between them, each followed', async () => {
    const out = join(dir, 'clones.png');
    const metrics = join(dir, 'clones.json');
    const run = await sim(
      'presets/ladybeetle/ladybeetle.genome.json',
      ...flags({
        steps: 160,
        size: '72x72',
        every: 20,
        clone: ['28,36,6', '44,36,6,9'],
        cloneAt: 100,
        erase: '36,36,6',
        eraseAt: 100,
        view: 'clone',
        out,
        metrics,
      }),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const series = readJson(metrics).series as {
      step: number;
      aliveCount: number;
      clones: { label: number; count: number; census: number[]; shares: number[]; meanPotency: number }[];
    }[];
    expect(series.map((m) => m.step)).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160]);
    expect(series[4].clones).toEqual([]); // before the marking
    const marked = series[5].clones,
      last = series.at(-1)!.clones;
    expect(marked.map((c) => c.label)).toEqual([1, 9]); // the second --clone gave its own label
    for (const [i, clone] of last.entries()) {
      expect(clone.census.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(clone.count);
      expect(clone.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
      expect(clone.meanPotency).toBeGreaterThanOrEqual(0);
      // The wound between the clones is refilled from them: both grow back past their marked size.
      expect(clone.count).toBeGreaterThan(marked[i].count);
    }
    const png = pixels(PNG.sync.read(readFileSync(out)));
    const count = (rgb: readonly number[]) =>
      png.filter(([r, g, b]) => r === rgb[0] && g === rgb[1] && b === rgb[2]).length;
    expect(count(cloneColour(1))).toBe(last[0].count);
    expect(count(cloneColour(9))).toBe(last[1].count);
  });

  it.each([
    [['--clone', '3,4'], "option '--clone <X,Y,R[,LABEL]>' argument '3,4' is invalid. expected X,Y,R or X,Y,R,LABEL"],
    [['--clone', '3,4,2,16'], 'expected a LABEL in [1, 15], got 16'],
    [['--erase', '3,4,-1'], 'expected a radius of at least 0, got -1'],
    [
      ['--clone', '3,4,2', '--clone-at', '50', '--steps', '10'],
      "option '--clone-at <int>': expected a step in [0, --steps 10], got 50",
    ],
  ])('refuses %j with exit 2, naming the flag', async (args, message) => {
    const run = await sim(LIZARD, '--size', '16x16', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('--help lists every flag with its help text and exits 0', async () => {
    const run = await sim('--help');
    expect(run.code).toBe(0);
    for (const flag of ['--steps', '--size', '--seed', '--view', '--out', '--metrics', '--every', '--knockout']) {
      expect(run.stdout).toContain(flag);
    }
    for (const name of PARAMETER_NAMES.filter((n) => n !== 'stepsPerFrame'))
      expect(run.stdout).toContain(`--${flagName(name)} <`);
  });

  const malformed = join(dir, 'malformed.json');
  writeFileSync(
    malformed,
    JSON.stringify({ format: 'epigenesis-genome', version: 1, architecture: { channels: 'eight' } }),
  );
  const notJson = join(dir, 'not-json.json');
  writeFileSync(notJson, '{"format":');

  it.concurrent.each([
    [['--view', 'bogus'], /--view.*bogus.*phenotype/],
    [['--size', '10'], /--size.*WIDTHxHEIGHT/],
    [['--size', '5000x10'], /--size.*width.*\[3, 4096\].*5000/],
    [['--steps', '-1'], /--steps.*integer in \[0, /],
    [['--seed', 'x'], /--seed.*integer in \[0, 16777215\]/],
    [['--temperature', '0'], /--temperature.*\[0.05, 10\].*got 0/],
    [['--fire-rate', 'fast'], /--fire-rate.*number in \[0, 1\]/],
    [['--every', '0'], /--every.*integer in \[1, /],
    [['--bogus'], /unknown option '--bogus'/],
    [['--out', join(dir, 'no-such-folder', 'x.png')], /--out.*no-such-folder/],
  ])('%s exits 2 naming the flag', async (args, message) => {
    const run = await sim(LIZARD, '--steps', '1', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it.concurrent.each([
    ['missing.json', /missing\.json: cannot read/],
    [malformed, /malformed\.json: field (architecture|format|version|metadata|regulation|weights)/],
    [notJson, /not-json\.json: expected JSON/],
  ])("genome file %s exits 2 with the parser's message", async (file, message) => {
    const run = await sim(file, '--steps', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
