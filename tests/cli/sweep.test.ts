/** `npm run sweep` as a user runs it: a separate process, real files; its table against single sim runs. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeState } from '../../src/model/state-file.ts';
import { serializeGenome } from '../../src/model/genome-file.ts';
import { measure } from '../../src/model/metrics.ts';
import { resolveParams } from '../../src/model/params.ts';
import { runReference } from '../../src/model/reference.ts';
import { createSeededState } from '../../src/model/state.ts';
import { flags, ROOT, runCli } from '../support/run-cli.ts';
import { testGenome } from '../support/genomes.ts';

const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sweep = (...args: string[]) => runCli('sweep', ...args);

const genome = testGenome(
  { channels: 8, expertHidden: [8, 8] },
  { seed: 6, outputScale: 0.3, regulation: { topK: 1 } },
);
const GENOME = join(dir, 'tiny.genome.json');
writeFileSync(GENOME, serializeGenome(genome));
const TARGET = join(dir, 'square.png');
const png = new PNG({ width: 6, height: 6 });
for (let i = 0; i < 36; i++) png.data.set([200, 40, 40, 255], i * 4);
writeFileSync(TARGET, PNG.sync.write(png));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('sweep CLI', () => {
  it('every combination, its table equal to single sim and eval runs, a labelled contact sheet', async () => {
    const out = join(dir, 'grid');
    const run = await sweep(
      GENOME,
      ...flags({ vary: ['top-k=1,2', 'temperature=0.5,2,4'], steps: 6, size: '16x16', seeds: 2, target: TARGET, out }),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ growths: 12 });
    const report = readJson(join(out, 'sweep.json'));
    expect(report.rows.map((r: { label: string }) => r.label)).toEqual([
      'top-k=1, temperature=0.5',
      'top-k=1, temperature=2',
      'top-k=1, temperature=4',
      'top-k=2, temperature=0.5',
      'top-k=2, temperature=2',
      'top-k=2, temperature=4',
    ]);
    expect(report.rows[0].url).toBeNull(); // not a preset: the app cannot open it by name

    // Row 4 (top-k 2, temperature 2) against npm run sim with the same flags, seed by seed.
    const row = report.rows[4];
    const sims = await Promise.all(
      [0, 1].map(async (seed) => {
        const metrics = join(dir, `sim-${seed}.json`);
        const sim = await runCli(
          'sim',
          GENOME,
          ...flags({ steps: 6, size: '16x16', seed, topK: 2, temperature: 2, metrics }),
        );
        expect(sim.code).toBe(0);
        return readJson(metrics).series.at(-1);
      }),
    );
    sims.forEach((m, s) => {
      expect(row.perSeed[s].aliveCount).toBe(m.aliveCount);
      expect(row.perSeed[s].typeShares).toEqual(m.census.map((c: number) => c / m.aliveCount));
      expect(row.perSeed[s].meanPotency).toBeCloseTo(m.meanPotency, 12);
      expect(row.perSeed[s].activeParamFraction).toBeCloseTo(m.activeParamFraction, 12);
    });
    expect(row.aliveCount).toBe((sims[0].aliveCount + sims[1].aliveCount) / 2);
    const evaluated = JSON.parse(
      (
        await runCli(
          'eval',
          GENOME,
          ...flags({ target: TARGET, size: '16x16', steps: 6, seeds: 2, topK: 2, temperature: 2 }),
        )
      ).stdout,
    );
    expect(row.loss).toBeCloseTo(evaluated.atSteps[0].loss, 12);

    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'index,top-k,temperature,aliveCount,typeShare0,typeShare1,meanPotency,activeParamFraction,loss,url',
    );
    expect(csv).toHaveLength(7);
    expect(csv[5].split(',').slice(0, 4)).toEqual(['4', '2', '2', row.aliveCount.toFixed(1)]);

    // Sheet: 3 columns (temperature) x 2 rows (top-k) of 16x16 pictures scaled by 10, 4-pixel gaps.
    const sheet = PNG.sync.read(readFileSync(join(out, 'sheet.png')));
    expect([sheet.width, sheet.height]).toEqual([3 * 160 + 2 * 4, 2 * 160 + 4]);
    const svg = readFileSync(join(out, 'sheet.svg'), 'utf8');
    for (const label of ['temperature=0.5', 'temperature=4', 'top-k=1', 'top-k=2'])
      expect(svg).toContain(`>${label}</text>`);
  });

  it("from an exported state, knockouts, and the app's URL for a preset", async () => {
    const preset = 'presets/untrained-k4.genome.json';
    const k4 = JSON.parse(readFileSync(join(ROOT, preset), 'utf8'));
    expect(k4.architecture.experts).toHaveLength(4);
    const out = join(dir, 'k4');
    const run = await sweep(preset, ...flags({ vary: 'knockout=none,1', steps: 0, size: '12x12', out }));
    expect(run.code).toBe(0);
    const rows = readJson(join(out, 'sweep.json')).rows;
    expect(rows.map((r: { params: { knockouts: number[] } }) => r.params.knockouts)).toEqual([[], [1]]);
    expect(rows[1].url).toBe('#preset=untrained-k4&seed=0&size=12x12&knockouts=1');

    const params = resolveParams(genome.regulation, 2, 'test');
    const grown = runReference(genome, params, createSeededState(genome, 20, 14), 3, 8);
    const stateFile = join(dir, 'grown.state.json');
    writeFileSync(stateFile, serializeState(grown, 'tiny'));
    const fromState = await sweep(
      GENOME,
      ...flags({ vary: 'top-k=1', steps: 0, fromState: stateFile, out: join(dir, 'state') }),
    );
    expect(fromState.code).toBe(0);
    const report = readJson(join(dir, 'state/sweep.json'));
    expect(report.size).toEqual({ width: 20, height: 14 });
    // Zero steps: the table measures the exported grid itself.
    expect(report.rows[0].aliveCount).toBe(measure(genome, grown).aliveCount);
    expect(report.rows[0].meanPotency).toBeCloseTo(measure(genome, grown).meanPotency, 12);
  });

  it('varies the environment signal of a genome that reads one, as sim --environment grows it', async () => {
    const envGenome = testGenome({ channels: 8, expertHidden: [8, 8], morphogens: 1 }, { seed: 9, outputScale: 0.4 });
    envGenome.metadata.provenance = { morphogens: ['environment'] };
    const file = join(dir, 'env.genome.json');
    writeFileSync(file, serializeGenome(envGenome));
    const out = join(dir, 'env');
    const run = await sweep(file, ...flags({ vary: 'environment=0,1', steps: 8, size: '16x16', out }));
    expect(run.code).toBe(0);
    const rows = readJson(join(out, 'sweep.json')).rows;
    for (const [i, value] of ['0', '1'].entries()) {
      const metrics = join(dir, `env-${value}.json`);
      const sim = await runCli('sim', file, ...flags({ steps: 8, size: '16x16', environment: value, metrics }));
      expect(sim.code).toBe(0);
      const last = readJson(metrics).series.at(-1);
      expect(rows[i].aliveCount).toBe(last.aliveCount);
      expect(rows[i].meanPotency).toBeCloseTo(last.meanPotency, 12);
    }
    expect(rows[0].meanPotency).not.toBeCloseTo(rows[1].meanPotency, 6);
  });

  describe('bad input: exit 2 naming the flag and the value, nothing written', () => {
    const cases: [string, string[], RegExp][] = [
      [
        'top-k out of range',
        ['--vary', 'top-k=0,2'],
        /--vary <NAME=VALUES>.*top-k: expected an integer in \[1, 16\], got 0/,
      ],
      ['not a number', ['--vary', 'temperature=1,abc'], /temperature: .*got "abc"/],
      [
        'unknown name',
        ['--vary', 'speed=1,2'],
        /expected a name among temperature, top-k, .*knockout, environment, got "speed"/,
      ],
      [
        'a knockout beyond the experts',
        ['--vary', 'knockout=none,5'],
        /knockout: expected expert indices in \[0, 1\] or none .* got 5/,
      ],
      [
        'an environment the genome does not read',
        ['--vary', 'environment=0,1'],
        /environment: .*tiny\.genome\.json reads no environment signal/,
      ],
      [
        'an environment out of range',
        ['--vary', 'environment=0,2'],
        /environment: expected a number in \[0, 1\], got "2"/,
      ],
      ['an axis twice', ['--vary', 'top-k=1', '--vary', 'top-k=2'], /top-k is varied twice/],
      ['no --vary', [], /required option '--vary <NAME=VALUES>' not specified/],
      [
        'a missing state',
        ['--vary', 'top-k=1', '--from-state', join(dir, 'none.json')],
        /--from-state <file>': .*none\.json: cannot read the state file/,
      ],
    ];
    it.each(cases)('%s', async (_, args, message) => {
      const out = join(dir, `bad-${Math.random().toString(36).slice(2)}`);
      const run = await sweep(GENOME, ...args, '--steps', '2', '--size', '8x8', '--out', out);
      expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    });
  });
});
