/** `npm run eval` as a user runs it: a separate process, a tiny genome and target, JSON on stdout. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../../src/model/params.ts';
import { runReference } from '../../src/model/reference.ts';
import { eraseShare } from '../../src/model/brushes.ts';
import { parseGenome, serializeGenome } from '../../src/model/genome-file.ts';
import { createSeededState, type CellState } from '../../src/model/state.ts';
import { padTarget, premultiplyRgba8, rgbaLoss, sheetTile } from '../../src/model/target.ts';
import { flags, runCli } from '../support/run-cli.ts';
import { testGenome } from '../support/genomes.ts';

const dir = mkdtempSync(join(tmpdir(), 'eval-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const evaluate = (...args: string[]) => runCli('eval', ...args);

// A 6x6 target: an opaque red square (255, 0, 0) in the middle 4x4, transparent around it.
const TARGET = join(dir, 'square.png');
const png = new PNG({ width: 6, height: 6 });
for (let y = 0; y < 6; y++)
  for (let x = 0; x < 6; x++)
    png.data.set(x > 0 && x < 5 && y > 0 && y < 5 ? [255, 0, 0, 255] : [0, 0, 0, 0], (y * 6 + x) * 4);
writeFileSync(TARGET, PNG.sync.write(png));

const genome = testGenome(
  { channels: 8, expertHidden: [8, 8] },
  { seed: 4, outputScale: 0.3, regulation: { topK: 1 } },
);
const GENOME = join(dir, 'tiny.genome.json');
writeFileSync(GENOME, serializeGenome(genome));

const LIZARD = 'tests/fixtures/growing-ca/lizard-regenerating.json';
const SHEET = 'tests/fixtures/growing-ca/emoji-targets.png';

/** The loss of a 16x16 grid against the square centred on it, written out. */
function squareLoss(g: CellState): number {
  let sum = 0;
  for (let cell = 0; cell < 256; cell++) {
    const x = cell % 16,
      y = Math.floor(cell / 16);
    const inside = x >= 6 && x <= 9 && y >= 6 && y <= 9;
    const want = inside ? [1, 0, 0, 1] : [0, 0, 0, 0];
    for (let c = 0; c < 4; c++) sum += (g.state[cell * 8 + c] - want[c]) ** 2;
  }
  return sum / 1024;
}

