/**
 * Arithmetic of one step per cell, for benchmarks: multiply-adds count 2 FLOPs; perception counts its
 * non-zero taps. Dense layers dominate, so the model's FLOPs follow the parameters a cell evaluates.
 */
import { genomeParameterCount, type Genome } from './genome.ts';
import { KERNELS } from './perception.ts';

export function perceptionFlopsPerCell(genome: Genome): number {
  const taps = genome.architecture.perception.reduce((n, f) => n + KERNELS[f].flat().filter((w) => w !== 0).length, 0);
  return 2 * taps * genome.architecture.channels;
}

/** FLOPs per cell per step for a cell that evaluates `activeParamFraction` of the genome's parameters. */
export function stepFlopsPerCell(genome: Genome, activeParamFraction: number): number {
  return perceptionFlopsPerCell(genome) + 2 * activeParamFraction * genomeParameterCount(genome);
}
