/**
 * The regulation flags of the headless CLIs (sim, eval): one per live parameter but the frame pacing, and
 * --knockout; and the genome's regulation overridden by those given.
 */
import { Option, type Command } from 'commander';
import { expertCount, type Genome } from '../model/genome.ts';
import { PARAMETER_NAMES, resolveParams, type RegulationParams } from '../model/params.ts';
import { environmentChannels } from '../model/morphogen-fields.ts';
import { environmentOption, parameterOptions, parameterOverrides, parseIndexList } from './flags.ts';
import { readGenomeFile } from './genome-input.ts';

/** stepsPerFrame paces drawing in the app; a headless run draws no frames, so it gets no flag. */
export const HEADLESS_PARAMETERS = PARAMETER_NAMES.filter((name) => name !== 'stepsPerFrame');

export interface RegulationFlags {
  knockout?: number[];
  environment?: number;
  [parameter: string]: unknown;
}

export function addRegulationOptions(program: Command): Command {
  program.addOption(environmentOption());
  program.addOption(
    new Option(
      '--knockout <list>',
      "experts silenced everywhere, e.g. 0,2; replaces the genome's knockouts (default: the genome's, else none)",
    ).argParser(parseIndexList),
  );
  for (const option of parameterOptions(HEADLESS_PARAMETERS)) program.addOption(option);
  return program;
}

/** What a headless run needs from its genome argument and flags; throws naming the file, field or flag. */
export function headlessGenome(
  file: string,
  options: RegulationFlags,
): { genome: Genome; params: RegulationParams; environment: number } {
  const genome = readGenomeFile(file);
  return {
    genome,
    params: regulationFromFlags(genome, options, file),
    environment: environmentFromFlags(genome, options, file),
  };
}

/** Throws, prefixed with `where` (the flag), when `genome` reads no environment signal. */
export function requireEnvironmentSignal(genome: Genome, file: string, where: string): void {
  if (environmentChannels(genome).length === 0) {
    throw new Error(`${where}: ${file} reads no environment signal (its metadata.provenance.morphogens names none)`);
  }
}

/** The --environment value; an error when the genome reads no environment signal. */
export function environmentFromFlags(genome: Genome, options: RegulationFlags, file: string): number {
  if (options.environment === undefined) return 0;
  requireEnvironmentSignal(genome, file, "option '--environment <number>'");
  return options.environment;
}

/** The genome's regulation, overridden by the flags given; the knockout range needs the genome's K. */
export function regulationFromFlags(genome: Genome, options: RegulationFlags, file: string): RegulationParams {
  const experts = expertCount(genome);
  const outOfRange = options.knockout?.find((k) => k >= experts);
  if (outOfRange !== undefined) {
    throw new Error(
      `option '--knockout <list>': expected expert indices in [0, ${experts - 1}] `
        + `(${file} has ${experts} expert${experts === 1 ? '' : 's'}), got ${outOfRange}`,
    );
  }
  return resolveParams(
    {
      ...genome.regulation,
      ...parameterOverrides(options, HEADLESS_PARAMETERS),
      ...(options.knockout ? { knockouts: options.knockout } : {}),
    },
    experts,
    file,
  );
}
