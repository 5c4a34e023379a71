/** Reading the genome a CLI is pointed at: our format or a Growing-NCA model; errors name the file. */
import { readFileSync } from 'node:fs';
import type { Genome } from '../model/genome.ts';
import { parseGenome } from '../model/genome-file.ts';

export function readGenomeFile(file: string): Genome {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the genome file: ${(error as Error).message}`);
  }
  return parseGenome(text, file);
}
