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
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { serializeGenome } from '../model/genome-file.ts';
import { SEED_MAX } from '../model/hash.ts';
import { BACKENDS } from '../train/backend.ts';
import { encodeCheckpoint } from '../train/checkpoint.ts';
import { TRAINABLE, type TrainConfig } from '../train/config.ts';
import { initialGenome, initialState, shardSetup, trainLoop, type TrainerState } from '../train/loop.ts';
import { startRunner } from '../train/shards.ts';
import { genomeWithWeights } from '../train/weights.ts';
import { writeFileAtomic } from './atomic.ts';
import { integerParser, parseSetting } from './flags.ts';
import { plan, type Plan, type TrainOptions } from './train-plan.ts';
import { startProgress } from './train-progress.ts';
import { writeRunReport } from './train-report.ts';

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
      new Option(
        '--set <field=value>',
        'override any config field, e.g. perturb.grids=0 or loss.tissue=0.02 (repeatable; the value is JSON)',
      ).argParser(parseSetting),
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

/** The config's target images: its one target, or each body's. */
function targetsOf(config: TrainConfig) {
  return config.target ? [config.target] : config.bodies!.map((b) => b.target);
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
  const genome = genomeWithWeights(initialGenome(config), state.average?.weights ?? state.weights);
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
      ...(state.average
        ? { averaged: { from: state.iteration - state.average.count, snapshots: state.average.count } }
        : {}),
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
    summary.report = p.reportDir;
    summary.metrics = writeRunReport(p, genome, state.history);
  }
  log({ event: 'done', ...summary });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
