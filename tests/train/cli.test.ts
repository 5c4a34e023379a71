/**
 * `npm run train` as a user runs it: a separate process, real files. Tiny cases only: a 16x16 grid, a
 * 10x10 target, a few iterations.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGenome, serializeGenome } from '../../src/model/genome-file.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { resolveParams } from '../../src/model/params.ts';
import { referenceStep } from '../../src/model/reference.ts';
import { createSeededState } from '../../src/model/state.ts';
import { weightsFromGenome } from '../../src/train/weights.ts';
import { ROOT, TSX, runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const train = (...args: string[]) => runCli('train', ...args);

function writePng(path: string, width: number, height: number, pixel: (x: number, y: number) => number[]): void {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) png.data.set(pixel(x, y), (y * width + x) * 4);
  writeFileSync(path, PNG.sync.write(png));
}

const TARGET = join(dir, 'dot.png');
writePng(TARGET, 10, 10, (x, y) => ((x - 4.5) ** 2 + (y - 4.5) ** 2 < 16 ? [200, 60, 40, 255] : [0, 0, 0, 0]));

function config(name: string, overrides: Record<string, unknown> = {}, training: Record<string, unknown> = {}): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const json = {
    name,
    out: `${name}.genome.json`,
    target: { file: '../dot.png' },
    grid: { width: 16, height: 16 },
    architecture: { channels: 8, experts: [16, 16], gate: 0, morphogens: ['x'] },
    regulation: { topK: 1, fireRate: 0.5 },
    training: {
      iterations: 30,
      batch: 4,
      pool: 16,
      stepsMin: 12,
      stepsMax: 16,
      lr: 0.003,
      workers: 1,
      checkpointEvery: 10,
      ...training,
    },
    loss: { loadBalance: 0.1, sparsity: 0.01 },
    // One grid of each batch perturbed: every run below, the exact resume included, draws perturbations.
    perturb: { grids: 1, forceRadius: [1, 3] },
    report: {
      strip: [0, 8, 16],
      steps: 16,
      regrowSteps: 16,
      qualityGrid: { width: 16, height: 16 },
      qualitySteps: [8, 16],
      qualitySeeds: 2,
      trialSizes: [16],
    },
    ...overrides,
  };
  const file = join(folder, 'config.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

// Flags are checked before the config is read: a config that need not exist.
writeFileSync(join(dir, 'flags-config.json'), '{}');

const logLines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('train CLI', () => {
  it('a few iterations lower the loss and write a genome that loads and runs, with provenance and report', async () => {
    // Unperturbed: 30 iterations show learning most plainly without perturbed grids in the loss.
    const file = config('grow', { perturb: { grids: 0 } }, { workers: 2 });
    const run = await train('--config', file, '--quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.trim());
    expect(summary.backend).toMatch(/x 2 worker threads/);
    const iterations = logLines(join(dir, 'grow/grow.log.jsonl')).filter((l) => l.iteration && !l.event);
    expect(iterations).toHaveLength(30);
    const mean = (xs: { rgba: number }[]) => xs.reduce((s, x) => s + x.rgba, 0) / xs.length;
    expect(mean(iterations.slice(-5))).toBeLessThan(0.9 * mean(iterations.slice(0, 5)));

    const genomeFile = join(dir, 'grow/grow.genome.json');
    const genome = parseGenome(readFileSync(genomeFile, 'utf8'), genomeFile);
    expect(genome.metadata.provenance).toMatchObject({ iterations: 30, backend: summary.backend });
    expect(genome.metadata.provenance.finalLoss).toBeCloseTo(summary.loss);
    expect(typeof genome.metadata.provenance.date).toBe('string');
    expect((genome.metadata.provenance.config as { name: string }).name).toBe('grow');
    expect(genome.regulation).toMatchObject({ topK: 1, fireRate: 0.5 });
    const { grid } = referenceStep(
      genome,
      resolveParams(genome.regulation, 2, 'test'),
      createSeededState(genome, 16, 16),
      0,
    );
    expect(grid.state.every(Number.isFinite)).toBe(true);

    for (const f of ['loss.svg', 'strip.png', 'types.png', 'metrics.json', 'report.md'])
      expect(existsSync(join(dir, 'grow/grow.report', f))).toBe(true);
    const metrics = JSON.parse(readFileSync(join(dir, 'grow/grow.report/metrics.json'), 'utf8'));
    // The quality measure of npm run eval, and its command in report.md.
    expect(metrics.quality).toMatchObject({ width: 16, height: 16, seeds: [0, 1] });
    expect(metrics.quality.atSteps.map((a: { step: number }) => a.step)).toEqual([8, 16]);
    expect(metrics.trials).toHaveLength(1);
    expect(metrics.trials[0].rows.map((r: { trial: string }) => r.trial)).toEqual([
      'knockout 0, 50 steps',
      'knockout 1, 50 steps',
      'force 0 r6, 50 steps',
      'force 1 r6, 50 steps',
      'top-k 1 T0.5, 50 steps',
      'erase 30%',
      'erase r6 at the centre',
    ]);
    const markdown = readFileSync(join(dir, 'grow/grow.report/report.md'), 'utf8');
    const command = /`npm run eval -- (\S+) --target (\S+) --size 16x16`/.exec(markdown)!;
    expect(resolve(ROOT, command[1])).toBe(genomeFile);
    expect(resolve(ROOT, command[2])).toBe(TARGET);
    expect(markdown).toContain(`| 16 | ${metrics.quality.atSteps[1].loss.toFixed(4)} |`);
    expect(metrics.sparse.typeShares).toHaveLength(2);
    expect(metrics.regrowth.erasedCells).toBeGreaterThanOrEqual(0);
    // The regrowth trial on the training grid with the training seed (the default, 0), and the command that runs
    // it for other seeds.
    expect(metrics.regrowth).toMatchObject({ width: 16, height: 16, seed: 0 });
    expect(markdown).toContain(
      `(${metrics.regrowth.erasedCells} cells) cut away from the right at step ${metrics.steps}`,
    );
    expect(markdown).toMatch(/`npm run eval -- \S+ --target \S+ --size 16x16 --regrowth \d+`/);
    // And for every seed of the quality measure: on this grid, seed 0 is the report's own trial again.
    const bySeed = metrics.regrowthBySeed;
    expect(bySeed).toMatchObject({ width: 16, height: 16, seeds: [0, 1], at: metrics.steps });
    expect(bySeed.results).toHaveLength(2);
    const { stepsToWithin1_5x, lossBefore, lossAtEnd } = metrics.regrowth;
    expect(bySeed.results[0]).toMatchObject({ stepsToWithin1_5x, lossBefore, lossAtEnd });
    const steps = bySeed.results.map((r: { stepsToWithin1_5x: number | null }) => r.stepsToWithin1_5x ?? 'never');
    expect(markdown).toContain(`On 16x16 for seeds 0, 1: back in ${steps.join(' / ')} of ${bySeed.regrowSteps} steps`);
    expect(readFileSync(join(dir, 'grow/grow.report/loss.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('Ctrl-C writes a checkpoint; resuming it ends exactly where an uninterrupted run ends', async () => {
    const file = config('stop', {}, { iterations: 2000, checkpointEvery: 100000 });
    const log = join(dir, 'stop/stop.log.jsonl');
    // Its own process group, signalled as a whole: what Ctrl-C in a terminal does (tsx's launcher and the node
    // child both get it).
    const child = spawn(TSX, ['src/cli/train.ts', '--config', file, '--quiet', '--no-report'], {
      cwd: ROOT,
      detached: true,
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number>((done) => {
      const poll = setInterval(() => {
        if (existsSync(log) && logLines(log).filter((l) => !l.event).length >= 3) {
          clearInterval(poll);
          process.kill(-child.pid!, 'SIGINT');
        }
      }, 50);
      child.on('exit', (c) => {
        clearInterval(poll);
        done(c ?? -1);
      });
    });
    expect(stderr).toBe('');
    expect(code).toBe(130);
    const checkpoint = join(dir, 'stop/stop.checkpoint.bin');
    expect(existsSync(checkpoint)).toBe(true);
    expect(existsSync(join(dir, 'stop/stop.genome.json'))).toBe(false);
    const stoppedAt = logLines(log).find((l) => l.event === 'interrupted').iteration;
    expect(stoppedAt).toBeGreaterThanOrEqual(3);

    const total = stoppedAt + 4;
    const resumed = await train('--resume', checkpoint, '--iterations', String(total), '--quiet', '--no-report');
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const straightFile = config('straight', {}, { iterations: total, checkpointEvery: 100000 });
    const straight = await train('--config', straightFile, '--quiet', '--no-report');
    expect(straight.code).toBe(0);
    const weights = (f: string) => JSON.parse(readFileSync(f, 'utf8')).weights;
    expect(weights(join(dir, 'stop/stop.genome.json'))).toEqual(weights(join(dir, 'straight/straight.genome.json')));
    expect(JSON.parse(resumed.stdout).loss).toBe(JSON.parse(straight.stdout).loss);
  });

  it('a resumed run takes flags that change its recipe (--damage, --set, ...), recorded in the genome', async () => {
    const file = config('recipe', {}, { iterations: 3, checkpointEvery: 3, damage: 1, damageLate: [2, 6] });
    expect((await train('--config', file, '--quiet', '--no-report')).code).toBe(0);
    const resumed = await train(
      '--resume',
      join(dir, 'recipe/recipe.checkpoint.bin'),
      '--iterations',
      '5',
      '--damage',
      '1',
      '--report-steps',
      '7',
      '--set',
      'loss.sparsity=0.25',
      '--set',
      'perturb.hold=[0.5, 0.75]',
      '--set',
      'training.damageLate=null',
      '--quiet',
    );
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const provenance = JSON.parse(readFileSync(join(dir, 'recipe/recipe.genome.json'), 'utf8')).metadata.provenance;
    expect(provenance.iterations).toBe(5);
    expect(provenance.config.training.damage).toBe(1);
    expect(provenance.config.report.steps).toBe(7);
    expect(provenance.config.loss.sparsity).toBe(0.25);
    expect(provenance.config.perturb.hold).toEqual([0.5, 0.75]);
    expect(provenance.config.training.damageLate).toBeNull();
    // What the checkpoint's weights and pool are made of cannot change.
    for (const setting of ['architecture.experts=[4, 4]', 'grid.width=20', 'training.seed=3']) {
      const refused = await train('--resume', join(dir, 'recipe/recipe.checkpoint.bin'), '--set', setting, '--quiet');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(`--set ${setting.split('=')[0]}: cannot change in a resumed run`);
    }
    expect(JSON.parse(readFileSync(join(dir, 'recipe/recipe.report/metrics.json'), 'utf8')).steps).toBe(7);
  });

  it('training.averageFrom: the genome is the mean of the weights after each iteration past it', async () => {
    const allWeights = (f: string) =>
      weightsFromGenome(parseGenome(readFileSync(f, 'utf8'), f)).values.flatMap((v) => [...v]);
    // The live weights after iterations 4, 5 and 6: one run, resumed exactly from its checkpoint twice.
    const live = config('live', {}, { iterations: 4, checkpointEvery: 100 });
    const liveGenome = join(dir, 'live/live.genome.json');
    const liveCheckpoint = join(dir, 'live/live.checkpoint.bin');
    expect((await train('--config', live, '--quiet', '--no-report')).code).toBe(0);
    const snapshots = [allWeights(liveGenome)];
    for (const n of ['5', '6']) {
      expect((await train('--resume', liveCheckpoint, '--iterations', n, '--quiet', '--no-report')).code).toBe(0);
      snapshots.push(allWeights(liveGenome));
    }
    const mean = snapshots[0].map((_, i) => (snapshots[0][i] + snapshots[1][i] + snapshots[2][i]) / 3);

    const averaged = config('averaged', {}, { iterations: 6, checkpointEvery: 100, averageFrom: 3 });
    const run = await train('--config', averaged, '--quiet', '--no-report');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const averagedGenome = join(dir, 'averaged/averaged.genome.json');
    const got = allWeights(averagedGenome);
    expect(got.every((v, i) => Math.abs(v - mean[i]) <= 1e-6 * (1 + Math.abs(mean[i])))).toBe(true);
    expect(got.some((v, i) => Math.abs(v - snapshots[2][i]) > 1e-4)).toBe(true);
    const provenance = JSON.parse(readFileSync(averagedGenome, 'utf8')).metadata.provenance;
    expect(provenance.averaged).toEqual({ from: 3, snapshots: 3 });

    // Stopped at 5 (the average of two snapshots in its checkpoint) and resumed to 6: the same genome.
    const split = config('split', {}, { iterations: 5, checkpointEvery: 100, averageFrom: 3 });
    expect((await train('--config', split, '--quiet', '--no-report')).code).toBe(0);
    const splitCheckpoint = join(dir, 'split/split.checkpoint.bin');
    expect((await train('--resume', splitCheckpoint, '--iterations', '6', '--quiet', '--no-report')).code).toBe(0);
    expect(allWeights(join(dir, 'split/split.genome.json'))).toEqual(got);
    // Averaging switched off on resuming: the last live weights.
    const off = await train(
      '--resume',
      splitCheckpoint,
      '--set',
      'training.averageFrom=null',
      '--quiet',
      '--no-report',
    );
    expect(off.code).toBe(0);
    expect(allWeights(join(dir, 'split/split.genome.json'))).toEqual(snapshots[2]);
  });

  it("--from starts a run from a genome's weights, with a fresh optimiser and pool", async () => {
    const base = config('base', {}, { iterations: 4 });
    expect((await train('--config', base, '--quiet', '--no-report')).code).toBe(0);
    const baseGenome = join(dir, 'base/base.genome.json');
    const weights = (f: string) =>
      parseGenome(readFileSync(f, 'utf8'), f).experts.flatMap((e) => [...e.hidden.w, ...e.out.w]);

    const file = config('continued', {}, { iterations: 1, lr: 1e-6 });
    const run = await train('--config', file, '--from', baseGenome, '--quiet', '--no-report');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = join(dir, 'continued/continued.genome.json');
    // One Adam step of 1e-6 from the base genome: every weight moves by about the learning rate at most.
    const before = weights(baseGenome),
      after = weights(out);
    expect(Math.max(...after.map((w, i) => Math.abs(w - before[i])))).toBeLessThan(1e-5);
    expect(
      Math.max(...before.map((w, i) => Math.abs(w - weights(join(dir, 'grow/grow.genome.json'))[i]))),
    ).toBeGreaterThan(1e-3);
    const provenance = JSON.parse(readFileSync(out, 'utf8')).metadata.provenance;
    expect(provenance).toMatchObject({ iterations: 1, from: baseGenome });
    expect(logLines(join(dir, 'continued/continued.log.jsonl'))[0]).toMatchObject({
      event: 'start',
      from: baseGenome,
      iteration: 0,
    });
  });

  it('grid.morphogenScale: a genome trained on a grid wider than its fields starts grids with their unit', async () => {
    const scale = { width: 8, height: 8 };
    const file = config('scaled', { grid: { width: 16, height: 16, morphogenScale: scale } }, { iterations: 1 });
    const run = await train('--config', file, '--quiet', '--no-report');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = join(dir, 'scaled/scaled.genome.json');
    const genome = parseGenome(readFileSync(out, 'utf8'), out);
    expect(genome.metadata.provenance.config).toMatchObject({ grid: { morphogenScale: scale } });
    const { morphogens } = createSeededState(genome, 16, 16);
    expect(morphogens[1] - morphogens[0]).toBeCloseTo(1 / 7, 6); // x: one unit across 8 cells, not 16
    expect(morphogens[15]).toBeCloseTo(0.5 + 7.5 / 7, 5);
  });

  it('prints a progress line per checkpoint (loss, s/it, ETA) off a terminal; the log keeps wall time', async () => {
    const file = config('progress', {}, { iterations: 20, checkpointEvery: 10 });
    const run = await train('--config', file, '--no-report');
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^train: progress, backend wasm/);
    expect(lines.slice(1)).toHaveLength(2);
    for (const [i, line] of lines.slice(1).entries()) {
      expect(line).toMatch(
        new RegExp(
          `^train: it ${(i + 1) * 10}/20 \\| loss \\d\\.\\d{3}e-\\d+ \\(rgba \\d\\.\\d{3}e-\\d+\\) \\| lr 3\\.0e-3`
            + ' \\| \\d+\\.\\d\\d s/it \\| eta \\d+s \\| elapsed \\d+s$',
        ),
      );
    }
    const entries = logLines(join(dir, 'progress/progress.log.jsonl')).filter((l) => !l.event);
    expect(Date.parse(entries[0].time)).toBeGreaterThan(Date.now() - 600_000);
    const sum = entries.reduce((s: number, e: { seconds: number }) => s + e.seconds, 0);
    expect(entries.at(-1).elapsed).toBeCloseTo(sum, 6);
  });

  it.each([
    ['gate', 'gate', 'experts'],
    ['experts', 'experts', 'gate'],
  ] as const)('--train %s: only those weights learn; the others stay bit for bit', async (which, learns, frozen) => {
    const baseGenome = join(dir, 'base/base.genome.json');
    const file = config(`only-${which}`, {}, { iterations: 3 });
    const run = await train('--config', file, '--from', baseGenome, '--train', which, '--quiet', '--no-report');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const weights = (f: string) => JSON.parse(readFileSync(f, 'utf8')).weights as Record<string, unknown>;
    const before = weights(baseGenome),
      after = weights(join(dir, `only-${which}/only-${which}.genome.json`));
    expect(after[frozen]).toEqual(before[frozen]);
    expect(JSON.stringify(after[learns])).not.toBe(JSON.stringify(before[learns]));
    expect(
      JSON.parse(readFileSync(join(dir, `only-${which}/only-${which}.genome.json`), 'utf8')).metadata.provenance.config
        .training.train,
    ).toBe(which);
  });

  it('trains one genome on several bodies, each in its environment, resumed exactly, reported per body', async () => {
    const square = join(dir, 'square.png');
    writePng(square, 10, 10, (x, y) => (x > 1 && x < 8 && y > 1 && y < 8 ? [40, 60, 220, 255] : [0, 0, 0, 0]));
    const bodies = {
      bodies: [
        { target: { file: '../dot.png' }, environment: 0, silent: [1] },
        { target: { file: '../square.png' }, environment: 1 },
      ],
      loss: { silence: 0.5 },
    };
    const architecture = { channels: 8, experts: [16, 16], gate: 0, morphogens: ['environment'] };
    const twoBodies = (name: string, iterations: number) => {
      const file = config(name, { ...bodies, architecture }, { iterations, checkpointEvery: 2, remodel: 1 });
      const json = JSON.parse(readFileSync(file, 'utf8'));
      delete json.target;
      writeFileSync(file, JSON.stringify(json));
      return file;
    };
    const straight = await train('--config', twoBodies('bodies', 4));
    expect(straight.code).toBe(0);
    // The progress line gives each body's loss beside the batch's ('-' for a body the batch did not draw).
    const progress = straight.stderr.trim().split('\n').slice(1);
    expect(progress).toHaveLength(2);
    for (const line of progress) expect(line).toMatch(/\(rgba \S+; bodies (\d\.\d\de-\d|-) \/ (\d\.\d\de-\d|-)\)/);
    const metrics = JSON.parse(readFileSync(join(dir, 'bodies/bodies.report/metrics.json'), 'utf8'));
    expect(metrics.bodies.map((b: { environment: number }) => b.environment)).toEqual([0, 1]);
    for (const b of metrics.bodies) expect(b.quality.atSteps.map((a: { step: number }) => a.step)).toEqual([8, 16]);
    expect(readFileSync(join(dir, 'bodies/bodies.report/report.md'), 'utf8')).toContain('## Bodies');
    // The dot's body is taught to leave expert 1 silent: the log carries that term.
    const logged = readFileSync(join(dir, 'bodies/bodies.log.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{"iteration"'))
      .map((line) => JSON.parse(line));
    expect(logged).toHaveLength(4);
    expect(logged.some((entry) => entry.silence > 0)).toBe(true);
    // Each body's share of the batch loss: the batch mean lies between the bodies' means.
    for (const entry of logged) {
      expect(entry.rgbaByBody).toHaveLength(2);
      const drawn = entry.rgbaByBody.filter((v: number | null) => v !== null);
      expect(entry.rgba).toBeGreaterThanOrEqual(Math.min(...drawn) * (1 - 1e-5));
      expect(entry.rgba).toBeLessThanOrEqual(Math.max(...drawn) * (1 + 1e-5));
    }
    // Switching the environment mid-life, each way: the loss to both targets over the 300 steps after, and a strip.
    expect(metrics.switches.map((sw: { from: number; to: number }) => [sw.from, sw.to])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    for (const sw of metrics.switches) {
      expect(sw.series.map((p: { step: number }) => p.step)).toEqual(Array.from({ length: 31 }, (_, i) => i * 10));
      expect(sw.series[0].losses).toHaveLength(2);
    }
    for (const name of ['switch-0-to-1.png', 'switch-1-to-0.png'])
      expect(existsSync(join(dir, 'bodies/bodies.report', name))).toBe(true);
    // Every expert a body leaves dormant is forced in it, with a strip of pictures.
    const dormantPairs = metrics.bodies.flatMap((b: { grown: { expressedShares: number[] } }, body: number) =>
      b.grown.expressedShares.flatMap((share, expert) => (share < 0.01 ? [[body, expert]] : [])),
    );
    expect(metrics.dormant.map((d: { body: number; expert: number }) => [d.body, d.expert])).toEqual(dormantPairs);
    for (const [body, expert] of dormantPairs)
      expect(existsSync(join(dir, `bodies/bodies.report/dormant-${body}-${expert}.png`))).toBe(true);
    const genome = parseGenome(readFileSync(join(dir, 'bodies/bodies.genome.json'), 'utf8'), 'bodies');
    expect(genome.metadata.provenance.morphogens).toEqual(['environment']);

    expect((await train('--config', twoBodies('halves', 2), '--quiet', '--no-report')).code).toBe(0);
    const resumed = await train(
      '--resume',
      join(dir, 'halves/halves.checkpoint.bin'),
      '--iterations',
      '4',
      '--quiet',
      '--no-report',
    );
    expect(resumed.code).toBe(0);
    const weights = (f: string) => JSON.parse(readFileSync(f, 'utf8')).weights;
    expect(weights(join(dir, 'halves/halves.genome.json'))).toEqual(weights(join(dir, 'bodies/bodies.genome.json')));
  });

  it.each([
    // Discs larger than the grid: the damaged grid (the best one, a seed at first) loses every cell.
    ['a disc', 'wiped', { damageRadius: [2, 2] }],
    // A straight cut of every alive cell, drawn for each damage.
    ['a cut', 'cut', { damageCut: 1, damageCutShare: [1, 1] }],
    // The same disc, centred on one of the seed's living cells.
    ['a disc on the organism', 'aimed', { damageRadius: [2, 2], damageAt: 'organism' }],
    // The same disc on a grid drawn among all but the reseeded one.
    ['a disc on any grid', 'anygrid', { damageRadius: [2, 2], damagePick: 'any' }],
    // The same disc, inflicted a few steps before the rollout ends (the loss asks for regrowth in those).
    ['a late disc', 'late', { damageRadius: [2, 2], damageLate: [4, 12] }],
  ])(
    'adds a zero gradient for a batch whose seed %s wipes out (batch 2, 2 workers, damage 1)',
    async (_, name, damage) => {
      const file = config(
        name,
        { perturb: { grids: 0 } },
        { iterations: 3, batch: 2, pool: 4, workers: 2, damage: 1, ...damage },
      );
      const run = await train('--config', file, '--quiet', '--no-report');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const iterations = logLines(join(dir, `${name}/${name}.log.jsonl`)).filter((l) => !l.event);
      expect(iterations).toHaveLength(3);
      expect(iterations.every((l) => Number.isFinite(l.loss))).toBe(true);
    },
  );

  it.concurrent.each([
    [['--iterations', '0'], /--iterations <int>.*expected an integer in \[1, 1000000\], got "0"/],
    [['--batch', 'x'], /--batch <int>.*expected an integer in \[1, 256\], got "x"/],
    [['--pool', '5000'], /--pool <int>.*expected an integer in \[1, 4096\], got "5000"/],
    [['--lr', '0'], /--lr <number>.*expected a number in \(0, 1\], got "0"/],
    [['--lr', 'fast'], /--lr <number>.*expected a number in \(0, 1\], got "fast"/],
    [['--damage', '-1'], /--damage <int>.*expected an integer in \[0, 256\], got "-1"/],
    [['--report-steps', '0'], /--report-steps <int>.*expected an integer in \[1, 100000\], got "0"/],
    [['--seed', '1.5'], /--seed <int>.*expected an integer in \[0, 16777215\], got "1.5"/],
    [['--workers', '0'], /--workers <int>.*expected an integer in \[1, 64\], got "0"/],
    [['--checkpoint-every', '0'], /--checkpoint-every <int>.*expected an integer in \[1, 1000000\], got "0"/],
    [['--train', 'brain'], /--train <weights>.*argument 'brain' is invalid\. Allowed choices are all, gate, experts/],
    [['--backend', 'gpu'], /--backend <name>.*argument 'gpu' is invalid/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--set', 'perturb.grids'], /--set <field=value>.*expected FIELD=VALUE such as perturb\.grids=0/],
    [['--set', 'loss.tissue=lots'], /--set <field=value>.*expected a JSON value after "loss\.tissue=", got "lots"/],
  ])('flag %s exits 2 naming the flag', async (args, message) => {
    const run = await train('--config', join(dir, 'flags-config.json'), ...args, '--quiet');
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });

  describe('bad input: a message naming file and field, exit 2, nothing written', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['missing config', () => ['--config', join(dir, 'nope.json')], /nope\.json: cannot read the training config/],
      [
        'missing target',
        () => ['--config', config('bad1', { target: { file: 'missing.png' } })],
        /field target\.file: .*missing\.png: unreadable/,
      ],
      [
        'non-PNG target',
        () => {
          writeFileSync(join(dir, 'text.png'), 'just text');
          return ['--config', config('bad2', { target: { file: '../text.png' } })];
        },
        /field target\.file: .*text\.png: not a PNG/,
      ],
      [
        'target larger than the grid',
        () => ['--config', config('bad3', { grid: { width: 8, height: 8 } })],
        /the target is 10x10, larger than the 8x8 grid/,
      ],
      ['unknown field', () => ['--config', config('bad4', { colour: 'red' })], /config\.json: unknown field "colour"/],
      [
        '--set of an unknown field',
        () => ['--config', config('bad-set1', {}), '--set', 'loss.tisue=0.1'],
        /config\.json: field loss: unknown field "tisue"/,
      ],
      [
        '--set of a bad value',
        () => ['--config', config('bad-set2', {}), '--set', 'perturb.grids=-1'],
        /config\.json: field perturb\.grids: expected/,
      ],
      [
        'unknown nested field',
        () => ['--config', config('bad5', {}, { speed: 2 })],
        /field training: unknown field "speed"/,
      ],
      [
        'out-of-range number',
        () => ['--config', config('bad6', { regulation: { topK: 0 } })],
        /field regulation\.topK: expected an integer in \[1, 16\], got 0/,
      ],
      [
        'out-of-range lr',
        () => ['--config', config('bad7', {}, { lr: 5 })],
        /field training\.lr: expected a number in \[0\.000001, 1\], got 5/,
      ],
      [
        'bad flag value',
        () => ['--config', config('bad8'), '--iterations', '0'],
        /--iterations.*expected an integer in \[1, 1000000\], got "0"/,
      ],
      [
        '--from a genome of another architecture',
        () => {
          const other = join(dir, 'other.genome.json');
          writeFileSync(
            other,
            serializeGenome(
              randomGenome(
                {
                  channels: 8,
                  perception: ['identity', 'sobel_x', 'sobel_y'],
                  expertHidden: [16, 16, 16],
                  gateHidden: 0,
                  morphogens: 1,
                },
                { seed: 1 },
              ),
            ),
          );
          return ['--config', config('bad9'), '--from', other];
        },
        /--from .*other\.genome\.json: architecture\.experts: expected the config's \[16,16\], got \[16,16,16\]/,
      ],
      [
        '--lr out of range',
        () => ['--config', config('bad14'), '--lr', '2'],
        /option '--lr <number>' argument '2' is invalid\. expected a number in \(0, 1\], got "2"/,
      ],
      [
        '--train gate without a gate',
        () => [
          '--config',
          config('bad15', { architecture: { channels: 8, experts: [16], gate: null, morphogens: [] } }),
          '--train',
          'gate',
        ],
        /field training\.train: expected all or experts for a genome without a gate, got gate/,
      ],
      [
        '--from a missing genome',
        () => ['--config', config('bad10'), '--from', join(dir, 'none.genome.json')],
        /--from: .*none\.genome\.json: cannot read/,
      ],
      [
        'more perturbed grids than the batch spares',
        () => ['--config', config('bad12', { perturb: { grids: 4 } })],
        /field perturb\.grids: expected at most 3 \(training\.batch less the reseeded grid and the 0 damaged\), got 4/,
      ],
      [
        'a cut share range the wrong way round',
        () => ['--config', config('bad20', {}, { damage: 1, damageCut: 0.5, damageCutShare: [0.4, 0.1] })],
        /field training\.damageCutShare: expected \[min, max\] with min <= max, got \[0\.4, 0\.1\]/,
      ],
      [
        'an unknown place for the damage discs',
        () => ['--config', config('bad21', {}, { damage: 1, damageAt: 'centre' })],
        /field training\.damageAt: expected one of box, organism, got "centre"/,
      ],
      [
        'an unknown pick of the grids to damage',
        () => ['--config', config('bad22', {}, { damage: 1, damagePick: 'young' })],
        /field training\.damagePick: expected one of best, any, got "young"/,
      ],
      [
        'late wounds due before the shortest rollout begins',
        () => ['--config', config('bad23', {}, { damage: 1, damageLate: [8, 13] })],
        /field training\.damageLate: expected at most training\.stepsMin \(12\), got 13/,
      ],
      [
        'late wounds with the range the wrong way round',
        () => ['--config', config('bad24', {}, { damage: 1, damageLate: [9, 3] })],
        /field training\.damageLate: expected \[min, max\] with min <= max, got \[9, 3\]/,
      ],
      [
        'unknown perturbation kind',
        () => ['--config', config('bad13', { perturb: { grids: 1, kinds: ['poke'] } })],
        /field perturb\.kinds\[0\]: expected one of knockout, force, regulation, got "poke"/,
      ],
      [
        'bodies without an environment field',
        () => {
          const file = config('bad16', {
            bodies: [
              { target: { file: '../dot.png' }, environment: 0 },
              { target: { file: '../dot.png' }, environment: 1 },
            ],
          });
          const json = JSON.parse(readFileSync(file, 'utf8'));
          delete json.target;
          writeFileSync(file, JSON.stringify(json));
          return ['--config', file];
        },
        /field architecture\.morphogens: expected an "environment" field for bodies to be told apart by/,
      ],
      [
        'both target and bodies',
        () => [
          '--config',
          config('bad17', {
            bodies: [
              { target: { file: '../dot.png' }, environment: 0 },
              { target: { file: '../dot.png' }, environment: 1 },
            ],
          }),
        ],
        /field target: expected either target \(one image\) or bodies .*got both/,
      ],
      [
        'a silent expert the genome does not have',
        () => {
          const file = config('bad18', {
            architecture: { channels: 8, experts: [16, 16], gate: 0, morphogens: ['environment'] },
            bodies: [
              { target: { file: '../dot.png' }, environment: 0, silent: [2] },
              { target: { file: '../dot.png' }, environment: 1 },
            ],
          });
          const json = JSON.parse(readFileSync(file, 'utf8'));
          delete json.target;
          writeFileSync(file, JSON.stringify(json));
          return ['--config', file];
        },
        /field bodies\[0\]\.silent: expected experts 0 to 1, got 2/,
      ],
      [
        'a silence weight with no silent expert',
        () => ['--config', config('bad19', { loss: { silence: 1 } })],
        /field loss\.silence: expected 0 when no body has silent experts \(bodies\[\]\.silent\), got 1/,
      ],
      [
        'tissueClusters beyond the expert count',
        () => ['--config', config('bad11', { tissueClusters: { clusters: 3 } })],
        /field tissueClusters\.clusters: expected at most the 2 experts, got 3/,
      ],
    ];
    it.each(cases)('%s', async (_, args, message) => {
      const argv = args();
      const folder = dirname(argv[1]);
      const name = folder.split('/').pop()!;
      const existing = join(folder, `${name}.genome.json`);
      if (existsSync(folder)) writeFileSync(existing, 'keep me');
      const run = await train(...argv, '--quiet');
      expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
      if (existsSync(folder)) {
        expect(readFileSync(existing, 'utf8')).toBe('keep me');
        expect(existsSync(join(folder, `${name}.log.jsonl`))).toBe(false);
        expect(existsSync(join(folder, `${name}.checkpoint.bin`))).toBe(false);
      }
    });
  });
});
