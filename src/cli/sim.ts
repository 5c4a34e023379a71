/**
 * `npm run sim -- FILE [flags]`: the headless run. Grows an organism from one seed cell at the centre with
 * the reference step, saves one view as a PNG and the metrics series as JSON, and prints a one-line JSON
 * summary on stdout. Lineage tracing: --clone marks clones at --clone-at, --erase cuts wounds at
 * --erase-at (after the clones of the same step), and the metrics follow each clone. Thin: parse -> build
 * -> run -> save.
 *
 * Exit codes: 0 done (or --help); 2 a bad flag or a bad/unreadable genome file; 1 anything else (a write).
 */
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import type { Genome } from '../model/genome.ts';
import { SEED_MAX } from '../model/hash.ts';
import { measure, type Metrics } from '../model/metrics.ts';
import type { RegulationParams } from '../model/params.ts';
import { referenceStep } from '../model/reference.ts';
import { createSeededState, type CellState } from '../model/state.ts';
import { VIEW_MEANINGS, VIEW_NAMES, renderView, type ViewName } from '../model/views.ts';
import { writeFileAtomic } from './atomic.ts';
import {
  discParser,
  integerOption,
  parseOutputPath,
  sizeOption,
  stepsOption,
  type DiscFlag,
  type GridSize,
} from './flags.ts';
import { eraseDisc } from '../model/brushes.ts';
import { cloneFates, markClone, MAX_CLONE } from '../model/clones.ts';
import { addRegulationOptions, headlessGenome, type RegulationFlags } from './regulation-flags.ts';
import { writePngAtomic } from './png.ts';

const MAX_STEPS = 1_000_000;

interface SimOptions extends RegulationFlags {
  steps: number;
  clone?: DiscFlag[];
  cloneAt: number;
  erase?: DiscFlag[];
  eraseAt: number;
  size: GridSize;
  seed: number;
  view: ViewName;
  every: number;
  out?: string;
  metrics?: string;
}

function buildProgram(): Command {
  const views = VIEW_NAMES.map((name) => `  ${name.padEnd(10)} ${VIEW_MEANINGS[name]}`).join('\n');
  const program = new Command('sim')
    .description('Grow an organism from one seed cell at the centre (reference step) and save a view and its metrics.')
    .argument('<file>', 'a genome (*.genome.json) or a Growing-NCA model (*.json)')
    .addOption(stepsOption('run', MAX_STEPS))
    .addOption(sizeOption())
    .addOption(integerOption('--seed <int>', `seed of the fire and noise streams, in [0, ${SEED_MAX}]`, 0, 0, SEED_MAX))
    .addOption(
      new Option('--view <name>', 'what --out shows (see Views below)').default('phenotype').choices(VIEW_NAMES),
    )
    .addOption(
      new Option('--out <file.png>', 'write the final grid in --view as a PNG (default: no picture)').argParser(
        parseOutputPath,
      ),
    )
    .addOption(
      new Option('--metrics <file.json>', 'write the metrics series as JSON (default: none)').argParser(
        parseOutputPath,
      ),
    )
    .addOption(integerOption('--every <int>', 'metrics every this many steps (and at the last step)', 10, 1, MAX_STEPS))
    .addOption(
      new Option(
        '--clone <X,Y,R[,LABEL]>',
        `mark the living cells in a disc as a clone (repeatable; LABEL in [1, ${MAX_CLONE}], by default 1, 2, ... `
          + 'in order); --metrics then follows each clone',
      ).argParser(discParser({ maxLabel: MAX_CLONE })),
    )
    .addOption(integerOption('--clone-at <int>', 'the step at which --clone marks', 0, 0, MAX_STEPS))
    .addOption(
      new Option('--erase <X,Y,R>', 'kill the cells in a disc: a wound (repeatable)').argParser(discParser(false)),
    )
    .addOption(
      integerOption(
        '--erase-at <int>',
        'the step at which --erase cuts (after any --clone of that step)',
        0,
        0,
        MAX_STEPS,
      ),
    );
  return (
    addRegulationOptions(program)
      .addHelpText('after', `\nViews:\n${views}`)
      .showHelpAfterError('(run with --help for the flags)')
      // Commander exits 1 on a usage error; bad input is 2 here, help stays 0.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  );
}

interface Progress {
  update(step: number, aliveCount: number): void;
  stop(): void;
}

/** A bar on stderr for a person watching a terminal; piped or logged output gets none. */
function startProgress(total: number): Progress | null {
  if (!process.stderr.isTTY) return null;
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'sim |{bar}| {value}/{total} steps | {alive} alive | eta {eta_formatted}',
      clearOnComplete: true,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { alive: 1 });
  // Ctrl-C mid-run: give the terminal its cursor back before dying.
  process.once('SIGINT', () => {
    bar.stop();
    process.exit(130);
  });
  return { update: (step, alive) => bar.update(step, { alive }), stop: () => bar.stop() };
}

