/**
 * `npm run sweep -- GENOME --vary top-k=1,2,3,4 --vary temperature=0.25,1,4 [--vary knockout=none,0,1]
 * --steps N --size WxH --seeds S --out DIR`: grows the genome under every combination of the values (the
 * reference step, on a pool of worker threads, one per core), from one seed cell or from an exported state
 * (--from-state), and writes to DIR:
 *   sheet.png / sheet.svg  the contact sheet (seed 0's end in --view; the SVG labels rows and columns)
 *   sweep.csv / sweep.json the table: per combination, alive cells, type shares, mean potency,
 *                          active-parameter fraction and the loss to --target, mean over seeds (the JSON
 *                          also per seed, and the app's URL hash for the combination when GENOME is a preset)
 * Thin: parse -> check everything -> run -> write. Bad input exits 2 with nothing written.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import Tinypool from 'tinypool';
import { parseState } from '../model/state-file.ts';
import { expertCount, type Genome } from '../model/genome.ts';
import { parseGenome } from '../model/genome-file.ts';
import { requireEnvironmentSignal } from './regulation-flags.ts';
import { PARAMETER_NAMES, resolveParams, type RegulationParams } from '../model/params.ts';
import {
  combinationEnvironment,
  combinationParams,
  combinations,
  valueLabel,
  type Axis,
  type Combination,
  type GrowthSummary,
} from '../model/sweep.ts';
import { VIEW_NAMES, type ViewName } from '../model/views.ts';
import { encodeSetup } from '../ui/url-state.ts';
import { writeFileAtomic } from './atomic.ts';
import { integerOption, sizeOption, stepsOption, type GridSize } from './flags.ts';
import { checkKnockouts, parseVary } from './sweep-axes.ts';
import { sheetLayout, sheetPng, sheetSvg } from './sweep-sheet.ts';
import type { SweepTask, SweepTaskResult } from './sweep-worker.ts';
import { addTargetOptions, loadTarget, type TargetFlags } from './target-input.ts';

const MAX_STEPS = 100_000;
const PRESETS = resolve(dirname(fileURLToPath(import.meta.url)), '../../presets');

interface SweepOptions extends TargetFlags {
  vary: Axis[];
  steps: number;
  size: GridSize;
  seeds: number;
  view: ViewName;
  fromState?: string;
  out: string;
  workers: number;
}

function buildProgram(): Command {
  const program = new Command('sweep')
    .description('Grow a genome under every combination of regulation values; write a contact sheet and a table.')
    .argument('<genome>', 'a genome (*.genome.json) or a Growing-NCA model (*.json)')
    .addOption(
      new Option(
        '--vary <NAME=VALUES>',
        'a parameter and its values, e.g. top-k=1,2,4 or knockout=none,0,1 (repeatable)',
      )
        .argParser(parseVary)
        .makeOptionMandatory(),
    )
    .addOption(stepsOption('grow', MAX_STEPS))
    .addOption(sizeOption('grid width x height (ignored with --from-state, whose grid is used)'))
    .addOption(integerOption('--seeds <int>', 'growths per combination, fire/noise seeds 0 .. N-1', 1, 1, 100))
    .addOption(
      new Option('--view <name>', 'what the contact sheet shows')
        .default('phenotype')
        .choices(VIEW_NAMES.filter((v) => v !== 'clone')),
    )
    .addOption(
      new Option(
        '--from-state <file>',
        'start every growth from this state (as the app exports it) instead of one seed cell',
      ),
    )
    .addOption(
      new Option('--out <dir>', 'folder to write the sheet and the table to (made if missing)').makeOptionMandatory(),
    )
    .addOption(integerOption('--workers <int>', 'worker threads', availableParallelism(), 1, 64));
  return addTargetOptions(program, false)
    .showHelpAfterError('(run with --help for the flags)')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

function readText(file: string, what: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${flag}: ${file}: cannot read the ${what}: ${(error as Error).message}`);
  }
}

/** `#preset=...&...` for a genome under presets/, else null: the app opens presets by name only. */
function appHash(
  genomeFile: string,
  genome: Genome,
  params: RegulationParams,
  size: GridSize,
  environment: number | null,
): string | null {
  const path = relative(PRESETS, resolve(genomeFile));
  if (path.startsWith('..') || !/\.json$/.test(path)) return null;
  const preset = resolveParams(genome.regulation, expertCount(genome), genomeFile);
  const differs = Object.fromEntries(
    PARAMETER_NAMES.filter((name) => preset[name] !== params[name]).map((name) => [name, params[name]]),
  );
  return encodeSetup({
    preset: path.replace(/(\.genome)?\.json$/, ''),
    seed: 0,
    width: size.width,
    height: size.height,
    params: differs,
    knockouts: params.knockouts,
    ...(environment === null ? {} : { environment }),
  });
}

interface Plan {
  genome: Genome;
  genomeText: string;
  startState: SweepTask['startState'];
  size: GridSize;
  cells: Combination[];
  params: RegulationParams[];
  target: Float32Array | null;
}

