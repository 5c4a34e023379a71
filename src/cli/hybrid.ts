/**
 * `npm run hybrid -- A.genome.json B.genome.json --out AB.genome.json [--margin N] [--gain G]`: one genome
 * that grows A in environment 0 and B in environment 1, every expert of each parent kept to the bit (see
 * src/train/hybrid.ts). Prints what it wrote as JSON. Thin: parse -> read -> hybridise -> write.
 *
 * Exit codes: 0 done (or --help); 2 a bad flag or genome; 1 anything else.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { serializeGenome } from '../model/genome-file.ts';
import { parameterProblem } from '../model/params.ts';
import { hybridGenome } from '../train/hybrid.ts';
import { writeFileAtomic } from './atomic.ts';
import { DECIMAL, parseOutputPath } from './flags.ts';
import { readGenomeFile } from './genome-input.ts';

interface HybridFlags {
  out: string;
  margin: number;
  gain: number;
}

function parseMargin(text: string): number {
  const value = Number(text);
  if (!DECIMAL.test(text.trim()) || value <= 0 || value > 100) {
    throw new InvalidArgumentError(`expected a number in (0, 100], got ${JSON.stringify(text)}`);
  }
  return value;
}

function parseGain(text: string): number {
  const value = DECIMAL.test(text.trim()) ? Number(text) : text;
  const problem = parameterProblem('morphogenGain', value);
  // A gain of 0 would leave the environment no say at all.
  if (problem ?? value === 0) throw new InvalidArgumentError(problem ?? 'expected a gain above 0, got 0');
  return value as number;
}

function buildProgram(): Command {
  return new Command('hybrid')
    .description(
      'Join two genomes into one that grows the first in environment 0 and the second in environment 1: their '
        + "experts side by side, their linear gates joined, the environment lowering the other parent's logits.",
    )
    .argument('<a>', 'the genome of environment 0 (*.genome.json)')
    .argument('<b>', 'the genome of environment 1 (*.genome.json)')
    .addOption(
      new Option('--out <file.genome.json>', 'the hybrid to write').makeOptionMandatory().argParser(parseOutputPath),
    )
    .addOption(
      new Option('--margin <number>', "how far the environment lowers the other parent's logits")
        .default(12)
        .argParser(parseMargin),
    )
    .addOption(
      new Option('--gain <number>', "the hybrid's morphogen gain (the environment enters the gate times it)")
        .default(4)
        .argParser(parseGain),
    )
    .showHelpAfterError('(run with --help for the flags)')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

function main(argv: string[]): void {
  const program = buildProgram().parse(argv);
  const [fileA, fileB] = program.args;
  const { out, margin, gain } = program.opts<HybridFlags>();
  let hybrid: ReturnType<typeof hybridGenome>;
  try {
    hybrid = hybridGenome(readGenomeFile(fileA), readGenomeFile(fileB), { margin, gain, names: [fileA, fileB] });
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  writeFileAtomic(out, serializeGenome(hybrid));
  const experts = hybrid.architecture.expertHidden.length;
  process.stdout.write(`${JSON.stringify({ out, experts, environment0: fileA, environment1: fileB, margin, gain })}\n`);
}

main(process.argv);