interface RunResult {
  grid: CellState;
  series: Sample[];
  /** Time spent in steps only, so cellUpdatesPerSecond measures the step, not the metrics. */
  seconds: number;
}

/** The metrics of one moment, with each clone's fate when the run traces clones. */
type Sample = Metrics & { clones?: ReturnType<typeof cloneSample> };

function cloneSample(grid: CellState) {
  return cloneFates(grid).map((fate) => ({
    ...fate,
    shares: fate.census.map((n) => Number((n / fate.count).toFixed(4))),
  }));
}

/** The user's strokes of step `step`: clones first, then wounds. */
function applyStrokes(grid: CellState, step: number, options: SimOptions): CellState {
  let next = grid;
  if (step === options.cloneAt)
    (options.clone ?? []).forEach((disc, i) => {
      next = markClone(next, disc, disc.label ?? i + 1);
    });
  if (step === options.eraseAt)
    (options.erase ?? []).forEach((disc) => {
      next = eraseDisc(next, disc);
    });
  return next;
}

async function run(
  genome: Genome,
  params: RegulationParams,
  environment: number,
  options: SimOptions,
): Promise<RunResult> {
  const { steps, every, seed, size } = options;
  const tracing = (options.clone ?? []).length > 0;
  const sample = (grid: CellState): Sample =>
    tracing ? { ...measure(genome, grid), clones: cloneSample(grid) } : measure(genome, grid);
  let grid = applyStrokes(createSeededState(genome, size.width, size.height, environment), 0, options);
  const series = [sample(grid)];
  let seconds = 0;
  const progress = startProgress(steps);
  try {
    for (let step = 1; step <= steps; step++) {
      const start = performance.now();
      grid = referenceStep(genome, params, grid, seed).grid;
      seconds += (performance.now() - start) / 1000;
      const marked = applyStrokes(grid, step, options);
      // A stroke's moment is sampled after the stroke, so the series shows the clones as marked.
      if (marked !== grid || step % every === 0 || step === steps) series.push(sample(marked));
      grid = marked;
      progress?.update(step, series[series.length - 1].aliveCount);
      // Yield to the event loop: the bar redraws on its timer and Ctrl-C is handled mid-run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    progress?.stop();
  }
  return { grid, series, seconds };
}

function save(file: string, genome: Genome, params: RegulationParams, options: SimOptions, result: RunResult): void {
  const { width, height } = options.size;
  if (options.out) writePngAtomic(options.out, width, height, renderView(genome, result.grid, options.view));
  if (options.metrics) {
    const { seed, steps, every } = options;
    const report = {
      file,
      genome: genome.metadata.name,
      size: { width, height },
      seed,
      steps,
      every,
      params,
      series: result.series,
    };
    writeFileAtomic(options.metrics, `${JSON.stringify(report, null, 2)}\n`);
  }
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram().parse(argv);
  const file = program.args[0];
  const options = program.opts<SimOptions>();
  let inputs: ReturnType<typeof headlessGenome>;
  try {
    inputs = headlessGenome(file, options);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const { genome, params, environment } = inputs;
  for (const [flag, at] of [
    ['--clone-at', options.cloneAt],
    ['--erase-at', options.eraseAt],
  ] as const) {
    if (at > options.steps) {
      process.stderr.write(
        `error: option '${flag} <int>': expected a step in [0, --steps ${options.steps}], got ${at}\n`,
      );
      process.exit(2);
    }
  }
  const result = await run(genome, params, environment, options);
  save(file, genome, params, options, result);
  const { width, height } = options.size;
  const summary = {
    file,
    steps: options.steps,
    size: { width, height },
    seconds: Number(result.seconds.toFixed(3)),
    cellUpdatesPerSecond: result.seconds > 0 ? Math.round((options.steps * width * height) / result.seconds) : 0,
    aliveCount: result.series[result.series.length - 1].aliveCount,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