/** Everything read and checked before anything runs or is written. */
function plan(file: string, o: SweepOptions): Plan {
  const genomeText = readText(file, 'genome file', 'GENOME');
  const genome = parseGenome(genomeText, file);
  const K = expertCount(genome);
  checkKnockouts(o.vary, K, file);
  if (o.vary.some((axis) => axis.parameter === 'environment'))
    requireEnvironmentSignal(genome, file, "option '--vary <NAME=VALUES>': environment");
  let startState: SweepTask['startState'] = null;
  let size = o.size;
  if (o.fromState) {
    const text = readText(o.fromState, 'state file', "option '--from-state <file>'");
    const grid = parseState(text, o.fromState);
    if (grid.channels !== genome.architecture.channels || grid.experts !== K) {
      throw new Error(
        `option '--from-state <file>': ${o.fromState}: expected a state of ${genome.architecture.channels} channels `
          + `and ${K} experts (${file}), got ${grid.channels} and ${grid.experts}`,
      );
    }
    startState = { file: o.fromState, text };
    size = { width: grid.width, height: grid.height };
  }
  const cells = combinations(o.vary);
  const params = cells.map((c) => combinationParams(genome, K, o.vary, c));
  const target = o.target
    ? loadTarget({ ...o, target: o.target }, size.width, size.height, o.fromState ? 'the --from-state grid' : '--size')
    : null;
  if (existsSync(o.out) && !statSync(o.out).isDirectory())
    throw new Error(`option '--out <dir>': ${o.out} exists and is not a folder`);
  return { genome, genomeText, startState, size, cells, params, target };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function average(summaries: GrowthSummary[]): GrowthSummary {
  return {
    aliveCount: mean(summaries.map((s) => s.aliveCount)),
    typeShares: summaries[0].typeShares.map((_, k) => mean(summaries.map((s) => s.typeShares[k]))),
    meanPotency: mean(summaries.map((s) => s.meanPotency)),
    activeParamFraction: mean(summaries.map((s) => s.activeParamFraction)),
    loss: summaries[0].loss === null ? null : mean(summaries.map((s) => s.loss!)),
  };
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram().parse(argv);
  const file = program.args[0];
  const o = program.opts<SweepOptions>();
  let p: Plan;
  try {
    p = plan(file, o);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const seeds = Array.from({ length: o.seeds }, (_, i) => i);
  const pool = new Tinypool({
    filename: new URL('./sweep-worker-entry.mjs', import.meta.url).href,
    maxThreads: o.workers,
    minThreads: o.workers,
  });
  const bar = process.stderr.isTTY
    ? new SingleBar(
        {
          stream: process.stderr,
          format: 'sweep |{bar}| {value}/{total} growths | eta {eta_formatted}',
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : null;
  bar?.start(p.cells.length * seeds.length, 0);
  const started = performance.now();
  const results = await Promise.all(
    p.cells.map((_, i) =>
      Promise.all(
        seeds.map(async (seed) => {
          const task: SweepTask = {
            genomeFile: file,
            genomeText: p.genomeText,
            startState: p.startState,
            ...p.size,
            params: p.params[i],
            seed,
            environment: combinationEnvironment(o.vary, p.cells[i]),
            steps: o.steps,
            target: p.target,
            view: seed === 0 ? o.view : null,
          };
          const result = (await pool.run(task)) as SweepTaskResult;
          bar?.increment();
          return result;
        }),
      ),
    ),
  );
  bar?.stop();
  await pool.destroy();
  const seconds = (performance.now() - started) / 1000;

  const names = o.vary.map((axis) => axis.label);
  const rows = p.cells.map((cell, i) => ({
    combination: Object.fromEntries(o.vary.map((axis, a) => [axis.label, axis.values[cell[a]]])),
    label: o.vary.map((axis, a) => valueLabel(axis, cell[a])).join(', '),
    params: p.params[i],
    ...average(results[i].map((r) => r.summary)),
    perSeed: results[i].map((r, s) => ({ seed: seeds[s], ...r.summary })),
    url: appHash(file, p.genome, p.params[i], p.size, combinationEnvironment(o.vary, cell)),
  }));
  const K = expertCount(p.genome);
  const header = [
    'index',
    ...names,
    'aliveCount',
    ...Array.from({ length: K }, (_, k) => `typeShare${k}`),
    'meanPotency',
    'activeParamFraction',
    'loss',
    'url',
  ];
  const csv = [
    header.join(','),
    ...rows.map((row, i) =>
      [
        i,
        ...names.map((n) => row.combination[n] ?? 'none'),
        row.aliveCount.toFixed(1),
        ...row.typeShares.map((s) => s.toFixed(4)),
        row.meanPotency.toFixed(4),
        row.activeParamFraction.toFixed(4),
        row.loss === null ? '' : row.loss.toFixed(6),
        row.url ?? '',
      ].join(','),
    ),
  ].join('\n');

  const layout = sheetLayout(o.vary, p.cells.length, p.size.width, p.size.height);
  const png = sheetPng(
    layout,
    results.map((r) => r[0].image!),
    p.size.width,
  );
  const grid = `${p.size.width}x${p.size.height}${o.fromState ? ` from ${o.fromState}` : ''}`;
  const title = `${p.genome.metadata.name || file}: ${o.steps} steps on ${grid}, ${o.view}`;
  mkdirSync(o.out, { recursive: true });
  writeFileAtomic(join(o.out, 'sheet.png'), png);
  writeFileAtomic(join(o.out, 'sheet.svg'), sheetSvg(layout, o.vary, p.cells, png, title));
  writeFileAtomic(join(o.out, 'sweep.csv'), `${csv}\n`);
  const report = {
    genome: file,
    steps: o.steps,
    size: p.size,
    seeds,
    view: o.view,
    fromState: o.fromState ?? null,
    target: o.target ?? null,
    axes: o.vary.map((axis) => ({ name: axis.label, values: axis.values })),
    seconds: Number(seconds.toFixed(2)),
    workers: o.workers,
    rows,
  };
  writeFileAtomic(join(o.out, 'sweep.json'), `${JSON.stringify(report, null, 2)}\n`);
  const summary = { out: o.out, growths: p.cells.length * seeds.length, seconds: report.seconds, workers: o.workers };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
