/**
 * `npm run train -- --config presets/train/NAME.json [flags]`: trains a genome (flags override config
 * fields) and writes it with a report beside it. `--resume CHECKPOINT` continues a run exactly.
 *
 * Beside `out` (NAME.genome.json): NAME.checkpoint.bin (every --checkpoint-every iterations and on Ctrl-C),
 * NAME.log.jsonl (one JSON line per iteration and per event), NAME.report/ (loss.svg, strip.png, types.png,
 * metrics.json, report.md). A progress bar on stderr when it is a terminal; stdout gets a one-line JSON summary.
 *
 * Exit codes: 0 done; 2 bad input (flags, config, images, checkpoint) with nothing written; 130 stopped by
 * Ctrl-C after writing a checkpoint; 1 anything else.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { serializeGenome } from '../model/genome-file.ts';
import type { Genome } from '../model/genome.ts';
import { SEED_MAX } from '../model/hash.ts';
import { BACKENDS, type BackendChoice } from '../train/backend.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../train/checkpoint.ts';
import { applyOverrides, parseTrainConfig, TRAINABLE, type TrainConfig } from '../train/config.ts';
import { cropImage, trainingData, type BodySource, type TissueSource } from '../train/data.ts';
import {
  architectureOf,
  initialGenome,
  initialState,
  paramsOf,
  shardSetup,
  trainLoop,
  type HistoryEntry,
  type TrainerState,
  type TrainingData,
} from '../train/loop.ts';
import { buildReport } from '../train/report.ts';
import { reportMarkdown } from '../train/report-markdown.ts';
import { startRunner } from '../train/shards.ts';
import { genomeWithWeights, weightsForArchitecture } from '../train/weights.ts';
import { writeFileAtomic } from './atomic.ts';
import { integerParser } from './flags.ts';
import { readGenomeFile } from './genome-input.ts';
import { readPng, writePngAtomic } from './png.ts';

interface TrainOptions {
  config?: string;
  resume?: string;
  from?: string;
  out?: string;
  iterations?: number;
  batch?: number;
  pool?: number;
  lr?: number;
  damage?: number;
  reportSteps?: number;
  seed?: number;
  workers?: number;
  train?: string;
  checkpointEvery?: number;
  checkpoint?: string;
  log?: string;
  backend: BackendChoice;
  quiet?: boolean;
  report: boolean;
}

const positive = (text: string) => {
  const value = Number(text);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) || !(value > 0) || value > 1) {
    throw new InvalidArgumentError(`expected a number in (0, 1], got ${JSON.stringify(text)}`);
  }
  return value;
};

function buildProgram(): Command {
  return new Command('train')
    .description('Train a genome on a target image (see presets/train/*.json) and write it with a report.')
    .addOption(new Option('--config <file>', 'training config (JSON); its paths are relative to its folder'))
    .addOption(
      new Option(
        '--resume <checkpoint>',
        'continue the run saved in this checkpoint (its config; flags below still override)',
      ),
    )
    .addOption(
      new Option(
        '--from <genome>',
        "start from this genome's weights (fresh optimiser and pool); its architecture must be the config's",
      ),
    )
    .addOption(new Option('--out <file>', 'genome to write (overrides config out; relative to the current folder)'))
    .addOption(
      new Option('--iterations <int>', 'total iterations (overrides training.iterations)').argParser(
        integerParser(1, 1_000_000),
      ),
    )
    .addOption(
      new Option('--batch <int>', 'grids per iteration (overrides training.batch)').argParser(integerParser(1, 256)),
    )
    .addOption(
      new Option('--pool <int>', 'sample pool size (overrides training.pool)').argParser(integerParser(1, 4096)),
    )
    .addOption(new Option('--lr <number>', 'learning rate (overrides training.lr)').argParser(positive))
    .addOption(
      new Option(
        '--damage <int>',
        'grids of each batch damaged by a random disc (overrides training.damage)',
      ).argParser(integerParser(0, 256)),
    )
    .addOption(
      new Option('--report-steps <int>', 'steps grown before the report measures (overrides report.steps)').argParser(
        integerParser(1, 100_000),
      ),
    )
    .addOption(
      new Option(
        '--seed <int>',
        `seed of weights and every random choice (overrides training.seed), in [0, ${SEED_MAX}]`,
      ).argParser(integerParser(0, SEED_MAX)),
    )
    .addOption(
      new Option(
        '--workers <int>',
        'worker threads, one tfjs each (overrides training.workers; 1 = this thread)',
      ).argParser(integerParser(1, 64)),
    )
    .addOption(
      new Option(
        '--train <weights>',
        'which weights learn: all, gate (the regulatory layer; experts frozen bit for bit), experts'
          + ' (overrides training.train)',
      ).choices(TRAINABLE),
    )
    .addOption(
      new Option(
        '--checkpoint-every <int>',
        'iterations between checkpoints (overrides training.checkpointEvery)',
      ).argParser(integerParser(1, 1_000_000)),
    )
    .addOption(new Option('--checkpoint <file>', 'checkpoint path (default: beside the genome, NAME.checkpoint.bin)'))
    .addOption(new Option('--log <file>', 'JSON-lines log (default: beside the genome, NAME.log.jsonl)'))
    .addOption(
      new Option(
        '--backend <name>',
        'tfjs backend (auto: tensorflow if @tensorflow/tfjs-node imports, else wasm, else cpu)',
      )
        .default('auto')
        .choices(BACKENDS),
    )
    .addOption(new Option('--quiet', 'no progress bar and no backend line'))
    .addOption(new Option('--no-report', 'skip the report (loss curve, strip, type map, metrics)'))
    .showHelpAfterError('(run with --help for the flags)')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the ${what}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: expected a JSON ${what}, but it does not parse: ${(error as Error).message}`);
  }
}

interface Plan {
  config: TrainConfig;
  /** The config as JSON, paths relative to configDir: what the checkpoint and provenance keep. */
  configJson: Record<string, unknown>;
  configDir: string;
  out: string;
  checkpoint: string;
  log: string;
  reportDir: string;
  data: TrainingData;
  resumed: TrainerState | null;
  /** Weights of --from, checked against the config's architecture. */
  from: Float32Array[] | null;
}