describe('eval CLI', () => {
  it('prints the loss at each step count, per seed and their mean, as the Growing-NCA measure defines it', async () => {
    const run = await evaluate(GENOME, '--target', TARGET, '--size', '16x16', '--steps', '0,6', '--seeds', '2');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ genome: GENOME, target: TARGET, width: 16, height: 16, seeds: [0, 1] });
    expect(report.atSteps.map((a: { step: number }) => a.step)).toEqual([0, 6]);

    // Step 0 is the seed cell (colour 0, alpha 1) at the centre (8, 8), which the 4x4 square (cells 6-9) covers:
    // 16 square cells of (1, 0, 0, 1) over 256 cells x 4 channels, less the seed cell's alpha, which matches.
    const atZero = report.atSteps[0];
    expect(atZero.losses).toHaveLength(2);
    expect(atZero.loss).toBeCloseTo((16 * 2 - 1) / (256 * 4), 9);
    expect(atZero.aliveCount).toBe(1);

    // Step 6 is what the reference step grows with each seed.
    const params = resolveParams(genome.regulation, 2, 'test');
    const grown = [0, 1].map((seed) => runReference(genome, params, createSeededState(genome, 16, 16), seed, 6));
    const expected = grown.map(squareLoss);
    expect(report.atSteps[1].losses[0]).toBeCloseTo(expected[0], 9);
    expect(report.atSteps[1].losses[1]).toBeCloseTo(expected[1], 9);
    expect(report.atSteps[1].loss).toBeCloseTo((expected[0] + expected[1]) / 2, 9);
    // Where the loss lies: at step 0 all of it in the square, none around; the alpha of its 15 empty cells.
    expect(atZero.parts).toEqual({ body: atZero.loss, rim: 0, outside: 0, alpha: 15 / 1024 });
    const { body, rim, outside } = report.atSteps[1].parts;
    expect(body + rim + outside).toBeCloseTo(report.atSteps[1].loss, 12);
  });

  it('--out writes the same JSON; regulation flags change the run', async () => {
    const out = join(dir, 'eval.json');
    const run = await evaluate(GENOME, ...flags({ target: TARGET, size: '16x16', steps: 6, seeds: 1, out, topK: 2 }));
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(run.stdout);
    expect(JSON.parse(run.stdout).params.topK).toBe(2);
  });

  it("--regrowth cuts 30% of each seed's organism away at the step given and counts the steps to be back", async () => {
    // The regenerating lizard of Growing-NCA, which regrows; its target is tile 0 of the emoji sheet.
    const args = flags({ target: SHEET, tile: 0, size: '48x48', steps: 60, seeds: 2, regrowth: 60 });
    const run = await evaluate(LIZARD, ...args);
    expect(run.stderr).toBe('');
    const { regrowth } = JSON.parse(run.stdout);
    expect(regrowth).toMatchObject({ at: 60, regrowSteps: 200, seeds: [0, 1] });

    const lizard = parseGenome(readFileSync(LIZARD, 'utf8'), 'lizard');
    const params = resolveParams(lizard.regulation, 1, 'lizard');
    const png = PNG.sync.read(readFileSync(SHEET));
    const target = padTarget(premultiplyRgba8(sheetTile(png.data, png.width, png.height, 0), 40, 40), 40, 40, 48, 48);
    const expected = [0, 1].map((seed) => {
      const grown = runReference(lizard, params, createSeededState(lizard, 48, 48), seed, 60);
      const lossBefore = rgbaLoss(grown, target);
      const cut = eraseShare(grown, 0.3);
      let g = cut.grid;
      let back: number | null = null;
      for (let step = 1; step <= 200; step++) {
        g = runReference(lizard, params, g, seed, 1);
        if (back === null && rgbaLoss(g, target) <= 1.5 * lossBefore) back = step;
      }
      return { lossBefore, erased: cut.erased, back, lossAtEnd: rgbaLoss(g, target) };
    });
    regrowth.results.forEach((r: Record<string, number>, i: number) => {
      expect(r.lossBefore).toBeCloseTo(expected[i].lossBefore, 9);
      expect(r.erasedCells).toBe(expected[i].erased);
      expect(r.lossAfterDamage).toBeGreaterThan(1.5 * r.lossBefore);
      expect(r.stepsToWithin1_5x).toBe(expected[i].back);
      expect(r.lossAtEnd).toBeCloseTo(expected[i].lossAtEnd, 9);
    });
    // It regrows, so both seeds come back and the worst is the later of the two.
    const steps = expected.map((e) => e.back as number);
    expect(steps.every((s) => s > 0)).toBe(true);
    expect(regrowth.worstSteps).toBe(Math.max(...steps));
  });

  it('--regrowth without a step cuts at step 96, where the presets are measured', async () => {
    const run = await evaluate(
      GENOME,
      '--target',
      TARGET,
      '--size',
      '16x16',
      '--steps',
      '6',
      '--seeds',
      '1',
      '--regrowth',
    );
    expect(JSON.parse(run.stdout).regrowth).toMatchObject({ at: 96, seeds: [0] });
  });

  describe('bad input: exit 2 with a message naming the flag', () => {
    const cases: [string, string[], RegExp][] = [
      ['no target', [GENOME], /--target <file.png>' not specified/],
      ['missing target file', [GENOME, '--target', join(dir, 'none.png')], /--target <file.png>': .*none\.png/],
      [
        'tile beyond the sheet',
        [GENOME, '--target', TARGET, '--tile', '3', '--tile-size', '6'],
        /--target <file.png>': .*tile: expected a tile index in \[0, 0\]/,
      ],
      [
        'target larger than the grid',
        [GENOME, '--target', TARGET, '--size', '4x4'],
        /is 6x6, larger than the 4x4 grid \(--size\)/,
      ],
      [
        'bad step list',
        [GENOME, '--target', TARGET, '--steps', '96,x'],
        /--steps <list>.*expected comma-separated integers/,
      ],
      [
        'an environment the genome does not read',
        [GENOME, '--target', TARGET, '--environment', '0.5'],
        /--environment <number>': .*tiny\.genome\.json reads no environment signal/,
      ],
      [
        'a regrowth step that is not a positive integer',
        [GENOME, '--target', TARGET, '--regrowth', '0'],
        /--regrowth \[step\]' argument '0' is invalid. expected an integer in \[1, 100000\]/,
      ],
      [
        'missing genome',
        [join(dir, 'none.genome.json'), '--target', TARGET],
        /none\.genome\.json: cannot read the genome file/,
      ],
    ];
    it.each(cases)('%s', async (_, args, message) => {
      const run = await evaluate(...args);
      expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
    });
  });
});
