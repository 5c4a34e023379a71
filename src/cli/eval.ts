/**
 * `npm run eval -- GENOME --target PNG [--tile I] [flags]`: the preset quality measure (src/model/quality.ts)
 * as JSON on stdout: the loss against the target at each of --steps, per seed and their mean, grown from one
 * seed cell with the reference step; with --trials, the perturbation table too; with --regrowth, the regrowth
 * trial of every seed (src/model/regrowth-trial.ts). Thin: parse -> build -> measure -> print.
 *
 * Exit codes: 0 done (or --help); 2 a bad flag, genome or target; 1 anything else.
 */
import { Command, Option } from 'commander';
import { DEFAULT_TRIALS, runTrials } from '../model/perturbation-trials.ts';
import { measureQuality } from '../model/quality.ts';
import { regrowthTrials } from '../model/regrowth-trial.ts';
import { writeFileAtomic } from './atomic.ts';
import {
  integerListParser,
  integerOption,
  integerParser,
  parseOutputPath,
  sizeOption,
  type GridSize,
} from './flags.ts';
import { addTargetOptions, loadTarget, type TargetFlags } from './target-input.ts';
import { addRegulationOptions, headlessGenome, type RegulationFlags } from './regulation-flags.ts';

const MAX_STEPS = 100_000;
/** Steps the organism is followed after the regrowth trial's cut, as in the presets' reports. */
const REGROW_STEPS = 200;

interface EvalOptions extends RegulationFlags, TargetFlags {
  target: string;
  size: GridSize;
  steps: number[];
  seeds: number;
  trials: boolean;
  regrowth?: number;
  out?: string;
}

function buildProgram(): Command {
  const program = new Command('eval')
    .description(
      'Measure a genome against its target: RGBA mean squared error after growing from one seed (reference step), '
        + 'mean over seeds.',
    )
    .argument('<genome>', 'a genome (*.genome.json) or a Growing-NCA model (*.json)');
  addTargetOptions(program, true)
    .addOption(sizeOption())
    .addOption(
      new Option('--steps <list>', 'step counts to measure at')
        .default([96, 200], '96,200')
        .argParser(integerListParser(0, MAX_STEPS)),
    )
    .addOption(integerOption('--seeds <int>', 'growths, with fire/noise seeds 0 .. N-1', 3, 1, 1000))
    .addOption(
      new Option(
        '--trials',
        'also run the perturbation trials (src/model/perturbation-trials.ts) with seed 0: knockouts, forced discs, '
          + 'top-k 1, 30% erased from the right, a disc erased at the centre, 1000 steps alone',
      ),
    )
    .addOption(
      new Option(
        '--regrowth [step]',
        `also cut 30% of each seed's organism away at this step (default 96) and count the steps until its loss is `
          + `back within 1.5x of the loss before, following it ${REGROW_STEPS} steps`,
      )
        .preset('96')
        .argParser(integerParser(1, MAX_STEPS)),
    )
    .addOption(new Option('--out <file.json>', 'also write the JSON to this file').argParser(parseOutputPath));
  return addRegulationOptions(program)
    .showHelpAfterError('(run with --help for the flags)')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

function main(argv: string[]): void {
  const program = buildProgram().parse(argv);
  const file = program.args[0];
  const options = program.opts<EvalOptions>();
  let inputs: ReturnType<typeof headlessGenome>;
  let target: Float32Array;
  try {
    inputs = headlessGenome(file, options);
    target = loadTarget(options, options.size.width, options.size.height);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const { genome, params, environment } = inputs;
  const seeds = Array.from({ length: options.seeds }, (_, i) => i);
  const quality = measureQuality(genome, params, target, { ...options.size, steps: options.steps, seeds, environment });
  const trials = options.trials
    ? runTrials(genome, params, target, { ...options.size, seed: 0, ...DEFAULT_TRIALS, environment })
    : undefined;
  const regrowth =
    options.regrowth === undefined
      ? undefined
      : regrowthTrials(genome, params, target, {
          ...options.size,
          seeds,
          at: options.regrowth,
          regrowSteps: REGROW_STEPS,
          environment,
        });
  const report = {
    genome: file,
    target: options.target,
    ...(options.tile === undefined ? {} : { tile: options.tile }),
    params,
    environment,
    ...quality,
    ...(trials ? { trials } : {}),
    ...(regrowth ? { regrowth } : {}),
  };
  const text = `${JSON.stringify(report)}\n`;
  if (options.out) writeFileAtomic(options.out, text);
  process.stdout.write(text);
}

try {
  main(process.argv);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