function flagOverrides(o: TrainOptions): Record<string, unknown> {
  return {
    'training.iterations': o.iterations,
    'training.batch': o.batch,
    'training.pool': o.pool,
    'training.lr': o.lr,
    'training.damage': o.damage,
    'report.steps': o.reportSteps,
    'training.seed': o.seed,
    'training.workers': o.workers,
    'training.train': o.train,
    'training.checkpointEvery': o.checkpointEvery,
  };
}

function loadImage(path: string, field: string, configFile: string) {
  try {
    return readPng(path);
  } catch (error) {
    throw new Error(`${configFile}: field ${field}: ${(error as Error).message}`);
  }
}

/** Everything read and checked before anything is written: whatever it throws is bad input (exit 2). */
function plan(o: TrainOptions): Plan {
  let configJson: Record<string, unknown>;
  let configDir: string;
  let configFile: string;
  let resumed: TrainerState | null = null;
  if (o.resume) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(o.resume);
    } catch (error) {
      throw new Error(`${o.resume}: cannot read the checkpoint: ${(error as Error).message}`);
    }
    const checkpoint = decodeCheckpoint(bytes, o.resume);
    const saved = checkpoint.config as { json: Record<string, unknown>; dir: string };
    if (o.seed !== undefined || o.batch !== undefined || o.pool !== undefined) {
      throw new Error(
        '--resume: --seed, --batch and --pool cannot change in a resumed run'
          + ' (the pool and random streams depend on them)',
      );
    }
    configJson = saved.json;
    configDir = saved.dir;
    if (o.from) throw new Error('--from: cannot be combined with --resume (a checkpoint already holds its weights)');
    configFile = `${o.resume} (its config)`;
    resumed = checkpoint.state;
  } else {
    if (!o.config) throw new Error("option '--config <file>' is required (or --resume <checkpoint>)");
    const json = readJson(o.config, 'training config');
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new Error(`${o.config}: expected a config object, got ${Array.isArray(json) ? 'an array' : typeof json}`);
    configJson = json as Record<string, unknown>;
    configDir = dirname(resolve(o.config));
    configFile = o.config;
  }
  configJson = applyOverrides(configJson, flagOverrides(o));
  const config = parseTrainConfig(configJson, configFile);
  if (resumed && resumed.iteration > config.training.iterations) {
    throw new Error(
      `--iterations: expected at least the checkpoint's ${resumed.iteration} iterations,`
        + ` got ${config.training.iterations}`,
    );
  }
  const out = o.out ? resolve(o.out) : resolve(configDir, config.out);
  if (!out.endsWith('.genome.json'))
    throw new Error(
      `${configFile}: field out: expected a path ending in .genome.json, got ${JSON.stringify(o.out ?? config.out)}`,
    );
  if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
    throw new Error(
      `${o.out ? '--out' : `${configFile}: field out`}: expected a file in an existing folder,`
        + ` but ${dirname(out)} is not a folder`,
    );
  }
  const base = join(dirname(out), basename(out, '.genome.json'));
  const images = config.target
    ? [{ image: config.target, environment: 0, field: 'target' }]
    : config.bodies!.map((b, i) => ({ image: b.target, environment: b.environment, field: `bodies[${i}].target` }));
  const bodies: BodySource[] = images.map(({ image, environment, field }) => ({
    image: cropImage(
      loadImage(resolve(configDir, image.file), `${field}.file`, configFile),
      image.tile,
      image.tileSize,
      `${configFile}: field ${field}`,
    ),
    environment,
    name: `${configFile}: field ${field} (${image.file})`,
  }));
  const tissue: TissueSource = config.tissue
    ? {
        image: cropImage(
          loadImage(resolve(configDir, config.tissue.file), 'tissue.file', configFile),
          config.tissue.tile,
          config.tissue.tileSize,
          `${configFile}: field tissue`,
        ),
      }
    : config.tissueClusters
      ? { clusters: config.tissueClusters }
      : null;
  const data = trainingData({
    bodies,
    tissue,
    tissueName: config.tissue
      ? `${configFile}: field tissue (${config.tissue.file})`
      : `${configFile}: field tissueClusters`,
    experts: config.architecture.experts.length,
    fields: config.architecture.morphogens,
    grid: config.grid,
    morphogenScale: config.grid.morphogenScale,
  });
  const from = o.from ? startingWeights(o.from, config) : null;
  return {
    config,
    configJson,
    configDir,
    out,
    from,
    checkpoint: o.checkpoint ? resolve(o.checkpoint) : `${base}.checkpoint.bin`,
    log: o.log ? resolve(o.log) : `${base}.log.jsonl`,
    reportDir: `${base}.report`,
    data,
    resumed,
  };
}

/**
 * The weights of a genome file to start from: its architecture the config's, or the config's reading fewer
 * morphogens or with a linear gate where the config's has a hidden layer (weightsForArchitecture).
 */
function startingWeights(file: string, config: TrainConfig): Float32Array[] {
  let genome: Genome;
  try {
    genome = readGenomeFile(file);
  } catch (error) {
    throw new Error(`--from: ${(error as Error).message}`);
  }
  try {
    return weightsForArchitecture(genome, architectureOf(config), config.training.seed).values;
  } catch (error) {
    throw new Error(`--from ${file}: ${(error as Error).message}`);
  }
}

interface Progress {
  update(entry: HistoryEntry, secondsPerIteration: number): void;
  stop(): void;
}

/** The config's target images: its one target, or each body's. */
function targetsOf(config: TrainConfig) {
  return config.target ? [config.target] : config.bodies!.map((b) => b.target);
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  const h = Math.floor(seconds / 3600),
    m = Math.floor((seconds % 3600) / 60),
    s = Math.round(seconds % 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** The line a person reads: iteration, loss, seconds an iteration, time left at that pace. */
function progressLine(entry: HistoryEntry, total: number, secondsPerIteration: number): string {
  return (
    `it ${entry.iteration}/${total} | loss ${entry.loss.toExponential(3)} (rgba ${entry.rgba.toExponential(3)})`
    + ` | lr ${entry.lr.toExponential(1)} | ${secondsPerIteration.toFixed(2)} s/it`
    + ` | eta ${formatDuration((total - entry.iteration) * secondsPerIteration)}`
    + ` | elapsed ${formatDuration(entry.elapsed)}`
  );
}

/**
 * A bar redrawn in place on a terminal; elsewhere (a log file, CI) one plain line every `every` iterations.
 * Nothing with --quiet.
 */
function startProgress(total: number, done: number, quiet: boolean, every: number): Progress | null {
  if (quiet) return null;
  if (!process.stderr.isTTY) {
    return {
      update: (e, spi) => {
        if (e.iteration % every === 0 || e.iteration === total)
          process.stderr.write(`train: ${progressLine(e, total, spi)}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar(
    { stream: process.stderr, format: 'train |{bar}| {line}', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, done, { line: `it ${done}/${total}` });
  return { update: (e, spi) => bar.update(e.iteration, { line: progressLine(e, total, spi) }), stop: () => bar.stop() };
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram().parse(argv);
  const options = program.opts<TrainOptions>();
  let p: Plan;
  try {
    p = plan(options);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const { config } = p;
  const log = (record: Record<string, unknown>) => appendFileSync(p.log, `${JSON.stringify(record)}\n`);
  const state = p.resumed ?? initialState(config, p.from ?? undefined);
  let runner: Awaited<ReturnType<typeof startRunner>>;
  try {
    runner = await startRunner(config.training.workers, shardSetup(config, p.data), options.backend);
  } catch (error) {
    // The backend asked for is not there: bad input, nothing written yet.
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const start = p.resumed
    ? `resuming at iteration ${state.iteration}`
    : p.from
      ? `from ${options.from}`
      : 'from scratch';
  if (!options.quiet) process.stderr.write(`train: ${config.name}, backend ${runner.backend}, ${start}\n`);
  log({
    event: p.resumed ? 'resume' : 'start',
    ...(options.from ? { from: resolve(options.from) } : {}),
    iteration: state.iteration,
    backend: runner.backend,
    config: p.configJson,
    date: new Date().toISOString(),
  });

  // Ctrl-C: finish the iteration, write a checkpoint, exit 130. A second Ctrl-C leaves at once, but only a
  // second later: tsx's launcher relays the terminal's SIGINT again when the first is not acknowledged fast.
  let stop = false;
  let stopAt = 0;
  process.on('SIGINT', () => {
    if (stop && Date.now() - stopAt > 1000) process.exit(130);
    if (!stop) stopAt = Date.now();
    stop = true;
  });
  const saveCheckpoint = (s: TrainerState) => {
    const bytes = encodeCheckpoint({ json: p.configJson, dir: p.configDir }, s, runner.backend);
    writeFileAtomic(p.checkpoint, bytes);
    log({ event: 'checkpoint', iteration: s.iteration, file: p.checkpoint });
  };
  const bar = startProgress(
    config.training.iterations,
    state.iteration,
    options.quiet ?? false,
    config.training.checkpointEvery,
  );
  const recent: number[] = [];
  try {
    await trainLoop(config, p.data, state, runner, {
      shouldStop: () => stop,
      onIteration: (entry) => {
        recent.push(entry.seconds);
        if (recent.length > 20) recent.shift();
        bar?.update(entry, recent.reduce((a, b) => a + b, 0) / recent.length);
        log({ ...entry, time: new Date().toISOString() });
      },
      onCheckpoint: saveCheckpoint,
    });
  } finally {
    bar?.stop();
    await runner.close();
  }
  if (stop && state.iteration < config.training.iterations) {
    log({ event: 'interrupted', iteration: state.iteration });
    if (!options.quiet)
      process.stderr.write(`train: stopped at iteration ${state.iteration}; checkpoint ${p.checkpoint}\n`);
    process.exit(130);
  }

  const last = state.history[state.history.length - 1];
  const genome = genomeWithWeights(initialGenome(config), state.weights);
  genome.metadata = {
    name: config.name,
    description:
      config.description
      || `Trained by npm run train on ${targetsOf(config)
        .map((t) => t.file)
        .join(', ')}.`,
    provenance: {
      trainer: 'epigenesis src/train',
      config: p.configJson,
      iterations: state.iteration,
      ...(options.from ? { from: options.from } : {}),
      finalLoss: last?.loss ?? null,
      finalRgbaLoss: last?.rgba ?? null,
      date: new Date().toISOString(),
      backend: runner.backend,
      morphogens: config.architecture.morphogens,
    },
    ...(config.attribution ? { attribution: config.attribution } : {}),
  };
  writeFileAtomic(p.out, serializeGenome(genome));
  const summary: Record<string, unknown> = {
    out: p.out,
    iterations: state.iteration,
    loss: last?.loss ?? null,
    backend: runner.backend,
  };
  if (options.report) {
    const report = buildReport(
      genome,
      paramsOf(config),
      p.data,
      config.grid.width,
      config.grid.height,
      { ...config.report, seed: config.training.seed },
      state.history,
    );
    mkdirSync(p.reportDir, { recursive: true });
    writeFileAtomic(join(p.reportDir, 'loss.svg'), report.lossSvg);
    writePngAtomic(join(p.reportDir, 'strip.png'), report.strip.width, report.strip.height, report.strip.rgba);
    writePngAtomic(join(p.reportDir, 'types.png'), report.types.width, report.types.height, report.types.rgba);
    for (const { from, to, picture } of report.switchStrips)
      writePngAtomic(join(p.reportDir, `switch-${from}-to-${to}.png`), picture.width, picture.height, picture.rgba);
    writeFileAtomic(
      join(p.reportDir, 'metrics.json'),
      `${JSON.stringify({ name: config.name, strip: config.report.strip, ...report.metrics }, null, 2)}\n`,
    );
    const t = config.target ?? config.bodies![0].target;
    const environment = config.bodies ? ` --environment ${config.bodies[0].environment}` : '';
    const tile = t.tile === undefined ? '' : ` --tile ${t.tile} --tile-size ${t.tileSize}`;
    const targetFlags = `--target ${relative(process.cwd(), resolve(p.configDir, t.file))}${tile}${environment}`;
    writeFileAtomic(
      join(p.reportDir, 'report.md'),
      reportMarkdown(config.name, relative(process.cwd(), p.out), targetFlags, report.metrics),
    );
    summary.report = p.reportDir;
    summary.metrics = {
      loss: report.metrics.sparse.loss,
      denseLoss: report.metrics.dense.loss,
      typeShares: report.metrics.sparse.typeShares,
    };
  }
  log({ event: 'done', ...summary });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
